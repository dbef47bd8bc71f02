/// The built-in prompt-injection phrase rules. Weights are the probability-like strength of
/// one hit; hits combine as independent evidence (see `PromptInjectionDetector`).
///
/// Written from the attack families in the literature (instruction override, role-play
/// jailbreaks, system-prompt extraction, indirect injection addressed to the model, data
/// exfiltration), phrased to miss ordinary requests ("ignore the noise in the data").
public enum InjectionRules {
    static let overrideVerbs = "ignore|disregard|forget|skip|override|bypass|neglect|drop|abandon|ditch|discard"
    static let priorQualifiers = "previous|prior|above|earlier|preceding|all|your|system|initial|original|former|every|any|foregoing|those|these"
    static let instructionNouns = "instructions|instruction|prompts|prompt|rules|rule|directions|directives|guidelines|guidance|constraints|programming|orders|commands|context|restrictions|policies|policy"
    static let revealVerbs = "reveal|show|print|display|output|repeat|tell|leak|give|share|write|dump|disclose|expose|recite|list|echo|spell|return|paste|provide"
    static let hiddenQualifiers = "system|initial|hidden|secret|original|developer|internal|your|confidential|preprompt"
    static let promptNouns = "prompt|prompts|instructions|message|configuration|rules|directives|preprompt|guidelines"

    /// Rules that apply to any text.
    public static let common: [PhraseRule] = [
        PhraseRule("override-instructions", spec: "\(overrideVerbs) \(priorQualifiers) \(instructionNouns)", maxGap: 2, weight: 0.8),
        PhraseRule("override-instructions", spec: "not|dont|stop follow|following|obey|obeying \(priorQualifiers) \(instructionNouns)", maxGap: 2, weight: 0.75),
        PhraseRule("new-instructions", spec: "new|updated|revised|real|actual|true|different instructions|task|directive|directives|objective|rules|orders", maxGap: 0, weight: 0.35),
        PhraseRule("instructions-superseded", spec: "instructions|rules are|were|is|have cancelled|canceled|void|obsolete|revoked|superseded|invalid|lifted|suspended", maxGap: 2, weight: 0.6),
        PhraseRule("role-override", spec: "you are now|longer", maxGap: 1, weight: 0.35),
        PhraseRule("role-override", spec: "from now on you|your", maxGap: 1, weight: 0.3),
        PhraseRule("persona-jailbreak", spec: "act|pretend|roleplay|behave|become|simulate|impersonate|emulate unrestricted|unfiltered|uncensored|evil|jailbroken|unethical|amoral|unbound|unlimited|unchained|rogue", maxGap: 4, weight: 0.65),
        PhraseRule("persona-jailbreak", spec: "do anything now", maxGap: 0, weight: 0.85),
        // "Developer mode" is also an ordinary phone setting: alone it stays below the input flag line.
        PhraseRule("persona-jailbreak", spec: "developer|dev|god|debug|sudo|admin|unrestricted|jailbreak|dan mode", maxGap: 0, weight: 0.45),
        PhraseRule("persona-jailbreak", spec: "jailbreak|jailbroken|jailbreaking|dan", maxGap: 0, weight: 0.3),
        PhraseRule("no-restrictions", spec: "without|no|free|remove|disable|bypass|ignoring|lift restrictions|filters|filter|limitations|censorship|safeguards|guardrails|ethics|morals|ethical|safety", maxGap: 2, weight: 0.4),
        PhraseRule("system-prompt-extraction", spec: "\(revealVerbs) \(hiddenQualifiers) \(promptNouns)", maxGap: 3, weight: 0.7),
        PhraseRule("system-prompt-extraction", spec: "what are|were|is your instructions|prompt|rules|directives", maxGap: 2, weight: 0.5),
        PhraseRule("system-prompt-extraction", spec: "repeat|print|output|copy|echo words|text|everything|content|instructions|prompt above|before|verbatim", maxGap: 2, weight: 0.55),
    ]

    /// Instruction overrides in other languages seen in attacks (German, French, Spanish,
    /// Italian, Portuguese, Dutch); the tokenizer keeps accents, so both spellings are listed.
    public static let multilingual: [PhraseRule] = [
        PhraseRule("override-instructions", spec: "ignoriere|ignorieren|vergiss|vergessen|missachte|missachten vorherigen|bisherigen|obigen|alle|deine|vorigen anweisungen|instruktionen|regeln|vorgaben", maxGap: 3, weight: 0.8),
        PhraseRule("override-instructions", spec: "ignore|ignorez|ignorer|oublie|oubliez|oublier instructions|consignes|règles|regles|directives précédentes|precedentes|antérieures|anterieures|dessus", maxGap: 3, weight: 0.8),
        PhraseRule("override-instructions", spec: "ignora|ignore|ignorar|olvida|olvide|olvidar instrucciones|reglas|indicaciones anteriores|previas", maxGap: 3, weight: 0.8),
        PhraseRule("override-instructions", spec: "ignora|ignorare|dimentica|dimenticare istruzioni|regole precedenti", maxGap: 3, weight: 0.8),
        PhraseRule("override-instructions", spec: "ignore|ignora|ignorar|esqueça|esqueca|esquecer instruções|instrucoes|regras anteriores|prévias|previas", maxGap: 3, weight: 0.8),
        PhraseRule("override-instructions", spec: "negeer|vergeet vorige|eerdere|alle instructies|regels", maxGap: 3, weight: 0.8),
    ]

    /// Extra rules for untrusted content (retrieved chunks, tool outputs, web pages): data
    /// that talks to the model or asks for actions is itself the attack.
    public static let untrusted: [PhraseRule] = [
        PhraseRule("role-override", spec: "from now on you|your", maxGap: 1, weight: 0.45),
        PhraseRule("addresses-model", spec: "ai|assistant|model|llm|chatbot|agent|gpt|claude|gemini must|should|shall|needs|instructed|required|ignore|will", maxGap: 1, weight: 0.45),
        PhraseRule("addresses-model", spec: "if you are an|a ai|assistant|model|llm|language|agent", maxGap: 1, weight: 0.55),
        PhraseRule("addresses-model", spec: "note|message|instructions|attention|important ai|ais|assistant|assistants|model|models|llm|llms|agent|agents", maxGap: 2, weight: 0.5),
        PhraseRule("exfiltration", spec: "send|forward|email|post|upload|exfiltrate|transfer|leak|submit|append data|password|passwords|credentials|conversation|chat|files|history|secrets|keys|contents|emails|tokens|cookies", maxGap: 3, weight: 0.5),
        PhraseRule("exfiltration", spec: "visit|open|fetch|load|click|navigate link|url|endpoint|website|page", maxGap: 3, weight: 0.25),
        PhraseRule("tool-hijack", spec: "call|invoke|execute|run|use tool|function|command|shell|script", maxGap: 2, weight: 0.3),
        PhraseRule("do-not-tell", spec: "not|dont|never tell|inform|mention|alert|notify|reveal user|users|anyone|human", maxGap: 2, weight: 0.55),
    ]

    /// Chat-template and role markers that have no business inside user text or data.
    public static let roleMarkers: [String] = [
        "<|im_start|>", "<|im_end|>", "<|system|>", "<|user|>", "<|assistant|>", "<|endoftext|>",
        "<|start_header_id|>", "<|eot_id|>", "[inst]", "[/inst]", "<<sys>>", "<</sys>>", "<start_of_turn>",
        "### system", "### instruction", "###system", "\nsystem:", "\nassistant:", "[system]", "{{system}}",
    ]
}
