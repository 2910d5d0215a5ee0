import TemperText

/// The coded reasons a conversation can be flagged for. Codes are stable API: scorecards,
/// dashboards and QA filters key on them.
public enum CueCode: String, Sendable, CaseIterable, Equatable, Comparable {
    /// Anger words ("furious", "fed up", "unacceptable") or shouting (ALL-CAPS words).
    case anger
    /// Insults aimed at the company or agent ("useless", "scam", "you people").
    case insult
    /// Threats to cancel, close the account, switch provider or not renew.
    case churnThreat = "churn_threat"
    /// Lawyers, courts, regulators (FTC, CFPB, BBB, ombudsman), chargebacks.
    case legalThreat = "legal_threat"
    /// Going public: social networks, 1-star reviews, "everyone I know".
    case publicShaming = "public_shaming"
    /// Demands for a manager, supervisor or anyone more senior; asks to escalate.
    case managerDemand = "manager_demand"
    /// Repeated contact: "third time", "still not fixed", "again", "already told you".
    case repeatContact = "repeat_contact"
    /// A long wait for an answer, from the timestamps or in the customer's words.
    case longWait = "long_wait"
    /// Customer sentiment that fell from where it started and stayed low to the end.
    case sentimentDrop = "sentiment_drop"
    /// The agent said they cannot help ("I can't help with that", "that's our policy").
    case agentFailure = "agent_failure"
    /// The customer wrote more than once and no one ever answered.
    case unanswered
    /// The customer says the answer failed them: "that's not what I asked", "you already said
    /// that", "never mind", "that doesn't help", "I said …".
    case taskFailure = "task_failure"

    public static func < (lhs: CueCode, rhs: CueCode) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The customer threatens to leave, sue, go public or go over the agent's head. A threat
    /// flags its conversation whatever the risk (`ConversationAssessment.flagged`): the labelled
    /// sets hold too few threats to weigh them, and a QA team wants each one seen.
    public static let threats: Set<CueCode> = [.churnThreat, .legalThreat, .publicShaming, .managerDemand]

    public var isThreat: Bool { Self.threats.contains(self) }
}

/// One piece of evidence: which cue, in which message (0-based index into `messages`), and
/// the quoted original text with its UTF-8 byte offsets in that message's text.
public struct Reason: Sendable, Equatable {
    public var code: CueCode
    public var message: Int
    public var evidence: String
    public var start: Int
    public var end: Int
    /// For cues that are not a phrase (waits, trajectories): what was measured.
    public var detail: String?

    public init(code: CueCode, message: Int, evidence: String, start: Int, end: Int, detail: String? = nil) {
        self.code = code
        self.message = message
        self.evidence = evidence
        self.start = start
        self.end = end
        self.detail = detail
    }
}

/// Phrase lists for the text cues, compiled to token-hash sequences once and shared.
///
/// A phrase is written as space-separated slots in normalized (lower-case) form; a slot may
/// list alternatives with `|`, and `*` matches any one word. A phrase matches consecutive
/// words of one clause: punctuation other than hyphens, slashes and apostrophes ends a clause,
/// so "no. manager now" does not read as "no manager". The lists are English customer-service
/// phrasing written for Temper; non-English text relies on sentiment alone.
public struct CueLexicon: Sendable {
    struct Phrase: Sendable {
        var code: CueCode
        var slots: [[UInt64]]
        /// Whether a negator shortly before cancels it ("I would never cancel").
        var negatable: Bool
        /// Words that, directly before the phrase, mean it is not this cue ("thanks again").
        var notAfter: Set<UInt64>
    }

    /// How far back (in words, within the clause) a negator cancels a cue. Five reaches over
    /// "not going to leave a | bad review" and "won't be calling a | lawyer" while a clause
    /// boundary still stops "No, | I'm cancelling".
    static let negationWindow = 5

    /// Negators that cancel a following threat. "can't"/"cannot" are left out on purpose:
    /// "I can't believe I have to cancel" is still a threat.
    static let negatorWords = [
        "not", "no", "never", "don't", "doesn't", "didn't", "won't", "wouldn't", "isn't", "aren't", "wasn't",
        "shouldn't", "haven't", "hasn't", "nor", "without", "dont", "wont", "wouldnt", "neither",
    ]

    /// Words that end a negation's reach even without punctuation ("not the app, but I'm cancelling").
    static let scopeBreakers = ["but", "however", "though", "although", "yet"]

