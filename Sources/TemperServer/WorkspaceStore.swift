import Dispatch
import TemperReview
import TemperStore

/// What the server needs from the QA store, asynchronously. `Store` is synchronous (SQLite
/// through GRDB); `BlockingStoreAdapter` runs its calls off the concurrency pool. Tests and
/// other stores plug in here.
public protocol WorkspaceStore: Sendable {
    func conversationCount() async throws -> Int
    func queue(_ filter: QueueFilter) async throws -> QueuePage
    func facets() async throws -> QueueFacets
    func conversation(id: String) async throws -> StoredConversation?
    func reviews(conversationID: String) async throws -> [Review]
    func reviewHistory(conversationID: String) async throws -> [Review]
    func addReview(_ draft: ReviewDraft, rubric: Rubric, revises: Int64?) async throws -> Review
    func createSession(name: String, conversationIDs: [String], reviewers: [String]) async throws -> CalibrationSession
    func sessions() async throws -> [CalibrationSession]
    func session(id: Int64) async throws -> CalibrationSession?
    func sessionReviews(id: Int64) async throws -> [Review]
}

/// Runs a synchronous `Store` on a Dispatch queue made for blocking work, so a slow query
/// holds a Dispatch thread rather than one of the few threads every request task shares.
public struct BlockingStoreAdapter: WorkspaceStore {
    public let store: Store
    private let queue = DispatchQueue(label: "temper.store", qos: .userInitiated, attributes: .concurrent)

    public init(_ store: Store) { self.store = store }

    private func run<T: Sendable>(_ body: @escaping @Sendable (Store) throws -> T) async throws -> T {
        let store = self.store
        return try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body(store) }) }
        }
    }

    public func conversationCount() async throws -> Int { try await run { try $0.conversationCount() } }
    public func queue(_ filter: QueueFilter) async throws -> QueuePage { try await run { try $0.queue(filter) } }
    public func facets() async throws -> QueueFacets { try await run { try $0.facets() } }
    public func conversation(id: String) async throws -> StoredConversation? { try await run { try $0.conversation(id: id) } }
    public func reviews(conversationID: String) async throws -> [Review] { try await run { try $0.reviews(conversationID: conversationID) } }
    public func reviewHistory(conversationID: String) async throws -> [Review] {
        try await run { try $0.reviewHistory(conversationID: conversationID) }
    }
    public func addReview(_ draft: ReviewDraft, rubric: Rubric, revises: Int64?) async throws -> Review {
        try await run { try $0.addReview(draft, rubric: rubric, revises: revises) }
    }
    public func createSession(name: String, conversationIDs: [String], reviewers: [String]) async throws -> CalibrationSession {
        try await run { try $0.createSession(name: name, conversationIDs: conversationIDs, reviewers: reviewers) }
    }
    public func sessions() async throws -> [CalibrationSession] { try await run { try $0.sessions() } }
    public func session(id: Int64) async throws -> CalibrationSession? { try await run { try $0.session(id: id) } }
    public func sessionReviews(id: Int64) async throws -> [Review] { try await run { try $0.sessionReviews(id: id) } }
}
