import Foundation
import Hummingbird
import TemperStore

/// Turns every error into a response the client can read: a page for the browser, JSON for the
/// API (`{"error": {"status": 400, "message": "…"}}`). Errors the server did not expect are
/// logged and answered with a 500 that reveals nothing.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let renderer: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let (status, message) = Self.describe(error)
            if status.code >= 500 { context.logger.error("\(request.method) \(request.uri.path): \(error)") }
            var response: Response
            if request.isAPI {
                response = try Responses.json(APIError(error: .init(status: status.code, message: message)), status: status)
            } else {
                let view = ErrorPageView(pageTitle: "\(status.code) \(status.reasonPhrase)", status: status.code,
                                         reason: status.reasonPhrase, message: message)
                response = Responses.html(renderer.render(view, as: .error), status: status)
            }
            if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer realm=\"temper\"" }
            return response
        }
    }

    /// The standard status (with its reason phrase) for a code.
    static func status(_ code: Int) -> HTTPResponse.Status {
        let known: [HTTPResponse.Status] = [.badRequest, .unauthorized, .forbidden, .notFound, .methodNotAllowed, .conflict, .contentTooLarge]
        return known.first { $0.code == code } ?? HTTPResponse.Status(code: code, reasonPhrase: "Error")
    }

    static func describe(_ error: any Error) -> (HTTPResponse.Status, String) {
        switch error {
        case let error as RequestError:
            return (status(error.status), error.message)
        case let error as StoreError:
            switch error.kind {
            case .notFound: return (.notFound, error.message)
            case .invalid: return (.badRequest, error.message)
            case .conflict: return (.conflict, error.message)
            }
        case let error as DecodingError:
            return (.badRequest, "the JSON body: " + JSONProblem.describe(error))
        case let error as any HTTPResponseError:
            switch error.status {
            case .contentTooLarge: return (.contentTooLarge, "the request body is larger than \(ServerLimits.maxBodyBytes / 1024) KB")
            case .notFound: return (.notFound, "there is no page here")
            default: return (error.status, (error as? HTTPError)?.body ?? error.status.reasonPhrase)
            }
        default:
            return (.internalServerError, "something went wrong on the server; the server's log has the details")
        }
    }
}

struct APIError: Encodable {
    struct Body: Encodable {
        var status: Int
        var message: String
    }
    var error: Body
}

/// Decoding errors as one line naming the field, not Foundation's debug description.
enum JSONProblem {
    /// The standard status (with its reason phrase) for a code.
    static func status(_ code: Int) -> HTTPResponse.Status {
        let known: [HTTPResponse.Status] = [.badRequest, .unauthorized, .forbidden, .notFound, .methodNotAllowed, .conflict, .contentTooLarge]
        return known.first { $0.code == code } ?? HTTPResponse.Status(code: code, reasonPhrase: "Error")
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.isEmpty ? "" : codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".") + ": "
        }
        switch error {
        case .keyNotFound(let key, let context): return path(context.codingPath) + "“\(key.stringValue)” is missing"
        case .typeMismatch(let type, let context): return path(context.codingPath) + "expected \(Self.name(type))"
        case .valueNotFound(let type, let context): return path(context.codingPath) + "expected \(Self.name(type)), found null"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not valid JSON" : path(context.codingPath) + context.debugDescription
        @unknown default: return "not what was expected"
        }
    }

    private static func name(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "a whole number"
        case is [String].Type: "a list of strings"
        case is [String: Int].Type: "an object of whole numbers"
        case is [String: String].Type: "an object of strings"
        default: "\(type)"
        }
    }
}
