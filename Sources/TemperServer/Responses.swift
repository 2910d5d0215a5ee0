import Foundation
import Hummingbird

/// The response forms the handlers use: pages, JSON, redirects, the stylesheet.
enum Responses {
    static func html(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder.encode(value)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// 303: after a form POST the browser GETs the result, so reloading does not post again.
    static func seeOther(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    static func stylesheet() -> Response {
        Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
                 body: .init(byteBuffer: ByteBuffer(string: Stylesheet.css)))
    }
}

extension Request {
    /// Whether the request is for the JSON API (errors answer in JSON there).
    var isAPI: Bool { uri.path == "/api" || uri.path.hasPrefix("/api/") }

    /// The query string's fields.
    var queryForm: FormData { FormData(urlEncoded: uri.query ?? "") }
}
