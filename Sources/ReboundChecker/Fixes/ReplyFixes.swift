import ReboundText

/// Mechanical rewrites for findings, worked out from the reply's own words: drop the
/// excuse clause or the second apology, "the courier lost it" → "we lost it", "sorry if we
/// missed" → "sorry we missed", and, when the playbook says what went wrong, "sorry for any
/// inconvenience" → "sorry that we sent the wrong size". A finding gets no fix when the
/// rewrite would need judgement; the suggestion says what to do instead.
struct ReplyFixes {
    let reply: AnalyzedReply
    /// What went wrong, from the playbook's `failure` line with the captured values filled in.
    let failure: String?

    /// How far a sentence or clause is searched for its bounds, in words: a wall of text
    /// with no full stop gets no fix rather than a slow one.
    static let searchLimit = 200

    // MARK: Words

    func isWord(_ index: Int, _ words: WordSet) -> Bool { reply.isWord(index, words) }
    func isWord(_ index: Int, _ word: String) -> Bool { reply.isWord(index, word) }

    func start(_ index: Int) -> Int { Int(reply.tokens[index].start) }
    func end(_ index: Int) -> Int { Int(reply.tokens[index].end) }

    /// The first token that ends after `offset`.
    func token(at offset: Int) -> Int? {
        var low = 0
        var high = reply.tokens.count
        while low < high {
            let middle = (low + high) / 2
            if end(middle) <= offset { low = middle + 1 } else { high = middle }
        }
        return low < reply.tokens.count ? low : nil
    }

    /// The tokens of the sentence holding token `index`, if its bounds are near enough.
    func sentence(around index: Int) -> Range<Int>? {
        var first = index
        while !reply.tokens[first].startsSentence {
            first -= 1
            if index - first > Self.searchLimit { return nil }
        }
        var last = index + 1
        while last < reply.tokens.count, !reply.tokens[last].startsSentence {
            last += 1
            if last - index > Self.searchLimit { return nil }
        }
        return first..<last
    }

    /// The tokens of the clause holding token `index` inside `sentence`.
    func clause(around index: Int, in sentence: Range<Int>) -> Range<Int> {
        var first = index
        while first > sentence.lowerBound, !reply.tokens[first].startsClause { first -= 1 }
        var last = index + 1
        while last < sentence.upperBound, !reply.tokens[last].startsClause { last += 1 }
        return first..<last
    }

    // MARK: Which fix

    /// The fix for a phrase finding of `category`, found by the phrase group `group` at
    /// the words `match`.
    func fix(_ category: FindingCategory, group: String, match: Range<Int>) -> TextEdit? {
        switch category {
        case .excuse, .repeatedApology: return removingClause(holding: match)
        case .blame:
            switch group {
            case "customer": return nil
            case "not-us": return removingClause(holding: match)
            default:
                return weAsSubject(in: match) ?? ours(in: match) ?? downToUs(in: match)
                    ?? (isDeflection(match) ? removingClause(holding: match) : nil)
            }
        case .nonApology:
            switch group {
            case "conditional": return droppingIf(in: match) ?? namingFailure(in: match)
            case "passive": return activeVoice(in: match)
            case "sorry-but": return nil
            default: return namingFailure(in: match)
            }
        case .policy, .avoid, .expectation, .repetition, .privacy: return nil
        }
    }

    /// The fix for a sentence the learned layer reported: only dropping an excuse's cause.
    func fix(model category: FindingCategory, sentenceStart: Int) -> TextEdit? {
        guard category == .excuse, let first = token(at: sentenceStart), let sentence = sentence(around: first)
        else { return nil }
        return removingSentenceCause(sentence)
    }

    /// The advice made to fit this reply: the sentence as the fix leaves it, or, for an
    /// apology that names nothing, one that names the playbook's `failure`.
    func suggestion(_ advice: String?, category: FindingCategory, fix: TextEdit?) -> String? {
        let lead = advice.map { $0 + " " } ?? ""
        if let fix, let first = token(at: fix.offset), let sentence = sentence(around: first) {
            return preview(fix, in: sentence, alongside: []).map { lead + $0 } ?? advice
        }
        if category == .nonApology, let failure, !failure.isEmpty {
            return lead + "For example: \u{201C}I'm sorry that \(failure).\u{201D}"
        }
        return advice
    }

