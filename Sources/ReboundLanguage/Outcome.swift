/// How a session ends.
public enum Outcome: String, CaseIterable, Hashable, Sendable, Codable {
    case resolved, escalated, pending, lost
}
