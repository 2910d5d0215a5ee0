import Foundation
import TemperIO
import TemperSentiment
import TemperText

/// How the customer felt over a conversation, from their messages only (agents are paid to
/// sound positive; counting them would hide an angry customer).
public struct CustomerSentiment: Sendable, Equatable {
    /// Compound scores (P(positive) − P(negative), −1…1) of the customer's messages, in order.
    public var scores: [Double] = []
    public var negativeCount = 0
    public var mean: Double?
    public var min: Double?
    public var last: Double?
    /// Least-squares slope of the scores against message order (per customer message); nil
    /// with fewer than two messages, since one point has no direction.
    public var trend: Double?
    /// The customer's class probabilities over the conversation (negative, neutral, positive):
    /// the mean of their messages' probabilities with the last message counted twice, because how
    /// a conversation ends is what the customer remembers (and what drives the survey).
    public var probabilities: SIMD3<Double>?
    /// The conversation's label: the most probable class of `probabilities` — the same decision
    /// rule as a message's, so the label never contradicts the probabilities shown beside it.
    public var label: SentimentLabel?
    /// P(positive) − P(negative) of `probabilities`: the conversation's compound score.
    public var compound: Double? { probabilities.map { $0[2] - $0[0] } }

    public var count: Int { scores.count }

    init() {}

    /// From the customer's messages, in order: each one's compound score and class probabilities.
    init(scores: [Double], probabilities: [SIMD3<Double>], negativeCount: Int) {
        precondition(scores.count == probabilities.count, "one probability triple per score")
        self.scores = scores
        self.negativeCount = negativeCount
        guard let final = scores.last, let finalProbabilities = probabilities.last else { return }
        let n = Double(scores.count)
        let total = scores.reduce(0, +)
        mean = total / n
        min = scores.min()
        last = final
        if scores.count >= 2 {
            let meanX = (n - 1) / 2
            var sxy = 0.0, sxx = 0.0
            for (index, score) in scores.enumerated() {
                let dx = Double(index) - meanX
                sxy += dx * (score - total / n)
                sxx += dx * dx
            }
            trend = sxy / sxx
        }
        let weighted = (probabilities.reduce(SIMD3<Double>(), +) + finalProbabilities) / (n + 1)
        self.probabilities = weighted
        label = SentimentLabel.mostProbable(negative: weighted[0], neutral: weighted[1], positive: weighted[2])
    }
}

/// Facts about the conversation that support KPIs need, derived from roles and timestamps.
public struct ConversationTiming: Sendable, Equatable {
    public var customerMessages = 0
    public var agentMessages = 0
    public var botMessages = 0
    public var systemMessages = 0
    /// Seconds since 1970 of the first and last timestamped message.
    public var startedAt: Double?
    public var endedAt: Double?
    /// From the first customer message to the first agent reply after it.
    public var firstResponseSeconds: Double?
    /// From the first to the last timestamped message: how long the conversation was open, which
    /// is not agent handle time (waits and idle hours are in it).
    public var durationSeconds: Double?
    /// `durationSeconds` unless the conversation is marked unresolved (then there was no resolution).
    public var resolutionSeconds: Double?
    /// The customer wrote, no agent ever replied, and the conversation ended on the customer's
    /// side (a bot answering the last message counts as served: self-service, not abandonment).
    public var abandoned = false
    /// The longest time the customer waited for an agent, and the message that waited.
    public var longestWaitSeconds: Double?
    public var longestWaitMessage: Int?

    public init() {}
}

/// The assessment of one conversation: what `temper flag` prints, plus the facts the KPI
/// stages read.
public struct ConversationAssessment: Sendable {
    public var id: String
    public var risk: Double
    public var level: RiskLevel
    public var flagged: Bool
    public var reasons: [Reason]
    public var customerSentiment: CustomerSentiment
    /// One entry per message: the sentiment of customer messages (and of all messages when
    /// the assessor's `scoreAllMessages` is set), nil otherwise.
    public var messageSentiments: [SentimentResult?]
    public var timing: ConversationTiming
    public var features: RiskFeatures
    /// The feedback drivers of the customer's messages (with the assessor's `drivers` set).
    public var drivers: [ConversationDriver] = []
    /// Drivers were looked for (so an empty `drivers` means none found, not none measured).
    public var driversDetected = false

    public var reasonCodes: [CueCode] {
        var codes: [CueCode] = []
        for reason in reasons where !codes.contains(reason.code) { codes.append(reason.code) }
        return codes
    }
}

