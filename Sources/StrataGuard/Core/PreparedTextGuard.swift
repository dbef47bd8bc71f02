/// A guard that can work from a `PreparedText`; the pipeline prefers this entry point.
public protocol PreparedTextGuard: Guard {
    func check(_ text: PreparedText, direction: GuardDirection) -> GuardVerdict
}
