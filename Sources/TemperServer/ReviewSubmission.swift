import TemperReview
import TemperStore

/// A review as a reviewer sends it, from the page's form or the API's JSON, checked before it
/// reaches the store: a reviewer's name, a verdict, points on the rubric's scales, a note.
struct ReviewSubmission: Sendable, Equatable, Decodable {
    static let maxReviewerLength = 100
    static let maxNoteLength = 10_000

    var reviewer: String
    var verdict: Verdict
    var scores: [String: Int]
    var note: String
    /// The calibration session the review belongs to.
    var session: Int64?
    /// The reviewer's earlier review this one replaces (an edit).
    var revises: Int64?

    init(reviewer: String, verdict: Verdict, scores: [String: Int] = [:], note: String = "",
                session: Int64? = nil, revises: Int64? = nil) {
        self.reviewer = reviewer; self.verdict = verdict; self.scores = scores; self.note = note
        self.session = session; self.revises = revises
    }

    private enum CodingKeys: String, CodingKey { case reviewer, verdict, scores, note, session, revises }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        reviewer = try container.decode(String.self, forKey: .reviewer)
        let verdictText = try container.decode(String.self, forKey: .verdict)
        guard let verdict = Verdict(rawValue: verdictText) else {
            throw DecodingError.dataCorruptedError(forKey: .verdict, in: container, debugDescription: Self.verdictProblem(verdictText))
        }
        self.verdict = verdict
        scores = try container.decodeIfPresent([String: Int].self, forKey: .scores) ?? [:]
        note = try container.decodeIfPresent(String.self, forKey: .note) ?? ""
        session = try container.decodeIfPresent(Int64.self, forKey: .session)
        revises = try container.decodeIfPresent(Int64.self, forKey: .revises)
    }

    /// Reads the review form: `reviewer`, `verdict`, `score.<category>` (empty: not scored),
    /// `note`, and the hidden `session` and `revises`.
    init(form: FormData) throws(RequestError) {
        guard let verdictText = form.nonEmpty("verdict") else { throw .badRequest("choose a verdict") }
        guard let verdict = Verdict(rawValue: verdictText) else { throw .badRequest(Self.verdictProblem(verdictText)) }
        var scores: [String: Int] = [:]
        for field in form.fields where field.name.hasPrefix("score.") {
            let category = String(field.name.dropFirst("score.".count))
            let value = field.value.trimmingWhitespace
            if value.isEmpty { continue }
            guard let points = Int(value) else { throw .badRequest("\(category): points must be a whole number, not “\(value)”") }
            guard scores.updateValue(points, forKey: category) == nil else { throw .badRequest("\(category) is scored twice") }
        }
        self.init(reviewer: form["reviewer"] ?? "", verdict: verdict, scores: scores, note: form["note"] ?? "",
                  session: try Self.identifier(form.nonEmpty("session"), "session"),
                  revises: try Self.identifier(form.nonEmpty("revises"), "revises"))
    }

    /// Checks what the store cannot know is wrong with a review, and trims the name.
    /// - Throws: `RequestError` (400) for an empty or overlong name or note, and points the
    ///   rubric refuses (unknown categories, points off a scale).
    func validated(against rubric: Rubric) throws(RequestError) -> ReviewSubmission {
        var copy = self
        copy.reviewer = reviewer.trimmingWhitespace
        guard !copy.reviewer.isEmpty else { throw .badRequest("give the reviewer’s name") }
        guard copy.reviewer.count <= Self.maxReviewerLength else { throw .badRequest("the reviewer’s name is longer than \(Self.maxReviewerLength) characters") }
        guard note.count <= Self.maxNoteLength else { throw .badRequest("the note is longer than \(Self.maxNoteLength) characters") }
        do {
            try rubric.validate(scores)
        } catch {
            throw .badRequest("scores: \(error.message)")
        }
        return copy
    }

    func draft(conversationID: String) -> ReviewDraft {
        ReviewDraft(conversationID: conversationID, reviewer: reviewer, verdict: verdict, scores: scores, note: note, sessionID: session)
    }

    static func verdictProblem(_ text: String) -> String {
        "verdict must be one of \(Verdict.allCases.map(\.rawValue).joined(separator: ", ")), not “\(text)”"
    }

    static func identifier(_ text: String?, _ name: String) throws(RequestError) -> Int64? {
        guard let text else { return nil }
        guard let value = Int64(text), value > 0 else { throw .badRequest("\(name) must be a positive whole number, not “\(text)”") }
        return value
    }
}
