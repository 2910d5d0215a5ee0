import Hummingbird

/// The stylesheet, the rubric, the CSRF token for API clients, and signing in with `--token`.
struct SupportRoutes {
    let workspace: Workspace
    let renderer: PageRenderer
    let token: String?
    let sessionValue: String

    func register(on router: Router<ServerContext>) {
        router.get("/static/app.css") { _, _ in Responses.stylesheet() }
        router.get("/api/rubric") { _, _ in try Responses.json(APIRubric(workspace.rubric)) }
        router.get("/api/csrf") { _, context in try Responses.json(APICSRF(token: context.csrfToken)) }

        router.get("/login") { request, context in
            guard token != nil else { return Responses.seeOther("/") }
            let view = LoginPageView(csrfToken: context.csrfToken, next: Links.safeReturnPath(request.queryForm["next"]), failed: false)
            return Responses.html(renderer.render(view, as: .login))
        }
        router.post("/login") { _, context in
            guard let token else { return Responses.seeOther("/") }
            let form = try context.requireForm()
            let next = Links.safeReturnPath(form["next"])
            guard let given = form["token"], Secrets.constantTimeEqual(given, token) else {
                let view = LoginPageView(csrfToken: context.csrfToken, next: next, failed: true)
                return Responses.html(renderer.render(view, as: .login), status: .unauthorized)
            }
            var response = Responses.seeOther(next)
            response.setCookie(TokenAuthMiddleware.cookie(sessionValue))
            return response
        }
    }
}
