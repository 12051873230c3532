/// The categories of problems the reply checker reports. These names are part of the
/// JSON contract with integrations and never change.
public enum FindingCategory: String, CaseIterable, Hashable, Sendable {
    case excuse
    case blame
    case repeatedApology = "repeated-apology"
    case nonApology = "non-apology"
    case policy
}