/// Scores conversations for escalation risk. One per thread: it owns a `SentimentAnalyzer`
/// (and its tokenizer and scratch buffers); the `SentimentModel` and `RiskModel` are shared.
public final class ConversationAssessor {
    public let analyzer: SentimentAnalyzer
    public var riskModel: RiskModel
    /// `flagged` is `risk >= threshold` (the risk model's own threshold unless the caller chose
    /// one), or a threat among the reasons (`CueCode.threats`).
    public var threshold: Double
    /// Also score agent and bot messages (for `score --per message`); cues ignore it.
    public var scoreAllMessages = false
    /// Score, and look for escalation cues in, only the body of customer messages (`MessageAnatomy`:
    /// no greeting, sign-off, signature, quoted earlier message or boilerplate). Cue evidence
    /// offsets stay relative to the message as written. Off, the whole text is read.
    public var anatomy = true
    public let cues: CueLexicon

    /// At most this many reasons of one code are listed (the earliest), so a long angry
    /// conversation yields a readable list rather than one line per message.
    static let maximumReasonsPerCode = 3

    /// A sentiment drop needs three customer messages: a start, and two at the end to show it
    /// stayed low.
    static let dropMinimumMessages = 3
    /// Both final customer messages at or below this compound score count as "low".
    static let dropLowScore = -0.3
    /// And they sit at least this far below the best earlier message (a fall, not a
    /// conversation that was negative from the start).
    static let dropMinimumFall = 0.5

    /// A customer message counts as negative for `negative_share` at this probability.
    static let negativeProbability: Float = 0.5

    /// Words in agent messages that signal a problem the agent could not fix (apologies,
    /// "unfortunately", "unavailable"); their share of agent messages is the soft
    /// `agent_regret_share` feature, learned from data and never a reason on its own.
    static let regretWords = ["sorry", "unfortunately", "afraid", "apologise", "apologize", "apologies", "unable",
                              "cannot", "can't", "unavailable", "no"]

    /// Detects feedback drivers in customer messages (`ConversationAssessment.drivers`); nil skips it.
    public var driverDetector: DriverDetector? {
        didSet { driversFindProblems = driverDetector.map { $0.taxonomy == problemDetector.taxonomy } ?? false }
    }
    /// The drivers' taxonomy is the problems' one (the usual case), so their hits serve both and
    /// the matcher runs once per message instead of twice.
    private var driversFindProblems = false

    /// Finds the service problems customers state, for the `problem_share` risk feature: the
    /// complaint patterns of a driver taxonomy ("never arrived", "charged twice", "on hold") —
    /// the one beside the risk model (the shipped one for the shipped model), so the feature
    /// means what it meant when the model was fitted, whatever taxonomy `driverDetector`
    /// reports with.
    let problemDetector: DriverDetector
    private var problemHits: [DriverHit] = []

    private var scratch = TokenizedText()
    private var driverHits: [DriverHit] = []
    private var scanner = CueScanner()
    private var messageAnatomy = MessageAnatomy()
    private var segments: [MessageSegment] = []
    private var body = MessageBody()
    private var requests = RequestTracker()
    private let regretHashes: Set<UInt64>

    /// `threshold` nil: the risk model's (`RiskModel.threshold`), so every command that flags
    /// draws the line where the model file says.
    /// `problems`: the taxonomy whose complaint patterns are stated problems (`problemDetector`):
    /// the one of the lexicon directory the risk model comes from (`DriverTaxonomy.shipped` for
    /// the shipped model).
    public init(analyzer: SentimentAnalyzer, riskModel: RiskModel, threshold: Double? = nil,
                cues: CueLexicon = .standard, problems: DriverTaxonomy) {
        self.analyzer = analyzer
        self.riskModel = riskModel
        self.threshold = threshold ?? riskModel.threshold
        self.cues = cues
        problemDetector = DriverDetector(taxonomy: problems, lexicon: analyzer.model.lexicon)
        regretHashes = Set(Self.regretWords.map(CueLexicon.hash))
    }

    /// `riskModel` nil: the shipped one (`RiskModel.shipped`); `problems` nil: the shipped taxonomy.
    public convenience init(model: SentimentModel, riskModel: RiskModel? = nil, threshold: Double? = nil,
                            problems: DriverTaxonomy? = nil) throws {
        self.init(analyzer: try SentimentAnalyzer(model: model), riskModel: try riskModel ?? .shipped, threshold: threshold,
                  problems: try problems ?? .shipped)
    }

