import Hummingbird

/// Calibration sessions: the list and its form, a session's page with its report, and the API.
struct SessionRoutes {
    let workspace: Workspace
    let renderer: PageRenderer

    func register(on router: Router<ServerContext>) {
        router.get("/sessions") { _, context in
            let view = SessionsPageView(sessions: try await workspace.store.sessions(), csrfToken: context.csrfToken)
            return Responses.html(renderer.render(view, as: .sessions))
        }
        router.post("/sessions") { _, context in
            let session = try await workspace.createSession(try SessionSubmission(form: try context.requireForm()))
            return Responses.seeOther(Links.session(session.id))
        }
        router.get("/sessions/:session") { request, context in
            let viewer = request.queryForm.nonEmpty("reviewer")
            let (session, visibility, report) = try await workspace.sessionState(try context.sessionParameter(), viewer: viewer)
            let view = SessionPageView(session: session, visibility: visibility, report: report, viewer: viewer)
            return Responses.html(renderer.render(view, as: .session))
        }

        router.get("/api/sessions") { _, _ in
            try Responses.json(try await workspace.store.sessions().map { APISession($0) })
        }
        router.post("/api/sessions") { request, context in
            var request = request
            let body = try await request.decodeJSON(SessionRequestBody.self, context: context)
            let session = try await workspace.createSession(try body.submission())
            var response = try Responses.json(APISession(session), status: .created)
            response.headers[.location] = "/api/sessions/\(session.id)"
            return response
        }
        router.get("/api/sessions/:session") { request, context in
            let viewer = request.queryForm.nonEmpty("reviewer")
            let (session, visibility, report) = try await workspace.sessionState(try context.sessionParameter(), viewer: viewer)
            return try Responses.json(APISession(session, visibility: visibility, report: report, viewer: viewer))
        }
    }
}
