import ArgumentParser
import Foundation
import TemperReview
import TemperServer
import TemperIO
import TemperStore

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the QA review workspace: the review queue, conversations and calibration in a browser, and a JSON API.",
        discussion: """
        Opens the database 'temper ingest' filled and serves, until interrupted (Ctrl-C):
          /                   the queue: by risk or a random sample, with filters
          /conversations/ID   messages with each reason's evidence marked, the
                              sentiment trajectory, the review form, the history
          /sessions           calibration: blind reviews and their agreement
          /api/...            JSON for every action the pages take (see README)

        Listens on 127.0.0.1 (this machine only) unless --host says otherwise, and prints the \
        address. Listening on any other address needs --token (or TEMPER_TOKEN): every request \
        must then carry it, as 'Authorization: Bearer TOKEN' or through the sign-in page. The \
        server speaks plain HTTP: beyond this machine, put it behind a TLS proxy.

        Reviews are scored against the rubric file (--rubric): categories, scales, weights and \
        a critical category, in YAML (see corpora/qa-rubric.yaml).
        """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("The address to listen on; anything but loopback needs --token.", valueName: "address"))
    var host = "127.0.0.1"

    @Option(help: ArgumentHelp("The port to listen on (0: any free port, printed).", valueName: "port"))
    var port = 8080

    @Option(help: ArgumentHelp("The QA rubric reviews are scored against.", valueName: "file"))
    var rubric = "corpora/qa-rubric.yaml"

    @Option(help: ArgumentHelp(
        "Require this token on every request (at least 16 characters). TEMPER_TOKEN in the environment does the same and keeps the token out of the process list.",
        valueName: "token"))
    var token: String?

    var effectiveToken: String? { token ?? ProcessInfo.processInfo.environment["TEMPER_TOKEN"].flatMap { $0.isEmpty ? nil : $0 } }

    var serverConfiguration: ServerConfiguration { ServerConfiguration(host: host, port: port, token: effectiveToken) }

    func validate() throws {
        do {
            try serverConfiguration.validate()
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() async throws {
        let database = try store.open(create: false)
        guard FileManager.default.fileExists(atPath: self.rubric) else {
            throw RunError("\(self.rubric): no such rubric file (the default is relative to the repository's root): name one with --rubric FILE")
        }
        let rubric: Rubric
        do {
            rubric = try Rubric(contentsOf: self.rubric)
        } catch {
            throw RunError("\(error)")
        }
        let count = try database.conversationCount()
        let configuration = serverConfiguration
        let server = try QAServer(store: BlockingStoreAdapter(database), rubric: rubric, configuration: configuration)
        let host = configuration.host.contains(":") && !configuration.host.hasPrefix("[") ? "[\(configuration.host)]" : configuration.host
        let databasePath = store.path
        let protected = configuration.token != nil
        let loopback = configuration.isLoopback
        do {
            try await server.run { port in
                print("temper: serving \(databasePath) (\(count) conversations) at http://\(host):\(port)/"
                    + (loopback ? " (this machine only)" : "") + (protected ? ", token required" : "") + "; Ctrl-C stops")
                if !loopback { printError("temper: warning: plain HTTP on \(host): put a TLS proxy in front before it crosses a network") }
                fflush(nil)  // every stream: the address must show at once, also through a pipe
            }
        } catch {
            // What stops a server early is nearly always the address (in use, not this machine's).
            throw RunError("the server at \(host):\(configuration.port) stopped: \(error)")
        }
    }
}
