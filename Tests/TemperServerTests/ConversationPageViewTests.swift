import Foundation
import TemperReview
import Testing
@testable import TemperServer
@testable import TemperStore

@Suite("Conversation page rendering")
struct ConversationPageViewTests {
    static let rubric = try! Rubric(name: "R", categories: [Rubric.Category(id: "empathy", label: "Empathy", scale: [0, 1, 2])])

    func render(_ conversation: StoredConversation, history: [Review] = [], mode: ReviewMode = .open, editing: Review? = nil) throws -> String {
        let view = ConversationPageView(conversation: conversation, rubric: Self.rubric, mode: mode, history: history, current: history,
                                        editing: editing, reviewerName: nil, csrfToken: "tok")
        return try PageRenderer().render(view, as: .conversation)
    }

    func conversation(messages: [StoredMessage], reasons: [StoredReason] = [], label: String? = "negative") -> StoredConversation {
        StoredConversation(id: "c1", channel: "chat", agent: "A", team: "T", customer: nil, startedAt: 0, risk: 0.8, level: "high",
                           flagged: true, label: label, compound: -0.5, reasons: reasons, drivers: [], messages: messages,
                           trajectory: [], ingestedAt: 0)
    }

    @Test("Evidence is marked inside the message text, every part escaped")
    func highlightsInPlace() throws {
        let text = "<b>Fine</b> — I'll \"cancel\" now"
        let evidence = "I'll \"cancel\""
        let start = text.utf8.count - " now".utf8.count - evidence.utf8.count
        let html = try render(conversation(
            messages: [StoredMessage(index: 0, role: "customer", text: text, at: nil, label: "negative", compound: -0.6)],
            reasons: [StoredReason(code: "churn_threat", message: 0, evidence: evidence, start: start, end: start + evidence.utf8.count, detail: nil)]))
        #expect(html.contains(#"<p class="text">&lt;b&gt;Fine&lt;/b&gt; — <mark title="churn threat">I&#39;ll &quot;cancel&quot;</mark> now</p>"#))
        #expect(!html.contains("<b>Fine"))
    }

    @Test("What the scores left out shows in grey with its kind: a customer's sign-off and signature, an agent's repeated template")
    func anatomyAsides() throws {
        let customer = "My parcel never arrived.\n\nThanks,\nOlivia"
        let template = "Your ticket number is 4471. Our team will get back to you within 24 hours."
        let html = try render(conversation(messages: [
            StoredMessage(index: 0, role: "customer", text: customer, at: nil, label: "negative", compound: -0.6),
            StoredMessage(index: 1, role: "agent", text: "Sorry to hear that.\n" + template, at: nil, label: nil, compound: nil),
            StoredMessage(index: 2, role: "customer", text: "Still nothing", at: nil, label: "negative", compound: -0.3),
            StoredMessage(index: 3, role: "agent", text: "Checking now.\n" + template.replacingOccurrences(of: "4471", with: "4480"), at: nil, label: nil, compound: nil),
        ]))
        #expect(html.contains(#"<p class="text">My parcel never arrived.\#n\#n<span class="aside aside-closing" title="Sign-off: not read for sentiment or escalation cues">Thanks,\#n</span><span class="aside aside-signature""#), "\(html)")
        #expect(html.contains(#"<span class="aside aside-macro" title="Agent template (repeated in this conversation): not read for sentiment or escalation cues">Your ticket number is 4471."#))
        #expect(html.contains(#"<p class="text">Sorry to hear that.\#n<span class="aside aside-macro""#))
        #expect(html.contains(#"<p class="text">Still nothing</p>"#), "a message of body only has no aside")
        #expect(html.contains("aside-note"))

        let plain = try render(conversation(messages: [StoredMessage(index: 0, role: "customer", text: "Still nothing", at: nil, label: "negative", compound: -0.3)]))
        #expect(!plain.contains(#"<span class="aside"#) && !plain.contains(#"class="muted aside-note""#), "no grey text and no note when nothing was left out")
    }

    @Test("A message without a label shows none (not the conversation's: Mustache looks outwards for missing values)")
    func noLeakFromEnclosingObject() throws {
        let html = try render(conversation(messages: [
            StoredMessage(index: 0, role: "agent", text: "Hello", at: nil, label: nil, compound: nil),
        ], label: "negative"))
        let message = try #require(html.range(of: #"<article class="msg role-agent"#))
        let article = html[message.lowerBound...].prefix { $0 != "/" || true }.prefix(400)
        let end = try #require(article.range(of: "</article>"))
        #expect(!article[..<end.lowerBound].contains("negative"), "\(article[..<end.lowerBound])")
    }

    @Test("Roles other than the known four get a neutral class; times are HH:MM:SS UTC, with the date when the day changes")
    func rolesAndTimes() throws {
        let html = try render(conversation(messages: [
            StoredMessage(index: 0, role: "x\" onmouseover=\"alert(1)", text: "hi", at: 3600 + 61, label: nil, compound: nil),
            StoredMessage(index: 1, role: "agent", text: "next day", at: 86_400 + 5, label: nil, compound: nil),
            StoredMessage(index: 2, role: "agent", text: "same day", at: 86_400 + 65, label: nil, compound: nil),
        ]))
        #expect(html.contains(#"class="msg role-other tone-none""#))
        #expect(html.contains("<time>01:01:01</time>"))
        #expect(html.contains("<time>1970-01-02 00:00:05</time>"), "the day shows when it changes")
        #expect(html.contains("<time>00:01:05</time>"))
        #expect(html.contains("X&quot; onmouseover=&quot;alert(1)"))
    }

    @Test("Editing pre-fills the form and sends revises")
    func editing() throws {
        let review = Review(id: 5, conversationID: "c1", reviewer: "Ana", verdict: .falseAlarm, scores: ["empathy": 2], score: 100,
                            note: "n<1>", sessionID: nil, revises: nil, createdAt: 0)
        let html = try render(conversation(messages: []), history: [review], editing: review)
        #expect(html.contains(#"<input type="hidden" name="revises" value="5">"#))
        #expect(html.contains(#"value="false_alarm" required checked"#))
        #expect(html.contains(#"<option value="2" selected>2</option>"#))
        #expect(html.contains("n&lt;1&gt;</textarea>"))
        #expect(html.contains("Save revision of #5"))
    }
}
