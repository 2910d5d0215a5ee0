/// The named rules of the lexicon scorer. Every rule that changes a valence says so in the
/// explanation of a score; each has its constant below and a test that shows it firing.
public struct SentimentRule: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// A single word found in a lexicon.
    public static let lexiconWord = SentimentRule(rawValue: 1 << 0)
    /// A multi-word expression or idiom, matched before the single words inside it.
    public static let phrase = SentimentRule(rawValue: 1 << 1)
    /// An emoji's valence.
    public static let emoji = SentimentRule(rawValue: 1 << 2)
    /// An ASCII emoticon's valence.
    public static let emoticon = SentimentRule(rawValue: 1 << 3)
    /// A hashtag read as the word inside it (#fail).
    public static let hashtag = SentimentRule(rawValue: 1 << 4)
    /// A negator shortly before flipped and weakened the valence.
    public static let negation = SentimentRule(rawValue: 1 << 5)
    /// A degree word shortly before pushed the valence away from zero.
    public static let intensifier = SentimentRule(rawValue: 1 << 6)
    /// A hedge shortly before pulled the valence towards zero.
    public static let dampener = SentimentRule(rawValue: 1 << 7)
    /// The word was in capitals inside a lower-case message.
    public static let allCaps = SentimentRule(rawValue: 1 << 8)
    /// The word was stretched ("sooo baaad").
    public static let elongation = SentimentRule(rawValue: 1 << 9)
    /// The word stands in the clause a contrast word outweighs ("nice, but …").
    public static let contrastDiminished = SentimentRule(rawValue: 1 << 10)
    /// The word stands in the clause that carries a contrast ("… but nothing got fixed").
    public static let contrastEmphasized = SentimentRule(rawValue: 1 << 11)
    /// The word stands in a question, which asserts less than a statement.
    public static let question = SentimentRule(rawValue: 1 << 12)
    /// Exclamation marks strengthened the message as a whole.
    public static let exclamation = SentimentRule(rawValue: 1 << 13)
    /// Praise aimed at a service failure ("Great, another delay."), or praise in a message with a
    /// sarcasm marker (🙄, "just what I needed") and a complaint: read as the complaint it is.
    /// Also a message-level rule: the ensemble then keeps the n-gram model from reading the
    /// praise literally (its logit is capped at 0).
    public static let sarcasm = SentimentRule(rawValue: 1 << 14)
    /// A message-level rule: an idiom (a term of `idioms.tsv`, whose meaning is not the sum of its
    /// words: "it isn't a bad idea", "can't complain", "kindly stop") scored with the same sign
    /// as the whole message. The ensemble then keeps the n-gram model, which reads "bad" or
    /// "stop" inside the idiom literally, from arguing the other way (its logits are capped at 0).
    public static let idiom = SentimentRule(rawValue: 1 << 15)
    /// A problem word a few words after a resolution in its clause ("fixed all the problems",
    /// "resolved the billing error", "sorted out the delay") names what is gone: its valence is
    /// dropped. A message-level rule too: where the message then reads positive, the ensemble
    /// keeps the n-gram model, which reads "problems" and "error" literally, from arguing for
    /// negative (its logits are floored at 0).
    public static let resolvedProblem = SentimentRule(rawValue: 1 << 16)

    public static let all: [(SentimentRule, String)] = [
        (.lexiconWord, "lexicon_word"), (.phrase, "phrase"), (.emoji, "emoji"), (.emoticon, "emoticon"),
        (.hashtag, "hashtag"), (.negation, "negation"), (.intensifier, "intensifier"), (.dampener, "dampener"),
        (.allCaps, "all_caps"), (.elongation, "elongation"), (.contrastDiminished, "contrast_diminished"),
        (.contrastEmphasized, "contrast_emphasized"), (.question, "question"), (.exclamation, "exclamation"),
        (.sarcasm, "sarcasm"), (.idiom, "idiom"), (.resolvedProblem, "resolved_problem"),
    ]

    public var names: [String] { Self.all.filter { contains($0.0) }.map(\.1) }
}

