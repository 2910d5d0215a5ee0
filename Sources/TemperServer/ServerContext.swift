import Hummingbird

/// The request context: what the middleware learnt about a request, for the handlers.
public struct ServerContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The CSRF token of this browser (its cookie, or a new one the response sets), for forms.
    public var csrfToken = ""
    /// A form body already read (and its CSRF field checked) by `CSRFMiddleware`.
    public var form: FormData?
    /// The request carried `Authorization: Bearer` with the server's token: no cookie is
    /// involved, so no CSRF token is needed.
    public var authenticatedByBearer = false

    public init(source: Source) { coreContext = .init(source: source) }

    /// Bodies beyond this are refused with 413 before they are read to the end.
    public var maxUploadSize: Int { ServerLimits.maxBodyBytes }
}

public enum ServerLimits {
    public static let maxBodyBytes = 64 * 1024
}
