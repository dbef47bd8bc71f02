import Foundation
import HTTPTypes
import Hummingbird
import StrataCore
import StrataProviders

/// Writes chunk streams as server-sent events, flushing each event as it comes. A failure
/// mid-stream ends the stream with an error event instead of leaving the client hanging.
enum SSEResponse {
    static var headers: HTTPFields {
        [.contentType: "text/event-stream", .cacheControl: "no-cache", .connection: "keep-alive"]
    }

    static func openAI(_ stream: ChunkStream, headers extra: HTTPFields) -> Response {
        var fields = headers
        fields.append(contentsOf: extra)
        return Response(status: .ok, headers: fields, body: ResponseBody { writer in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.withoutEscapingSlashes]
            do {
                for try await chunk in stream {
                    let data = try encoder.encode(chunk)
                    try await writer.write(event(data: data))
                }
            } catch let error as StrataError {
                try await writer.write(event(data: (try? encoder.encode(error.body)) ?? Data()))
            } catch {
                let failure = StrataError(status: 502, type: "upstream_error", code: "stream_interrupted", message: "\(error)")
                try await writer.write(event(data: (try? encoder.encode(failure.body)) ?? Data()))
            }
            try await writer.write(ByteBuffer(string: "data: [DONE]\n\n"))
            try await writer.finish(nil)
        })
    }

    /// Text-completion streams: the same framing with a different chunk type.
    static func completions(_ stream: AsyncThrowingStream<CompletionResponse, any Error>, headers extra: HTTPFields) -> Response {
        var fields = headers
        fields.append(contentsOf: extra)
        return Response(status: .ok, headers: fields, body: ResponseBody { writer in
            let encoder = JSONEncoder()
            do {
                for try await chunk in stream {
                    try await writer.write(event(data: try encoder.encode(chunk)))
                }
            } catch {
                let failure = (error as? StrataError)
                    ?? StrataError(status: 502, type: "upstream_error", code: "stream_interrupted", message: "\(error)")
                try await writer.write(event(data: (try? encoder.encode(failure.body)) ?? Data()))
            }
            try await writer.write(ByteBuffer(string: "data: [DONE]\n\n"))
            try await writer.finish(nil)
        })
    }

    /// Anthropic framing: `event: <type>` lines, no `[DONE]`.
    static func anthropic(_ stream: ChunkStream, model: String, headers extra: HTTPFields) -> Response {
        var fields = headers
        fields.append(contentsOf: extra)
        return Response(status: .ok, headers: fields, body: ResponseBody { writer in
            let encoder = JSONEncoder()
            var translator = MessagesStreamEncoder(model: model)
            do {
                for try await chunk in stream {
                    for item in translator.events(for: chunk) {
                        try await writer.write(event(name: item.type, data: try encoder.encode(item)))
                    }
                }
                for item in translator.finish() {
                    try await writer.write(event(name: item.type, data: try encoder.encode(item)))
                }
            } catch {
                let message = (error as? StrataError)?.message ?? "\(error)"
                var failure = AnthropicStreamEvent(type: "error")
                failure.error = .init(type: "api_error", message: message)
                try await writer.write(event(name: "error", data: (try? encoder.encode(failure)) ?? Data()))
            }
            try await writer.finish(nil)
        })
    }

    static func event(name: String? = nil, data: Data) -> ByteBuffer {
        var buffer = ByteBuffer()
        if let name { buffer.writeString("event: \(name)\n") }
        buffer.writeString("data: ")
        buffer.writeBytes(data)
        buffer.writeString("\n\n")
        return buffer
    }
}
