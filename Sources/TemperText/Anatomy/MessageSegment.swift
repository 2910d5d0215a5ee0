/// What a stretch of a message is: the customer's current words (`body`) or something around
/// them that says nothing about how they feel now.
public enum SegmentKind: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    /// "Hi team,", "Dear Sir/Madam", "Bonjour," — courtesy at the top.
    case greeting
    /// What the customer is saying now: the only part sentiment and escalation cues read.
    case body
    /// A sign-off: "Thanks,", "Best regards", "Mit freundlichen Grüßen", "Cordialement".
    case closing
    /// Name, title, company and contact lines under a closing or on their own at the end.
    case signature
    /// Earlier messages: "> …" lines, "On … wrote:" and everything under a forwarded or
    /// original-message header.
    case quoted
    /// Device lines ("Sent from my iPhone") and confidentiality notices.
    case boilerplate
    /// Lines an agent repeats from message to message within a conversation (a template).
    case macro

    public var description: String {
        switch self {
        case .greeting: "greeting"
        case .body: "body"
        case .closing: "closing"
        case .signature: "signature"
        case .quoted: "quoted"
        case .boilerplate: "boilerplate"
        case .macro: "macro"
        }
    }

    /// The kind named `name` (as `description` writes it).
    public init?(name: String) {
        guard let kind = Self.allCases.first(where: { $0.description == name }) else { return nil }
        self = kind
    }
}

/// The heuristic that typed a segment, so a surprising split can be traced to its rule (see
/// `MessageAnatomy` for each rule's reason).
public enum AnatomyRule: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case greetingLine, greetingPrefix
    case quoteMarker, replyHeader, originalMessage, headerBlock
    case deviceLine, legalNotice
    case signatureDelimiter, closingLine, signatureAfterClosing, signatureBlock
    case noBodyFallback
    case agentMacro

    public var description: String {
        switch self {
        case .greetingLine: "greeting_line"
        case .greetingPrefix: "greeting_prefix"
        case .quoteMarker: "quote_marker"
        case .replyHeader: "reply_header"
        case .originalMessage: "original_message"
        case .headerBlock: "header_block"
        case .deviceLine: "device_line"
        case .legalNotice: "legal_notice"
        case .signatureDelimiter: "signature_delimiter"
        case .closingLine: "closing_line"
        case .signatureAfterClosing: "signature_after_closing"
        case .signatureBlock: "signature_block"
        case .noBodyFallback: "no_body_fallback"
        case .agentMacro: "agent_macro"
        }
    }
}

/// One typed stretch of a message, as UTF-8 byte offsets into the original text. A message's
/// segments are in order, back to back, and cover it; a blank line belongs to the segment
/// above it, so a segment starts where its first non-blank line (or inline greeting) starts.
public struct MessageSegment: Sendable, Equatable, CustomStringConvertible {
    public var kind: SegmentKind
    public var start: Int
    public var end: Int
    /// The rule that typed it; nil for body the rules left alone.
    public var rule: AnatomyRule?

    public init(kind: SegmentKind, start: Int, end: Int, rule: AnatomyRule? = nil) {
        self.kind = kind
        self.start = start
        self.end = end
        self.rule = rule
    }

    public var range: Range<Int> { start..<end }

    public var description: String { "\(kind)[\(start)..<\(end)]" }
}
