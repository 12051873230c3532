import Benchmark
import ReboundChecker
import ReboundLanguage

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

/// Replies of 100–600 characters built from sentences agents write, some clean and some
/// with excuses, blame, hollow apologies or policy talk, in a fixed pseudo-random order.
func generatedReplies(count: Int, seed: UInt64 = 7) -> [String] {
    let sentences = [
        "Hi Maria, thanks for getting in touch.", "I'm sorry your parcel is late.",
        "We were short-staffed this week, so orders are slow.", "The courier lost your parcel.",
        "I've sent a replacement by express and it arrives by Thursday.",
        "We apologise for any inconvenience this may have caused.", "As per our policy, refunds take 30 days.",
        "Your refund of $42.50 went out today.", "Could you please explain the problem again?",
        "The engineer will call you tomorrow at 10am.", "Sorry again for the trouble!",
        "I've read your messages and I have everything I need.", "Our policy is to refund you in full, so I have.",
        "You wrote \"nobody cares\" and that's fair.", "Let me know which day suits you best.",
        "It's not the courier's fault: we printed the wrong label.", "Thanks for your patience 🙏",
    ]
    var state = seed
    var replies: [String] = []
    while replies.count < count {
        var reply = ""
        let target = 100 + Int(state % 500)
        while reply.count < target {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            reply += (reply.isEmpty ? "" : " ") + sentences[Int(state >> 33) % sentences.count]
        }
        replies.append(String(reply.prefix(600)))
    }
    return replies
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

    Benchmark("checker: build from the shipped phrase lists") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(ReplyChecker(book: ReplyChecker.standardBook))
        }
    }

    let checker = ReplyChecker()
    let replies = generatedReplies(count: 10_000).map { Array($0.utf8) }
    Benchmark("lint: 10,000 replies of 100-600 characters") { benchmark in
        for _ in benchmark.scaledIterations {
            for reply in replies { blackHole(checker.check(reply).count) }
        }
    }

    let draft = Array(generatedReplies(count: 20).joined(separator: "\n").prefix(2_000).utf8)
    Benchmark("lint: one 2,000-character draft", configuration: .init(maxIterations: 10_000)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(checker.check(draft).count)
        }
    }

    ledgerBenchmarks()
}
