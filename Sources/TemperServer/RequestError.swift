/// A request the server refuses, with the status and a message fit to show the person who sent it.
/// Pure parts (query parsing, form reading, CSRF and token checks) throw this; the error
/// middleware turns it into an HTML page or a JSON body.
struct RequestError: Error, Sendable, Equatable, CustomStringConvertible {
    var status: Int
    var message: String
    var description: String { message }

    init(status: Int, _ message: String) { self.status = status; self.message = message }

    static func badRequest(_ message: String) -> RequestError { .init(status: 400, message) }
    static func unauthorized(_ message: String) -> RequestError { .init(status: 401, message) }
    static func forbidden(_ message: String) -> RequestError { .init(status: 403, message) }
    static func notFound(_ message: String) -> RequestError { .init(status: 404, message) }
}
