/// The phrase lists behind the anatomy rules, lower-case UTF-8, matched at the start of a line
/// (ASCII letters case-insensitively) and followed by a word boundary. Indexed by first byte so
/// a line that starts with no phrase's letter costs one table look-up.
struct PhraseTable: Sendable {
    /// Phrases by their first byte, longest first (so "thanks in advance" wins over "thanks").
    private let buckets: [[[UInt8]]]

    init(_ phrases: [String]) {
        var buckets = [[[UInt8]]](repeating: [], count: 256)
        for phrase in phrases {
            let bytes = Array(phrase.utf8)
            buckets[Int(bytes[0])].append(bytes)
        }
        self.buckets = buckets.map { $0.sorted { $0.count > $1.count } }
    }

    /// The end of the longest phrase that `text[from..<to]` starts with, at a word boundary.
    func match(_ text: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        guard from < to else { return nil }
        for phrase in buckets[Int(AnatomyBytes.lower(text[from]))] {
            let end = from + phrase.count
            guard end <= to else { continue }
            var index = 0
            while index < phrase.count, AnatomyBytes.lower(text[from + index]) == phrase[index] { index += 1 }
            // A phrase ending in punctuation ("from:") needs no boundary after it.
            if index == phrase.count, end == to || !AnatomyBytes.isWordByte(phrase[phrase.count - 1]) || !AnatomyBytes.isWordByte(text[end]) {
                return end
            }
        }
        return nil
    }
}

enum AnatomyPhrases {
    /// Openings. A greeting is only ever looked for on the first line of the message's text.
    static let greetings = PhraseTable([
        "hi", "hii", "hello", "hey", "hiya", "heya", "howdy", "dear", "greetings", "good morning", "good afternoon",
        "good evening", "good day", "to whom it may concern", "hello again", "hi again",
        // French
        "bonjour", "bonsoir", "salut", "madame", "monsieur", "chère", "cher", "coucou",
        // Spanish
        "hola", "buenos días", "buenos dias", "buenas tardes", "buenas noches", "buenas", "estimado", "estimada",
        "estimados", "estimadas", "querido", "querida",
        // German
        "hallo", "guten tag", "guten morgen", "guten abend", "sehr geehrte", "sehr geehrter", "sehr geehrtes",
        "liebe", "lieber", "moin", "servus", "grüß gott",
    ])

    /// Words that may stand between a greeting and its comma without being capitalised
    /// ("Hi team,", "Hello there!", "Dear sir or madam,"). Anything else lower-case means the
    /// line has moved on to the message ("Hi I ordered a desk, it broke" is no greeting).
    static let addressWords: Set<[UInt8]> = Set([
        "there", "team", "all", "everyone", "everybody", "guys", "folks", "support", "sir", "madam", "sir/madam",
        "or", "and", "again", "both", "you", "y'all", "friends", "customer", "service", "care", "help", "desk",
        "helpdesk", "people", "the", "to", "whom", "it", "may", "concern", "mr", "mrs", "ms", "dr",
        "à", "tous", "tout", "le", "la", "monde", "l'équipe", "équipe", "madame", "monsieur", "mesdames", "messieurs",
        "a", "todos", "equipo", "señor", "señora", "señores", "damen", "und", "herren", "zusammen", "team,",
    ].map { Array($0.utf8) })

