/// Why generation ended: a stop condition (EOS or a stop string) or the token limit.
public enum FinishReason: String, Sendable {
    case stop, length
}
