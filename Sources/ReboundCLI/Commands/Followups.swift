import ArgumentParser
import Foundation
import ReboundLedger
import ReboundText

/// `rebound followups`: the follow-ups agents promised, from the customer ledger.
struct Followups: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "followups",
        abstract: "List follow-ups from the customer ledger; mark them done or snooze them.",
        subcommands: [List.self, Done.self, Snooze.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        // Named explicitly so that the command tree ArgumentParser describes (and the
        // manual page) knows the default subcommand by name.
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List open follow-ups, oldest due first (all agents unless --agent).")

        @Flag(help: "Only those due today or overdue.") var due = false
        @Flag(help: "Done ones too.") var all = false
        @Option(help: "Only this agent's.", completion: .followUpAgents) var agent: String?
        @Option(help: "Output format: text, json or csv.") var format: ListFormat = .text
        @OptionGroup var color: ColorOptions
        @OptionGroup var ledger: LedgerOptions

        func validate() throws {
            if due && all { throw ValidationError("--due and --all cannot be used together") }
        }

        func run() throws {
            let environment = ProcessInfo.processInfo.environment
            let clock = try Clock.from(environment: environment)
            let store = try ledger.open(environment: environment)
            let scope: FollowUpFilter.Scope = due ? .due(before: clock.endOfToday()) : all ? .all : .open
            let items = try inLedger { try store.followUps(FollowUpFilter(scope: scope, agent: agent)) }
            var output = ByteOutput(descriptor: STDOUT_FILENO)
            switch format {
            case .text:
                let style = color.style(for: STDOUT_FILENO, environment: environment)
                if items.isEmpty {
                    output.write(due ? "No follow-ups due today or overdue.\n" : "No follow-ups.\n")
                }
                for item in items {
                    output.write(FollowUpText.line(item, clock: clock, style: style, showsAgent: agent == nil) + "\n")
                }
            case .json:
                var writer = JSONWriter()
                writer.value(.array(items.map(LedgerJSON.followUp)))
                writer.raw("\n")
                output.write(writer.bytes)
            case .csv:
                var text = CSV.row([
                    "id", "due", "status", "customer", "text", "agent", "playbook", "step", "session", "completed",
                    "completed_by", "note", "snoozes",
                ])
                for item in items {
                    text += CSV.row([
                        String(item.id), item.due, item.status.rawValue, item.customer ?? "", item.text, item.agent,
                        item.playbook, item.step, item.session, item.completed ?? "", item.completedBy ?? "",
                        item.note ?? "",
                        String(item.snoozes),
                    ])
                }
                output.write(text)
            }
            output.flush()
        }
    }

    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "done", abstract: "Mark a follow-up done, with what was done.")

        @Argument(help: "The follow-up's number.", completion: .openFollowUpIDs) var id: Int64
        @Argument(help: "What was done, for the record.") var note: String
        @Option(help: "Who did it (default: $REBOUND_AGENT, else the login name).") var agent: String?
        @OptionGroup var ledger: LedgerOptions

        func run() throws {
            let environment = ProcessInfo.processInfo.environment
            guard !note.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw InputError("say what was done: rebound followups done \(id) \"called; parcel arrived\"")
            }
            let clock = try Clock.from(environment: environment)
            let who = try Note.agent(agent)
            let store = try ledger.open(environment: environment)
            let item = try inLedger { try store.complete(id, note: note, by: who, at: clock.now()) }
            writeStandardOutput("Follow-up #\(item.id) done.\n")
        }
    }

    struct Snooze: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "snooze",
            abstract: "Put a follow-up off by some days (from now when it is overdue).")

        @Argument(help: "The follow-up's number.", completion: .openFollowUpIDs) var id: Int64
        @Argument(help: "Days, from 1 to 365.") var days: Int
        @OptionGroup var ledger: LedgerOptions

        func validate() throws {
            guard (1...365).contains(days) else { throw ValidationError("days must be from 1 to 365, not \(days)") }
        }

        func run() throws {
            let environment = ProcessInfo.processInfo.environment
            let clock = try Clock.from(environment: environment)
            let store = try ledger.open(environment: environment)
            let item = try inLedger { try store.snooze(id, days: days, at: clock.now()) }
            writeStandardOutput("Follow-up #\(item.id) now due \(FollowUpText.when(item.due, clock: clock)).\n")
        }
    }

    enum ListFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json, csv
    }
}