    /// "Fixed: “…”", the words of `sentence` (where `fix` starts) as they read once fixed,
    /// with the edits of `others` inside the sentence applied too where they do not overlap
    /// (as `lint --fix` applies them together); `nil` when the fix starts before it.
    func preview(_ fix: TextEdit, in sentence: Range<Int>, alongside others: [TextEdit]) -> String? {
        let from = start(sentence.lowerBound)
        let to = max(closingEnd(of: sentence), fix.end)
        if fix.replacement.isEmpty, fix.offset <= from, fix.end >= end(sentence.upperBound - 1) {
            return "The fix deletes this sentence."
        }
        guard fix.offset >= from else { return nil }
        var edits = [fix]
        for other in others.sorted(by: { ($0.offset, $0.length) < ($1.offset, $1.length) })
        where other.offset >= from && other.end <= to
            && edits.allSatisfy({ other.end <= $0.offset || $0.end <= other.offset })
        {
            edits.append(other)
        }
        let fixed = edits.map { TextEdit(offset: $0.offset - from, length: $0.length, replacement: $0.replacement) }
            .applied(to: Array(reply.bytes[from..<to])).bytes
        let sentenceText = String(decoding: fixed, as: UTF8.self).replacingControlCharacters()
        return "Fixed: \u{201C}\(sentenceText.trimmed)\u{201D}"
    }

    /// The findings with each fix's preview showing its sentence with every other finding's
    /// fix in that sentence applied as well, so a preview never still holds a mistake that
    /// another finding fixes. Fixes are sorted by sentence first, so a reply with many
    /// findings costs a sort, not a comparison of every pair.
    func previewingTogether(_ findings: [Finding]) -> [Finding] {
        var placed: [(sentence: Range<Int>, index: Int)] = []
        for (index, finding) in findings.enumerated() {
            guard let fix = finding.fix, let first = token(at: fix.offset), let sentence = sentence(around: first)
            else { continue }
            placed.append((sentence, index))
        }
        placed.sort { $0.sentence.lowerBound < $1.sentence.lowerBound }
        var result = findings
        var runStart = 0
        while runStart < placed.count {
            var runEnd = runStart + 1
            while runEnd < placed.count, placed[runEnd].sentence == placed[runStart].sentence { runEnd += 1 }
            let run = placed[runStart..<runEnd]
            runStart = runEnd
            guard let sentence = run.first?.sentence, run.count > 1 else { continue }
            let indices = run.map(\.index)
            let edits = indices.compactMap { findings[$0].fix }
            for index in indices {
                guard let fix = findings[index].fix, let suggestion = findings[index].suggestion,
                    let own = preview(fix, in: sentence, alongside: []), suggestion.hasSuffix(own),
                    let together = preview(fix, in: sentence, alongside: edits.filter { $0 != fix }),
                    together != own
                else { continue }
                result[index].suggestion = String(suggestion.dropLast(own.count)) + together
            }
        }
        return result
    }

    // MARK: Removing a clause or a sentence

    /// Words that open a clause giving a reason: "because", "due to", "as we…", "since the…".
    static let beforeTo = WordSet(["due", "owing", "thanks"])
    static let beforeSubject = WordSet(["as", "since", "given"])
    static let subjects = WordSet(["we", "our", "the", "it", "there", "they", "i", "this", "that", "a", "an", "of"])
    static let conjunctions = WordSet(["but", "and", "so", "yet", "however", "still"])

    func isCauseConnector(_ index: Int) -> Bool {
        if isWord(index, "because") { return true }
        if isWord(index, Self.beforeTo) { return isWord(index + 1, "to") }
        return isWord(index, Self.beforeSubject) && isWord(index + 1, Self.subjects)
    }

