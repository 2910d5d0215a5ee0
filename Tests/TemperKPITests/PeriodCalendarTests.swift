import Foundation
import Testing
@testable import TemperKPI

@Suite struct PeriodCalendarTests {
    func label(_ instant: String, _ granularity: PeriodGranularity, _ zone: String = "UTC") -> String {
        var calendar = PeriodCalendar(granularity: granularity, timeZone: TimeZone(identifier: zone)!)
        return calendar.label(of: calendar.index(of: date(instant)))
    }

    @Test func sundayNightUTCIsMondayInBerlin() {
        // 2024-03-10 is a Sunday; 23:30 UTC is 00:30 on Monday the 11th in Berlin (UTC+1 before DST).
        #expect(label("2024-03-10T23:30:00Z", .week) == "2024-W10")
        #expect(label("2024-03-10T23:30:00Z", .week, "Europe/Berlin") == "2024-W11")
        #expect(label("2024-03-10T23:30:00Z", .day, "Europe/Berlin") == "2024-03-11")
        #expect(label("2024-03-10T23:30:00Z", .day, "America/New_York") == "2024-03-10")
    }

    @Test func daylightSavingTimeIsRespected() {
        // Berlin is UTC+2 in summer: 22:30 UTC on 30 June is already 1 July.
        #expect(label("2024-06-30T22:30:00Z", .month, "Europe/Berlin") == "2024-07")
        #expect(label("2024-06-30T21:30:00Z", .month, "Europe/Berlin") == "2024-06")
        #expect(label("2024-01-31T23:30:00Z", .month, "Europe/Berlin") == "2024-02")
    }

    @Test func isoWeeksAtYearBoundaries() {
        #expect(label("2021-01-01T12:00:00Z", .week) == "2020-W53")
        #expect(label("2024-12-30T12:00:00Z", .week) == "2025-W01")
        #expect(label("2026-01-01T00:00:00Z", .week) == "2026-W01")
        #expect(label("2027-01-03T23:59:59Z", .week) == "2026-W53")
        #expect(label("2027-01-04T00:00:00Z", .week) == "2027-W01")
        #expect(label("1970-01-01T00:00:00Z", .week) == "1970-W01")
        #expect(label("1969-12-28T00:00:00Z", .week) == "1969-W52")
    }

    @Test func quartersMonthsAndDays() {
        #expect(label("2024-03-31T23:59:59Z", .quarter) == "2024-Q1")
        #expect(label("2024-04-01T00:00:00Z", .quarter) == "2024-Q2")
        #expect(label("2024-12-31T23:00:00Z", .quarter, "Asia/Tokyo") == "2025-Q1")
        #expect(label("1969-11-15T00:00:00Z", .month) == "1969-11")
        #expect(label("2024-02-29T00:00:00Z", .day) == "2024-02-29")
    }

    @Test func consecutivePeriodsHaveConsecutiveIndexes() {
        var weeks = PeriodCalendar(granularity: .week, timeZone: TimeZone(identifier: "Europe/Berlin")!)
        let monday = weeks.index(of: date("2024-03-11T00:00:00+01:00"))
        let sunday = weeks.index(of: date("2024-03-10T23:59:59+01:00"))
        #expect(monday == sunday + 1)
        #expect(weeks.startDay(of: monday) == "2024-03-11")
        var months = PeriodCalendar(granularity: .month, timeZone: TimeZone(identifier: "UTC")!)
        let december = months.index(of: date("2023-12-15"))
        #expect(months.label(of: december + 1) == "2024-01")
        #expect(months.startDay(of: december + 1) == "2024-01-01")
        let quarters = PeriodCalendar(granularity: .quarter, timeZone: TimeZone(identifier: "UTC")!)
        #expect(quarters.startDay(of: 2024 * 4 + 2) == "2024-07-01")
    }

    @Test func halfHourZones() {
        // India is UTC+5:30: 18:29 UTC is 23:59 local, 18:30 UTC is the next day.
        #expect(label("2024-05-01T18:29:00Z", .day, "Asia/Kolkata") == "2024-05-01")
        #expect(label("2024-05-01T18:30:00Z", .day, "Asia/Kolkata") == "2024-05-02")
    }
}
