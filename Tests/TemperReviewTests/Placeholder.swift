import Testing
@testable import TemperReview
