import Testing
import TemperIO

@Suite("ISO-8601")
struct ISO8601Tests {
    @Test("ISO-8601 timestamps the readers meet, to epoch seconds and back")
    func timestamps() {
        #expect(ISO8601.parse("1970-01-01T00:00:00Z") == 0)
        #expect(ISO8601.parse("2026-10-05T09:14:03Z") == 1_791_191_643)
        #expect(ISO8601.parse("2026-10-05T11:14:03+02:00") == 1_791_191_643)
        #expect(ISO8601.parse("2026-10-05 09:14:03.5") == 1_791_191_643.5)
        #expect(ISO8601.parse("2024-02-29") != nil)
        for bad in ["2026-02-30T00:00:00Z", "2026-10-05T24:00:00Z", "yesterday", "2026-10-05T09:14:03Zjunk", ""] {
            #expect(ISO8601.parse(bad) == nil, "\(bad)")
        }
        #expect(ISO8601.format(1_791_191_643) == "2026-10-05T09:14:03Z")
    }
}
