// Strata side of bench/guard: PII predictions for the labeled set and per-guard latency on a
// 2 KB prompt. Run through bench/guard/run.sh (release build).
import Foundation
import StrataGuard
#if canImport(Glibc)
import Glibc
#endif

/// The benchmark's label for a finding kind; nil for kinds outside the labeled set.
func label(_ kind: FindingKind) -> String? {
    switch kind {
    case .person: "PERSON"
    case .email: "EMAIL"
    case .phone: "PHONE"
    case .creditCard: "CREDIT_CARD"
    case .iban: "IBAN"
    case .usSSN: "US_SSN"
    case .ukNINO: "UK_NINO"
    case .ipAddress: "IP_ADDRESS"
    default: nil
    }
}

func predict(datasetPath: String) throws {
    let scanner = PIIScanner()
    let lines = try String(contentsOfFile: datasetPath, encoding: .utf8).split(separator: "\n")
    var out = ""
    for line in lines {
        guard let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let id = obj["id"] as? Int, let text = obj["text"] as? String else { continue }
        let entities: [[String: Any]] = scanner.scan(text).compactMap { f in
            guard let l = label(f.kind), let span = f.span else { return nil }
            return ["type": l, "start": span.start, "end": span.end, "score": f.confidence]
        }
        let data = try JSONSerialization.data(withJSONObject: ["id": id, "entities": entities], options: [.sortedKeys])
        out += String(decoding: data, as: UTF8.self) + "\n"
    }
    FileHandle.standardOutput.write(Data(out.utf8))
}

struct Measurement {
    var name: String
    var p50: Double
    var p99: Double
    var cpuP50: Double
    var cpuP99: Double
}

/// CPU time of the calling thread in microseconds: unlike wall time it does not count the
/// time the thread sat preempted, so it stays meaningful on a machine shared with builds.
func threadCPUMicros() -> Double {
    #if canImport(Glibc)
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) * 1e6 + Double(ts.tv_nsec) / 1e3
    #else
    return 0
    #endif
}

/// Times `body` `iterations` times after a warm-up; returns microseconds (wall and thread CPU).
func measure(_ name: String, iterations: Int, _ body: () -> Void) -> Measurement {
    for _ in 0..<max(50, iterations / 10) { body() }
    let clock = ContinuousClock()
    var wall: [Double] = []
    var cpu: [Double] = []
    wall.reserveCapacity(iterations)
    cpu.reserveCapacity(iterations)
    for _ in 0..<iterations {
        let c0 = threadCPUMicros()
        let start = clock.now
        body()
        let d = clock.now - start
        cpu.append(threadCPUMicros() - c0)
        wall.append(Double(d.components.seconds) * 1e6 + Double(d.components.attoseconds) / 1e12)
    }
    wall.sort()
    cpu.sort()
    func p(_ a: [Double], _ q: Double) -> Double { a[min(a.count - 1, Int(Double(a.count) * q))] }
    return Measurement(name: name, p50: p(wall, 0.5), p99: p(wall, 0.99), cpuP50: p(cpu, 0.5), cpuP99: p(cpu, 0.99))
}

@inline(never) func consume<T>(_ x: T) { withExtendedLifetime(x) {} }

