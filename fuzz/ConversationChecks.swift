// What every conversation reader promises about what it delivers, whatever the format.
// Compiled into the conversation, row and tweet targets.
@testable import TemperConversation
import TemperIO

/// Ids are unique (a reader reports a repeated one instead) and no conversation is empty.
func checkDelivered(_ conversations: [Conversation]) {
    var ids = Set<String>()
    for conversation in conversations {
        require(ids.insert(conversation.id).inserted, "conversation id '\(conversation.id)' delivered twice")
        require(!conversation.messages.isEmpty, "conversation '\(conversation.id)' has no messages")
        // Any reader's conversations can be saved as JSONL conversations and read back.
        let saved = conversation.json().serialized()
        let back: Conversation
        do {
            back = try Conversation(json: try JSONValue(parsing: saved), line: conversation.line)
        } catch {
            fatalError("saved conversation does not read back (\(error)): \(String(decoding: saved, as: UTF8.self))")
        }
        require(back.json().serialized() == saved, "saved conversation reads back different: \(String(decoding: saved, as: UTF8.self))")
    }
}
