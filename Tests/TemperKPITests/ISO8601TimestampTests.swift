import Foundation
import Testing
@testable import TemperKPI
import TemperIO

@Suite struct ISO8601TimestampTests {
    @Test(arguments: [
        ("2024-03-04T09:12:00Z", 1_709_543_520.0),
        ("2024-03-04T09:12:00z", 1_709_543_520.0),
        ("2024-03-04T09:12:00", 1_709_543_520.0),
        ("2024-03-04 09:12:00", 1_709_543_520.0),
        ("2024-03-04T09:12Z", 1_709_543_520.0),
        ("2024-03-04T10:12:00+01:00", 1_709_543_520.0),
        ("2024-03-04T10:12:00+0100", 1_709_543_520.0),
        ("2024-03-04T04:42:00-04:30", 1_709_543_520.0),
        ("2024-03-04T11:12:00+02", 1_709_543_520.0),
        ("2024-03-04T09:12:00.250Z", 1_709_543_520.25),
        ("2024-03-04T09:12:00,5Z", 1_709_543_520.5),
        ("2024-03-04", 1_709_510_400.0),
        ("1970-01-01T00:00:00Z", 0.0),
        ("1969-12-31T23:59:59Z", -1.0),
        ("2024-02-29T00:00:00Z", 1_709_164_800.0),
    ])
    func parses(text: String, seconds: Double) {
        #expect(ISO8601Timestamp.parse(text)?.timeIntervalSince1970 == seconds)
    }

    @Test(arguments: ["", "2024", "2024-13-01", "2023-02-29", "2024-04-31", "2024-03-04T24:00:00Z", "2024-03-04T09:60Z",
                      "2024-03-04T09:12:00Q", "2024-03-04T09:12:00+1", "2024-03-04T09:12:00.Z", "24-03-04", " 2024-03-04",
                      "2024-03-04T09:12:00Z ", "2024-03-04X09:12"])
    func rejects(text: String) {
        #expect(ISO8601Timestamp.parse(text) == nil)
    }

    @Test func formatsInUTCAndRoundTrips() {
        #expect(ISO8601Timestamp.format(Date(timeIntervalSince1970: 1_709_543_520)) == "2024-03-04T09:12:00Z")
        #expect(ISO8601Timestamp.format(Date(timeIntervalSince1970: 1_709_543_520.25)) == "2024-03-04T09:12:00.250Z")
        #expect(ISO8601Timestamp.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        var rng = SplitMix64(seed: 3)
        for _ in 0..<1_000 {
            let date = Date(timeIntervalSince1970: Double(Int64.random(in: -2_000_000_000_000...4_000_000_000_000, using: &rng)) / 1000)
            #expect(ISO8601Timestamp.parse(ISO8601Timestamp.format(date)) == date)
        }
    }
}
