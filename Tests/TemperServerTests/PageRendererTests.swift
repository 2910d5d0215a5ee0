import Testing
@testable import TemperServer

@Suite("Templates")
struct PageRendererTests {
    @Test("Every template parses")
    func parses() throws {
        _ = try PageRenderer()
    }

    @Test("No template writes a value unescaped ({{{…}}} or {{&…}})")
    func everythingEscaped() {
        for (name, source) in PageRenderer.sources {
            #expect(!source.contains("{{{"), "\(name)")
            #expect(!source.contains("{{&"), "\(name)")
        }
    }

    @Test("No inline style or script: the Content-Security-Policy allows neither")
    func noInlineCode() {
        for (name, source) in PageRenderer.sources {
            #expect(!source.contains("style="), "\(name)")
            #expect(!source.contains("<script"), "\(name)")
            #expect(source.firstMatch(of: /<[^>]*\son[a-z]+\s*=/) == nil, "\(name): an event handler attribute")
        }
    }

    @Test("The error page escapes its message")
    func errorPage() throws {
        let html = try PageRenderer().render(ErrorPageView(pageTitle: "400", status: 400, reason: "Bad Request",
                                                            message: "<script>alert('x')</script>"), as: .error)
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(!html.contains("<script>"))
    }
}
