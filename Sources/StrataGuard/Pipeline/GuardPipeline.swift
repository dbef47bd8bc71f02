/// The guards one policy asks for, compiled once (word lists indexed, phrase rules built)
/// and run over a request's input, untrusted context and output.
///
/// Pure and synchronous: the gateway's input-guard and output-guard stages call it and
/// record spans around it. Build one per distinct policy and reuse it.
public struct GuardPipeline: Sendable {
    public let policy: GuardPolicy
    /// The PII guard, when enabled; the streaming output path needs it directly.
    public let piiGuard: PIIGuard?
    let guards: [ConfiguredGuard]
    let outputShape: OutputShapeGuard?

    public init(policy: GuardPolicy) {
        self.policy = policy
        var guards: [ConfiguredGuard] = []
        var pii: PIIGuard?
        if let p = policy.pii, p.enabled {
            let scanner = p.kinds.map { PIIScanner(kinds: $0, minConfidence: p.minConfidence) } ?? PIIScanner(minConfidence: p.minConfidence)
            let g = PIIGuard(scanner: scanner, actions: p.effectiveActions, defaultAction: p.defaultAction)
            pii = g
            guards.append(ConfiguredGuard(base: g, directions: p.checkOutput ? [.input, .untrusted, .output] : [.input, .untrusted],
                                          action: { g.action(for: $0.kind) }))
        }
        piiGuard = pii
        if let p = policy.injection, p.enabled {
            let g = PromptInjectionDetector(inputThresholds: p.input, untrustedThresholds: p.untrusted)
            // Injection findings are evidence for a score, never redacted piecemeal.
            guards.append(ConfiguredGuard(base: g, directions: [.input, .untrusted], action: { _ in .flag }))
        }
        if let p = policy.moderation, p.enabled {
            let entries = (p.builtInLists ? DefaultLexicons.profanity + DefaultLexicons.hate : []) + p.terms
            let g = WordListModerator(entries: entries, actions: p.actions)
            let actions = p.actions
            guards.append(ConfiguredGuard(base: g, directions: p.directions, action: { actions[$0.kind] ?? .flag }))
        }
        if let p = policy.topics, !p.denied.isEmpty {
            let g = TopicDenyList(topics: p.denied, action: p.action)
            let action = p.action
            guards.append(ConfiguredGuard(base: g, directions: p.directions, action: { _ in action }))
        }
        self.guards = guards
        if let o = policy.output {
            outputShape = OutputShapeGuard(maxCharacters: o.maxCharacters, maxLines: o.maxLines,
                                           requireJSON: o.requireJSON, canaries: o.canaries)
        } else {
            outputShape = nil
        }
    }

    /// Names of the guards that run for `direction`, in order.
    public func guardNames(for direction: GuardDirection) -> [String] {
        guards.filter { $0.directions.contains(direction) }.map(\.base.name)
            + (direction == .output && outputShape != nil ? [outputShape?.name ?? ""] : [])
    }

    /// Checks the caller's prompt. Pseudonymised values go into `vault` so the response can
    /// be restored; redacted ones are replaced for good.
    public func checkInput(_ text: String, vault: inout PseudonymVault) -> GuardOutcome {
        run(text, direction: .input, vault: &vault)
    }

    /// Checks content nobody vouches for (retrieved chunks, tool results, fetched pages)
    /// before it is put in front of the model.
    public func checkUntrusted(_ text: String, vault: inout PseudonymVault) -> GuardOutcome {
        run(text, direction: .untrusted, vault: &vault)
    }

    /// Checks a complete (non-streamed) answer, then restores the caller's pseudonymised values.
    public func checkOutput(_ text: String, vault: PseudonymVault) -> GuardOutcome {
        var scratch = vault
        var outcome = run(text, direction: .output, vault: &scratch)
        if let shape = outputShape {
            let v = shape.check(text, direction: .output)
            outcome.results.append(GuardResult(guardName: shape.name, verdict: v))
            outcome.verdict = outcome.verdict.combined(with: v)
        }
        outcome.text = vault.restore(outcome.text)
        return outcome
    }

    /// A streaming output filter for one response.
    public func outputStream(vault: PseudonymVault) -> GuardedOutputStream {
        GuardedOutputStream(pipeline: self, vault: vault)
    }

    func run(_ text: String, direction: GuardDirection, vault: inout PseudonymVault) -> GuardOutcome {
        var results: [GuardResult] = []
        var combined = GuardVerdict.allow
        var replace: [GuardFinding] = []
        var reversible: Set<TextSpan> = []
        let active = guards.filter { $0.directions.contains(direction) }
        let prepared = PreparedText(text, tokenize: active.contains { !($0.base is PIIGuard) })
        for g in active {
            let verdict = (g.base as? any PreparedTextGuard)?.check(prepared, direction: direction)
                ?? g.base.check(text, direction: direction)
            results.append(GuardResult(guardName: g.base.name, verdict: verdict))
            combined = combined.combined(with: verdict)
            guard case .redact(let findings) = verdict else { continue }
            for f in findings where f.span != nil {
                let action = g.action(f)
                if action == .redact || action == .pseudonymize {
                    replace.append(f)
                    if action == .pseudonymize, direction != .output, let span = f.span { reversible.insert(span) }
                }
            }
        }
        var out = text
        if !combined.isBlocked, !replace.isEmpty {
            out = PIIRedactor.redact(text, findings: FindingResolver.resolve(replace), vault: &vault,
                                     reversible: { f in f.span.map { reversible.contains($0) } ?? false })
        }
        return GuardOutcome(verdict: combined, text: out, results: results)
    }
}
