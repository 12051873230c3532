/// Small lexicons of the roles words play in a failing reply: another party, a failure, us,
/// the customer, a cause, a deflection, a minimiser… A listed word also counts as its
/// role, and the roles present in a clause count together, so "the scaffolders marked it
/// done" can share weight with "the courier marked it delivered" although the training
/// replies never said "scaffolders" with a failure, and "another party + a failure + no
/// 'we'" in one clause is a feature of its own.
enum ModelRoles {
    enum Role: UInt8, CaseIterable {
        case party, otherPronoun, failure, ourselves, customer, cause, deflection, minimiser, workload, system
        case outside, rule, apology, hollow
    }

    /// Each listed word's role, by the word's hash (`ReplyToken.wordHash`).
    static let lexicon = Lexicon(words)

    /// An open-addressing table from word hashes to roles: the hash is already well
    /// spread, so a lookup is a mask and usually one comparison, for every word checked.
    struct Lexicon: Sendable {
        private var keys: [UInt32]
        private var roles: [UInt8]
        private let mask: Int

        init(_ lists: [(Role, String)]) {
            let words = lists.flatMap { role, words in words.split(separator: " ").map { (role, String($0)) } }
            var size = 16
            while size < words.count * 4 { size *= 2 }
            keys = Array(repeating: 0, count: size)
            roles = Array(repeating: 0, count: size)
            mask = size - 1
            for (role, word) in words {
                let hash = WordSet.hash(word)
                var slot = Int(hash) & mask
                while keys[slot] != 0, keys[slot] != hash { slot = (slot + 1) & mask }
                // A word listed twice keeps its last role.
                keys[slot] = hash
                roles[slot] = role.rawValue
            }
        }

        /// The role of the word with this hash, if it is listed.
        @inline(__always)
        func role(of hash: UInt32) -> Role? {
            var slot = Int(hash) & mask
            while keys[slot] != 0 {
                if keys[slot] == hash { return Role(rawValue: roles[slot]) }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    /// The words of each role, lower case, as the tokenizer splits them ("short-staffed" is
    /// two words; "courier's" is "courier" and "s").
    static let words: [(Role, String)] = [
        (
            .party,
            "courier couriers carrier carriers driver drivers rider riders supplier suppliers manufacturer "
                + "manufacturers maker makers warehouse depot hub contractor contractors subcontractor subcontractors "
                + "installer installers engineer engineers technician technicians fitter fitters vendor vendors "
                + "seller sellers merchant merchants partner partners franchise franchisee agency airline airlines "
                + "hotel hotels lab laboratory bank banks insurer underwriter landlord council kitchen chef "
                + "restaurant shop store branch retailer distributor wholesaler factory dealer dealership garage "
                + "mechanic plumber builder builders cleaner cleaners caterer venue organiser organizer promoter "
                + "operator provider broker postman postie dpd ups fedex dhl evri hermes usps yodel parcelforce "
                + "gls shift colleague colleagues department dept accounts finance billing reception receptionist "
                + "pharmacy pharmacist surgery clinic tutor instructor examiner lender issuer processor gateway "
                + "paypal handler handlers handling crew previous former night weekend",
        ),
        (.otherPronoun, "they them their theirs they've they'll he she his her"),
        (
            .failure,
            "lost lose losing misplaced damaged broke broken mishandled delayed forgot forgotten failed fail "
                + "missed misread mixed muddled messed dropped marked cancelled canceled overbooked double "
                + "charged entered typed misinformed misled ignored skipped refused declined rejected mislabelled "
                + "mislabeled wrong incorrect incorrectly error errors mistake mistakes fault faulty wrongly "
                + "signed selected chose ordered submitted approved ticked",
        ),
        (.ourselves, "we i our us my we've i've we'll i'll we're i'm ourselves myself"),
        (.customer, "you your you've you're yourself"),
        (.cause, "because due owing since cause result given"),
        (
            .deflection,
            "contact raise reach speak call email directly touch liaise chase claim dispute "
                + "responsibility responsible side end control hands",
        ),
        (
            .minimiser,
            "rarely usually normally unusual unusually rare one off luck happens happen sometimes "
                + "occasionally typically isolated blip unfortunate unavoidable beyond",
        ),
        (
            .workload,
            "busy busier busiest short staffed staff staffing volume volumes demand rush peak season "
                + "seasonal holiday holidays festive backlog capacity sick leave training trainee "
                + "stretched skeleton overwhelmed swamped flat feet influx surge queue queues",
        ),
        (
            .system,
            "system systems glitch glitches outage server servers software app website site platform portal "
                + "crashed crash upgrade migration migrating update bug bugs technical tech "
                + "automated automatic",
        ),
        (
            .outside,
            "weather snow storm storms rain fog flood floods flooding traffic strike strikes roadworks "
                + "heatwave congestion closure closures shortage shortages customs border pandemic",
        ),
        (
            .rule,
            "policy policies terms conditions rules rule guidelines procedure procedures t cs clause "
                + "section agreement contract allowed permitted eligible eligibility exceptions exception "
                + "protocol regulations",
        ),
        (.apology, "sorry apologise apologize apologies apology regret regrets regretted apologised"),
        (
            .hollow,
            "inconvenience inconveniences trouble distress disappointment frustration upset feel "
                + "felt expectations liking caused",
        ),
    ]
}
