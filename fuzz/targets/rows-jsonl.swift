// Message rows in JSONL: `MessageRowReader` grouping one JSON object per message into conversations.
@testable import TemperConversation
import TemperIO

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRowsJSONL(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let problems = Problems()
    // A small window, so conversations expire (and split ids are reported) within short inputs.
    let reader = MessageRowReader(source: .bytes(Array(bytes), name: "rows.jsonl"), format: .jsonl, window: 3,
                                  policy: problems.policy)
    var conversations: [Conversation] = []
    do {
        try reader.forEach { conversations.append($0) }
    } catch let error as InputError {
        // Only the input as a whole may stop a skipping read: the first row names no usable columns.
        require(error.file == "rows.jsonl" && error.line != nil && error.line! <= lineCount(bytes), "\(error)")
        return 0
    } catch {
        fatalError("a skipping read threw \(error)")
    }
    // Duplicate reports come when a conversation closes, so they may trail later rows' problems.
    problems.requireWellFormed(name: "rows.jsonl", lineCount: lineCount(bytes), ordered: false)
    let messages = conversations.reduce(0) { $0 + $1.messages.count }
    require(messages <= recordLineCount(bytes), "\(messages) messages from \(recordLineCount(bytes)) rows")
    if problems.all.isEmpty {
        require(messages == recordLineCount(bytes), "\(recordLineCount(bytes)) rows, \(messages) messages, nothing reported")
    }
    checkDelivered(conversations)
    return 0
}