    /// How long a customer may wait for an agent before it counts as a long wait, by channel:
    /// live channels (chat, phone, messaging) 20 minutes — past the usual 10 s to 15 min first
    /// reply; social 2 hours; email 12 hours, since same-day email replies are normal; other
    /// or unknown channels 1 hour.
    static func longWaitThreshold(channel: String?) -> Double {
        switch channel?.lowercased() {
        case "chat", "web_widget", "widget", "messaging", "whatsapp", "sms", "phone", "voice", "call":
            return 20 * 60
        case "twitter", "x", "facebook", "instagram", "social":
            return 2 * 3600
        case "email", "mail", "web_form", "form":
            return 12 * 3600
        default:
            return 3600
        }
    }

    public func assess(_ conversation: Conversation) -> ConversationAssessment {
        var reasons: [Reason] = []
        var seen = Set<CueCode>()
        var perCode: [CueCode: Int] = [:]
        var sentiments = [SentimentResult?](repeating: nil, count: conversation.messages.count)
        var scores: [Double] = []
        var probabilities: [SIMD3<Double>] = []
        var negativeCount = 0
        var agentMessages = 0
        var regretMessages = 0
        var scoredMessages: [Int] = []
        var problemMessages = 0
        requests.reset()
        var drivers = ConversationDriverTally()

        for (index, message) in conversation.messages.enumerated() {
            seen.removeAll(keepingCapacity: true)
            for (code, count) in perCode where count >= Self.maximumReasonsPerCode { seen.insert(code) }
            let before = reasons.count
            switch message.role {
            case .customer:
                let (result, offsets) = analyzeCustomer(message.text)
                sentiments[index] = result
                scores.append(Double(result.compound))
                probabilities.append(SIMD3(Double(result.negative), Double(result.neutral), Double(result.positive)))
                scoredMessages.append(index)
                if result.negative >= Self.negativeProbability { negativeCount += 1 }
                requests.customer(analyzer.text, negativeProbability: Double(result.negative))
                scanner.scan(analyzer.text, table: cues.customer, lexicon: cues, messageIndex: index, into: &reasons, seen: &seen)
                if !seen.contains(.anger), let shout = CueScanner.shouting(analyzer.text, messageIndex: index) {
                    reasons.append(shout)
                }
                if !offsets.isIdentity {
                    for position in before..<reasons.count {
                        let range = offsets.original(reasons[position].start..<reasons[position].end)
                        reasons[position].start = range.lowerBound
                        reasons[position].end = range.upperBound
                    }
                }
                if let driverDetector {
                    driverDetector.detect(analyzer.text, into: &driverHits)
                    drivers.add(driverHits, message: index, text: analyzer.text, offsets: offsets, taxonomy: driverDetector.taxonomy)
                }
                if !driversFindProblems { problemDetector.detect(analyzer.text, into: &problemHits) }
                let hits = driversFindProblems ? driverHits : problemHits
                if hits.contains(where: { $0.isComplaint && $0.polarity == .negative }) { problemMessages += 1 }
            case .agent:
                agentMessages += 1
                requests.agent()
                if scoreAllMessages {
                    sentiments[index] = analyzer.analyze(message.text)
                    scanText(analyzer.text, index: index, reasons: &reasons, seen: &seen, regret: &regretMessages)
                } else {
                    var text = message.text
                    text.withUTF8 { analyzer.tokenizer.tokenize($0, into: &scratch) }
                    scanText(scratch, index: index, reasons: &reasons, seen: &seen, regret: &regretMessages)
                }
            case .bot, .system:
                if scoreAllMessages { sentiments[index] = analyzer.analyze(message.text) }
            }
            for reason in reasons[before...] { perCode[reason.code, default: 0] += 1 }
        }

        let sentiment = CustomerSentiment(scores: scores, probabilities: probabilities, negativeCount: negativeCount)
        if let drop = sentimentDrop(sentiment, messages: scoredMessages, conversation: conversation) { reasons.append(drop) }
        let timing = Self.timing(of: conversation)
        if let seconds = timing.longestWaitSeconds, let index = timing.longestWaitMessage,
           seconds >= Self.longWaitThreshold(channel: conversation.channel) {
            var reason = Self.wholeMessageReason(.longWait, index: index, text: conversation.messages[index].text)
            reason.detail = "waited \(Self.duration(seconds)) for an agent (long-wait threshold for \(conversation.channel ?? "unknown channel"): \(Self.duration(Self.longWaitThreshold(channel: conversation.channel))))"
            reasons.append(reason)
        }
        if timing.abandoned, timing.customerMessages >= 2, let lastCustomer = conversation.messages.lastIndex(where: { $0.role == .customer }) {
            var reason = Self.wholeMessageReason(.unanswered, index: lastCustomer, text: conversation.messages[lastCustomer].text)
            reason.detail = "\(timing.customerMessages) customer messages, no agent reply"
            reasons.append(reason)
        }
        reasons.sort { ($0.message, $0.code, $0.start) < ($1.message, $1.code, $1.start) }

        let codes = Set(reasons.map(\.code))
        let regretShare = agentMessages > 0 ? Double(regretMessages) / Double(agentMessages) : 0
        let problemShare = scores.isEmpty ? 0 : Double(problemMessages) / Double(scores.count)
        let features = RiskFeatures(cues: codes, sentiment: sentiment, agentRegretShare: regretShare, requests: requests.signals,
                                    problemShare: problemShare)
        let risk = riskModel.risk(features)
        return ConversationAssessment(
            id: conversation.id, risk: risk, level: RiskModel.level(of: risk), flagged: RiskModel.isFlagged(risk: risk, threshold: threshold, reasons: codes),
            reasons: reasons, customerSentiment: sentiment, messageSentiments: sentiments, timing: timing, features: features,
            drivers: drivers.result, driversDetected: driverDetector != nil)
    }

