/// The object `namespace(...)` creates: shared by reference, so `set ns.x = …` inside a loop
/// is visible after it (Jinja's way around loop scoping).
final class TemplateNamespace {
    var dict = TemplateDict()
}