    static let customerPhrases: [(CueCode, [String])] = [
        (.anger, [
            "furious", "angry", "livid", "outraged", "fuming", "enraged", "infuriating", "infuriated", "pissed",
            "fed up", "sick of", "sick and tired", "had enough", "enough is enough", "losing my patience",
            "lost my patience", "ridiculous", "unacceptable", "unbelievable", "absurd", "outrageous", "disgusted",
            "disgusting", "appalled", "appalling", "disgrace", "disgraceful", "wtf", "ffs", "fucking", "fuck", "shit",
            "are you kidding", "kidding me", "beyond frustrated", "so frustrated", "so done", "i'm done", "done with",
            "last straw", "how dare", "never been so",
        ]),
        (.insult, [
            "useless", "incompetent", "idiot", "idiots", "idiotic", "moron", "morons", "stupid", "pathetic", "clown",
            "clowns", "clueless", "a joke", "scam", "scammers", "scamming", "thieves", "thief", "liars", "crooks",
            "rip off", "ripoff", "rubbish", "garbage", "shambles", "you people", "worst company", "worst service",
            "worst customer", "worst support", "worst experience",
        ]),
        (.churnThreat, [
            "cancelling", "canceling", "cancel my|our|the|this account|subscription|membership|contract|plan|service|policy",
            "cancel everything", "cancel it all", "close my|our account", "closing my|our account",
            "terminate my|our|the contract|account|service|subscription", "terminating my|our|the contract|account|service",
            "switching to", "switch to another|a different", "switching provider|providers|companies",
            "switch provider|providers|companies", "moving to", "moving everything to", "moving my|our business",
            "take my|our business elsewhere", "business elsewhere", "go elsewhere", "going elsewhere", "look elsewhere",
            "looking elsewhere", "signed up with", "porting my|our number", "port my|our number",
            "not renewing", "won't be renewing", "will not renew", "won't renew", "not going to renew",
            "i'm|i am|im leaving you|this|your", "leaving you", "consider this my notice", "my notice", "unsubscribe",
            "lost a customer", "lose a customer", "lose me", "lost me", "never again", "last time i'm|i",
            "another provider", "another company", "a competitor", "your competitor", "your competitors",
        ]),
        (.legalThreat, [
            "lawyer", "lawyers", "attorney", "attorneys", "solicitor", "solicitors", "sue", "suing", "lawsuit",
            "legal action", "small claims", "court", "ftc", "cfpb", "bbb", "better business bureau", "ombudsman",
            "trading standards", "attorney general", "regulator", "regulators", "ofcom", "ofgem", "fca",
            "chargeback", "charge back", "consumer protection", "consumer rights", "consumer law", "breach of contract",
            "illegal", "legal department", "report you", "reporting you", "formal complaint", "file a complaint",
            "filing a complaint", "lodge a complaint", "class action",
        ]),
        (.publicShaming, [
            "twitter", "tiktok", "reddit", "facebook", "instagram", "linkedin", "youtube", "trustpilot", "yelp",
            "social media", "1|one star review|reviews|rating", "give|giving|leave|leaving|left you|a 1|one star", "bad review", "negative review", "terrible review", "honest review",
            "detailed review", "review site", "review sites", "go viral", "goes viral", "viral", "tell everyone",
            "everyone i know", "all my friends", "my followers", "followers", "the press", "journalist",
            "the news", "screenshot", "screenshots", "screenshotting", "post this", "posting this", "post about",
            "posting about", "publicly", "name and shame", "expose you", "warn everyone", "warn others",
        ]),
        (.managerDemand, [
            "manager", "managers", "supervisor", "team leader", "team lead", "your boss", "more senior", "someone senior",
            "someone in charge", "person in charge", "higher up", "escalate", "escalating", "escalated", "escalation",
            "someone who can actually", "head of", "complaints department",
        ]),
        (.repeatContact, [
            "again", "still not|no|nothing|waiting|broken|haven't|hasn't|can't|cannot|doesn't|isn't|won't|didn't|don't|wrong|down|missing|stuck|charging|charged|unresolved|having|getting|same",
            "second|third|fourth|fifth|sixth|seventh|2nd|3rd|4th|5th|6th|7th|umpteenth|nth time|times|email|call|chat|message",
            "two|three|four|five|six|seven|ten|2|3|4|5|6|7|8|9|10|several|multiple|many|numerous times",
            "already told|tried|gave|explained|called|contacted|sent|did|spoke|asked|reported|done|provided|said",
            "keep saying|telling|asking|getting|sending|promising", "kept saying|telling|asking|promising",
            "every time", "same problem|issue|answer|thing", "follow up", "following up", "followup",
            "last week", "last month", "last time", "nobody called|has|got|ever|replied", "no one called|has|got|ever|replied",
            "case number", "ticket number", "called back", "chat number", "me again",
            "the last agent", "previous agent", "each time",
        ]),
        (.taskFailure, [
            "not what i|we asked|wanted|meant|need|needed|said|ordered", "that's|thats|that|this|it's|its not what",
            "you already said|told|mentioned|gave", "never mind", "nevermind", "forget it", "forget about it",
            "doesn't|didn't|won't|wont|doesnt|didnt help", "does|did|will not help", "not helpful", "no help", "not helping",
            "unhelpful", "doesn't|didn't|doesnt|didnt answer", "does|did not answer", "you haven't|havent answered",
            "that's|thats|it's|its|you're|youre wrong", "that|this|it|you is|are|was wrong",
            "wrong answer|info|information|one|again|person|department", "got it wrong", "not right", "not correct", "incorrect",
            "i said", "i just said", "like i said", "as i said", "i asked for|about|you", "i just asked", "i was asking",
            "you misunderstood", "you don't|dont understand", "you do not understand", "not listening", "makes no sense",
            "doesn't|doesnt make sense", "did you even read", "didn't even read", "not even close", "that's|thats not it",
        ]),
        (.longWait, [
            "on hold", "been waiting", "waiting for", "waiting since", "waited", "took forever", "taking forever",
            "takes forever", "took ages", "taking ages", "long enough", "in the queue", "in a queue", "and nothing",
            "no reply", "no response", "no answer", "anyone there", "hours on hold", "weeks now", "days now",
        ]),
    ]