    /// A customer message's score, from its body when `anatomy` is on (the whole text when it
    /// is all body), and how the tokens' offsets (in `analyzer.text`) map to the message's.
    private func analyzeCustomer(_ text: String) -> (SentimentResult, BodyOffsets) {
        guard anatomy else { return (analyzer.analyze(text), BodyOffsets(shift: 0)) }
        var copy = text
        return copy.withUTF8 { bytes in
            messageAnatomy.parse(bytes, into: &segments)
            if segments.count <= 1, segments.first?.kind ?? .body == .body {
                return (analyzer.analyze(bytes), BodyOffsets(shift: 0))
            }
            return body.withBody(of: bytes, segments: segments) { scored, offsets in (analyzer.analyze(scored), offsets) }
        }
    }

    private func scanText(_ text: TokenizedText, index: Int, reasons: inout [Reason], seen: inout Set<CueCode>, regret: inout Int) {
        scanner.scan(text, table: cues.agent, lexicon: cues, messageIndex: index, into: &reasons, seen: &seen)
        for tokenIndex in text.tokens.indices where text.tokens[tokenIndex].kind == .word {
            if regretHashes.contains(text.hash(ofToken: tokenIndex)) {
                regret += 1
                break
            }
        }
    }

    private func sentimentDrop(_ sentiment: CustomerSentiment, messages: [Int], conversation: Conversation) -> Reason? {
        let scores = sentiment.scores
        guard scores.count >= Self.dropMinimumMessages else { return nil }
        let tail = scores.suffix(2)
        guard tail.allSatisfy({ $0 <= Self.dropLowScore }) else { return nil }
        let peak = scores.dropLast(2).max()!
        let tailMean = tail.reduce(0, +) / 2
        guard peak - tailMean >= Self.dropMinimumFall else { return nil }
        let index = messages[messages.count - 2]
        var reason = Self.wholeMessageReason(.sentimentDrop, index: index, text: conversation.messages[index].text)
        reason.detail = String(format: "customer sentiment fell from %.2f to %.2f and stayed there", peak, tailMean)
        return reason
    }

    /// Evidence for cues that are about a whole message: its first `evidenceLimit` bytes, cut
    /// at a character boundary so the quote is valid text.
    static let evidenceLimit = 120

    static func wholeMessageReason(_ code: CueCode, index: Int, text: String) -> Reason {
        let utf8 = Array(text.utf8)
        var end = min(utf8.count, evidenceLimit)
        while end < utf8.count, end > 0, utf8[end] & 0xC0 == 0x80 { end -= 1 }
        return Reason(code: code, message: index, evidence: String(decoding: utf8[0..<end], as: UTF8.self), start: 0, end: end)
    }

    static func duration(_ seconds: Double) -> String {
        if seconds < 90 { return "\(Int(seconds)) s" }
        if seconds < 5400 { return "\(Int((seconds / 60).rounded())) min" }
        if seconds < 172_800 { return String(format: "%.1f h", seconds / 3600) }
        return String(format: "%.1f days", seconds / 86_400)
    }

