/// A guard together with the action its policy assigns to each finding, which the pipeline
/// needs to tell redactions from pseudonymisations and flags.
struct ConfiguredGuard: Sendable {
    let base: any Guard
    let directions: Set<GuardDirection>
    let action: @Sendable (GuardFinding) -> GuardAction
}
