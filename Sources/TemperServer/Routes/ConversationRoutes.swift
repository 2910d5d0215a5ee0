import Hummingbird
import TemperStore

/// A conversation and its reviews: the page and its review form, and the API.
struct ConversationRoutes {
    let workspace: Workspace
    let renderer: PageRenderer

    func register(on router: Router<ServerContext>) {
        router.get("/conversations/:id") { request, context in
            let id = try context.pathParameter("id")
            let query = request.queryForm
            let conversation = try await workspace.conversation(id)
            let mode = try await workspace.mode(conversationID: id, session: try ReviewSubmission.identifier(query.nonEmpty("session"), "session"),
                                                reviewer: query["reviewer"])
            let reviews = try await workspace.reviews(of: id, mode: mode)
            var editing: Review?
            if let edit = try ReviewSubmission.identifier(query.nonEmpty("edit"), "edit") {
                guard let review = reviews.current.first(where: { $0.id == edit }) else {
                    throw RequestError.notFound("review #\(edit) is not a current review you can edit here")
                }
                editing = review
            } else if let reviewer = mode.reviewer {
                // Inside a session a reviewer has one review per conversation: the form edits it.
                editing = reviews.current.first { $0.reviewer == reviewer }
            }
            let view = ConversationPageView(conversation: conversation, rubric: workspace.rubric, mode: mode, history: reviews.history,
                                            current: reviews.current, hidSessionReviews: reviews.hidSessionReviews, editing: editing,
                                            reviewerName: ReviewerCookie.read(request), csrfToken: context.csrfToken)
            return Responses.html(renderer.render(view, as: .conversation))
        }

        router.post("/conversations/:id/reviews") { request, context in
            let id = try context.pathParameter("id")
            let submission = try ReviewSubmission(form: try context.requireForm())
            let review = try await workspace.submit(submission, conversationID: id)
            var mode = ReviewMode.open
            if let sessionID = review.sessionID { mode = .blind(session: try await workspace.session(sessionID), reviewer: review.reviewer) }
            var response = Responses.seeOther(ConversationPageView.pageLink(id, mode: mode) + "#history")
            response.setCookie(ReviewerCookie.cookie(review.reviewer))
            return response
        }

        router.get("/api/conversations/:id") { _, context in
            try Responses.json(APIConversation(try await workspace.conversation(try context.pathParameter("id"))))
        }

        router.get("/api/conversations/:id/reviews") { request, context in
            let id = try context.pathParameter("id")
            _ = try await workspace.conversation(id)
            let query = request.queryForm
            let mode = try await workspace.mode(conversationID: id, session: try ReviewSubmission.identifier(query.nonEmpty("session"), "session"),
                                                reviewer: query["reviewer"])
            let reviews = try await workspace.reviews(of: id, mode: mode)
            return try Responses.json(APIReviews(current: reviews.current.map(APIReview.init), history: reviews.history.map(APIReview.init)))
        }

        router.post("/api/conversations/:id/reviews") { request, context in
            var request = request
            let id = try context.pathParameter("id")
            let submission = try await request.decodeJSON(ReviewSubmission.self, context: context)
            let review = try await workspace.submit(submission, conversationID: id)
            var response = try Responses.json(APIReview(review), status: .created)
            response.headers[.location] = "/api/conversations/\(FormData.encode(id))/reviews"
            return response
        }
    }
}
