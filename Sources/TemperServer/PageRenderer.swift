import Mustache

/// Renders the pages from their Mustache templates, HTML-escaping every value.
struct PageRenderer: Sendable {
    enum Page: String, CaseIterable {
        case queue, conversation, sessions, session, login, error
    }

    static let sources: [String: String] = [
        "layout": LayoutTemplate.source,
        Page.queue.rawValue: QueueTemplate.source,
        Page.conversation.rawValue: ConversationTemplate.source,
        Page.sessions.rawValue: SessionsTemplate.source,
        Page.session.rawValue: SessionTemplate.source,
        Page.login.rawValue: LoginTemplate.source,
        Page.error.rawValue: ErrorTemplate.source,
    ]

    private let library: MustacheLibrary

    /// - Throws: when a template does not parse (a bug, caught by the tests).
    init() throws {
        var library = MustacheLibrary()
        for (name, source) in Self.sources { try library.register(source, named: name) }
        self.library = library
    }

    func render(_ view: Any, as page: Page) -> String {
        // Every template is registered in `init`, so there is always one to render.
        library.render(view, withTemplate: page.rawValue)!
    }
}

struct LoginPageView {
    var pageTitle = "Sign in"
    var csrfToken: String
    var next: String
    var failed: Bool
}

struct ErrorPageView {
    var pageTitle: String
    var status: Int
    var reason: String
    var message: String
}
