import Testing
@testable import TemperStore
