import TemperIO

/// Deterministic synthetic customer messages for throughput measurements: about 100 bytes each,
/// mostly ASCII, with emoji on some lines and non-Latin scripts on others, like real support
/// traffic. Generated rather than shipped so any size can be measured.
struct SyntheticCorpus {
    private var random: SplitMix64

    init(seed: UInt64 = 42) {
        random = SplitMix64(seed: seed)
    }

    private mutating func next() -> UInt64 {
        random.next()
    }

    private mutating func pick(_ options: [String]) -> String {
        options[Int(next() % UInt64(options.count))]
    }

    static let openers = ["hi", "Hello", "hey @AcmeHelp", "Ugh", "Thanks!", "so", "OK", "Dear support,", "yo", "Morning"]
    static let bodies = [
        "my order #48213 still hasn't arrived and it's been 2 weeks", "the app keeps crashing every time I open it",
        "I was charged twice for the same subscription, please refund", "can you tell me when the store opens tomorrow",
        "your agent Sam was sooo helpful, sorted it out in 5 min", "this is the THIRD time I'm asking about my refund",
        "waited 3 hours on hold and nobody picked up", "not happy at all with the replacement, it's broken again",
        "great service as always, thank you so much", "how do I change the email on my account?",
        "I want to cancel my account, this is ridiculous", "package arrived damaged but support was quick to help",
        "still waiting for a reply to my last message", "love the new update, works perfectly now",
    ]
    static let middles = [
        ", and honestly I expected better from you", " - order number is 77120394", ", been a customer for 6 years",
        " but the agent on chat was really kind", ", please get back to me asap", " and nobody has replied to my email",
        ", tried restarting and reinstalling already", " even after the update last week",
    ]
    static let closers = ["", "!!!", "?", ".", " :(", " :)", " thx", " pls help", " 😡", " 🙏", " 😀👍", " ❤️"]
    static let nonLatin = [
        "¡El pedido llegó tarde otra vez! Muy decepcionado con el servicio, nadie me responde 😞",
        "Die Lieferung ist schon wieder verspätet, sehr ärgerlich. Straße falsch?",
        "注文した商品がまだ届きません。いつ届きますか？サポートに三回連絡しました。",
        "الطلب لم يصل بعد، أرجو المساعدة في أسرع وقت",
        "Siparişim hâlâ gelmedi, İstanbul'a ne zaman ulaşır?",
        "我的订单还没有到，已经等了两个星期了，请尽快处理，谢谢",
    ]

    /// One message of about 100 bytes: 90% English (a third with emoji), 10% other scripts.
    mutating func message() -> String {
        let roll = next() % 100
        if roll < 10 { return pick(Self.nonLatin) }
        return "\(pick(Self.openers)) \(pick(Self.bodies))\(pick(Self.middles))\(pick(Self.closers))"
    }

    /// `count` messages joined by newlines, as a text file would hold them.
    mutating func lines(_ count: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count * 100)
        for _ in 0..<count {
            bytes.append(contentsOf: message().utf8)
            bytes.append(0x0A)
        }
        return bytes
    }
}