    static let agentPhrases: [(CueCode, [String])] = [
        (.agentFailure, [
            "can't help", "cannot help", "unable to help", "not able to help", "can't do anything", "cannot do anything",
            "nothing i can do", "nothing we can do", "nothing more i can do", "nothing more we can do", "out of my hands",
            "our policy", "company policy", "not able to", "unable to", "don't have access", "do not have access",
            "can only pass", "i can only", "can't make an exception", "cannot make an exception", "can't offer",
            "can't refund", "cannot refund", "not possible", "isn't possible", "not something i|we can",
            "you'll have to contact|call|email", "you will have to contact|call|email", "not my department",
            "wrong department", "can't see", "no way to",
        ]),
    ]

    /// Phrases that must not be read as their cue right after these words.
    static let exclusions: [String: [String]] = [
        "again": ["thanks", "thank", "you", "soon", "never", "try", "visit", "order", "buy", "shop", "use"],
        "court": ["food", "tennis"],
        "moving to": ["i'm", "we're", "i", "we", "am", "are"],
    ]

    var customer: [UInt64: [Phrase]] = [:]
    var agent: [UInt64: [Phrase]] = [:]
    let negators: Set<UInt64>
    let breakers: Set<UInt64>

    public static let standard = CueLexicon()

    public init() {
        negators = Set(Self.negatorWords.map(Self.hash))
        breakers = Set(Self.scopeBreakers.map(Self.hash))
        for (code, phrases) in Self.customerPhrases {
            for phrase in phrases { Self.add(phrase, code: code, to: &customer) }
        }
        for (code, phrases) in Self.agentPhrases {
            for phrase in phrases { Self.add(phrase, code: code, to: &agent) }
        }
    }

    static func hash(_ word: String) -> UInt64 {
        var copy = word
        return copy.withUTF8 { TokenHash.hash($0) }
    }

    private static func add(_ phrase: String, code: CueCode, to table: inout [UInt64: [Phrase]]) {
        let slots = phrase.split(separator: " ").map { slot -> [UInt64] in
            slot == "*" ? [] : slot.split(separator: "|").map { hash(String($0)) }
        }
        let negatable = code != .repeatContact && code != .longWait && code != .agentFailure && code != .taskFailure
        let notAfter = Set((exclusions[phrase] ?? []).map(hash))
        for first in slots[0] {
            table[first, default: []].append(Phrase(code: code, slots: slots, negatable: negatable, notAfter: notAfter))
        }
    }
}

/// Finds cue phrases in one tokenized message. Reusable scratch; one per thread.
struct CueScanner {
    struct Element {
        var hash: UInt64
        var token: Int
        /// A clause boundary (sentence punctuation, comma) lies between this word and the previous one.
        var boundaryBefore: Bool
    }