    /// Removes the clause that holds `span` (an excuse, a second apology, a disowning or a
    /// deflection): from its causal connector when it has one ("…late because we were
    /// short-staffed." → "…late."), else the whole clause, else the whole sentence.
    func removingClause(holding span: Range<Int>) -> TextEdit? {
        guard !span.isEmpty, let sentence = sentence(around: span.lowerBound),
            span.upperBound <= sentence.upperBound
        else { return nil }
        var clause = clause(around: span.lowerBound, in: sentence)
        if span.upperBound > clause.upperBound {
            clause = clause.lowerBound..<self.clause(around: span.upperBound - 1, in: sentence).upperBound
        }
        if let connector = (clause.lowerBound..<span.lowerBound).last(where: isCauseConnector) {
            return removingCause(from: connector, to: clause.upperBound, in: sentence)
        }
        if clause == sentence { return removingSentence(sentence) }
        if clause.lowerBound > sentence.lowerBound {
            return edit(end(clause.lowerBound - 1), end(clause.upperBound - 1), "")
        }
        return removingOpening(clause.lowerBound, before: clause.upperBound, in: sentence)
    }

    /// For a sentence the learned layer reported: the clause from "because" or "due to"
    /// when there is one, else the sentence when it is a single clause. ("As" and "since"
    /// are left alone here: without a phrase to point at, "since the sale went live" may
    /// be a time, not the excuse.)
    func removingSentenceCause(_ sentence: Range<Int>) -> TextEdit? {
        let strong = sentence.first { isWord($0, "because") || isWord($0, Self.beforeTo) && isWord($0 + 1, "to") }
        if let connector = strong {
            return removingCause(from: connector, to: clause(around: connector, in: sentence).upperBound, in: sentence)
        }
        guard clause(around: sentence.lowerBound, in: sentence) == sentence else { return nil }
        return removingSentence(sentence)
    }

    /// Removes a cause from its connector to the end of its clause (`clauseEnd`): with the
    /// space before it inside a sentence, as an opening clause at its start.
    func removingCause(from connector: Int, to clauseEnd: Int, in sentence: Range<Int>) -> TextEdit? {
        connector == sentence.lowerBound
            ? removingOpening(connector, before: clauseEnd, in: sentence)
            : edit(end(connector - 1), end(clauseEnd - 1), "")
    }

    /// Removes a sentence's opening clause `first..<next`, a "but" or "and" after it, and
    /// capitalises what then starts the sentence.
    func removingOpening(_ first: Int, before next: Int, in sentence: Range<Int>) -> TextEdit? {
        var rest = next
        while rest < sentence.upperBound, isWord(rest, Self.conjunctions) {
            rest += 1
        }
        guard rest < sentence.upperBound else { return removingSentence(sentence) }
        let restStart = start(rest)
        let initial = reply.bytes[restStart]
        guard initial >= UInt8(ascii: "a"), initial <= UInt8(ascii: "z") else {
            return edit(start(first), restStart, "")
        }
        return edit(start(first), restStart + 1, String(UnicodeScalar(initial - 0x20)))
    }

    /// Removes a whole sentence with its closing punctuation; a sentence alone on its line
    /// takes its line with it. Nothing when it is all the reply says.
    func removingSentence(_ sentence: Range<Int>) -> TextEdit? {
        let bytes = reply.bytes
        var from = start(sentence.lowerBound)
        var to = closingEnd(of: sentence)
        while to < bytes.count, bytes[to] == UInt8(ascii: " ") || bytes[to] == UInt8(ascii: "\t") { to += 1 }
        var lineStart = from
        while lineStart > 0, bytes[lineStart - 1] == UInt8(ascii: " ") || bytes[lineStart - 1] == UInt8(ascii: "\t") {
            lineStart -= 1
        }
        let aloneOnLine = lineStart == 0 || bytes[lineStart - 1] == UInt8(ascii: "\n")
        let endsLine = to == bytes.count || bytes[to] == UInt8(ascii: "\n") || bytes[to] == UInt8(ascii: "\r")
        if endsLine {
            from = lineStart
            if aloneOnLine {
                if to < bytes.count {
                    if bytes[to] == UInt8(ascii: "\r") { to += 1 }
                    if to < bytes.count, bytes[to] == UInt8(ascii: "\n") { to += 1 }
                    // A paragraph of its own: take one of the blank lines around it too.
                    let blankBefore = from == 0 || (from >= 2 && bytes[from - 2] == UInt8(ascii: "\n"))
                    if blankBefore, to < bytes.count, bytes[to] == UInt8(ascii: "\n") { to += 1 }
                } else {
                    while from > 0, bytes[from - 1] == UInt8(ascii: "\n") || bytes[from - 1] == UInt8(ascii: "\r") {
                        from -= 1
                    }
                }
            }
        }
        let keeps = bytes[..<from].contains { !Self.isSpace($0) } || bytes[to...].contains { !Self.isSpace($0) }
        return keeps ? edit(from, to, "") : nil
    }

