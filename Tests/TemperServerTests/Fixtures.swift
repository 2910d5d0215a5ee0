import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TemperPipeline
import TemperReview
import TemperSentiment
import Testing
@testable import TemperServer
@testable import TemperStore

/// A store per test (in memory), conversations made to order, and a client that does what a
/// browser does with the CSRF cookie.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let rubric = try! Rubric(contentsOf: root.appendingPathComponent("corpora/qa-rubric.yaml").path)

    static let hostile = "<script>alert('x')</script>\"'><img src=x onerror=alert(1)> javascript:alert(1)"

    static func message(_ index: Int, _ role: String, _ text: String, label: String? = nil, compound: Double? = nil) -> StoredMessage {
        StoredMessage(index: index, role: role, text: text, at: 1_788_256_800 + Double(index) * 60, label: label, compound: compound)
    }

    /// A conversation whose last customer message carries a churn threat, marked by byte offsets.
    static func conversation(_ id: String, risk: Double = 0.5, level: String = "medium", agent: String = "Priya Natarajan",
                             team: String = "billing", channel: String = "chat", startedAt: Double = 1_788_256_800,
                             threat: String = "I will cancel my account", prefix: String = "Honestly, ") -> StoredConversation {
        let text = prefix + threat + " today."
        let start = prefix.utf8.count
        return StoredConversation(
            id: id, channel: channel, agent: agent, team: team, customer: "cust-1", startedAt: startedAt, risk: risk,
            level: level, flagged: risk >= 0.5, label: "negative", compound: -0.4,
            reasons: [StoredReason(code: "churn_threat", message: 2, evidence: threat, start: start, end: start + threat.utf8.count,
                                   detail: "threatens to leave")],
            messages: [
                message(0, "customer", "Hello, my invoice is wrong.", label: "neutral", compound: 0),
                message(1, "agent", "Let me check that for you."),
                message(2, "customer", text, label: "negative", compound: -0.7),
            ],
            trajectory: [0, -0.7], ingestedAt: 1_788_300_000)
    }

    static func store(_ conversations: [StoredConversation]) throws -> Store {
        let store = try Store(path: ":memory:")
        _ = try store.upsert(conversations)
        return store
    }

    /// `count` conversations c001… with falling risk.
    static func many(_ count: Int) -> [StoredConversation] {
        (1...count).map { (i: Int) -> StoredConversation in
            let risk: Double = 1 - Double(i) / Double(count + 1)
            let level: String = i <= count / 3 ? "high" : (i <= 2 * count / 3 ? "medium" : "low")
            let agent: String = i % 2 == 0 ? "Marco Rossi" : "Priya Natarajan"
            let team: String = i % 3 == 0 ? "tech" : "billing"
            let startedAt: Double = 1_788_256_800 + Double(i) * 86_400
            return conversation(String(format: "c%03d", i), risk: risk, level: level, agent: agent, team: team, startedAt: startedAt)
        }
    }

    static func server(_ store: Store, token: String? = nil) throws -> QAServer {
        try QAServer(store: BlockingStoreAdapter(store), rubric: rubric, configuration: ServerConfiguration(host: "127.0.0.1", port: 0, token: token))
    }

    static func app(_ store: Store, token: String? = nil) throws -> some ApplicationProtocol {
        try server(store, token: token).application()
    }
}

extension TestClientProtocol {
    /// The CSRF token and the cookie header that carries it, as a browser holds them after a GET.
    func csrf() async throws -> (token: String, cookie: String) {
        let response = try await execute(uri: "/api/csrf", method: .get)
        let body = try JSONDecoder().decode([String: String].self, from: Data(response.body.readableBytesView))
        let token = try #require(body["token"])
        let setCookie = try #require(response.headers[.setCookie])
        #expect(setCookie.hasPrefix("temper_csrf=\(token);"))
        #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"))
        return (token, "temper_csrf=\(token)")
    }

    /// Posts a form as the browser would: with the CSRF cookie and its field (unless told otherwise).
    func postForm(_ uri: String, _ fields: [(String, String)], csrf: (token: String, cookie: String)?, field: String? = nil,
                  headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var form = FormData(fields.map { (name: $0.0, value: $0.1) })
        if let token = field ?? csrf?.token { form.append("csrf_token", token) }
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let csrf { headers[.cookie] = csrf.cookie }
        headers.append(contentsOf: extra)
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: form.urlEncoded))
    }

    func postJSON(_ uri: String, _ json: String, csrf: (token: String, cookie: String)?, headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let csrf {
            headers[.cookie] = csrf.cookie
            headers[HTTPField.Name("X-CSRF-Token")!] = csrf.token
        }
        headers.append(contentsOf: extra)
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: json))
    }

    func page(_ uri: String, headers: HTTPFields = [:]) async throws -> (status: HTTPResponse.Status, body: String) {
        let response = try await execute(uri: uri, method: .get, headers: headers)
        return (response.status, String(buffer: response.body))
    }

    func json(_ uri: String, headers: HTTPFields = [:]) async throws -> (status: HTTPResponse.Status, object: [String: Any]) {
        let response = try await execute(uri: uri, method: .get, headers: headers)
        let object = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any] ?? [:]
        return (response.status, object)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var object: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]) ?? [:] }
}
