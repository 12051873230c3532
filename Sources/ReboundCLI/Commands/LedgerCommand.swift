import ArgumentParser
import Foundation
import ReboundLedger
import ReboundPostgres
import ReboundReview
import ReboundText

/// `rebound ledger`: the customer ledger as a whole — revenue report, CSV export and
/// import, and sync from transcripts.
struct LedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Customer ledger: revenue at risk, CSV export/import, sync from transcripts.",
        subcommands: [Report.self, Export.self, Import.self, Sync.self, Migrate.self, Info.self])

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Revenue at risk and recovered by playbook, cause and outcome; causes that recur.")

        @OptionGroup var filter: RevenueOptions
        @OptionGroup var ledger: LedgerOptions

        func run() throws {
            try filter.print(from: ledger)
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write ledger tables as CSV: one table to a file or standard output, or all into a directory.",
            discussion: """
                Tables: \(LedgerTable.allCases.map(\.rawValue).joined(separator: ", ")). With --table, that table \
                goes to --output (a file) or standard output; without it, every table goes into the directory \
                --output as TABLE.csv.
                """)

        @Option(help: "The table to export (default: all, into a directory).") var table: LedgerTable?
        @Option(name: .shortAndLong, help: "A file for one table, a directory for all.", completion: .file())
        var output: String?
        @Option(help: "File format (csv).") var format: FileFormat = .csv
        @OptionGroup var ledger: LedgerOptions

        func run() throws {
            let store = try ledger.open()
            if let table {
                let text = try inLedger { try store.export(table) }
                if let output {
                    try FileSystem.replace(output, with: Array(text.utf8))
                } else {
                    var out = ByteOutput(descriptor: STDOUT_FILENO)
                    out.write(text)
                    out.flush()
                }
                return
            }
            guard let output else {
                throw InputError("name a directory with --output to export every table, or pick one with --table")
            }
            try FileSystem.makePrivateDirectory(output)
            for table in LedgerTable.allCases {
                let text = try inLedger { try store.export(table) }
                try FileSystem.replace(output + "/\(table.rawValue).csv", with: Array(text.utf8))
            }
            let folder = output.hasSuffix("/") ? output : output + "/"
            writeStandardOutput("Exported \(LedgerTable.allCases.count) tables to \(folder).\n")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Add CSV rows to the ledger; every row is checked first, and one bad row stores nothing.",
            discussion: """
                PATH is a file of one --table, or a directory of TABLE.csv files as 'rebound ledger export' writes \
                them. Rows already in the ledger (same customer key, same session) are counted and left alone.
                """)

        @Argument(help: "A CSV file, or a directory of them.", completion: .file(extensions: ["csv"])) var path: String
        @Option(help: "The table a single file holds.") var table: LedgerTable?
        @Option(help: "File format (csv).") var format: FileFormat = .csv
        @OptionGroup var ledger: LedgerOptions

        func run() throws {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw InputError("cannot read '\(path)': No such file or directory")
            }
            var files: [LedgerImportFile] = []
            if isDirectory.boolValue {
                for table in LedgerTable.allCases {
                    let file = path + "/\(table.rawValue).csv"
                    if FileManager.default.fileExists(atPath: file) {
                        files.append(LedgerImportFile(table: table, name: file, bytes: try FileSystem.read(file)))
                    }
                }
                guard !files.isEmpty else {
                    throw InputError(
                        "\(path) holds none of \(LedgerTable.allCases.map { "\($0.rawValue).csv" }.joined(separator: ", "))"
                    )
                }
            } else {
                guard let table else {
                    throw InputError(
                        "say which table \(path) holds: --table \(LedgerTable.allCases.map(\.rawValue).joined(separator: "|"))"
                    )
                }
                files.append(LedgerImportFile(table: table, name: path, bytes: try FileSystem.read(path)))
            }
            let store = try ledger.open()
            do {
                let summary = try store.importTables(files)
                for table in LedgerTable.allCases where summary.added[table] != nil || summary.present[table] != nil {
                    writeStandardOutput(
                        "\(table.rawValue): \(summary.added[table] ?? 0) added, \(summary.present[table] ?? 0) already present\n"
                    )
                }
            } catch {
                var errors = ByteOutput(descriptor: STDERR_FILENO)
                for problem in error.problems { errors.write("rebound: \(problem)\n") }
                errors.write("rebound: nothing imported (\(count(error.problems.count, "bad row")))\n")
                errors.flush()
                throw ExitCode(2)
            }
        }
    }

    struct Sync: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sync",
            abstract: "Add finished sessions from transcripts that the ledger does not have yet.",
            discussion: """
                For a session that ended while the ledger could not be written, or transcripts from another \
                machine. Sessions already in the ledger are left as they are; follow-ups done stay done.
                """)

        @Argument(
            help: "Transcript files or directories (default: the transcripts directory).",
            completion: .file(extensions: ["jsonl"]))
        var paths: [String] = []
        @OptionGroup var ledger: LedgerOptions

        func run() throws {
            let environment = ProcessInfo.processInfo.environment
            let directory = TranscriptsDirectory.path(option: nil, environment: environment)
            let store = try ledger.open(environment: environment)
            var added = 0
            var present = 0
            var unfinished = 0
            try TranscriptFiles(paths: paths.isEmpty ? [directory] : paths).forEachSession {
                path, header, events, problems in
                for problem in problems { writeStandardError("rebound: \(path): \(problem)\n") }
                guard let header, let record = RecoveryRecord(header: header, events: events.events) else {
                    unfinished += 1
                    return
                }
                if try inLedger({ try store.hasRecovery(session: record.session) }) {
                    present += 1
                } else {
                    try inLedger { try store.record(record) }
                    added += 1
                }
            }
            writeStandardOutput(
                "\(count(added, "session")) added, \(present) already in the ledger, \(unfinished) unfinished or unreadable.\n"
            )
        }
    }

    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate",
            abstract: "Copy a whole ledger into another (an agent's SQLite file into the team's PostgreSQL server).",
            discussion: """
                Every table is copied in one transaction; rows the target already holds (same customer key, \
                same session) are left alone, so running it again after an interruption finishes the copy and \
                copies nothing twice.
                """)

        @Option(help: ArgumentHelp("The ledger to copy from: a file or a postgresql:// URL.", valueName: "ledger"))
        var from: String

        @Option(help: ArgumentHelp("The ledger to copy into: a file or a postgresql:// URL.", valueName: "ledger"))
        var to: String

        func run() throws {
            let environment = ProcessInfo.processInfo.environment
            let source = try inLedger { () throws(LedgerError) in
                if !PostgresURL.isURL(from), !FileManager.default.fileExists(atPath: from) {
                    throw LedgerError("cannot open the ledger \(from): No such file or directory")
                }
                return try LedgerOptions.openStore((from, false), environment: environment)
            }
            let target = try inLedger { try LedgerOptions.openStore((to, false), environment: environment) }
            let files = try inLedger {
                try LedgerTable.allCases.map { table in
                    LedgerImportFile(
                        table: table, name: "\(source.location) \(table.rawValue)",
                        bytes: Array(try source.export(table).utf8))
                }
            }
            do {
                let summary = try target.importTables(files)
                for table in LedgerTable.allCases {
                    writeStandardOutput(
                        "\(table.rawValue): \(summary.added[table] ?? 0) copied, \(summary.present[table] ?? 0) already there\n"
                    )
                }
            } catch {
                for problem in error.problems { writeStandardError("rebound: \(problem)\n") }
                writeStandardError("rebound: nothing copied into \(target.location)\n")
                throw ExitCode(2)
            }
        }
    }

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "info", abstract: "Where the ledger is, its schema and its size.")

        @OptionGroup var ledger: LedgerOptions

        func run() throws {
            let store = try ledger.open()
            let version = try inLedger { try store.schemaVersion() } ?? "none"
            writeStandardOutput("ledger: \(store.location)\n")
            writeStandardOutput(
                "schema: \(version) (this rebound knows \(store.knownSchemaVersions.joined(separator: ", ")))\n")
            for (table, rows) in try inLedger({ try store.rowCounts() }) {
                writeStandardOutput("\(table.rawValue): \(rows)\n")
            }
        }
    }

    enum FileFormat: String, ExpressibleByArgument, CaseIterable {
        case csv
    }
}

