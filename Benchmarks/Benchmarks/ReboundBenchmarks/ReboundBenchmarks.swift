import Benchmark
import ReboundCore

/// A playbook of `steps` steps, each with guidance, validated questions, a branch,
/// a draft with checks and a follow-up: about 20 lines a step, as real playbooks have.
func generatedPlaybook(id: String, steps: Int) -> String {
    var lines = [
        "# Generated for benchmarking.",
        "playbook \(id) \"Generated playbook \(id)\"",
        "version 1",
        "summary A generated playbook whose steps use every construct of the language.",
        "tags benchmark, generated",
        "",
    ]
    for step in 0..<steps {
        let next = step + 1 < steps ? "s\(step + 1)" : "end"
        lines += [
            "step s\(step) \"Step \(step): own it and plan the way back\"",
            "  say Name the mistake in your first sentence; no preamble and no excuses, café ☕️.",
            "  ask name\(step) \"Customer's first name for step \(step)?\"",
            "  ask order\(step) \"Order number?\" matching /[0-9]{6,}/",
            "  ask channel\(step) \"Channel?\" one of email, phone, chat",
            "  confirm \"You read the whole thread, so {name\(step)} need not repeat the story.\"",
            "  choose remedy\(step) \"Which remedy did {name\(step)} pick?\"",
            "    option express \"Resend by express, arrives in 2 days\"",
            "    option refund \"Full refund within 5 working days\"",
            "    option supervisor \"Needs a supervisor\" -> end",
            "  draft \"Write to {name\(step)} about order {order\(step)} and the {remedy\(step)}.\"",
            "    expect mention {order\(step)}, timeframe, next-step",
            "    limit apologies 1",
            "    avoid \"per our policy\" because \"Quibbling over policy costs trust.\"",
            "    allow policy",
            "  follow-up in 3 days \"Check that the {remedy\(step)} for order {order\(step)} worked out.\"",
            "  next \(next)",
            "",
        ]
    }
    lines += ["step end \"Close the loop\"", "  done resolved", ""]
    return lines.joined(separator: "\n")
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .peakMemoryResident, .mallocCountTotal],
        maxDuration: .seconds(10), maxIterations: 30)

    // 100,000 lines as 1,000 playbooks of about 100 lines, as a team's library would be.
    let library = (0..<1_000).map { Array(generatedPlaybook(id: "p\($0)", steps: 5).utf8) }
    let libraryLines = library.reduce(0) { $0 + $1.count { $0 == UInt8(ascii: "\n") } }
    Benchmark("check: \(libraryLines) lines in 1,000 playbooks") { benchmark in
        for _ in benchmark.scaledIterations {
            for source in library { blackHole(Playbook.check(source).diagnostics.count) }
        }
    }

    // The same 100,000 lines as one playbook, to show the flow checks stay near-linear.
    let big = Array(generatedPlaybook(id: "big", steps: 5_555).utf8)
    let bigLines = big.count { $0 == UInt8(ascii: "\n") }
    Benchmark("check: \(bigLines) lines in one playbook") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(Playbook.check(big).diagnostics.count)
        }
    }
}
