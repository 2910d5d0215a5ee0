import Hummingbird
import Logging
import TemperReview
import TemperStore

/// `temper serve`: the QA workspace's pages and JSON API over a store.
///
/// ```swift
/// let server = try QAServer(store: BlockingStoreAdapter(Store(path: "temper.db")),
///                           rubric: Rubric(contentsOf: "corpora/qa-rubric.yaml"),
///                           configuration: ServerConfiguration(port: 8080))
/// try await server.run { port in print("listening on \(port)") }
/// ```
public struct QAServer: Sendable {
    public let configuration: ServerConfiguration
    let workspace: Workspace
    let renderer: PageRenderer
    /// The login cookie's value for this process (with `--token`).
    let sessionValue = Secrets.randomToken()

    /// - Throws: `ConfigurationError` when the configuration is refused (see `validate`).
    public init(store: any WorkspaceStore, rubric: Rubric, configuration: ServerConfiguration) throws {
        try configuration.validate()
        self.configuration = configuration
        workspace = Workspace(store: store, rubric: rubric)
        renderer = try PageRenderer()
    }

    /// The routes behind their middleware: security headers on everything, errors as pages or
    /// JSON, then the token check, then CSRF.
    public func router() -> Router<ServerContext> {
        let router = Router(context: ServerContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ErrorMiddleware(renderer: renderer))
        if let token = configuration.token {
            router.add(middleware: TokenAuthMiddleware(token: token, sessionValue: sessionValue))
        }
        router.add(middleware: CSRFMiddleware())
        QueueRoutes(workspace: workspace, renderer: renderer).register(on: router)
        ConversationRoutes(workspace: workspace, renderer: renderer).register(on: router)
        SessionRoutes(workspace: workspace, renderer: renderer).register(on: router)
        SupportRoutes(workspace: workspace, renderer: renderer, token: configuration.token, sessionValue: sessionValue).register(on: router)
        return router
    }

    /// The application, for running or for HummingbirdTesting.
    /// - Parameter onListening: called with the port once the server listens.
    public func application(logger: Logger? = nil, onListening: @escaping @Sendable (Int) async -> Void = { _ in })
        -> some ApplicationProtocol
    {
        var quiet = Logger(label: "temper.serve")
        quiet.logLevel = .warning
        return Application(
            router: router(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? configuration.port) },
            logger: logger ?? quiet)
    }

    /// Serves until SIGINT or SIGTERM, then finishes the requests in flight.
    public func run(logger: Logger? = nil, onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try await application(logger: logger, onListening: onListening).runService()
    }
}
