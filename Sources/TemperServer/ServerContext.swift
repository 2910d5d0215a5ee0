import Hummingbird

/// The request context: what the middleware learnt about a request, for the handlers.
public struct ServerContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The CSRF token of this browser (its cookie, or a new one the response sets), for forms.
    var csrfToken = ""
    /// A form body already read (and its CSRF field checked) by `CSRFMiddleware`.
    var form: FormData?
    /// The request carried `Authorization: Bearer` with the server's token: no cookie is
    /// involved, so no CSRF token is needed.
    var authenticatedByBearer = false

    public init(source: Source) { coreContext = .init(source: source) }

    /// Bodies beyond this are refused with 413 before they are read to the end.
    public var maxUploadSize: Int { ServerLimits.maxBodyBytes }
}

enum ServerLimits {
    static let maxBodyBytes = 64 * 1024
}
