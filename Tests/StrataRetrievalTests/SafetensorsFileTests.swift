import Foundation
import XCTest
@testable import StrataRetrieval

final class SafetensorsFileTests: XCTestCase {
    /// Builds a file in the format: 8-byte little-endian header length, JSON header, data.
    private func file(header: String, data: [UInt8]) -> Data {
        var bytes = Data()
        var length = UInt64(header.utf8.count).littleEndian
        withUnsafeBytes(of: &length) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: Array(header.utf8))
        bytes.append(contentsOf: data)
        return bytes
    }

    func testReadsF32F16BF16AndSkipsIntegerTensors() throws {
        // 1.5 and -2 as F32, F16 (0x3E00, 0xC000) and BF16 (0x3FC0, 0xC000); an I64 alongside.
        let f32: [UInt8] = [0x00, 0x00, 0xC0, 0x3F, 0x00, 0x00, 0x00, 0xC0]
        let f16: [UInt8] = [0x00, 0x3E, 0x00, 0xC0]
        let bf16: [UInt8] = [0xC0, 0x3F, 0x00, 0xC0]
        let i64: [UInt8] = [1, 0, 0, 0, 0, 0, 0, 0]
        let header = """
        {"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F16","shape":[1,2],"data_offsets":[8,12]},\
        "c":{"dtype":"BF16","shape":[2],"data_offsets":[12,16]},"ids":{"dtype":"I64","shape":[1],"data_offsets":[16,24]},\
        "__metadata__":{"format":"pt"}}
        """
        let st = try SafetensorsFile(data: file(header: header, data: f32 + f16 + bf16 + i64))
        XCTAssertEqual(try st.floats("a"), [1.5, -2])
        XCTAssertEqual(try st.floats("b", expectedShape: [1, 2]), [1.5, -2])
        XCTAssertEqual(try st.floats("c"), [1.5, -2])
        XCTAssertEqual(st.metadata["format"], "pt")
        XCTAssertThrowsError(try st.floats("ids")) { XCTAssertEqual($0 as? SafetensorsError, .unsupportedDType(tensor: "ids", dtype: "I64")) }
        XCTAssertThrowsError(try st.floats("nope")) { XCTAssertEqual($0 as? SafetensorsError, .missingTensor(name: "nope")) }
        XCTAssertThrowsError(try st.floats("a", expectedShape: [3])) {
            XCTAssertEqual($0 as? SafetensorsError, .unexpectedShape(tensor: "a", expected: [3], actual: [2]))
        }
    }

    func testHalfPrecisionSpecialValues() {
        XCTAssertEqual(SafetensorsFile.halfToFloat(0x0001), Float(5.960464477539063e-08)) // smallest subnormal
        XCTAssertEqual(SafetensorsFile.halfToFloat(0x7BFF), 65504)
        XCTAssertEqual(SafetensorsFile.halfToFloat(0x7C00), .infinity)
        XCTAssertTrue(SafetensorsFile.halfToFloat(0x7E00).isNaN)
        XCTAssertEqual(SafetensorsFile.halfToFloat(0x8000).sign, .minus)
    }

    func testCorruptAndTruncatedFilesAreTypedErrors() throws {
        XCTAssertThrowsError(try SafetensorsFile(data: Data([1, 2, 3]))) {
            guard case .truncated = $0 as? SafetensorsError else { return XCTFail("\($0)") }
        }
        var huge = Data([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F])
        huge.append(contentsOf: [0x7B, 0x7D])
        XCTAssertThrowsError(try SafetensorsFile(data: huge)) {
            guard case .corruptHeader = $0 as? SafetensorsError else { return XCTFail("\($0)") }
        }
        var short = file(header: "{}", data: [])
        short.removeLast()
        XCTAssertThrowsError(try SafetensorsFile(data: short)) {
            guard case .truncated = $0 as? SafetensorsError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try SafetensorsFile(data: file(header: "not json", data: []))) {
            guard case .corruptHeader = $0 as? SafetensorsError else { return XCTFail("\($0)") }
        }
        let outOfBounds = #"{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#
        XCTAssertThrowsError(try SafetensorsFile(data: file(header: outOfBounds, data: [0, 0, 0, 0]))) {
            XCTAssertEqual($0 as? SafetensorsError, .tensorOutOfBounds(tensor: "a", begin: 0, end: 16, dataSize: 4))
        }
        let mismatch = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}"#
        XCTAssertThrowsError(try SafetensorsFile(data: file(header: mismatch, data: [0, 0, 0, 0]))) {
            XCTAssertEqual($0 as? SafetensorsError, .shapeMismatch(tensor: "a", expectedBytes: 8, actualBytes: 4))
        }
        let badType = #"{"a":{"dtype":"Q4","shape":[2],"data_offsets":[0,4]}}"#
        XCTAssertThrowsError(try SafetensorsFile(data: file(header: badType, data: [0, 0, 0, 0]))) {
            XCTAssertEqual($0 as? SafetensorsError, .unsupportedDType(tensor: "a", dtype: "Q4"))
        }
        XCTAssertThrowsError(try SafetensorsFile(path: "/nonexistent.safetensors")) {
            XCTAssertEqual($0 as? SafetensorsError, .fileNotFound(path: "/nonexistent.safetensors"))
        }
    }

    func testBundledModelHeaderParses() throws {
        let dir = try RetrievalTestPaths.requireModel()
        let st = try SafetensorsFile(path: dir + "/model.safetensors")
        XCTAssertEqual(st.tensors["embeddings.word_embeddings.weight"]?.shape, [30522, 384])
        XCTAssertEqual(st.tensors["embeddings.position_ids"]?.dtype, .i64)
    }
}
