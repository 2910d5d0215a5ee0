import Foundation
import TemperReview
import TemperSentiment
@testable import TemperStore

enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static let model: SentimentModel = {
        let lexicons = root + "/lexicons"
        return try! SentimentModel.load(lexiconDirectory: lexicons, modelPath: lexicons + "/sentiment.ngram",
                                        calibrationPath: lexicons + "/sentiment.calibration.json")
    }()

    static let rubric = try! Rubric(name: "test", categories: [
        .init(id: "empathy", label: "Empathy", scale: [0, 1, 2, 3, 4], weight: 2),
        .init(id: "compliance", label: "Compliance", scale: [0, 1], critical: true),
    ])

    /// A fresh temporary directory.
    static func directory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("temper-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    static func file(_ name: String, _ contents: String) throws -> String {
        let path = try directory() + "/" + name
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func conversation(_ id: String, risk: Double, team: String? = nil, agent: String? = nil, channel: String? = nil,
                             startedAt: Double? = nil, reasons: [String] = [], drivers: [String] = [],
                             text: String = "It still does not work") -> StoredConversation {
        StoredConversation(
            id: id, channel: channel, agent: agent, team: team, customer: "cust-" + id, startedAt: startedAt, risk: risk,
            level: risk >= 0.5 ? "high" : risk >= 0.25 ? "medium" : "low", flagged: risk >= 0.5, label: "negative", compound: -0.5,
            reasons: reasons.map { StoredReason(code: $0, message: 0, evidence: "still", start: 3, end: 8) },
            drivers: drivers,
            messages: [StoredMessage(index: 0, role: "customer", text: text, at: startedAt, label: "negative", compound: -0.5),
                       StoredMessage(index: 1, role: "agent", text: "Sorry to hear that", at: startedAt.map { $0 + 60 })],
            trajectory: [-0.5], ingestedAt: 1_800_000_000)
    }

    /// `count` conversations with varied risks (some tied), teams, agents, channels, times,
    /// reasons and drivers, deterministic.
    static func corpus(_ count: Int) -> [StoredConversation] {
        (0..<count).map { index in
            let teams = ["billing", "tech", "sales"]
            let reasons: [String] = index % 6 == 0 ? ["churn_threat", "anger"] : index % 6 == 1 ? ["anger"] : []
            let risk = Double((index * 37) % 50) / 50
            let startedAt = 1_790_000_000 + Double(index) * 3_600
            return conversation(String(format: "c%03d", index), risk: risk, team: teams[index % 3], agent: "agent\(index % 5)",
                                channel: index % 4 == 0 ? "email" : "chat", startedAt: startedAt, reasons: reasons,
                                drivers: index % 10 == 0 ? ["billing_error"] : [])
        }
    }

    static func store(_ conversations: [StoredConversation]) throws -> Store {
        let store = try Store(path: ":memory:")
        _ = try store.upsert(conversations)
        return store
    }
}