    static func timing(of conversation: Conversation) -> ConversationTiming {
        var timing = ConversationTiming()
        var firstCustomerAt: Double?
        var sawCustomer = false
        var waitingSince: (Double, Int)?
        var lastSpeaker: MessageRole?
        for (index, message) in conversation.messages.enumerated() {
            switch message.role {
            case .customer: timing.customerMessages += 1
            case .agent: timing.agentMessages += 1
            case .bot: timing.botMessages += 1
            case .system: timing.systemMessages += 1
            }
            if message.role != .system { lastSpeaker = message.role }
            if let at = message.at {
                if timing.startedAt == nil { timing.startedAt = at }
                timing.endedAt = max(timing.endedAt ?? at, at)
            }
            if message.role == .customer {
                if !sawCustomer { firstCustomerAt = message.at }
                sawCustomer = true
                if waitingSince == nil, let at = message.at { waitingSince = (at, index) }
            } else if message.role == .agent {
                if timing.firstResponseSeconds == nil, sawCustomer, let start = firstCustomerAt, let at = message.at {
                    timing.firstResponseSeconds = max(0, at - start)
                }
                if let (since, waited) = waitingSince, let at = message.at {
                    record(at - since, waited, &timing)
                }
                waitingSince = nil
            }
        }
        // Still waiting when the conversation ended: the wait lasted at least until its last message.
        if let (since, waited) = waitingSince, let end = timing.endedAt, end > since {
            record(end - since, waited, &timing)
        }
        if let start = timing.startedAt, let end = timing.endedAt {
            timing.durationSeconds = end - start
            timing.resolutionSeconds = conversation.resolved == false ? nil : end - start
        }
        timing.abandoned = timing.customerMessages > 0 && timing.agentMessages == 0 && lastSpeaker == .customer
        return timing
    }

    private static func record(_ wait: Double, _ index: Int, _ timing: inout ConversationTiming) {
        if wait > (timing.longestWaitSeconds ?? -1) {
            timing.longestWaitSeconds = wait
            timing.longestWaitMessage = index
        }
    }
}

/// One feedback driver of a conversation, over its customer messages.
public struct ConversationDriver: Sendable, Equatable {
    public var id: String
    /// Negative when any customer message mentions it negatively, else positive when any does
    /// positively, else neutral.
    public var polarity: SentimentLabel
    /// How many customer messages mention it.
    public var messages: Int
    /// The first message (index into the conversation) with the driver's deciding polarity, and
    /// its evidence there (UTF-8 byte offsets into that message's text).
    public var message: Int
    public var evidence: String
    public var start: Int
    public var end: Int
}

/// Adds up message drivers into conversation drivers, most salient first (negative, then
/// positive, then neutral; then by messages, then by first appearance).
struct ConversationDriverTally {
    private var drivers: [ConversationDriver] = []

    /// `offsets` maps the hits' offsets (into the scored body, `text`) to the message's.
    mutating func add(_ hits: [DriverHit], message: Int, text: TokenizedText, offsets: BodyOffsets, taxonomy: DriverTaxonomy) {
        for hit in hits {
            let id = taxonomy.drivers[hit.driver].id
            let evidence = { String(decoding: text.source[hit.byteRange], as: UTF8.self) }
            let range = offsets.isIdentity ? hit.byteRange : offsets.original(hit.byteRange)
            if let index = drivers.firstIndex(where: { $0.id == id }) {
                drivers[index].messages += 1
                if Self.rank(hit.polarity) > Self.rank(drivers[index].polarity) {
                    drivers[index].polarity = hit.polarity
                    drivers[index].message = message
                    drivers[index].evidence = evidence()
                    drivers[index].start = range.lowerBound
                    drivers[index].end = range.upperBound
                }
            } else {
                drivers.append(ConversationDriver(id: id, polarity: hit.polarity, messages: 1, message: message, evidence: evidence(),
                                                  start: range.lowerBound, end: range.upperBound))
            }
        }
    }

    static func rank(_ polarity: SentimentLabel) -> Int {
        switch polarity {
        case .negative: 2
        case .positive: 1
        case .neutral: 0
        }
    }

    var result: [ConversationDriver] {
        drivers.enumerated().sorted { a, b in
            let (ra, rb) = (Self.rank(a.element.polarity), Self.rank(b.element.polarity))
            if ra != rb { return ra > rb }
            if a.element.messages != b.element.messages { return a.element.messages > b.element.messages }
            return a.offset < b.offset
        }.map(\.element)
    }
}
