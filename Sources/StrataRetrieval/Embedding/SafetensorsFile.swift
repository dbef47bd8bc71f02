import Foundation

/// A safetensors file mapped into memory: the header is parsed and checked up front, tensors are
/// converted to `Float` on request.
///
/// Layout: an 8-byte little-endian header length, a JSON header, then the raw data section.
public struct SafetensorsFile: Sendable {
    public let path: String
    public let tensors: [String: SafetensorsTensor]
    public let metadata: [String: String]
    private let bytes: Data
    private let dataStart: Int

    /// Headers larger than this are rejected: real headers are kilobytes, and a corrupt length
    /// field must not make us allocate gigabytes.
    static let maxHeaderSize = 100 * 1024 * 1024

    public init(path: String) throws(SafetensorsError) {
        guard FileManager.default.fileExists(atPath: path) else { throw .fileNotFound(path: path) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
        try self.init(data: data, path: path)
    }

    public init(data: Data, path: String = "<memory>") throws(SafetensorsError) {
        self.path = path
        self.bytes = data
        guard data.count >= 8 else {
            throw .truncated(path: path, reason: "\(data.count) bytes, the header length alone needs 8")
        }
        var headerLength: UInt64 = 0
        for i in 0..<8 { headerLength |= UInt64(data[data.startIndex + i]) << (8 * UInt64(i)) }
        guard headerLength <= UInt64(Self.maxHeaderSize) else {
            throw .corruptHeader(path: path, reason: "header length \(headerLength) is implausible")
        }
        guard 8 + Int(headerLength) <= data.count else {
            throw .truncated(path: path, reason: "header says \(headerLength) bytes, file has \(data.count - 8) after the length")
        }
        dataStart = 8 + Int(headerLength)
        let headerData = data.subdata(in: (data.startIndex + 8)..<(data.startIndex + dataStart))
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: headerData)
        } catch {
            throw .corruptHeader(path: path, reason: "header is not JSON")
        }
        guard let object = json as? [String: Any] else {
            throw .corruptHeader(path: path, reason: "header is not a JSON object")
        }
        let dataSize = data.count - dataStart
        var tensors: [String: SafetensorsTensor] = [:]
        var metadata: [String: String] = [:]
        for (name, value) in object {
            if name == "__metadata__" {
                if let dict = value as? [String: Any] {
                    for (k, v) in dict { metadata[k] = v as? String ?? "\(v)" }
                }
                continue
            }
            tensors[name] = try Self.parseEntry(name: name, value: value, dataSize: dataSize, path: path)
        }
        self.tensors = tensors
        self.metadata = metadata
    }

    private static func parseEntry(name: String, value: Any, dataSize: Int, path: String) throws(SafetensorsError) -> SafetensorsTensor {
        guard let entry = value as? [String: Any],
              let dtypeName = entry["dtype"] as? String,
              let shapeValues = entry["shape"] as? [Any],
              let offsetValues = entry["data_offsets"] as? [Any], offsetValues.count == 2
        else { throw .corruptHeader(path: path, reason: "entry for \(name) lacks dtype, shape or data_offsets") }
        guard let dtype = SafetensorsTensor.DType(rawValue: dtypeName) else {
            throw .unsupportedDType(tensor: name, dtype: dtypeName)
        }
        var shape: [Int] = []
        for v in shapeValues {
            guard let n = (v as? NSNumber)?.intValue, n >= 0 else {
                throw .corruptHeader(path: path, reason: "shape of \(name) has a non-integer or negative dimension")
            }
            shape.append(n)
        }
        guard let begin = (offsetValues[0] as? NSNumber)?.intValue,
              let end = (offsetValues[1] as? NSNumber)?.intValue, begin >= 0, begin <= end
        else { throw .corruptHeader(path: path, reason: "data_offsets of \(name) are not an ordered integer pair") }
        guard end <= dataSize else {
            throw .tensorOutOfBounds(tensor: name, begin: begin, end: end, dataSize: dataSize)
        }
        var elements = 1
        for d in shape {
            let (product, overflow) = elements.multipliedReportingOverflow(by: d)
            guard !overflow else { throw .corruptHeader(path: path, reason: "shape of \(name) overflows") }
            elements = product
        }
        let (expectedBytes, overflow) = elements.multipliedReportingOverflow(by: dtype.byteSize)
        guard !overflow, expectedBytes == end - begin else {
            throw .shapeMismatch(tensor: name, expectedBytes: overflow ? Int.max : expectedBytes, actualBytes: end - begin)
        }
        return SafetensorsTensor(name: name, dtype: dtype, shape: shape, byteRange: begin..<end)
    }

    /// The tensor's elements as `Float`, row-major; checks the shape when `expectedShape` is given.
    public func floats(_ name: String, expectedShape: [Int]? = nil) throws(SafetensorsError) -> [Float] {
        guard let tensor = tensors[name] else { throw .missingTensor(name: name) }
        if let expectedShape, expectedShape != tensor.shape {
            throw .unexpectedShape(tensor: name, expected: expectedShape, actual: tensor.shape)
        }
        switch tensor.dtype {
        case .f32, .f16, .bf16: break
        default: throw .unsupportedDType(tensor: name, dtype: tensor.dtype.rawValue)
        }
        let count = tensor.elementCount
        let start = dataStart + tensor.byteRange.lowerBound
        return bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [Float] in
            guard let origin = raw.baseAddress, count > 0 else { return [] }
            let base = origin.advanced(by: start)
            return [Float](unsafeUninitializedCapacity: count) { out, initialized in
                switch tensor.dtype {
                case .f32:
                    for i in 0..<count { out[i] = Float(bitPattern: base.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self).littleEndian) }
                case .bf16:
                    for i in 0..<count {
                        let bits = UInt32(base.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self).littleEndian) << 16
                        out[i] = Float(bitPattern: bits)
                    }
                case .f16:
                    for i in 0..<count {
                        out[i] = Self.halfToFloat(base.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self).littleEndian)
                    }
                default:
                    break
                }
                initialized = count
            }
        }
    }

    /// IEEE half to single by bits, so the reader does not depend on `Float16` being available.
    static func halfToFloat(_ h: UInt16) -> Float {
        let sign = UInt32(h & 0x8000) << 16
        let exponent = UInt32(h >> 10) & 0x1F
        var mantissa = UInt32(h & 0x3FF)
        if exponent == 0 {
            if mantissa == 0 { return Float(bitPattern: sign) }
            // Subnormal half: normalise it into a float exponent.
            var e: UInt32 = 127 - 15 + 1
            while mantissa & 0x400 == 0 { mantissa <<= 1; e -= 1 }
            mantissa &= 0x3FF
            return Float(bitPattern: sign | (e << 23) | (mantissa << 13))
        }
        if exponent == 0x1F { return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13)) }
        return Float(bitPattern: sign | ((exponent + 127 - 15) << 23) | (mantissa << 13))
    }
}
