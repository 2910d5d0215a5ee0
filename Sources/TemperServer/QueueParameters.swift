import TemperIO
import TemperStore

/// The queue's query parameters, read into a `QueueFilter` and written back for links.
///
/// | name | values |
/// |---|---|
/// | team, agent, channel, reason, driver | exact value (see `/api/facets`) |
/// | level | low, medium, high |
/// | from, to | a date (`2026-09-01`, `to` inclusive) or an ISO-8601 time (`to` exclusive) |
/// | flagged | yes, no (empty: all) |
/// | reviewed | yes, no (empty: all) |
/// | order | risk (default: flagged first, then by risk), sample |
/// | seed | the sample's seed, 0…2⁶⁴−1; a sample without one gets a random seed, shown (ignored by risk order) |
/// | limit | rows per page, 1…200 (default 50) |
/// | after | the cursor of the previous page's "next" link |
struct QueueParameters: Sendable, Equatable {
    static let defaultLimit = 50
    static let maxLimit = 200
    static let levels = ["high", "medium", "low"]

    var filter: QueueFilter
    /// The parameters as given (normalised: blanks dropped, a drawn seed added, no cursor), to
    /// build the links of this queue's pages, filters and conversations.
    var parameters: FormData

    var seed: UInt64? {
        if case .sample(let seed) = filter.order { return seed }
        return nil
    }

    /// - Parameter drawSeed: the seed of a sample asked for without one.
    /// - Throws: `RequestError` (400) naming the parameter and what it accepts.
    init(_ form: FormData, drawSeed: () -> UInt64 = { UInt64.random(in: .min ... .max) }) throws(RequestError) {
        var filter = QueueFilter()
        var kept = FormData()
        func keep(_ name: String) -> String? {
            guard let value = form.nonEmpty(name) else { return nil }
            kept.append(name, value)
            return value
        }
        filter.team = keep("team")
        filter.agent = keep("agent")
        filter.channel = keep("channel")
        filter.reason = keep("reason")
        filter.driver = keep("driver")
        if let level = keep("level") {
            guard Self.levels.contains(level) else { throw .badRequest("level must be one of \(Self.levels.joined(separator: ", ")), not “\(level)”") }
            filter.level = level
        }
        if let from = keep("from") { filter.from = try Self.time(from, name: "from", endOfDay: false) }
        if let to = keep("to") { filter.to = try Self.time(to, name: "to", endOfDay: true) }
        if let from = filter.from, let to = filter.to, to <= from {
            throw .badRequest("to must come after from")
        }
        if let flagged = keep("flagged") {
            switch flagged {
            case "yes": filter.flagged = true
            case "no": filter.flagged = false
            default: throw .badRequest("flagged must be yes or no (or empty for all), not “\(flagged)”")
            }
        }
        if let reviewed = keep("reviewed") {
            switch reviewed {
            case "yes": filter.reviewed = true
            case "no": filter.reviewed = false
            default: throw .badRequest("reviewed must be yes or no (or empty for all), not “\(reviewed)”")
            }
        }
        switch form.nonEmpty("order") ?? "risk" {
        case "risk":
            break  // a seed left in the form from a sample means nothing here
        case "sample":
            let seed: UInt64
            if let text = form.nonEmpty("seed") {
                guard let value = UInt64(text) else { throw .badRequest("seed must be a whole number from 0 to 18446744073709551615, not “\(text)”") }
                seed = value
            } else {
                seed = drawSeed()
            }
            filter.order = .sample(seed: seed)
            kept.append("order", "sample")
            kept.append("seed", String(seed))
        case let other:
            throw .badRequest("order must be risk or sample, not “\(other)”")
        }
        if let text = form.nonEmpty("limit") {
            guard let limit = Int(text), (1...Self.maxLimit).contains(limit) else {
                throw .badRequest("limit must be a whole number from 1 to \(Self.maxLimit), not “\(text)”")
            }
            filter.limit = limit
            if limit != Self.defaultLimit { kept.append("limit", text) }
        } else {
            filter.limit = Self.defaultLimit
        }
        filter.after = form.nonEmpty("after")
        self.filter = filter
        self.parameters = kept
    }

    /// The query string of this queue's page after `cursor` (nil: the first page).
    func queryString(after cursor: String? = nil) -> String {
        parameters.setting("after", cursor).urlEncoded
    }

    /// A date means its whole day: `from` its start, `to` the start of the next day (the end is
    /// exclusive). A time is taken as it is.
    static func time(_ text: String, name: String, endOfDay: Bool) throws(RequestError) -> Double {
        guard let seconds = ISO8601.timestamp(text: text) else {
            throw .badRequest("\(name) must be a date like 2026-09-01 or an ISO-8601 time, not “\(text)”")
        }
        let dateOnly = text.utf8.count == 10 && ISO8601.parse(text) != nil
        return endOfDay && dateOnly ? seconds + 86_400 : seconds
    }
}
