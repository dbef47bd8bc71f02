import Foundation
import HTTPTypes
import Hummingbird
import StrataCore
import StrataGateway
import StrataProviders

/// Anthropic's Messages API, served by any configured model.
struct AnthropicRoutes: Sendable {
    let deps: ServerDependencies

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.post("/v1/messages") { request, _ in try await messages(request) }
    }

    func messages(_ request: Request) async throws -> Response {
        let principal = try await deps.principal(of: request)
        let (body, raw) = try await deps.decoding.decodeKeepingBody(AnthropicRequest.self, from: request)
        if body.maxTokens < 1 { throw StrataError.invalidField("max_tokens", "'max_tokens' must be at least 1.") }
        if body.messages.isEmpty { throw StrataError.invalidField("messages", "'messages' must not be empty.") }
        let context = try deps.context(for: request, endpoint: "/v1/messages", principal: principal, body: raw)
        do {
            switch try await deps.pipeline.chat(AnthropicToOpenAI.request(body), context: context) {
            case .response(let response, _, let headers):
                var translated = AnthropicToOpenAI.response(response)
                translated.model = body.model
                return JSONResponse.make(translated, headers: HTTPFields(traceID: context.traceID, extra: headers))
            case .stream(let stream, let headers):
                return SSEResponse.anthropic(stream, model: body.model, headers: HTTPFields(traceID: context.traceID, extra: headers))
            }
        } catch let error as StrataError {
            throw TracedError(error: error, traceID: context.traceID)
        }
    }
}