extension LedgerTable: ExpressibleByArgument {}

/// The filters and formats of the revenue report, shared by `ledger report` and
/// `review --revenue`.
struct RevenueOptions: ParsableArguments {
    /// The ledger reports' filter from the options: dates are whole UTC days, `until` included.
    static func filter(agent: String?, playbook: String?, since: String?, until: String?) throws -> RevenueFilter {
        var filter = RevenueFilter(agent: agent, playbook: playbook)
        filter.since = try since.map { Timestamp.utc(try Review.day($0, "--since")) }
        filter.until = try until.map { Timestamp.utc(try Review.day($0, "--until").addingTimeInterval(86_400)) }
        return filter
    }

    @Option(help: "Only this agent's sessions.", completion: .agentNames) var agent: String?
    @Option(help: "Only this playbook id.", completion: .playbookIDs) var playbook: String?
    @Option(help: "Only sessions finished on or after this date (YYYY-MM-DD, UTC).") var since: String?
    @Option(help: "Only sessions finished before the end of this date (YYYY-MM-DD, UTC).") var until: String?
    @Option(help: "Output format: text, json or csv.") var format: Followups.ListFormat = .text
    @OptionGroup var color: ColorOptions

    func print(from ledger: LedgerOptions) throws {
        try Self.print(
            agent: agent, playbook: playbook, since: since, until: until, format: format, color: color, ledger: ledger)
    }

    static func print(
        agent: String?, playbook: String?, since: String?, until: String?, format: Followups.ListFormat,
        color: ColorOptions, ledger: LedgerOptions
    ) throws {
        let environment = ProcessInfo.processInfo.environment
        let filter = try Self.filter(agent: agent, playbook: playbook, since: since, until: until)
        let store = try ledger.open(environment: environment)
        let report = try inLedger { try store.revenueReport(filter) }
        var output = ByteOutput(descriptor: STDOUT_FILENO)
        switch format {
        case .text:
            let style = color.style(for: STDOUT_FILENO, environment: environment)
            output.write(RevenueRendering.text(report, ledger: store.location, style: style))
        case .json: output.write(RevenueRendering.json(report))
        case .csv: output.write(RevenueRendering.csv(report))
        }
        output.flush()
    }
}
