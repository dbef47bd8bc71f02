@testable import StrataGuard
import XCTest

final class ModerationTests: XCTestCase {
    let moderator = WordListModerator()

    func terms(_ text: String) -> [String] {
        moderator.findings(in: ScannedText(text)).map(\.detail)
    }

    func testObfuscatedProfanityIsFound() {
        XCTAssertEqual(terms("what the fuck"), ["fuck"])
        XCTAssertEqual(terms("FUUUUCK this"), ["fuck"])
        XCTAssertEqual(terms("sh1t happens"), ["shit"])
        XCTAssertEqual(terms("$h!t"), ["shit"])
        XCTAssertEqual(terms("f.u.c.k off"), ["fuck"])
        XCTAssertEqual(terms("f u c k"), ["fuck"])
        XCTAssertEqual(terms("f*ck that"), ["fuck"])
        XCTAssertEqual(terms("fucking hell"), ["fuck"])
        XCTAssertEqual(terms("a shitty day"), ["shit"])
        XCTAssertEqual(terms("ｆｕｃｋ"), ["fuck"])
        XCTAssertEqual(terms("you \u{0430}sshole"), ["asshole"])  // Cyrillic а
        XCTAssertEqual(terms("bi\u{200B}tch"), ["bitch"])
    }

    func testInnocentWordsPass() {
        for text in ["Scunthorpe United won", "a thorough assessment", "the class assassin", "pass the butter",
                     "cocktail hour in Essex", "Dick Grayson", "as soon as possible", "shiitake mushrooms",
                     "sussex and matsushita", "I have a Master of Science"] {
            XCTAssertEqual(terms(text), [], text)
            XCTAssertEqual(moderator.check(text, direction: .input), .allow, text)
        }
    }

    func testHatePhrasesBlockProfanityFlags() {
        XCTAssertEqual(moderator.check("this is bullshit", direction: .input).severity, 1)
        guard case .block(let reason, let findings) = moderator.check("they preach about the master race", direction: .output) else {
            return XCTFail("expected block")
        }
        XCTAssertEqual(reason, "content not allowed: hate")
        XCTAssertEqual(findings.first?.text, "master race")
    }

    func testCustomLexiconFromConfig() throws {
        let json = #"[{"term": "frak", "category": "profanity", "match_prefix": true}, {"term": "smeg"}]"#
        let entries = try JSONDecoder().decode([LexiconEntry].self, from: Data(json.utf8))
        let custom = WordListModerator(entries: entries, actions: [.profanity: .block])
        XCTAssertEqual(custom.check("frakking toasters", direction: .input).severity, 3)
        XCTAssertEqual(custom.check("smeeeg head", direction: .input).severity, 3)
        XCTAssertEqual(custom.check("smegma is a word", direction: .input).severity, 0)
    }

    func testTopicDenyList() {
        let topics = TopicDenyList(topics: [
            DeniedTopic(name: "legal-advice", phrases: ["sue", "lawsuit", "legal advice"]),
            DeniedTopic(name: "competitor", phrases: ["acme corp"]),
        ])
        guard case .block(let reason, _) = topics.check("Should I file a l4wsuit against my landlord?", direction: .input) else {
            return XCTFail("expected block")
        }
        XCTAssertEqual(reason, "topic not allowed: legal-advice")
        XCTAssertEqual(topics.check("Is ACME Corp cheaper?", direction: .input).severity, 3)
        XCTAssertEqual(topics.check("Suez canal and pursue happiness", direction: .input), .allow)
    }

    func testOutputShape() {
        let g = OutputShapeGuard(maxCharacters: 20, requireJSON: true, canaries: ["CANARY-7f3a"])
        XCTAssertEqual(g.check(#" {"ok": true} "#, direction: .output), .allow)
        XCTAssertEqual(g.check("not json", direction: .output).severity, 3)
        XCTAssertEqual(g.check(#"{"text": "way too long for the limit"}"#, direction: .output).severity, 3)
        guard case .block(let reason, _) = g.check("my rules say CANARY-7f3a", direction: .output) else { return XCTFail() }
        XCTAssertEqual(reason, "response revealed protected instructions")
        XCTAssertEqual(OutputShapeGuard(maxLines: 2).check("a\nb\nc", direction: .output).severity, 3)
    }
}