    private var elements: [Element] = []

    /// Minimum letters for an ALL-CAPS word to count as shouting: four keeps acronyms such as
    /// "FTC", "BBB" and order prefixes like "ORD" out, while "FIXED", "NOW!" stays short of it
    /// and needs a second caps word.
    static let shoutingMinimumLength = 4
    /// ALL-CAPS words needed in one message to call it shouting: one capitalised word is
    /// emphasis ("I said MONTHLY"), two or more is a raised voice.
    static let shoutingMinimumWords = 2

    mutating func scan(_ text: TokenizedText, table: [UInt64: [CueLexicon.Phrase]], lexicon: CueLexicon,
                       messageIndex: Int, into reasons: inout [Reason], seen: inout Set<CueCode>) {
        elements.removeAll(keepingCapacity: true)
        var boundary = true
        for (index, token) in text.tokens.enumerated() {
            switch token.kind {
            case .word, .number:
                elements.append(Element(hash: text.hash(ofToken: index), token: index, boundaryBefore: boundary))
                boundary = false
            case .punctuation:
                let form = text.normalized[token.normRange]
                if !(form.count == 1 && (form.first == UInt8(ascii: "-") || form.first == UInt8(ascii: "/") || form.first == UInt8(ascii: "'"))) {
                    boundary = true
                }
            default:
                break
            }
        }
        var index = 0
        while index < elements.count {
            if let candidates = table[elements[index].hash] {
                for phrase in candidates where !seen.contains(phrase.code) {
                    guard let length = match(phrase, at: index) else { continue }
                    if !phrase.notAfter.isEmpty, index > 0, !elements[index].boundaryBefore,
                       phrase.notAfter.contains(elements[index - 1].hash) { continue }
                    if phrase.negatable, isNegated(at: index, lexicon: lexicon) { continue }
                    let first = text.tokens[elements[index].token]
                    let last = text.tokens[elements[index + length - 1].token]
                    reasons.append(Reason(code: phrase.code, message: messageIndex,
                                          evidence: String(decoding: text.source[Int(first.start)..<Int(last.end)], as: UTF8.self),
                                          start: Int(first.start), end: Int(last.end)))
                    seen.insert(phrase.code)
                }
            }
            index += 1
        }
    }

    private func match(_ phrase: CueLexicon.Phrase, at index: Int) -> Int? {
        let count = phrase.slots.count
        guard index + count <= elements.count else { return nil }
        for offset in 1..<max(count, 1) where count > 1 {
            let element = elements[index + offset]
            if element.boundaryBefore { return nil }
            let slot = phrase.slots[offset]
            if !slot.isEmpty && !slot.contains(element.hash) { return nil }
        }
        return count
    }

    private func isNegated(at index: Int, lexicon: CueLexicon) -> Bool {
        if elements[index].boundaryBefore { return false }
        var k = index - 1
        var steps = 0
        while k >= 0 && steps < CueLexicon.negationWindow {
            let hash = elements[k].hash
            if lexicon.breakers.contains(hash) { return false }
            if lexicon.negators.contains(hash) { return true }
            if elements[k].boundaryBefore { return false }
            k -= 1
            steps += 1
        }
        return false
    }

    /// Shouting: enough long ALL-CAPS words, or a whole message in capitals with three or more
    /// words. Reported as anger with the capitalised stretch as evidence.
    static func shouting(_ text: TokenizedText, messageIndex: Int) -> Reason? {
        var first: Token?
        var last: Token?
        var count = 0
        for token in text.tokens where token.kind == .word && token.flags.contains(.allCaps) && token.end - token.start >= Int32(shoutingMinimumLength) {
            if first == nil { first = token }
            last = token
            count += 1
        }
        if text.isAllCaps && text.casedWordCount >= 3 {
            // A whole message in capitals: the tokenizer marks no single word, so quote it all.
            let words = text.tokens.filter { $0.kind == .word }
            first = words.first
            last = words.last
            count = shoutingMinimumWords
        }
        guard count >= shoutingMinimumWords, let first, let last else { return nil }
        return Reason(code: .anger, message: messageIndex,
                      evidence: String(decoding: text.source[Int(first.start)..<Int(last.end)], as: UTF8.self),
                      start: Int(first.start), end: Int(last.end), detail: "shouting (ALL-CAPS words)")
    }
}
