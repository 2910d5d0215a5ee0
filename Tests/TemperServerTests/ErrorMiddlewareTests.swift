import Foundation
import Hummingbird
import Testing
@testable import TemperServer
@testable import TemperStore

@Suite("Errors as answers")
struct ErrorMiddlewareTests {
    struct Unexpected: Error {}

    @Test("Each error kind becomes its status, with a message fit to show")
    func statuses() {
        #expect(ErrorMiddleware.describe(RequestError.badRequest("x")) == (.badRequest, "x"))
        #expect(ErrorMiddleware.describe(RequestError(status: 415, "y")).0.code == 415)
        #expect(ErrorMiddleware.describe(StoreError(.notFound, "gone")) == (.notFound, "gone"))
        #expect(ErrorMiddleware.describe(StoreError(.invalid, "bad")) == (.badRequest, "bad"))
        #expect(ErrorMiddleware.describe(StoreError(.conflict, "twice")) == (.conflict, "twice"))
        #expect(ErrorMiddleware.describe(HTTPError(.notFound)).0 == .notFound)
        let unexpected = ErrorMiddleware.describe(Unexpected())
        #expect(unexpected.0 == .internalServerError)
        #expect(!unexpected.1.contains("Unexpected"), "a 500 reveals nothing of the error")
    }

    @Test("JSON decoding errors name the field, not Foundation's debug text")
    func jsonProblems() {
        struct Body: Decodable { var name: String; var scores: [String: Int] }
        func problem(_ json: String) -> String {
            do {
                _ = try JSONDecoder().decode(Body.self, from: Data(json.utf8))
                return "decoded"
            } catch let error as DecodingError {
                return JSONProblem.describe(error)
            } catch {
                return "\(error)"
            }
        }
        #expect(problem(#"{"scores":{}}"#) == "“name” is missing")
        #expect(problem(#"{"name":3,"scores":{}}"#) == "name: expected a string")
        #expect(problem(#"{"name":"a","scores":{"x":"y"}}"#) == "scores.x: expected a whole number")
        #expect(problem("nope") == "not valid JSON")
    }
}