func latency(promptPath: String, iterations: Int) throws {
    let prompt = try String(contentsOfFile: promptPath, encoding: .utf8)
    var results: [Measurement] = []
    results.append(measure("fold (ScannedText)", iterations: iterations) { consume(ScannedText(prompt)) })
    let detectors: [(String, any PIIDetector)] = [
        ("EmailDetector", EmailDetector()), ("PhoneNumberDetector", PhoneNumberDetector()),
        ("CreditCardDetector", CreditCardDetector()), ("IBANDetector", IBANDetector()),
        ("USSocialSecurityNumberDetector", USSocialSecurityNumberDetector()),
        ("UKNationalInsuranceNumberDetector", UKNationalInsuranceNumberDetector()),
        ("IPAddressDetector", IPAddressDetector()), ("PersonNameDetector", PersonNameDetector()), ("CredentialAssignmentDetector", CredentialAssignmentDetector()),
        ("APIKeyDetector", APIKeyDetector()),
        ("JWTDetector", JWTDetector()), ("PrivateKeyDetector", PrivateKeyDetector()),
        ("HighEntropySecretDetector", HighEntropySecretDetector()),
    ]
    let scanned = ScannedText(prompt)
    for (name, d) in detectors {
        results.append(measure("  \(name) (on folded text)", iterations: iterations) { consume(d.detect(in: scanned)) })
    }
    results.append(measure("WordTokenizer (shared by injection, moderation, topics)", iterations: iterations) { consume(WordTokenizer.tokens(scanned)) })
    let pii = PIIGuard()
    results.append(measure("PIIGuard (all detectors, incl. fold)", iterations: iterations) { consume(pii.check(prompt, direction: .input)) })
    let injection = PromptInjectionDetector()
    results.append(measure("PromptInjectionDetector (input)", iterations: iterations) { consume(injection.check(prompt, direction: .input)) })
    results.append(measure("PromptInjectionDetector (untrusted)", iterations: iterations) { consume(injection.check(prompt, direction: .untrusted)) })
    let moderation = WordListModerator()
    results.append(measure("WordListModerator", iterations: iterations) { consume(moderation.check(prompt, direction: .input)) })
    let topics = TopicDenyList(topics: [DeniedTopic(name: "legal", phrases: ["lawsuit", "legal advice", "sue"]),
                                        DeniedTopic(name: "medical", phrases: ["diagnosis", "prescription", "dosage"])])
    results.append(measure("TopicDenyList (2 topics)", iterations: iterations) { consume(topics.check(prompt, direction: .input)) })
    results.append(measure("GuardPipeline(policy: .standard) compile (once per policy)", iterations: max(200, iterations / 10)) {
        consume(GuardPipeline(policy: .standard))
    })
    let pipeline = GuardPipeline(policy: .standard)
    results.append(measure("GuardPipeline(.standard).checkInput: all default guards", iterations: iterations) {
        var vault = PseudonymVault()
        consume(pipeline.checkInput(prompt, vault: &vault))
    })
    let deltas = stride(from: 0, to: prompt.unicodeScalars.count, by: 16).map { i -> String in
        let s = Array(prompt.unicodeScalars)
        return String(String.UnicodeScalarView(s[i..<min(s.count, i + 16)]))
    }
    results.append(measure("GuardedOutputStream, 16-scalar deltas (whole 2 KB)", iterations: max(200, iterations / 10)) {
        var stream = pipeline.outputStream(vault: PseudonymVault())
        for d in deltas { consume(stream.feed(d)) }
        consume(stream.finish())
    })
    print("prompt: \(prompt.utf8.count) bytes, \(iterations) iterations per row (release build)\n")
    print("| guard | wall p50 µs | wall p99 µs | CPU p50 µs | CPU p99 µs |")
    print("|---|---:|---:|---:|---:|")
    for m in results {
        print(String(format: "| %@ | %.1f | %.1f | %.1f | %.1f |", m.name, m.p50, m.p99, m.cpuP50, m.cpuP99))
    }
}

/// Detection counts for the labeled injection prompts: flagged (score ≥ flag threshold) and
/// blocked (≥ block threshold), per label and direction.
func injection(setPath: String) throws {
    let detector = PromptInjectionDetector()
    var rows: [String: (total: Int, flagged: Int, blocked: Int)] = [:]
    var misses: [String] = []
    for line in try String(contentsOfFile: setPath, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
        let parts = line.split(separator: "\t", maxSplits: 2).map(String.init)
        guard parts.count == 3, let direction = GuardDirection(rawValue: parts[1]) else { continue }
        let text = parts[2].replacingOccurrences(of: "\\n", with: "\n")
        let severity = detector.check(text, direction: direction).severity
        let key = "\(parts[0]) \(parts[1])"
        var row = rows[key] ?? (0, 0, 0)
        row.total += 1
        if severity >= 1 { row.flagged += 1 }
        if severity >= 3 { row.blocked += 1 }
        rows[key] = row
        if (parts[0] == "attack") == (severity == 0) { misses.append("\(parts[0] == "attack" ? "missed" : "false alarm") (\(parts[1])): \(text)") }
    }
    print("| label, direction | prompts | flagged or blocked | blocked |")
    print("|---|---:|---:|---:|")
    for key in rows.keys.sorted() {
        guard let r = rows[key] else { continue }
        print("| \(key) | \(r.total) | \(r.flagged) (\(r.flagged * 100 / max(1, r.total))%) | \(r.blocked) (\(r.blocked * 100 / max(1, r.total))%) |")
    }
    print("")
    for m in misses { print("- " + m) }
}

let args = CommandLine.arguments
switch args.dropFirst().first {
case "pii" where args.count >= 3:
    try predict(datasetPath: args[2])
case "injection" where args.count >= 3:
    try injection(setPath: args[2])
case "latency" where args.count >= 3:
    try latency(promptPath: args[2], iterations: args.count >= 4 ? Int(args[3]) ?? 5000 : 5000)
default:
    FileHandle.standardError.write(Data("usage: StrataGuardBench pii <dataset.jsonl> | injection <set.tsv> | latency <prompt.txt> [iterations]\n".utf8))
    exit(2)
}
