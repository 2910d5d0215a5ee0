import Foundation
import HummingbirdTesting
import TemperPipeline
import TemperSentiment
import Testing
@testable import TemperServer
@testable import TemperStore

/// The shipped sample corpus, ingested as `temper ingest` does, served and read back.
@Suite("The sample corpus, served")
struct SampleCorpusTests {
    static func ingested() throws -> Store {
        let store = try Store(path: ":memory:")
        let pipeline = ConversationPipeline(model: try SentimentModel.shipped)
        _ = try store.ingest(paths: [Fixtures.root.appendingPathComponent("corpora/transcripts.jsonl").path], pipeline: pipeline)
        return store
    }

    func unescaped(_ text: Substring) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The message's text as the page shows it, and the UTF-8 byte ranges inside `<mark>` with
    /// their titles (the grey spans around what the scores left out are read through).
    func shown(_ html: String, message: Int) throws -> (text: String, marks: [(range: Range<Int>, title: String)]) {
        let start = try #require(html.range(of: #"id="m\#(message)">"#))
        let paragraph = try #require(html[start.upperBound...].range(of: #"<p class="text">"#))
        let end = try #require(html[paragraph.upperBound...].range(of: "</p>"))
        var body = html[paragraph.upperBound..<end.lowerBound]
        var text = "", marks: [(Range<Int>, String)] = []
        while !body.isEmpty {
            if let mark = body.prefixMatch(of: /<mark title="([^"]*)">([^<]*)<\/mark>/) {
                let piece = unescaped(mark.2)
                marks.append((text.utf8.count..<text.utf8.count + piece.utf8.count, unescaped(mark.1)))
                text += piece
                body = body[mark.range.upperBound...]
            } else if let aside = body.prefixMatch(of: /<span class="aside [^"]*" title="[^"]*">|<\/span>/) {
                // What the scores left out is wrapped, not changed: the tags hold no text.
                body = body[aside.range.upperBound...]
            } else {
                let next = body.firstIndex(of: "<") ?? body.endIndex
                #expect(next != body.startIndex, "unexpected markup in message \(message): \(body.prefix(40))")
                if next == body.startIndex { break }
                text += unescaped(body[..<next])
                body = body[next...]
            }
        }
        return (text, marks)
    }

    @Test("Every evidence span of the riskiest conversations is marked in its message, byte for byte, titled with its reason")
    func evidenceMarked() async throws {
        let store = try Self.ingested()
        let top = try store.queue({ var filter = QueueFilter(); filter.limit = 15; return filter }())
        #expect(top.total == 343)
        try await Fixtures.app(store).test(.router) { client in
            var checked = 0
            for row in top.rows {
                let conversation = try #require(try store.conversation(id: row.id))
                let html = try await client.page("/conversations/\(FormData.encode(row.id))").body
                for reason in conversation.reasons where reason.end > reason.start {
                    let message = conversation.messages[reason.message]
                    let (text, marks) = try shown(html, message: reason.message)
                    #expect(text == message.text, "\(row.id) message \(reason.message) is shown whole")
                    let code = reason.code.replacingOccurrences(of: "_", with: " ")
                    for byte in reason.start..<min(reason.end, message.text.utf8.count) {
                        #expect(marks.contains { $0.range.contains(byte) && $0.title.contains(code) },
                                "\(row.id) \(reason.code): byte \(byte) not marked")
                    }
                    checked += 1
                }
            }
            #expect(checked > 10)
        }
    }
}