    /// Where a sentence ends with its closing punctuation ("late." "sure?!" "done…”").
    func closingEnd(of sentence: Range<Int>) -> Int {
        let bytes = reply.bytes
        var to = end(sentence.upperBound - 1)
        let limit = sentence.upperBound < reply.tokens.count ? start(sentence.upperBound) : bytes.count
        while to < limit, Self.closing.contains(bytes[to]) || bytes[to] >= 0x80 && !startsWord(at: to) {
            to += 1
        }
        return to
    }

    /// Punctuation that closes a sentence and goes with it.
    private static let closing: Set<UInt8> = Set(".!?)\"'".utf8)

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }

    /// Whether a word token starts at byte `offset`.
    private func startsWord(at offset: Int) -> Bool {
        guard let index = token(at: offset) else { return false }
        return start(index) <= offset
    }

    // MARK: Blame

    /// Words a subject can open with.
    static let determiners = WordSet(["the", "our", "your", "a", "an", "their", "my", "his", "her"])
    /// Verbs that follow another party as the subject of a failure, and what "we" needs instead.
    static let agreement: [UInt32: String] = Dictionary(
        uniqueKeysWithValues: [
            ("has", "have"), ("is", "are"), ("was", "were"), ("hasn't", "haven't"), ("isn't", "aren't"),
            ("wasn't", "weren't"), ("doesn't", "don't"), ("does", "do"),
        ].map { (WordSet.hash($0.0), $0.1) })
    static let pronouns = WordSet([
        "it", "this", "that", "there", "they", "he", "she", "which", "who", "we", "i", "you",
    ])
    static let failureVerbs = WordSet([
        "have", "had", "were", "are", "did", "didn't", "haven't", "hadn't", "weren't", "never", "lost", "misplaced",
        "damaged", "broke", "mishandled", "delayed", "messed", "mixed", "dropped", "failed", "forgot", "made", "gave",
        "told", "misinformed", "misled", "got", "sent", "supplied", "shipped", "left", "delivered", "took", "let",
        "caused", "marked", "cancelled", "canceled", "missed", "charged", "booked", "entered",
    ])

    /// "The courier lost your parcel" → "We lost your parcel"; "the warehouse team has
    /// sent" → "we have sent". Only a short subject right before the verb.
    func weAsSubject(in match: Range<Int>) -> TextEdit? {
        let subject = match.lowerBound
        let first = isWord(subject, Self.determiners) ? subject + 1 : subject
        guard !isWord(first, Self.pronouns),
            let verb = (first + 1..<min(first + 4, match.upperBound)).first(where: {
                Self.agreement[reply.tokens[$0].wordHash] != nil || isWord($0, Self.failureVerbs)
            }),
            !(subject + 1...verb).contains(where: { reply.tokens[$0].startsClause })
        else { return nil }
        let pronoun = reply.tokens[subject].startsSentence ? "We" : "we"
        if let agreeing = Self.agreement[reply.tokens[verb].wordHash] {
            return edit(start(subject), end(verb), "\(pronoun) \(agreeing)")
        }
        return edit(start(subject), start(verb), "\(pronoun) ")
    }

    static let ownedNouns = WordSet(["fault", "mistake", "error", "side", "end"])
    static let beforeOwner = WordSet(["was", "is", "s", "it", "this", "that", "on", "at", "of", "by"])

    /// "It was the courier's fault" → "It was our fault"; "on the supplier's side" → "on our side".
    func ours(in match: Range<Int>) -> TextEdit? {
        guard
            let noun = match.first(where: {
                $0 >= match.lowerBound + 2 && isWord($0 - 1, "s") && isWord($0, Self.ownedNouns)
            })
        else { return nil }
        let possessive = noun - 1
        var owner = possessive - 1
        while owner - 1 >= match.lowerBound, possessive - (owner - 1) <= 4,
            !isWord(owner - 1, Self.beforeOwner)
        {
            owner -= 1
        }
        let pronoun = reply.tokens[owner].startsSentence ? "Our" : "our"
        return edit(start(owner), end(possessive), pronoun)
    }

    static let beforeUs = WordSet(["that", "it", "s", "is", "down"])
    static let deflectionVerbs = WordSet(["contact", "call", "speak", "reach", "email", "take", "raise", "talk", "get"])

    /// "That's down to the courier" → "That's down to us".
    func downToUs(in match: Range<Int>) -> TextEdit? {
        guard let preposition = match.first(where: { isWord($0, "on") || isWord($0, "to") }),
            preposition + 1 < match.upperBound, isWord(preposition - 1, Self.beforeUs)
        else { return nil }
        return edit(start(preposition + 1), end(match.upperBound - 1), "us")
    }

    /// A match that sends the customer elsewhere: "you'll need to contact the courier".
    func isDeflection(_ match: Range<Int>) -> Bool {
        match.contains { isWord($0, Self.deflectionVerbs) }
    }

    // MARK: Non-apologies

    static let owners = WordSet(["we", "i", "our", "my"])
    static let apologyObjects = WordSet(["for", "if", "that"])
    static let trailing = WordSet(["caused", "causes", "this", "that", "it", "may", "might", "could", "has", "have"])
    static let passiveAuxiliaries = WordSet(["was", "were", "has", "have"])

    /// "Sorry if we missed your call" → "Sorry we missed your call".
    func droppingIf(in match: Range<Int>) -> TextEdit? {
        guard let condition = match.first(where: { isWord($0, "if") }), isWord(condition + 1, Self.owners)
        else { return nil }
        return edit(start(condition), start(condition + 1), "")
    }

    /// "We apologise for any inconvenience caused" → "We apologise that we sent the wrong
    /// size", with the playbook's `failure`.
    func namingFailure(in match: Range<Int>) -> TextEdit? {
        guard let failure, !failure.isEmpty,
            let first = match.first(where: { isWord($0, Self.apologyObjects) })
        else { return nil }
        var last = match.upperBound - 1
        if isWord(last, "but") { last -= 1 }
        while last + 1 < reply.tokens.count, last + 1 - match.upperBound < 6, !reply.tokens[last + 1].startsClause,
            isWord(last + 1, Self.trailing) || (isWord(last + 1, "you") && isWord(last, "caused"))
        {
            last += 1
        }
        guard last > first else { return nil }
        return edit(start(first), end(last), "that \(failure)")
    }

    /// "Mistakes were made" → "we made mistakes"; "an error has been made" → "we have made an error".
    func activeVoice(in match: Range<Int>) -> TextEdit? {
        guard let auxiliary = match.first(where: { isWord($0, Self.passiveAuxiliaries) }),
            auxiliary > match.lowerBound, isWord(match.upperBound - 1, "made")
        else { return nil }
        let noun = reply.excerpt(start(match.lowerBound), end(auxiliary - 1))
        let perfect = isWord(auxiliary, "has") || isWord(auxiliary, "have")
        let pronoun = reply.tokens[match.lowerBound].startsSentence ? "We" : "we"
        let lowered = noun.prefix(1).lowercased() + noun.dropFirst()
        return edit(
            start(match.lowerBound), end(match.upperBound - 1), "\(pronoun) \(perfect ? "have " : "")made \(lowered)")
    }

    private func edit(_ from: Int, _ to: Int, _ replacement: String) -> TextEdit? {
        to > from || !replacement.isEmpty ? TextEdit(offset: from, length: to - from, replacement: replacement) : nil
    }
}
