import Foundation
import XCTest
@testable import StrataEngine

final class TokenizerTests: XCTestCase {
    static let shared: Result<Tokenizer, Error> = Result { try Tokenizer(gguf: GGUFFile(path: TestFiles.smolLM2())) }

    func smol() throws -> Tokenizer { try Self.shared.get() }

    func testPreTokenizerGPT2() {
        XCTAssertEqual(PreTokenizer.gpt2.split("Hello world's  test 123!!"), ["Hello", " world", "'s", " ", " test", " 123", "!!"])
        XCTAssertEqual(PreTokenizer.gpt2.split("a\nb  \n"), ["a", "\n", "b", "  \n"])
        XCTAssertEqual(PreTokenizer.gpt2IndividualDigits.split("abc 123"), ["abc", " ", "1", "2", "3"])
    }

    func testPreTokenizerLlama3AndQwen2() {
        XCTAssertEqual(PreTokenizer.llama3.split("Hello  world\n\n 12345 I'M ok..."),
                       ["Hello", " ", " world", "\n\n", " ", "123", "45", " I", "'M", " ok", "..."])
        XCTAssertEqual(PreTokenizer.qwen2.split("x 123"), ["x", " ", "1", "2", "3"])
        XCTAssertEqual(PreTokenizer(ggmlName: "smollm"), .gpt2IndividualDigits)
        XCTAssertEqual(PreTokenizer(ggmlName: "llama-bpe"), .llama3)
    }

    /// Reference ids from Hugging Face `tokenizers` (scripts/engine/make_tokenizer_fixture.py).
    func testMatchesHuggingFaceReference() throws {
        let t = try smol()
        let url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/engine/smollm2-tokenizer.json")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let cases = try XCTUnwrap(json?["cases"] as? [[String: Any]])
        XCTAssertGreaterThanOrEqual(cases.count, 200)
        for c in cases {
            let text = try XCTUnwrap(c["text"] as? String)
            let ids = try XCTUnwrap(c["ids"] as? [Int])
            XCTAssertEqual(t.encode(text), ids, text)
            XCTAssertEqual(t.decode(ids), text.replacingOccurrences(of: "<|im_start|>", with: "").replacingOccurrences(of: "<|im_end|>", with: ""))
        }
    }

    func testSpecialTokensAndEndOfGeneration() throws {
        let t = try smol()
        let ids = t.encode("<|im_start|>user\nHi<|im_end|>")
        XCTAssertEqual(ids.first, 1)
        XCTAssertEqual(ids.last, 2)
        XCTAssertTrue(t.isEndOfGeneration(2))
        XCTAssertFalse(t.addBOS)
        XCTAssertNotEqual(t.encode("<|im_start|>", parseSpecial: false), [1])
    }

    func testLongRunsTokenizeQuicklyAndRoundTrip() throws {
        let t = try smol()
        let text = String(repeating: "=", count: 20_000) + " " + String(repeating: "ab1", count: 5_000)
        XCTAssertEqual(t.decode(t.encode(text)), text)
    }

    func testUTF8StreamDecoderNeverSplitsCharacters() {
        let text = "a€🤗ü"
        let bytes = Array(text.utf8)
        var d = UTF8StreamDecoder()
        var out = ""
        for b in bytes {
            let piece = d.append([b])
            XCTAssertTrue(piece.unicodeScalars.allSatisfy { $0 != "\u{FFFD}" })
            out += piece
        }
        out += d.flush()
        XCTAssertEqual(out, text)
    }

    func testSentencePieceTokenizer() throws {
        let tokens = ["<unk>", "<s>", "</s>", "<0x41>", "<0xC3>", "<0xA9>", "\u{2581}", "a", "b", "\u{2581}a", "ab", "\u{2581}ab"]
        let types = [2, 3, 3, 6, 6, 6, 1, 1, 1, 1, 1, 1]
        let scores: [Float] = [0, 0, 0, 0, 0, 0, -1, -2, -2, -1, -1.5, -0.5]
        let t = try Tokenizer(model: "llama", tokens: tokens, types: types, scores: scores, merges: [], pre: nil, bosID: 1, eosID: 2)
        XCTAssertEqual(t.encode("ab a"), [1, 11, 9])
        XCTAssertEqual(t.encode("é", addBOS: false), [6, 4, 5])
        XCTAssertEqual(t.decode([1, 11, 9]), "ab a")
        XCTAssertThrowsError(try Tokenizer(model: "wordpiece", tokens: ["a"], types: [], scores: [], merges: [], pre: nil, bosID: nil, eosID: nil))
    }
}
