import Testing
@testable import TemperServer
