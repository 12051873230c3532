import ReboundChecker
import ReboundText

/// One command of the JSON-lines chat protocol (`docs/protocol.md`), decoded from its
/// line. Decoding is pure, so any bytes at all give a command or a one-line error.
public enum ProtocolCommand: Equatable, Sendable {
    case start(playbook: String)
    case playbooks
    case sessions
    case resume(session: String)
    /// `answer`, `skip`, `draft`, `check`, `send`, `accept` by rule, `back`.
    case input(SessionInput)
    /// `accept` by the finding's number (from 1, in the order of the last `findings` event).
    case acceptFinding(number: Int, reason: String)
    /// `fix`: apply the fix of finding `number`, or of every open finding.
    case fix(number: Int?)
    /// `show-draft`: the current draft and its findings.
    case showDraft
    /// `customer`: the customer's message, kept with the session, or (before one) ranked
    /// against the playbooks (`triage` event).
    case customer(text: String)
    case status
    case followUps(scope: String)
    case followUpDone(id: Int64, note: String)
    /// `days` as given; the range is checked where it is used.
    case followUpSnooze(id: Int64, days: String)
    case end

    /// Every `cmd` the protocol knows, for suggestions.
    public static let names = [
        "start", "playbooks", "sessions", "resume", "answer", "skip", "draft", "show-draft", "check", "fix", "send",
        "accept", "back", "customer", "status", "followups", "followup-done", "followup-snooze", "end",
    ]

    /// Why a line is not a command: `malformed` or `unknown-command`, and the message.
    public struct DecodeError: Error, Equatable, Sendable {
        public let code: String
        public let message: String
    }

    /// Decodes line `number` of the input.
    public static func decode(_ line: ArraySlice<UInt8>, number lineNumber: Int) -> Result<ProtocolCommand, DecodeError>
    {
        func malformed(_ message: String) -> Result<ProtocolCommand, DecodeError> {
            .failure(DecodeError(code: "malformed", message: "line \(lineNumber): \(message)"))
        }
        let value: JSON.Value
        do {
            value = try JSON.parse(line)
        } catch {
            return malformed("invalid JSON at column \(error.column): \(error.message)")
        }
        guard case .string(let command)? = value["cmd"] else {
            return malformed("expected an object with a \"cmd\" string")
        }
        struct Missing: Error { let message: String }
        func string(_ key: String) throws(Missing) -> String {
            guard case .string(let text)? = value[key] else {
                throw Missing(message: "\"\(command)\" needs a \"\(key)\" string")
            }
            return text
        }
        func numeric(_ key: String) throws(Missing) -> String {
            guard case .number(let text)? = value[key] else {
                throw Missing(message: "\"\(command)\" needs a numeric \"\(key)\"")
            }
            return text
        }
        do {
            switch command {
            case "start": return .success(.start(playbook: try string("playbook")))
            case "playbooks": return .success(.playbooks)
            case "sessions": return .success(.sessions)
            case "resume": return .success(.resume(session: try string("session")))
            case "answer": return .success(.input(.answer(try string("text"))))
            case "skip": return .success(.input(.skip(reason: try string("reason"))))
            case "draft": return .success(.input(.draft(try string("text"))))
            case "check": return .success(.input(.check))
            case "send": return .success(.input(.send))
            case "accept":
                if value["finding"] != nil {
                    guard let number = Int(try numeric("finding")) else {
                        return malformed("\"accept\" needs a whole number \"finding\"")
                    }
                    return .success(.acceptFinding(number: number, reason: try string("reason")))
                }
                return .success(.input(.accept(rule: try string("rule"), reason: try string("reason"))))
            case "fix":
                guard value["finding"] != nil else { return .success(.fix(number: nil)) }
                guard let number = Int(try numeric("finding")) else {
                    return malformed("\"fix\" needs a whole number \"finding\"")
                }
                return .success(.fix(number: number))
            case "show-draft": return .success(.showDraft)
            case "customer": return .success(.customer(text: try string("text")))
            case "back": return .success(.input(.back))
            case "status": return .success(.status)
            case "followups":
                if case .string(let scope)? = value["scope"] { return .success(.followUps(scope: scope)) }
                return .success(.followUps(scope: "due"))
            case "followup-done", "followup-snooze":
                guard let id = Int64(try numeric("id")) else {
                    return malformed("\"\(command)\" needs a numeric \"id\"")
                }
                if command == "followup-done" { return .success(.followUpDone(id: id, note: try string("note"))) }
                return .success(.followUpSnooze(id: id, days: try numeric("days")))
            case "end": return .success(.end)
            default:
                let suggestion = Suggestion.nearest(to: command, in: names)
                return .failure(
                    DecodeError(
                        code: "unknown-command",
                        message: "line \(lineNumber): unknown command '\(command)'"
                            + (suggestion.map { "; did you mean '\($0)'?" } ?? "")))
            }
        } catch {
            return malformed(error.message)
        }
    }
}