    /// Sign-offs; the closing rule also wants nothing but a name after the phrase.
    static let closings = PhraseTable(thanks + [
            "cheers", "best", "best regards", "best wishes", "kind regards", "kindest regards", "warm regards",
            "warmest regards", "warm wishes", "regards", "with regards", "with kind regards", "with best regards",
            "many regards", "sincerely", "yours sincerely", "sincerely yours", "yours truly", "yours faithfully",
            "respectfully", "take care", "all the best", "talk soon", "speak soon", "br", "rgds", "kr", "brgds",
            "looking forward to hearing from you", "look forward to hearing from you", "i look forward to hearing from you",
            "looking forward to your reply", "looking forward to your response", "hope to hear from you soon",
            "have a nice day", "have a great day", "have a good day", "thanks and regards", "thanks & regards",
            "thanks and best regards", "regards and thanks", "appreciate it", "much appreciated", "appreciated",
            // German
            "mit freundlichen grüßen", "mit freundlichen grüssen", "mit freundlichem gruß", "mit freundlichem gruss",
            "freundliche grüße", "freundliche grüsse", "viele grüße", "viele grüsse", "liebe grüße", "liebe grüsse",
            "beste grüße", "beste grüsse", "herzliche grüße", "herzliche grüsse", "schöne grüße", "schöne grüsse",
            "grüße", "grüsse", "gruß", "gruss", "lg", "vg", "mfg", "danke", "vielen dank", "danke im voraus",
            "vielen dank im voraus", "danke schön", "danke schon", "besten dank",
            // French
            "cordialement", "bien cordialement", "très cordialement", "bien à vous", "salutations",
            "meilleures salutations", "sincères salutations", "salutations distinguées", "merci", "merci d'avance",
            "merci par avance", "merci beaucoup", "merci bien", "bonne journée", "bonne soirée", "amicalement",
            "bien amicalement", "veuillez agréer", "je vous prie d'agréer", "dans l'attente de votre réponse",
            "en vous remerciant", "a bientôt", "à bientôt",
            // Spanish
            "saludos", "un saludo", "saludos cordiales", "un cordial saludo", "atentamente", "gracias", "muchas gracias",
            "gracias de antemano", "muchas gracias de antemano", "mil gracias", "un abrazo", "cordialmente",
            "quedo atento", "quedo atenta", "quedo a la espera", "quedo a la espera de su respuesta", "gracias por su ayuda",
            "gracias por tu ayuda", "espero su respuesta", "espero tu respuesta",
        ])

    /// The English thanks that open a sign-off; `thanksObjects` may follow them ("Thanks in
    /// advance for your help,"). Kept as two tables, not their product, so a line starting with
    /// "t" is compared with some forty phrases rather than four hundred.
    static let thanks = ["thanks", "thank you", "thankyou", "many thanks", "thanks again", "thank you again", "thanks so much",
                         "thank you so much", "thanks very much", "thank you very much", "thanks a lot", "thanks a bunch",
                         "thanks a million", "thx", "tx", "ty", "tia", "thank u", "thanks much"]
    static let thanksTable = PhraseTable(thanks)
    /// What may follow a thanks in a sign-off. Thanks for anything else ("Thanks so much, that
    /// fixed it!", "Thanks for fixing it so fast") is what the customer says, and stays body.
    static let thanksObjects = PhraseTable([
        "in advance", "for your help", "for your time", "for your assistance", "for your support",
        "for your patience", "for your understanding", "for your attention", "for your reply",
        "for your response", "for your quick reply", "for your quick response", "for your prompt reply",
        "for the help", "for helping", "for looking into this", "for looking into it",
        "for any help", "in advance for your help", "in advance for any help", "for reading",
    ])

    /// A closing phrase may run on to the end of the line when it is one of these formulas
    /// ("Veuillez agréer, Madame, Monsieur, l'expression de mes salutations distinguées.").
    static let formulaClosings: Set<[UInt8]> = Set(["veuillez agréer", "je vous prie d'agréer",
                                                   "dans l'attente de votre réponse", "en vous remerciant",
                                                   "quedo a la espera"].map { Array($0.utf8) })

    /// Lines a mail app adds under the message.
    static let deviceLines = PhraseTable([
        "sent from my", "sent via", "sent with", "get outlook for", "sent from outlook", "sent from mail for",
        "sent from yahoo mail", "envoyé de mon", "envoyé depuis", "envoyé à partir de", "von meinem", "gesendet von",
        "gesendet mit", "enviado desde mi", "enviado desde", "enviado con",
    ])

    /// Separators above an earlier message that the mail app pasted in; everything below is quoted.
    static let originalMessageMarkers: [[UInt8]] = [
        "original message", "forwarded message", "begin forwarded message", "ursprüngliche nachricht",
        "weitergeleitete nachricht", "message d'origine", "message transféré", "mensaje original", "mensaje reenviado",
    ].map { Array($0.utf8) }

    /// The first line of an Outlook-style header block ("From: Acme Support <…>").
    static let headerFrom = PhraseTable(["from:", "from :", "de:", "de :", "von:", "von :"])
    /// Other header lines; one of these within a few lines under "From:" makes it a header block.
    static let headerFields = PhraseTable([
        "sent:", "date:", "to:", "subject:", "cc:", "gesendet:", "datum:", "an:", "betreff:", "envoyé :", "envoyé:",
        "date :", "à :", "à:", "objet :", "objet:", "enviado:", "fecha:", "para:", "asunto:",
    ])

