import ArgumentParser
import TemperConversation

extension ConversationFormat: ExpressibleByArgument {}

/// For message rows, which columns mean what. Shared by every command that reads conversations
/// (flag, score --per conversation, scorecard); each command names the format itself.
struct ConversationInputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Row formats: the column holding the conversation id (default: the first of conversation_id, ticket_id, thread_id, case_id, chat_id, …).", valueName: "name"))
    var conversationColumn: String?

    @Option(help: ArgumentHelp("Row formats: the column holding the message text (default: text, body, message, content, …).", valueName: "name"))
    var textColumn: String?

    @Option(help: ArgumentHelp("Row formats: the column holding the author role (default: role, author_type, sender_type, …). Values such as end-user/user/customer, agent/staff, bot, system are understood.", valueName: "name"))
    var roleColumn: String?

    @Option(help: ArgumentHelp("Row formats: the column holding the message time (default: at, created_at, timestamp, time, …).", valueName: "name"))
    var timeColumn: String?

    @Option(help: ArgumentHelp("Row and tweet formats: a conversation is complete once its id has not appeared for this many rows.", valueName: "rows"))
    var groupWindow = 1000

    func validate() throws {
        guard groupWindow >= 1 else { throw ValidationError("--group-window must be at least 1") }
    }

    func input(format: ConversationFormat, files: InputFiles) -> ConversationInput {
        ConversationInput(format: format,
                          columns: ColumnMapping(conversation: conversationColumn, text: textColumn, role: roleColumn, time: timeColumn),
                          groupWindow: groupWindow, maximumLineLength: files.maximumLineLength)
    }
}
