import Testing
@testable import TemperServer

@Suite("Session submissions")
struct SessionSubmissionTests {
    @Test("Listed ids: separated by spaces, commas or lines; repeats dropped")
    func listed() throws {
        let form = FormData(urlEncoded: "name=W38&reviewers=Ana,+Ben%0AChlo%C3%A9&ids=c1+c2,c3%0Ac1")
        let submission = try SessionSubmission(form: form)
        #expect(submission.name == "W38")
        #expect(submission.reviewers == ["Ana", "Ben", "Chloé"])
        #expect(submission.conversations == .listed(["c1", "c2", "c3"]))
    }

    @Test("Top N of the queue, with the queue's filters")
    func top() throws {
        let form = FormData(urlEncoded: "csrf_token=x&name=W38&reviewers=Ana,Ben&top=5&team=billing&order=sample&seed=9")
        let submission = try SessionSubmission(form: form)
        guard case .top(let count, let query) = submission.conversations else {
            Issue.record("expected top")
            return
        }
        #expect(count == 5)
        #expect(query.filter.team == "billing")
        #expect(query.seed == 9)
    }

    @Test("Refusals", arguments: [
        ("name=&reviewers=Ana,Ben&ids=c1", "give the session a name"),
        ("name=x&reviewers=Ana&ids=c1", "two or more reviewers"),
        ("name=x&reviewers=Ana,Ana&ids=c1", "each reviewer may be named once"),
        ("name=x&reviewers=Ana,Ben", "give the conversations’ ids"),
        ("name=x&reviewers=Ana,Ben&top=500", "top must be a whole number from 1 to 200"),
        ("name=x&reviewers=Ana,Ben&top=3&level=urgent", "level must be one of"),
    ])
    func refusals(_ text: String, _ message: String) {
        #expect {
            try SessionSubmission(form: FormData(urlEncoded: text))
        } throws: { error in
            (error as? RequestError)?.message.contains(message) == true
        }
    }

    @Test("The JSON body: conversations or top with a filter, not both")
    func jsonBody() throws {
        let listed = try SessionRequestBody(name: "x", reviewers: ["A", "B"], conversations: ["c1"], top: nil, filter: nil).submission()
        #expect(listed.conversations == .listed(["c1"]))
        let top = try SessionRequestBody(name: "x", reviewers: ["A", "B"], conversations: nil, top: 3, filter: ["level": "high"]).submission()
        guard case .top(3, let query) = top.conversations else {
            Issue.record("expected top")
            return
        }
        #expect(query.filter.level == "high")
        #expect(throws: RequestError.self) {
            try SessionRequestBody(name: "x", reviewers: ["A", "B"], conversations: ["c1"], top: 3, filter: nil).submission()
        }
        #expect(throws: RequestError.self) {
            try SessionRequestBody(name: "x", reviewers: ["A", "B"], conversations: nil, top: 3, filter: ["limit": "5"]).submission()
        }
    }
}
