import Foundation
import TemperIO

/// The length of reporting periods. Weeks are ISO 8601 weeks (Monday to Sunday, numbered by the
/// year their Thursday falls in), so week labels agree with most BI tools.
public enum PeriodGranularity: String, Codable, Sendable, CaseIterable {
    case day, week, month, quarter
}

/// Assigns instants to reporting periods in one time zone, and names the periods.
///
/// Periods are numbered by consecutive integers (days since 1970-01-01, ISO weeks since the week of
/// 1970-01-05, `year × 12 + month`, `year × 4 + quarter`), so "the previous period" is always
/// `index − 1` and gaps are easy to fill. Local time uses the zone's real UTC offset at that instant
/// (DST included); offsets are cached per 15-minute slot, the granularity at which all real-world
/// zone transitions happen, to keep Foundation out of the per-fact path.
struct PeriodCalendar: Sendable {
    let granularity: PeriodGranularity
    let timeZone: TimeZone
    private var offsetBySlot: [Int: Int] = [:]
    /// The last slot looked up: facts usually arrive in time order, so this hits most of the time.
    private var lastSlot = Int.min
    private var lastOffset = 0
    private static let slotSeconds = 900

    init(granularity: PeriodGranularity, timeZone: TimeZone) {
        self.granularity = granularity
        self.timeZone = timeZone
    }

    /// The index of the period containing `date`.
    mutating func index(of date: Date) -> Int {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let slot = CivilCalendar.floorDiv(seconds, Self.slotSeconds)
        if slot != lastSlot {
            lastSlot = slot
            if let cached = offsetBySlot[slot] {
                lastOffset = cached
            } else {
                lastOffset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(slot * Self.slotSeconds)))
                offsetBySlot[slot] = lastOffset
            }
        }
        let offset = lastOffset
        let day = CivilCalendar.floorDiv(seconds + offset, 86_400)
        switch granularity {
        case .day:
            return day
        case .week:
            return CivilCalendar.floorDiv(day - 4, 7)  // day 4 = Monday 1970-01-05
        case .month, .quarter:
            let civil = CivilCalendar.civil(fromDayNumber: day)
            return granularity == .month ? civil.year * 12 + civil.month - 1 : civil.year * 4 + (civil.month - 1) / 3
        }
    }

    /// `2024-03-04`, `2024-W10`, `2024-03` or `2024-Q1`; these sort chronologically as text.
    func label(of index: Int) -> String {
        let pad = ISO8601Timestamp.pad
        switch granularity {
        case .day:
            let d = CivilCalendar.civil(fromDayNumber: index)
            return "\(pad(d.year, 4))-\(pad(d.month, 2))-\(pad(d.day, 2))"
        case .week:
            let thursday = 4 + 7 * index + 3
            let isoYear = CivilCalendar.civil(fromDayNumber: thursday).year
            let week = (thursday - CivilCalendar.dayNumber(year: isoYear, month: 1, day: 1)) / 7 + 1
            return "\(pad(isoYear, 4))-W\(pad(week, 2))"
        case .month:
            return "\(pad(CivilCalendar.floorDiv(index, 12), 4))-\(pad(CivilCalendar.floorMod(index, 12) + 1, 2))"
        case .quarter:
            return "\(pad(CivilCalendar.floorDiv(index, 4), 4))-Q\(CivilCalendar.floorMod(index, 4) + 1)"
        }
    }

    /// The local calendar date the period starts on, `YYYY-MM-DD`.
    func startDay(of index: Int) -> String {
        let day: Int
        switch granularity {
        case .day: day = index
        case .week: day = 4 + 7 * index
        case .month:
            day = CivilCalendar.dayNumber(year: CivilCalendar.floorDiv(index, 12), month: CivilCalendar.floorMod(index, 12) + 1, day: 1)
        case .quarter:
            day = CivilCalendar.dayNumber(year: CivilCalendar.floorDiv(index, 4), month: CivilCalendar.floorMod(index, 4) * 3 + 1, day: 1)
        }
        return PeriodCalendar(granularity: .day, timeZone: timeZone).label(of: day)
    }
}
