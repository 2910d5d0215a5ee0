import Hummingbird

/// With `--token`, every request needs the token: `Authorization: Bearer T` (API clients), or
/// the login cookie a browser gets from the sign-in form or from opening any page once with
/// `?token=T`. The cookie holds a random per-process value, never the token itself, so a
/// restart signs everyone out. Only the sign-in page and the stylesheet are open.
struct TokenAuthMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    static let cookieName = "temper_auth"

    let token: String
    /// The login cookie's value for this process.
    let sessionValue: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let path = request.uri.path
        if path == "/login" || path == "/static/app.css" { return try await next(request, context) }

        if let authorization = request.headers[.authorization] {
            guard authorization.hasPrefix("Bearer "), Secrets.constantTimeEqual(String(authorization.dropFirst("Bearer ".count)), token) else {
                throw RequestError.unauthorized("the Authorization header does not carry this server's token")
            }
            context.authenticatedByBearer = true
            return try await next(request, context)
        }
        if let cookie = request.cookies[Self.cookieName]?.value, Secrets.constantTimeEqual(cookie, sessionValue) {
            return try await next(request, context)
        }
        let query = request.queryForm
        if let given = query["token"] {
            guard Secrets.constantTimeEqual(given, token) else { throw RequestError.unauthorized("that is not this server's token") }
            // The token leaves the address bar (and the history) at once.
            let rest = query.setting("token", nil).urlEncoded
            var response = Responses.seeOther(path + (rest.isEmpty ? "" : "?" + rest))
            response.setCookie(Self.cookie(sessionValue))
            return response
        }
        if request.isAPI || request.method != .get {
            throw RequestError.unauthorized("this server needs its token: send Authorization: Bearer <token>")
        }
        let back = path + (request.uri.query.map { "?" + $0 } ?? "")
        return Responses.seeOther("/login?" + FormData([("next", back)]).urlEncoded)
    }

    static func cookie(_ value: String) -> Cookie {
        Cookie(name: cookieName, value: value, path: "/", httpOnly: true, sameSite: .strict)
    }
}
