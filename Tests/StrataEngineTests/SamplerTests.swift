import XCTest
@testable import StrataEngine

final class SamplerTests: XCTestCase {
    func sample(_ logits: [Float], _ p: SamplingParameters, seed: UInt64 = 1, history: [Int] = [], generated: [Int] = []) -> Int {
        var s = Sampler(parameters: p, seed: seed, prompt: history)
        for g in generated { s.accept(g) }
        var l = logits
        return s.sample(&l, count: l.count)
    }

    func testGreedyAndTopKOne() {
        var p = SamplingParameters()
        p.temperature = 0
        XCTAssertEqual(sample([0.1, 3, 2, -1], p), 1)
        p.temperature = 1
        p.topK = 1
        XCTAssertEqual(sample([0.1, 3, 2, -1], p), 1)
    }

    func testSeededSamplingIsReproducibleAndVaries() {
        let logits: [Float] = (0 ..< 50).map { Float($0 % 7) * 0.3 }
        var p = SamplingParameters()
        p.temperature = 1.5
        let a = (0 ..< 20).map { sample(logits, p, seed: UInt64($0)) }
        let b = (0 ..< 20).map { sample(logits, p, seed: UInt64($0)) }
        XCTAssertEqual(a, b)
        XCTAssertGreaterThan(Set(a).count, 3)
    }

    func testTopPMinPAndTopKRestrictCandidates() {
        let logits: [Float] = [5, 4.9, 0, 0, 0, 0, 0, 0]
        var p = SamplingParameters()
        p.topP = 0.5
        for seed in 0 ..< 30 { XCTAssertEqual(sample(logits, p, seed: UInt64(seed)), 0) }
        p = SamplingParameters()
        p.minP = 0.5
        for seed in 0 ..< 30 { XCTAssertTrue([0, 1].contains(sample(logits, p, seed: UInt64(seed)))) }
        p = SamplingParameters()
        p.topK = 2
        for seed in 0 ..< 30 { XCTAssertTrue([0, 1].contains(sample(logits, p, seed: UInt64(seed)))) }
    }

    func testPenalties() {
        var p = SamplingParameters()
        p.temperature = 0
        p.repetitionPenalty = 2
        XCTAssertEqual(sample([3, 2.5, 0], p, history: [0]), 1)
        p = SamplingParameters()
        p.temperature = 0
        p.frequencyPenalty = 0.4
        XCTAssertEqual(sample([3, 2.5, 0], p, generated: [0]), 0)
        XCTAssertEqual(sample([3, 2.5, 0], p, generated: [0, 0]), 1)
        p.frequencyPenalty = 0
        p.presencePenalty = 1
        XCTAssertEqual(sample([3, 2.5, 0], p, generated: [0]), 1)
    }

    func testTopKHeapAndLogprobs() {
        var rng = TestRNG(seed: 9)
        let logits = (0 ..< 1000).map { _ in rng.float(-5, 5) }
        let top = logits.withUnsafeBufferPointer { Sampler.topK($0.baseAddress!, 1000, 7) }
        let expected = logits.enumerated().sorted { $0.element > $1.element }.prefix(7).map(\.offset)
        XCTAssertEqual(top.map(\.id), expected)
        let (lp, alts) = logits.withUnsafeBufferPointer { Sampler.logprobs($0.baseAddress!, 1000, chosen: expected[0], top: 3) }
        XCTAssertEqual(alts.count, 3)
        XCTAssertEqual(alts[0].logprob, lp, accuracy: 1e-6)
        let total = logits.withUnsafeBufferPointer { b in (0 ..< 1000).map { Sampler.logprobs(b.baseAddress!, 1000, chosen: $0, top: 0).0 } }
            .reduce(Float(0)) { $0 + expf($1) }
        XCTAssertEqual(total, 1, accuracy: 1e-3)
    }

    func testStopStringMatcher() {
        var m = StopStringMatcher(["</end>", "STOP"])
        var out = ""
        for piece in ["Hello <", "/en", "x> ok ST", "OP more"] {
            let (e, stopped) = m.append(piece)
            out += e
            if stopped { break }
        }
        XCTAssertEqual(out, "Hello </enx> ok ")
        var n = StopStringMatcher(["abc"])
        XCTAssertEqual(n.append("xxab").emit, "xx")
        XCTAssertEqual(n.flush(), "ab")
    }
}
