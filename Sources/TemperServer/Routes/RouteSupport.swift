import Foundation
import Hummingbird

extension ServerContext {
    /// A path parameter, percent-decoded (`+` stays a plus in a path).
    func pathParameter(_ name: String) throws -> String {
        guard let raw = parameters.get(name) else { throw RequestError.notFound("there is no page here") }
        return FormData.decodePathSegment(raw[...])
    }

    func sessionParameter() throws -> Int64 {
        let text = try pathParameter("session")
        guard let id = Int64(text), id > 0 else { throw RequestError.notFound("no calibration session “\(text)”") }
        return id
    }

    /// The form body `CSRFMiddleware` read; a POST without one was not sent by a form.
    func requireForm() throws -> FormData {
        guard let form else { throw RequestError(status: 415, "send the form as application/x-www-form-urlencoded") }
        return form
    }
}

extension Request {
    /// The JSON body, read up to the body limit (413 beyond) and decoded (400 when it does not fit).
    mutating func decodeJSON<T: Decodable>(_ type: T.Type, context: ServerContext) async throws -> T {
        guard headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            throw RequestError(status: 415, "send the body as application/json")
        }
        let body = try await collectBody(upTo: context.maxUploadSize)
        return try JSONDecoder().decode(T.self, from: Data(body.readableBytesView))
    }
}

extension FormData {
    static func decodePathSegment(_ text: Substring) -> String {
        decode(text.replacingOccurrences(of: "+", with: "%2B")[...])
    }
}

/// The reviewer's name, remembered by the browser to fill in the next review form.
enum ReviewerCookie {
    static let name = "temper_reviewer"

    static func read(_ request: Request) -> String? {
        request.cookies[name].map { FormData.decode($0.value[...]) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    static func cookie(_ reviewer: String) -> Cookie {
        Cookie(name: name, value: FormData.encode(reviewer), maxAge: 365 * 86_400, path: "/", httpOnly: true, sameSite: .strict)
    }
}
