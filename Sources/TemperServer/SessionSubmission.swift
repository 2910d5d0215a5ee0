import TemperStore

/// A new calibration session as a reviewer asks for it: a name, two or more reviewers, and the
/// conversations, either listed or the top of a queue.
struct SessionSubmission: Sendable, Equatable {
    static let maxConversations = QueueParameters.maxLimit
    static let maxReviewers = 20

    enum Conversations: Sendable, Equatable {
        case listed([String])
        /// The first `count` conversations of the queue `query` describes.
        case top(Int, QueueParameters)
    }

    var name: String
    var reviewers: [String]
    var conversations: Conversations

    init(name: String, reviewers: [String], conversations: Conversations) throws(RequestError) {
        self.name = name.trimmingWhitespace
        guard !self.name.isEmpty else { throw .badRequest("give the session a name") }
        guard self.name.count <= 200 else { throw .badRequest("the session name is longer than 200 characters") }
        self.reviewers = reviewers.map(\.trimmingWhitespace).filter { !$0.isEmpty }
        guard self.reviewers.count >= 2 else { throw .badRequest("a calibration session needs two or more reviewers") }
        guard self.reviewers.count <= Self.maxReviewers else { throw .badRequest("a session takes at most \(Self.maxReviewers) reviewers") }
        guard Set(self.reviewers).count == self.reviewers.count else { throw .badRequest("each reviewer may be named once") }
        if let long = self.reviewers.first(where: { $0.count > ReviewSubmission.maxReviewerLength }) {
            throw .badRequest("the reviewer’s name “\(long.prefix(20))…” is longer than \(ReviewSubmission.maxReviewerLength) characters")
        }
        switch conversations {
        case .listed(let ids):
            var seen = Set<String>()
            let unique = ids.filter { seen.insert($0).inserted }
            guard !unique.isEmpty else { throw .badRequest("list the conversations to review") }
            guard unique.count <= Self.maxConversations else { throw .badRequest("a session takes at most \(Self.maxConversations) conversations") }
            self.conversations = .listed(unique)
        case .top(let count, let query):
            guard (1...Self.maxConversations).contains(count) else {
                throw .badRequest("top must be a whole number from 1 to \(Self.maxConversations)")
            }
            self.conversations = .top(count, query)
        }
    }

    /// Reads the session forms: `name`, `reviewers` (separated by commas or lines), and either
    /// `ids` (separated by spaces, commas or lines) or `top` with the queue's filters.
    init(form: FormData) throws(RequestError) {
        let reviewers = (form["reviewers"] ?? "").split(whereSeparator: { $0 == "," || $0.isNewline }).map(String.init)
        if let ids = form.nonEmpty("ids") {
            try self.init(name: form["name"] ?? "", reviewers: reviewers,
                          conversations: .listed(ids.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)))
        } else {
            guard let text = form.nonEmpty("top"), let count = Int(text) else {
                throw .badRequest("give the conversations’ ids, or how many from the top of the queue (top)")
            }
            var filters = form
            for name in ["name", "reviewers", "top", "ids", "csrf_token", "after", "limit"] { filters = filters.setting(name, nil) }
            try self.init(name: form["name"] ?? "", reviewers: reviewers, conversations: .top(count, try QueueParameters(filters)))
        }
    }
}

/// The JSON body of `POST /api/sessions`.
struct SessionRequestBody: Decodable {
    var name: String
    var reviewers: [String]
    var conversations: [String]?
    var top: Int?
    /// Queue filters as in `GET /api/queue` (`{"team": "billing", "level": "high"}`).
    var filter: [String: String]?

    func submission() throws(RequestError) -> SessionSubmission {
        if let conversations {
            guard top == nil, filter == nil else { throw .badRequest("give either conversations or top (with filter), not both") }
            return try SessionSubmission(name: name, reviewers: reviewers, conversations: .listed(conversations))
        }
        guard let top else { throw .badRequest("give conversations (a list of ids) or top (a count, with an optional filter)") }
        let form = FormData((filter ?? [:]).sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) })
        for name in ["after", "limit"] where form[name] != nil { throw .badRequest("filter takes the queue’s filters and order, not \(name)") }
        return try SessionSubmission(name: name, reviewers: reviewers, conversations: .top(top, try QueueParameters(form)))
    }
}
