@testable import TemperStore
import Testing
@testable import TemperServer

@Suite("Queue query parameters")
struct QueueParametersTests {
    func query(_ text: String) throws -> QueueParameters { try QueueParameters(FormData(urlEncoded: text), drawSeed: { 42 }) }

    @Test("Filters, dates and limits are read into the store's filter")
    func readsFilters() throws {
        let q = try query("team=billing&agent=Marco+Rossi&channel=chat&level=high&reason=churn_threat&driver=refund&flagged=yes&reviewed=no&from=2026-09-01&to=2026-09-30&limit=20&after=abc")
        #expect(q.filter.team == "billing")
        #expect(q.filter.agent == "Marco Rossi")
        #expect(q.filter.channel == "chat")
        #expect(q.filter.level == "high")
        #expect(q.filter.reason == "churn_threat")
        #expect(q.filter.driver == "refund")
        #expect(q.filter.flagged == true)
        #expect(q.filter.reviewed == false)
        let september1: Double = 1_788_220_800  // 2026-09-01T00:00Z
        #expect(q.filter.from == september1)
        #expect(q.filter.to == september1 + 30 * 86_400, "the end of 30 September, exclusive")
        #expect(q.filter.limit == 20)
        #expect(q.filter.after == "abc")
        #expect(q.filter.order == .risk)
        #expect(!q.queryString().contains("after"))
        #expect(q.queryString(after: "next cursor").hasSuffix("after=next%20cursor"))
    }

    @Test("A time (not a date) for to is taken as it is")
    func timeBound() throws {
        #expect(try query("to=2026-09-01T12:00:00Z").filter.to == 1_788_220_800.0 + 12 * 3600)
    }

    @Test("Blank fields mean no filter, and the default limit is 50")
    func blanks() throws {
        let q = try query("team=&agent=+&level=&flagged=&reviewed=&order=&limit=")
        #expect(q.filter == QueueFilter())
        #expect(q.filter.limit == QueueParameters.defaultLimit)
        #expect(q.queryString() == "")
    }

    @Test("A sample without a seed draws one, and links carry it")
    func sampleSeed() throws {
        let drawn = try query("order=sample")
        #expect(drawn.filter.order == .sample(seed: 42))
        #expect(drawn.queryString().contains("seed=42"))
        let given = try query("order=sample&seed=18446744073709551615")
        #expect(given.seed == UInt64.max)
        #expect(try query("seed=7").filter.order == .risk, "a seed without order=sample is the risk order's")
    }

    @Test("Bad values are 400s naming the parameter", arguments: [
        ("limit=201", "limit must be a whole number from 1 to 200"),
        ("limit=0", "limit must be"),
        ("limit=ten", "limit must be"),
        ("level=urgent", "level must be one of high, medium, low"),
        ("reviewed=maybe", "reviewed must be yes or no"),
        ("flagged=1", "flagged must be yes or no"),
        ("order=newest", "order must be risk or sample"),
        ("order=sample&seed=-1", "seed must be a whole number"),
        ("from=yesterday", "from must be a date"),
        ("from=2026-09-10&to=2026-09-01", "to must come after from"),
    ])
    func refuses(_ text: String, _ message: String) {
        #expect {
            try query(text)
        } throws: { error in
            guard let error = error as? RequestError else { return false }
            return error.status == 400 && error.message.contains(message)
        }
    }
}
