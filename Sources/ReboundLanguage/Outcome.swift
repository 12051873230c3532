/// How a session ends.
public enum Outcome: String, CaseIterable, Hashable, Sendable {
    case resolved, escalated, pending, lost
}
