import TemperText

/// What the customer asked for over a conversation and how it went, for the risk features that
/// are not cue phrases: requests asked again (the first answer did not do), a conversation that
/// ends on a request no one answered, and how negative the customer's messages read.
///
/// Built from the words alone, no domain lists, so it means the same in a hotel-booking
/// dialogue, a film-recommendation chat and a helpdesk transcript.
struct RequestSignals: Sendable, Equatable {
    /// Share of the customer's messages after the first that repeat an earlier one.
    var repeatedShare = 0.0
    /// The customer's last message is a request, no agent answered it, and an agent had taken
    /// part (a lone tweet is not a conversation anyone left unanswered).
    var endsOnUnansweredRequest = false
    /// Mean P(negative) of the customer's messages.
    var meanNegativeProbability = 0.0
    /// Share of the customer's messages that say no or not: "No, not at all", "I haven't seen
    /// it", "still not working". A recommender the customer keeps turning down, an answer that
    /// failed, a service that does not work all read as negations, whatever the domain.
    var negationShare = 0.0
}

/// Collects `RequestSignals` message by message. Reusable scratch; one per assessor.
struct RequestTracker {
    /// Two messages repeat each other when this share of their content words (Jaccard) is shared.
    static let repeatOverlap = 0.6
    /// Content words a message needs before it can count as a repeat ("yes please" twice is not one).
    static let repeatMinimumWords = 3

    /// Words that carry no request: function words and politeness.
    static let stopWords: Set<UInt64> = Set([
        "a", "an", "the", "i", "i'm", "me", "my", "you", "your", "we", "our", "it", "it's", "is", "are", "was", "be", "to",
        "of", "in", "on", "at", "for", "and", "or", "but", "so", "that", "this", "there", "please", "can", "could", "would",
        "will", "do", "does", "did", "have", "has", "any", "some", "just", "also", "thanks", "thank", "ok", "okay", "yes",
        "no", "hi", "hello", "with", "what", "how", "about", "like", "need", "want", "get", "know", "one",
    ].map(CueLexicon.hash))

    /// A message opening with one of these asks for something even without a question mark.
    static let requestOpeners: Set<UInt64> = Set([
        "can", "could", "would", "will", "please", "how", "what", "where", "when", "why", "which", "who", "is", "are", "do",
        "does", "did", "i'd", "need", "book", "find", "tell", "give", "send", "check", "help", "show",
    ].map(CueLexicon.hash))
    /// Words that say no (the cue negators, and the refusals and contractions they leave out).
    static let negationWords: Set<UInt64> = Set((CueLexicon.negatorWords + [
        "nope", "nah", "nothing", "none", "nobody", "can't", "cannot", "cant", "couldn't", "couldnt", "didnt", "doesnt",
        "isnt", "arent", "wasnt", "werent", "weren't", "havent", "hasnt", "shouldnt",
    ]).map(CueLexicon.hash))
    /// Closing words: a last message with one of these is a goodbye, not a request.
    static let closingWords: Set<UInt64> = Set(["thanks", "thank", "thx", "bye", "goodbye", "cheers", "great", "perfect"].map(CueLexicon.hash))

    private var earlier: [Set<UInt64>] = []
    private var customerMessages = 0
    private var repeated = 0
    private var negativeTotal = 0.0
    private var negations = 0
    private var lastIsRequest = false
    private var answered = true
    private var agentSpoke = false

    mutating func reset() {
        earlier.removeAll(keepingCapacity: true)
        customerMessages = 0
        repeated = 0
        negativeTotal = 0
        negations = 0
        lastIsRequest = false
        answered = true
        agentSpoke = false
    }

    mutating func customer(_ text: TokenizedText, negativeProbability: Double) {
        var words = Set<UInt64>()
        var firstWord: UInt64?
        var question = false
        var closing = false
        var negation = false
        for index in text.tokens.indices {
            let token = text.tokens[index]
            switch token.kind {
            case .word:
                let hash = text.hash(ofToken: index)
                if firstWord == nil { firstWord = hash }
                if Self.closingWords.contains(hash) { closing = true }
                if Self.negationWords.contains(hash) { negation = true }
                if !Self.stopWords.contains(hash) { words.insert(hash) }
            case .punctuation:
                if text.normalized[token.normRange].contains(UInt8(ascii: "?")) { question = true }
            default:
                break
            }
        }
        if customerMessages > 0, words.count >= Self.repeatMinimumWords,
           earlier.contains(where: { Self.overlap($0, words) >= Self.repeatOverlap }) {
            repeated += 1
        }
        if words.count >= Self.repeatMinimumWords { earlier.append(words) }
        customerMessages += 1
        negativeTotal += negativeProbability
        if negation { negations += 1 }
        lastIsRequest = !closing && (question || firstWord.map(Self.requestOpeners.contains) == true)
        answered = false
    }

    mutating func agent() {
        agentSpoke = true
        answered = true
    }

    var signals: RequestSignals {
        RequestSignals(repeatedShare: customerMessages > 1 ? Double(repeated) / Double(customerMessages - 1) : 0,
                       endsOnUnansweredRequest: agentSpoke && !answered && lastIsRequest,
                       meanNegativeProbability: customerMessages > 0 ? negativeTotal / Double(customerMessages) : 0,
                       negationShare: customerMessages > 0 ? Double(negations) / Double(customerMessages) : 0)
    }

    static func overlap(_ a: Set<UInt64>, _ b: Set<UInt64>) -> Double {
        let union = a.union(b).count
        return union == 0 ? 0 : Double(a.intersection(b).count) / Double(union)
    }
}
