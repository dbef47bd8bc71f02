import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import StrataCore

/// Reads JSON request bodies with a size limit and turns every decoding failure into a 400
/// that names the offending field.
struct RequestDecoding: Sendable {
    let maxBodyBytes: Int

    func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        try await decodeKeepingBody(type, from: request).value
    }

    /// The decoded value and the body text, so a trace can keep the body without encoding it again.
    func decodeKeepingBody<T: Decodable>(_ type: T.Type, from request: Request) async throws -> (value: T, body: String) {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: maxBodyBytes)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw StrataError.bodyTooLarge(limit: maxBodyBytes)
        } catch is NIOTooManyBytesError {
            throw StrataError.bodyTooLarge(limit: maxBodyBytes)
        }
        let data = Data(buffer.readableBytesView)
        if data.isEmpty { throw StrataError.invalidJSON("the body is empty") }
        do {
            return (try JSONDecoder().decode(type, from: data), String(decoding: data, as: UTF8.self))
        } catch let error as DecodingError {
            // Syntax errors have no coding path: tell them apart from field errors only then.
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
                throw StrataError.invalidJSON("check quotes, commas and brackets")
            }
            throw Self.describe(error)
        }
    }

    static func describe(_ error: DecodingError) -> StrataError {
        func path(_ keys: [any CodingKey]) -> String { DecodingErrorText.path(keys) }
        switch error {
        case .keyNotFound(let key, let context):
            return .missingField(path(context.codingPath + [key]))
        case .typeMismatch(let type, let context):
            let field = path(context.codingPath)
            return .invalidField(field, "Invalid type for '\(field)': expected \(describe(type)).")
        case .valueNotFound(let type, let context):
            let field = path(context.codingPath)
            return .invalidField(field, "'\(field)' must not be null: expected \(describe(type)).")
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            return field.isEmpty ? .invalidJSON(context.debugDescription)
                : .invalidField(field, "Invalid value for '\(field)': \(context.debugDescription)")
        @unknown default:
            return .invalidJSON("\(error)")
        }
    }

    static func describe(_ type: Any.Type) -> String { DecodingErrorText.expected(type) }
}

extension Parameters {
    /// A path parameter with percent-escapes decoded (`gpt%2F0` → `gpt/0`).
    func decoded(_ name: String) -> String {
        guard let raw = get(name) else { return "" }
        return raw.removingPercentEncoding ?? raw
    }
}
