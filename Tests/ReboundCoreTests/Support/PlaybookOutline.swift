import ReboundLanguage

/// Everything a playbook means, without source positions, for comparing two parses.
func outline(_ playbook: Playbook) -> String {
    var lines = [
        "playbook \(playbook.id?.value ?? "-") \(playbook.title?.value.description ?? "-")",
        "version \(playbook.version?.value ?? 0)", "summary \(playbook.summary?.value.description ?? "-")",
        "tags \(playbook.tags.map(\.value))",
    ]
    for step in playbook.steps {
        lines.append(
            "step \(step.id.value) \(step.title.value.dumped) exit \(String(describing: step.exit?.value.outline))")
        for item in step.items {
            switch item {
            case .say(let say): lines.append("  say \(say.text.value.dumped)")
            case .ask(let ask):
                let validation: String
                switch ask.validation {
                case .pattern(let pattern): validation = "/\(pattern.value)/"
                case .oneOf(let answers): validation = "\(answers.map(\.value))"
                case .amount: validation = "amount"
                case nil: validation = "-"
                }
                let identifies = ask.identifiesCustomer == nil ? "" : " identifies customer"
                lines.append("  ask \(ask.id.value) \(ask.question.value.dumped) \(validation)\(identifies)")
            case .confirm(let confirm): lines.append("  confirm \(confirm.text.value.dumped)")
            case .choose(let choice):
                lines.append("  choose \(choice.id.value) \(choice.question.value.dumped)")
                for option in choice.options {
                    lines.append(
                        "    option \(option.id.value) \(option.label.value.dumped) \(option.target?.value ?? "-")")
                }
            case .draft(let draft):
                lines.append("  draft \(draft.instruction.value.dumped) limit \(draft.apologyLimit?.value ?? -1)")
                lines.append("    expect \(draft.expectations.map { $0.value.keyword })")
                lines.append("    avoid \(draft.avoids.map { [$0.phrase.value, $0.reason.value] })")
                lines.append("    allow \(draft.allows.map(\.value))")
            case .followUp(let followUp):
                lines.append("  follow-up \(followUp.hours) \(followUp.text.value.dumped)")
            case .redCarpet(let redCarpet):
                lines.append("  red-carpet \(redCarpet.contacts.value) \(redCarpet.gesture.value.dumped)")
            case .cause(let cause): lines.append("  cause \(cause.label.value.dumped)")
            }
        }
    }
    return lines.joined(separator: "\n")
}

extension StepExit {
    var outline: String {
        switch self {
        case .next(let target): "next \(target.value)"
        case .done(let outcome): "done \(outcome.rawValue)"
        }
    }
}

extension Text {
    /// Literal pieces and `{value}` references, without positions.
    var dumped: String {
        segments.map {
            switch $0 {
            case .literal(let text): "lit(\(text))"
            case .value(let name): "ref(\(name.value))"
            }
        }.joined(separator: " ")
    }
}
