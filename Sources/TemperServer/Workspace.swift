import TemperReview
import TemperStore

/// The actions behind both the pages and the JSON API, so the two cannot drift apart: each
/// route reads its request, calls one of these, and renders the result its own way.
struct Workspace: Sendable {
    let store: any WorkspaceStore
    let rubric: Rubric
    let facetsCache = FacetsCache()

    /// The filter menus, at most `FacetsCache`'s lifetime old.
    func facets() async throws -> QueueFacets { try await facetsCache.facets(from: store) }

    func conversation(_ id: String) async throws -> StoredConversation {
        guard let conversation = try await store.conversation(id: id) else {
            throw RequestError.notFound("no conversation “\(id)” in the store")
        }
        return conversation
    }

    func session(_ id: Int64) async throws -> CalibrationSession {
        guard let session = try await store.session(id: id) else { throw RequestError.notFound("no calibration session \(id)") }
        return session
    }

    /// The mode a conversation is seen in: blind inside a session for one of its reviewers.
    func mode(conversationID: String, session sessionID: Int64?, reviewer: String?) async throws -> ReviewMode {
        guard let sessionID else {
            if reviewer != nil { throw RequestError.badRequest("reviewer goes with session") }
            return .open
        }
        let session = try await session(sessionID)
        guard let reviewer = reviewer?.trimmingWhitespace, !reviewer.isEmpty else {
            throw RequestError.badRequest("say which reviewer of session \(sessionID) is reviewing (reviewer=…)")
        }
        guard session.reviewers.contains(reviewer) else {
            throw RequestError.badRequest("“\(reviewer)” is not a reviewer of session “\(session.name)” (\(session.reviewers.joined(separator: ", ")))")
        }
        guard session.conversationIDs.contains(conversationID) else {
            throw RequestError.badRequest("conversation “\(conversationID)” is not part of session “\(session.name)”")
        }
        return .blind(session: session, reviewer: reviewer)
    }

    /// What `mode` may see of a conversation's reviews: every revision, the current ones, and
    /// whether calibration reviews were left out of the open view.
    func reviews(of conversationID: String, mode: ReviewMode) async throws -> (history: [Review], current: [Review], hidSessionReviews: Bool) {
        async let history = store.reviewHistory(conversationID: conversationID)
        async let current = store.reviews(conversationID: conversationID)
        let visible: (Review) -> Bool
        switch mode {
        case .open: visible = { $0.sessionID == nil }
        case .blind(let session, let reviewer): visible = { $0.sessionID == session.id && $0.reviewer == reviewer }
        }
        let all = try await history
        return (all.filter(visible), try await current.filter(visible), mode == .open && all.contains { $0.sessionID != nil })
    }

    /// Checks a review against the rubric and its session, then stores it.
    func submit(_ submission: ReviewSubmission, conversationID: String) async throws -> Review {
        let review = try submission.validated(against: rubric)
        _ = try await conversation(conversationID)
        if let sessionID = review.session {
            _ = try await mode(conversationID: conversationID, session: sessionID, reviewer: review.reviewer)
        }
        if let revises = review.revises {
            let current = try await store.reviews(conversationID: conversationID)
            guard let earlier = current.first(where: { $0.id == revises }) else {
                throw RequestError.init(status: 409, "review #\(revises) is not a current review of this conversation (it may have been edited since)")
            }
            guard earlier.reviewer == review.reviewer else {
                throw RequestError.init(status: 409, "review #\(revises) is \(earlier.reviewer)’s: only its reviewer can edit it")
            }
            guard earlier.sessionID == review.session else {
                throw RequestError.badRequest("review #\(revises) belongs to \(earlier.sessionID.map { "session \($0)" } ?? "no session"): edit it there")
            }
        }
        return try await store.addReview(review.draft(conversationID: conversationID), rubric: rubric, revises: review.revises)
    }

    func createSession(_ submission: SessionSubmission) async throws -> CalibrationSession {
        let ids: [String]
        switch submission.conversations {
        case .listed(let listed):
            ids = listed
        case .top(let count, let query):
            var filter = query.filter
            filter.limit = count
            filter.after = nil
            ids = try await store.queue(filter).rows.map(\.id)
            guard !ids.isEmpty else { throw RequestError.badRequest("no conversations match the queue's filters") }
        }
        return try await store.createSession(name: submission.name, conversationIDs: ids, reviewers: submission.reviewers)
    }

    /// A session with who-has-reviewed-what, and its agreement report when `viewer` may see it.
    func sessionState(_ id: Int64, viewer: String?) async throws -> (CalibrationSession, CalibrationVisibility, CalibrationReport?) {
        let session = try await session(id)
        let reviews = try await store.sessionReviews(id: id)
        let visibility = CalibrationVisibility(session: session, reviews: reviews)
        let report = visibility.reportVisible(to: viewer)
            ? CalibrationReport(ratings: CalibrationVisibility.ratings(reviews, session: session), rubric: rubric)
            : nil
        return (session, visibility, report)
    }
}