/// The constants behind the rules, with the reason for each value.
public enum RuleConstants {
    /// Valence multiplier in a negator's scope. Negation weakens as well as flips: "not great" is
    /// milder than "bad". 0.74 is the ratio VADER's authors measured with human raters.
    public static let negationScalar: Float = -0.74
    /// How many preceding words a negator or degree word reaches ("not really that helpful").
    public static let modifierReach = 3
    /// Degree words further away count less: weight × decay[distance − 1].
    public static let modifierDecay: [Float] = [1.0, 0.95, 0.9]
    /// Added to a word's magnitude when written in capitals inside a lower-case message
    /// (VADER's measured capitals increment).
    public static let allCapsBoost: Float = 0.733
    /// Added to a word's magnitude when stretched: as strong as a plain intensifier ("sooo bad" ≈ "very bad").
    public static let elongationBoost: Float = 0.293
    /// Added to the message's magnitude per exclamation mark, at most `maxExclamations` marks.
    public static let exclamationBoost: Float = 0.292
    public static let maxExclamations = 4
    /// Valence multiplier for words in a question: "is it broken?" asserts less than "it is broken".
    public static let questionDamping: Float = 0.7
    /// Normalizes a summed valence into (−1, 1): sum / sqrt(sum² + alpha). 15 keeps one strong word
    /// near ±0.6 and lets several push towards ±1, the scale customer-service messages span.
    public static let compoundAlpha: Float = 15
    /// Subordinating contrast words: at the start of a sentence they open the weaker clause
    /// ("Although the agent was nice, nothing got fixed"); elsewhere they act like "but".
    public static let subordinators: Set<String> = ["although", "though", "even though", "while", "whereas", "despite", "even if"]

    // MARK: Idioms

    /// The lexicon file whose terms are idioms for the `idiom` rule (by file name, so a user's
    /// replacement `idioms.tsv` counts too).
    public static let idiomFile = "idioms.tsv"

    // MARK: Sarcasm

    /// Valence multiplier for praise the sarcasm rule turns round. Stronger than negation's
    /// −0.74: "not great" is mildly bad, but "Great, another delay" means the delay is plainly
    /// unwelcome — the praise word is the complaint, nearly at full strength.
    public static let sarcasmScalar: Float = -0.9
    /// Service failures: praise in the same sentence as one of these (still negative after the
    /// word rules — "no more crashes" is not a failure) is sarcastic. Each must be a lexicon
    /// term with a negative valence. Kept to service events, where praise is almost never
    /// literal; generic negative words ("bad", "sad") are left out on purpose.
    public static let serviceFailures: Set<String> = [
        "delay", "delays", "delayed", "another delay", "crash", "crashed", "crashes", "crashing", "froze", "lost",
        "charged twice", "double charged", "on hold", "cancelled", "canceled", "never came", "never arrived",
        "never showed up", "outage", "went down", "broken", "broke", "damaged", "hung up", "disconnected",
        "still waiting", "late", "wrong", "1 star", "one star", "logs me out", "transferred", "no refund",
        "still no refund", "nobody", "no one",
    ]
    /// Sarcasm markers: a message with one of these and any negative term reads its praise as
    /// sarcasm, whatever the sentence. Eye-roll and face-palm emoji are irony in support text;
    /// the phrases are praise customers use about the failure they are reporting.
    public static let sarcasmMarkers: Set<String> = [
        "🙄", "😒", "🤦", "just what i needed", "just what i need", "love how", "thanks a lot for",
        "oh great", "oh perfect", "oh wonderful", "oh joy", "oh brilliant", "oh good", "yeah right",
    ]
    /// How many units after a resolution a problem word counts as what was resolved ("fixed
    /// all the problems": 3). Within its clause only: "it was fixed, but the problem is back".
    public static let resolutionReach: Int32 = 4
    /// Resolution words: a sentence (or, for markers, a message) that reports a fix is thanks,
    /// not sarcasm ("Thanks for fixing the crash!"); these terms themselves never flip. Positive
    /// lexicon phrases holding one of the single words ("sorted out", "fixed it") count too.
    public static let resolutions: Set<String> = [
        "fixed", "fixing", "fix", "sorted", "resolved", "solved", "refunded", "works now", "working again",
        "back up", "replaced", "rebooked", "found", "reversed", "sorting",
    ]
}