    /// How an "On … wrote:" line ends, in the languages we read; with the line starts that go
    /// with them.
    static let replyHeaderEndings: [[UInt8]] = ["wrote:", "a écrit :", "a écrit:", "schrieb:", "escribió:", "escribio:"].map { Array($0.utf8) }
    static let replyHeaderStarts = PhraseTable(["on", "le", "am", "el"])
    /// The verbs of those lines, wherever they stand in it.
    static let replyHeaderVerbs: [[UInt8]] = [" wrote", " a écrit", " schrieb ", " escribió", " escribio"].map { Array($0.utf8) }

    /// Words that make a paragraph a confidentiality or legal notice, with any of `legalContext`.
    static let legalKeywords: [[UInt8]] = ["confiden", "vertraulich"].map { Array($0.utf8) }
    static let legalContext: [[UInt8]] = ["intended", "recipient", "privileged", "prohibited", "disclos", "empfänger",
                                          "destinataire", "destinatario", "unauthorized", "unauthorised"].map { Array($0.utf8) }
    /// Paragraph starts that are notices on their own.
    static let legalStarts = PhraseTable(["disclaimer", "confidentiality notice", "legal notice",
                                          "please consider the environment", "this email and any", "this e-mail and any",
                                          "this message and any"])
    /// Line starts that mark contact details in a signature.
    static let contactLabels = PhraseTable(["tel", "tel.", "phone", "mobile", "mob", "cell", "fax", "ph", "t:", "m:", "p:",
                                            "e:", "w:", "email", "e-mail", "web", "website", "office", "direct"])
    /// Words that end a message on a line of their own and are no signature ("…\n\nUnacceptable").
    static let loneWordsThatAreNoName: Set<[UInt8]> = Set([
        "thanks", "thank", "thx", "cheers", "please", "help", "hello", "hi", "hey", "anyone", "seriously", "unacceptable",
        "ridiculous", "disgusting", "pathetic", "terrible", "awful", "useless", "unbelievable", "incredible", "amazing",
        "great", "perfect", "awesome", "brilliant", "excellent", "wonderful", "fantastic", "lovely", "nice", "cool",
        "ok", "okay", "fine", "sure", "yes", "no", "nope", "yep", "yeah", "why", "what", "when", "how", "where",
        "again", "still", "nothing", "everything", "done", "fixed", "resolved", "sorted", "urgent", "asap", "update",
        "regards", "best", "sincerely", "respectfully", "bye", "goodbye", "later", "waiting", "refund", "whatever",
        "shocking", "appalling", "outrageous", "disappointed", "disappointing", "frustrated", "furious", "angry",
        "happy", "sad", "wow", "lol", "omg", "hmm", "ugh", "sigh", "really", "honestly", "anyway", "finally",
        "danke", "merci", "gracias", "bitte", "inakzeptabel", "inadmissible", "inaceptable", "vale", "genial", "super",
    ].map { Array($0.utf8) })

    /// Lower-case words allowed inside a name ("Ana de la Cruz", "Jan van Dijk").
    static let nameParticles: Set<[UInt8]> = Set(["de", "la", "del", "van", "von", "der", "da", "di", "le", "du", "y", "&", "|", "-", "–", "—"].map { Array($0.utf8) })
    /// Web and mail markers of contact lines.
    static let webMarkers: [[UInt8]] = ["www.", "http"].map { Array($0.utf8) }
    static let at: [UInt8] = Array("@".utf8)
}

/// Byte predicates for the anatomy rules (ASCII only: every decision is made on ASCII bytes,
/// and other bytes are treated as letters, which keeps boundaries on character boundaries).
enum AnatomyBytes {
    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte | 0x20 : byte }
    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 13 || byte == 12 || byte == 11 }
    @inline(__always)
    static func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 97 && (byte | 0x20) <= 122 }
    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
    /// Letters, digits and every non-ASCII byte (part of a letter as far as we can tell cheaply).
    @inline(__always)
    static func isWordByte(_ byte: UInt8) -> Bool { isASCIILetter(byte) || isDigit(byte) || byte >= 0x80 || byte == 39 }
    @inline(__always)
    static func isUpper(_ byte: UInt8) -> Bool { byte >= 65 && byte <= 90 }
}
