import Hummingbird

/// Cross-site request forgery protection by double submission: every browser gets a random
/// token in a `SameSite=Strict` cookie, every form carries it in a hidden field, and a POST is
/// accepted only when the two match. A page of another site can make the browser post but
/// cannot read the token to put in the form. API clients send the token in `X-CSRF-Token`
/// (after `GET /api/csrf`), or authenticate with the bearer token, which no other site can add.
///
/// It also reads form bodies (up to the body limit) for the handlers, since it reads them first.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    static let cookieName = "temper_csrf"
    static let fieldName = "csrf_token"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var request = request
        let existing = request.cookies[Self.cookieName].map(\.value).flatMap { Secrets.isWellFormedToken($0) ? $0 : nil }
        context.csrfToken = existing ?? Secrets.randomToken()

        if request.method != .get && request.method != .head {
            if request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true {
                let body = try await request.collectBody(upTo: context.maxUploadSize)
                context.form = FormData(urlEncoded: String(buffer: body))
            }
            if !context.authenticatedByBearer {
                let submitted = request.headers[.csrfToken] ?? context.form?[Self.fieldName]
                guard let existing, let submitted, Secrets.constantTimeEqual(existing, submitted) else {
                    throw RequestError.forbidden(existing == nil
                        ? "this browser has no CSRF cookie yet: open the page again and resubmit (API clients: GET /api/csrf first)"
                        : "the form's CSRF token does not match this browser's: reload the page and resubmit")
                }
            }
        }
        var response = try await next(request, context)
        if existing == nil {
            response.setCookie(Cookie(name: Self.cookieName, value: context.csrfToken, path: "/", httpOnly: true, sameSite: .strict))
        }
        return response
    }
}
