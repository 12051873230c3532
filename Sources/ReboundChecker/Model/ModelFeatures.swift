/// A sentence of a reply as the learned layer sees it: the words it covers and the
/// features its weights are looked up by.
public struct ModelSentence: Sendable, Equatable {
    /// The sentence's first word, as an index into `AnalyzedReply.tokens`.
    public let firstToken: Int
    /// One past the sentence's last word.
    public let endToken: Int
    /// Feature ids, possibly repeated (a word twice counts twice).
    public let features: [UInt32]
}

/// Turns a reply into sentences of hashed features: each word, each pair of neighbouring
/// words within a clause, and each word marked as negated when a negation comes shortly
/// before it in its clause ("we will *not blame* the courier" is not blame). The
/// customer's quoted words are left out, as the phrase layer leaves them out.
///
/// The training script (`Training/train.py`) reads these same ids through
/// `rebound model-features`, so the two can never disagree on what a feature is.
public enum ModelFeatures {
    /// How many words after a negation, in the same clause, count as negated.
    static let negationReach = 3

    /// The reply's sentences that have at least one of the agent's own words.
    public static func sentences(of reply: AnalyzedReply) -> [ModelSentence] {
        var features: [[UInt32]] = []
        let spans = forEachFeature(of: reply) { sentence, feature in
            if sentence == features.count { features.append([]) }
            features[sentence].append(feature)
        }
        return zip(spans, features).map {
            ModelSentence(firstToken: $0.firstToken, endToken: $0.endToken, features: $1)
        }
    }

    /// The byte offsets each sentence covers, from its first word's start to its last
    /// word's end.
    static func byteBounds(
        of spans: [(firstToken: Int, endToken: Int)], in reply: AnalyzedReply
    ) -> [(start: Int, end: Int)] {
        spans.map { (Int(reply.tokens[$0.firstToken].start), Int(reply.tokens[$0.endToken - 1].end)) }
    }

    /// Calls `body(sentence, feature)` for every feature in reading order, sentences
    /// numbered from 0 counting only those with features; returns each such sentence's
    /// tokens. No array per sentence: the checker scores a reply in one pass.
    @discardableResult
    static func forEachFeature(
        of reply: AnalyzedReply, _ body: (_ sentence: Int, _ feature: UInt32) -> Void
    ) -> [(firstToken: Int, endToken: Int)] {
        var spans: [(firstToken: Int, endToken: Int)] = []
        var first = 0
        var hasFeatures = false
        var previous = Salt.start
        var previousRole = Salt.start
        var clauseRoles: UInt32 = 0
        var replyRoles: UInt32 = 0
        var negatedFor = 0
        let tokens = reply.tokens
        let lexicon = ModelRoles.lexicon
        for (index, token) in tokens.enumerated() {
            if token.startsClause, clauseRoles != 0 {
                forEachRoleCombination(clauseRoles) { body(spans.count, $0) }
                replyRoles |= clauseRoles
                clauseRoles = 0
            }
            if index > 0, token.startsSentence {
                if hasFeatures { spans.append((first, index)) }
                hasFeatures = false
                first = index
            }
            if token.startsClause {
                previous = Salt.start
                previousRole = Salt.start
                negatedFor = 0
            }
            if token.isQuoted { continue }
            var word = token.wordHash
            let role = negatedFor > 0 ? nil : lexicon.role(of: word)
            if negatedFor > 0 {
                word = mix(word, Salt.negated)
                negatedFor -= 1
            }
            hasFeatures = true
            body(spans.count, mix(word, Salt.unigram))
            body(spans.count, mix(mix(previous, Salt.bigram), word))
            // A role stands in for its word in a second pair: "PARTY marked", "the FAILURE".
            let roleOrWord = role.map { mix(UInt32($0.rawValue), Salt.role) } ?? word
            if let role {
                body(spans.count, roleOrWord)
                clauseRoles |= 1 << role.rawValue
            }
            if role != nil || previousRole != previous {
                body(spans.count, mix(mix(previousRole, Salt.roleBigram), roleOrWord))
            }
            previous = word
            previousRole = roleOrWord
            if token.isNegation { negatedFor = negationReach }
        }
        if clauseRoles != 0 { forEachRoleCombination(clauseRoles) { body(spans.count, $0) } }
        replyRoles |= clauseRoles
        if hasFeatures { spans.append((first, tokens.count)) }
        // Once per reply, in its last sentence: the roles the whole reply lacks. Through
        // the context weights they weigh on every sentence: a reply with no failure and
        // no apology in it ("heads up: Monday is a bank holiday") announces, it does not
        // excuse.
        if !spans.isEmpty {
            for role in absenceRoles where replyRoles & (1 << role.rawValue) == 0 {
                body(spans.count - 1, absenceFeature(role))
            }
        }
        return spans
    }

    /// Roles whose absence from a whole reply is a feature of its own.
    static let absenceRoles: [ModelRoles.Role] = [.failure, .apology]

    /// The feature that says a reply has no word of this role.
    static func absenceFeature(_ role: ModelRoles.Role) -> UInt32 { mix(UInt32(role.rawValue), Salt.absent) }

    /// Every absence feature: training keeps them out of the heads they say nothing about
    /// (`Training/train.py`).
    public static let absenceFeatures = Set(absenceRoles.map(absenceFeature))

    /// The roles present together in one clause, as features: each pair of roles, and
    /// "another party, a failure and no 'we'", the shape of blame.
    static func forEachRoleCombination(_ roles: UInt32, _ body: (UInt32) -> Void) {
        let count = UInt32(ModelRoles.Role.allCases.count)
        for first in 0..<count where roles & (1 << first) != 0 {
            for second in first + 1..<count where roles & (1 << second) != 0 {
                body(mix(first &* 64 &+ second, Salt.rolePair))
            }
        }
        let party = roles & (1 << ModelRoles.Role.party.rawValue | 1 << ModelRoles.Role.otherPronoun.rawValue) != 0
        let failure = roles & (1 << ModelRoles.Role.failure.rawValue) != 0
        let ourselves = roles & (1 << ModelRoles.Role.ourselves.rawValue) != 0
        if party && failure && !ourselves { body(mix(1, Salt.blameShape)) }
    }

    /// Distinct constants so that a word, a pair and a negated word never share an id.
    enum Salt {
        static let start: UInt32 = 0x5BD1_E995
        static let unigram: UInt32 = 0x27D4_EB2F
        static let bigram: UInt32 = 0x1656_67B1
        static let negated: UInt32 = 0x9E37_79B9
        static let role: UInt32 = 0x3C6E_F372
        static let roleBigram: UInt32 = 0xA54F_F53A
        static let rolePair: UInt32 = 0x510E_527F
        static let blameShape: UInt32 = 0x9B05_688C
        static let absent: UInt32 = 0x1F83_D9AB
    }

    /// Combines two 32-bit values into a well-spread one (MurmurHash3's finaliser).
    @inline(__always)
    static func mix(_ value: UInt32, _ salt: UInt32) -> UInt32 {
        var hash = value ^ (salt &* 0xCC9E_2D51)
        hash ^= hash >> 16
        hash = hash &* 0x85EB_CA6B
        hash ^= hash >> 13
        hash = hash &* 0xC2B2_AE35
        hash ^= hash >> 16
        return hash
    }
}
