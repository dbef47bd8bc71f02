import Foundation
import HTTPTypes
import Hummingbird
import Logging
import StrataCore

/// Turns every error into OpenAI's error JSON with a fitting status and a stable code, logs
/// it, and makes sure no bad input ever surfaces as a bare 500.
struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let strataError = Self.strataError(from: error, path: request.uri.path)
            if strataError.status >= 500 {
                context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            } else {
                context.logger.info("request rejected", metadata: [
                    "path": "\(request.uri.path)", "status": "\(strataError.status)", "code": "\(strataError.code)",
                ])
            }
            var response = request.uri.path.hasPrefix("/v1/messages")
                ? AnthropicErrorResponse.response(for: strataError) : JSONResponse.error(strataError)
            if let traced = error as? TracedError { response.headers[.traceID] = traced.traceID }
            return response
        }
    }

    static func strataError(from error: any Error, path: String) -> StrataError {
        if let error = error as? StrataError { return error }
        if let traced = error as? TracedError { return traced.error }
        if let error = error as? HTTPError {
            switch error.status {
            case .notFound:
                return StrataError(status: 404, type: "invalid_request_error", code: "route_not_found",
                                   message: "No route for \(path). See /openapi.json for the API.")
            case .methodNotAllowed:
                return StrataError(status: 405, type: "invalid_request_error", code: "method_not_allowed",
                                   message: "Method not allowed on \(path).")
            case .contentTooLarge:
                return StrataError(status: 413, type: "invalid_request_error", code: "body_too_large",
                                   message: "Request body is too large.")
            default:
                return StrataError(status: Int(error.status.code), type: "invalid_request_error", code: "http_error",
                                   message: error.body ?? error.status.reasonPhrase)
            }
        }
        if let error = error as? DecodingError {
            return RequestDecoding.describe(error)
        }
        return .internalError("Internal error: \(error)")
    }
}

/// JSON responses with Strata's encoder settings.
enum JSONResponse {
    static func make<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok,
                                   headers: HTTPFields = [:]) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Bytes already encoded as JSON.
    static func raw(_ data: Data, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func error(_ error: StrataError) -> Response {
        var headers: HTTPFields = [:]
        if let retryAfter = error.retryAfter { headers[.retryAfter] = String(retryAfter) }
        return make(error.body, status: HTTPResponse.Status(code: error.status), headers: headers)
    }
}

/// Anthropic's error shape for `/v1/messages` clients.
enum AnthropicErrorResponse {
    static func response(for error: StrataError) -> Response {
        let type: String
        switch error.status {
        case 400: type = "invalid_request_error"
        case 401: type = "authentication_error"
        case 403: type = "permission_error"
        case 404: type = "not_found_error"
        case 413: type = "request_too_large"
        case 429: type = "rate_limit_error"
        case 503, 529: type = "overloaded_error"
        default: type = "api_error"
        }
        let body: JSONValue = ["type": "error", "error": ["type": .string(type), "message": .string(error.message)]]
        var headers: HTTPFields = [:]
        if let retryAfter = error.retryAfter { headers[.retryAfter] = String(retryAfter) }
        return JSONResponse.make(body, status: HTTPResponse.Status(code: error.status), headers: headers)
    }
}
