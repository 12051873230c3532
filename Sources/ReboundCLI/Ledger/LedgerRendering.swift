import Foundation
import ReboundChecker
import ReboundLedger
import ReboundText

/// How follow-ups, customers and red carpets read, in the chat and in `rebound followups`.
enum FollowUpText {
    /// `today 14:00`, `overdue since Mon 23 Nov`, `Thu 26 Nov 10:15 (in 3 days)`: local time.
    static func when(_ due: String, clock: Clock) -> String {
        guard let date = Timestamp.parse(due) else { return due }
        let calendar = Calendar.current
        let today = calendar.startOfDay(for: clock.now())
        let days = calendar.dateComponents([.day], from: today, to: calendar.startOfDay(for: date)).day ?? 0
        let parts = calendar.dateComponents([.weekday, .day, .month, .hour, .minute], from: date)
        func two(_ value: Int?) -> String { (value ?? 0) < 10 ? "0\(value ?? 0)" : String(value ?? 0) }
        let time = "\(two(parts.hour)):\(two(parts.minute))"
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let day =
            "\(weekdays[((parts.weekday ?? 1) - 1) % 7]) \(parts.day ?? 0) \(months[((parts.month ?? 1) - 1) % 12])"
        switch days {
        case ..<(-1): return "overdue since \(day) (\(-days) days)"
        case -1: return "overdue since yesterday \(time)"
        case 0: return date < clock.now() ? "overdue since \(time) today" : "today \(time)"
        case 1: return "tomorrow \(time)"
        default: return "\(day) \(time) (in \(days) days)"
        }
    }

    /// `#12  today 14:00  jane@example.com  Check the parcel arrived  (late-delivery, 20261120-…)`;
    /// with `showsAgent` (a list of every agent's), whose it is after the time; a done one
    /// says when and by whom.
    static func line(_ item: FollowUpItem, clock: Clock, style: Style, showsAgent: Bool = false) -> String {
        let id = style.bold("#\(item.id)")
        let closer = item.completedBy.map { " by \($0.escapingControlCharacters())" } ?? ""
        let when =
            item.status == .done
            ? style.green("done \(item.completed.map { String($0.prefix(10)) } ?? "")\(closer)")
            : item.due < Timestamp.utc(clock.now())
                ? style.yellow(Self.when(item.due, clock: clock))
                : Self.when(item.due, clock: clock)
        var text = "\(id)  \(when)  "
        if showsAgent { text += style.cyan(item.agent.escapingControlCharacters()) + "  " }
        if let customer = item.customer { text += "\(customer.escapingControlCharacters())  " }
        text += item.text.escapingControlCharacters()
        text += style.dim("  (\(item.playbook), \(item.session))")
        if let note = item.note { text += "\n      " + style.dim("note: " + note.escapingControlCharacters()) }
        return text
    }

    /// The red-carpet greeting: one block per red carpet, and earlier contacts.
    static func customer(_ history: CustomerHistory, style: Style) -> String {
        var lines: [String] = []
        for red in history.redCarpets {
            lines.append(
                style.bold(style.yellow("★ Red carpet"))
                    + " for \(history.label.escapingControlCharacters()): contact \(red.contact) of \(red.contacts).")
            lines.append("  Promised: \(red.gesture.escapingControlCharacters())")
            var failure = red.playbook
            if let cause = red.cause { failure += ": \(cause.escapingControlCharacters())" }
            if let amount = red.amount { failure += " (\(amount) at risk)" }
            lines.append("  Original failure: \(failure), session \(red.session) on \(red.created.prefix(10)).")
        }
        if history.redCarpets.isEmpty, history.earlierContacts > 0 {
            let count = history.earlierContacts
            lines.append(
                style.dim(
                    "\(history.label.escapingControlCharacters()) has \(count) earlier contact\(count == 1 ? "" : "s") on record."
                ))
        }
        return lines.joined(separator: "\n")
    }

    /// What the ledger kept when a session ended.
    static func recorded(_ recovery: RecordedRecovery, clock: Clock, style: Style) -> String? {
        var parts = recovery.followUps.map {
            "follow-up #\($0.id) due \(when($0.due, clock: clock)): "
                + $0.text.escapingControlCharacters().trimmingCharacters(in: CharacterSet(charactersIn: ". "))
        }
        for red in recovery.redCarpets {
            parts.append(
                "red carpet for the customer's next \(red.contacts) contact\(red.contacts == 1 ? "" : "s"): "
                    + red.gesture.escapingControlCharacters())
        }
        var text = parts.isEmpty ? nil : "Ledger: " + parts.joined(separator: "; ") + "."
        if recovery.redCarpetsWithoutCustomer > 0 {
            text =
                (text.map { $0 + "\n" } ?? "")
                + style.yellow("! ") + "The red carpet was not kept: no answer identified the customer."
        }
        return text
    }
}

/// The same things as JSON values, for `--protocol jsonl` and `--format json`.
enum LedgerJSON {
    static func followUp(_ item: FollowUpItem) -> JSON.Value {
        func text(_ value: String?) -> JSON.Value { value.map(JSON.Value.string) ?? .null }
        return .object([
            ("id", .number(String(item.id))), ("due", .string(item.due)), ("status", .string(item.status.rawValue)),
            ("customer", text(item.customer)), ("text", .string(item.text)), ("agent", .string(item.agent)),
            ("playbook", .string(item.playbook)), ("step", .string(item.step)), ("session", .string(item.session)),
            ("completed", text(item.completed)), ("completedBy", text(item.completedBy)), ("note", text(item.note)),
            ("snoozes", .number(String(item.snoozes))),
        ])
    }

    static func redCarpet(_ notice: RedCarpetNotice) -> JSON.Value {
        .object([
            ("gesture", .string(notice.gesture)), ("contact", .number(String(notice.contact))),
            ("contacts", .number(String(notice.contacts))), ("session", .string(notice.session)),
            ("playbook", .string(notice.playbook)), ("cause", notice.cause.map(JSON.Value.string) ?? .null),
            ("amount", notice.amount.map { .string($0.description) } ?? .null), ("created", .string(notice.created)),
        ])
    }
}
