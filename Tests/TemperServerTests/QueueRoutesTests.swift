import Foundation
import HummingbirdTesting
import Testing
@testable import TemperServer
@testable import TemperStore

@Suite("Queue page and API")
struct QueueRoutesTests {
    /// The `href` of the first link with `rel="next"`, unescaped as a browser would.
    func nextLink(_ html: String) -> String? {
        guard let rel = html.range(of: #"" rel="next""#) else { return nil }
        let before = html[..<rel.lowerBound]
        guard let start = before.range(of: #"href=""#, options: .backwards) else { return nil }
        return String(before[start.upperBound...]).replacingOccurrences(of: "&amp;", with: "&")
    }

    func ids(_ html: String) -> [String] {
        html.matches(of: /<td class="id"><a href="\/conversations\/[^"]+">([^<]+)<\/a>/).map { String($0.1) }
    }

    @Test("Ranked by risk, with the total, level, reasons and review badge; paging by cursor links covers every row once")
    func rankedAndPaged() async throws {
        let store = try Fixtures.store(Fixtures.many(25))
        try await Fixtures.app(store).test(.router) { client in
            let first = try await client.page("/?limit=10")
            #expect(first.status == .ok)
            #expect(first.body.contains("25 conversations"))
            #expect(ids(first.body) == (1...10).map { String(format: "c%03d", $0) })
            #expect(first.body.contains(#"<span class="lvl lvl-high">high</span>"#))
            #expect(first.body.contains(#"<span class="chip">churn threat</span>"#))
            #expect(first.body.contains("not reviewed"))
            var seen = ids(first.body)
            var link = nextLink(first.body)
            while let next = link {
                let page = try await client.page(next)
                #expect(page.status == .ok)
                seen += ids(page.body)
                link = nextLink(page.body)
            }
            #expect(seen == (1...25).map { String(format: "c%03d", $0) })
        }
    }

    @Test("Filters narrow the rows and stay selected in their menus")
    func filters() async throws {
        let store = try Fixtures.store(Fixtures.many(12))
        try await Fixtures.app(store).test(.router) { client in
            let page = try await client.page("/?team=tech&agent=Marco+Rossi")
            #expect(ids(page.body) == ["c006", "c012"])
            #expect(page.body.contains(#"<option value="tech" selected>tech</option>"#))
            #expect(page.body.contains(#"<option value="Marco Rossi" selected>Marco Rossi</option>"#))
            let high = try await client.page("/?level=high")
            #expect(ids(high.body) == ["c001", "c002", "c003", "c004"])
            let dated = try await client.page("/?from=" + "2026-09-03" + "&to=2026-09-04")
            #expect(ids(dated.body).count == 2)
            let none = try await client.page("/?team=nobody")
            #expect(none.body.contains("No conversations match these filters."))
        }
    }

    @Test("A flagged row says so whatever its level, the flag filters the queue, and the API carries it")
    func flaggedBadgeAndFilter() async throws {
        // A calm conversation with a threat is flagged at low risk: the badge is what explains
        // why it sits above riskier, unflagged ones.
        var calm = Fixtures.conversation("calm-threat", risk: 0.1, level: "low")
        calm.flagged = true
        var quiet = Fixtures.conversation("quiet", risk: 0.55, level: "high")
        quiet.reasons = []
        var calmUnflagged = Fixtures.conversation("calm", risk: 0.05, level: "low")
        calmUnflagged.reasons = []
        let store = try Fixtures.store(Fixtures.many(6) + [calm, quiet, calmUnflagged])
        try await Fixtures.app(store).test(.router) { client in
            let page = try await client.page("/")
            #expect(ids(page.body) == ["c001", "c002", "c003", "quiet", "calm-threat", "c004", "c005", "c006", "calm"])
            let badge = #"<span class="lvl lvl-low">low</span> <span class="flag""#
            #expect(page.body.contains(badge))
            #expect(page.body.components(separatedBy: #"<span class="flag""#).count - 1 == 5, "c001–c003 and quiet (risk ≥ 0.5), and the threat")
            #expect(page.body.contains(#"<option value="yes">Flagged</option>"#))
            let flagged = try await client.page("/?flagged=yes")
            #expect(ids(flagged.body) == ["c001", "c002", "c003", "quiet", "calm-threat"])
            #expect(flagged.body.contains(#"<option value="yes" selected>Flagged</option>"#))
            let unflagged = try await client.page("/?flagged=no")
            #expect(ids(unflagged.body) == ["c004", "c005", "c006", "calm"])
            #expect(!unflagged.body.contains(#"<span class="flag""#))
            let bad = try await client.page("/?flagged=maybe")
            #expect(bad.status == .badRequest)
            let api = try await client.json("/api/queue?flagged=yes")
            let rows = try #require(api.object["rows"] as? [[String: Any]])
            #expect(rows.map { $0["id"] as? String } == ["c001", "c002", "c003", "quiet", "calm-threat"])
            #expect(rows.allSatisfy { $0["flagged"] as? Bool == true })
            let conversation = try await client.page("/conversations/calm-threat")
            #expect(conversation.body.contains(#"low risk</span><span class="flag""#))
            let unflaggedConversation = try await client.page("/conversations/c005")
            #expect(!unflaggedConversation.body.contains(#"<span class="flag""#))
            // Flagged by its risk with no cue: the page says where the flag came from.
            let quiet = try await client.page("/conversations/quiet")
            #expect(quiet.body.contains("No cue fired: flagged by its risk alone"))
            #expect(!quiet.body.contains("No escalation reasons found."))
            let calmUnflagged = try await client.page("/conversations/calm")
            #expect(calmUnflagged.body.contains("No escalation reasons found."))
        }
    }

    @Test("A random sample shows its seed, and the same seed gives the same sample")
    func sample() async throws {
        let store = try Fixtures.store(Fixtures.many(30))
        try await Fixtures.app(store).test(.router) { client in
            let drawn = try await client.page("/?order=sample&limit=8")
            let seed = try #require(drawn.body.firstMatch(of: /seed <code>(\d+)<\/code>/)?.1)
            let again = try await client.page("/?order=sample&limit=8&seed=\(seed)")
            #expect(ids(again.body) == ids(drawn.body))
            #expect(ids(drawn.body).count == 8)
            let api = try await client.json("/api/queue?order=sample&limit=8&seed=\(seed)")
            #expect(api.object["seed"] as? String == String(seed))
            #expect(api.object["order"] as? String == "sample")
            #expect((api.object["rows"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ids(drawn.body))
        }
    }

    @Test("The API pages with next/nextURL until the last page, then leaves them out")
    func apiPaging() async throws {
        let store = try Fixtures.store(Fixtures.many(7))
        try await Fixtures.app(store).test(.router) { client in
            var url: String? = "/api/queue?limit=3"
            var seen: [String] = []
            while let next = url {
                let page = try await client.json(next)
                #expect(page.status == .ok)
                #expect(page.object["total"] as? Int == 7)
                seen += (page.object["rows"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                url = page.object["nextURL"] as? String
            }
            #expect(seen == (1...7).map { String(format: "c%03d", $0) })
            let facets = try await client.json("/api/facets")
            #expect(facets.object["teams"] as? [String] == ["billing", "tech"])
            #expect(facets.object["reasons"] as? [String] == ["churn_threat"])
        }
    }

    @Test("Page size beyond 200 and bad parameters are 400s: a page for the browser, JSON for the API")
    func limits() async throws {
        let store = try Fixtures.store(Fixtures.many(3))
        try await Fixtures.app(store).test(.router) { client in
            let page = try await client.page("/?limit=201")
            #expect(page.status == .badRequest)
            #expect(page.body.contains("limit must be a whole number from 1 to 200, not “201”"))
            let api = try await client.execute(uri: "/api/queue?limit=1000", method: .get)
            #expect(api.status == .badRequest)
            #expect(api.headers[.contentType] == "application/json; charset=utf-8")
            let error = api.object["error"] as? [String: Any]
            #expect(error?["status"] as? Int == 400)
            #expect((error?["message"] as? String)?.contains("limit must be") == true)
            #expect(try await client.page("/?limit=200").status == .ok)
            #expect(try await client.page("/?level=<script>").body.contains("not “&lt;script&gt;”"))
        }
    }
}
