// Tweets: `TweetThreadReader` rebuilding reply threads into conversations.
@testable import TemperConversation
import TemperIO

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTweets(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let problems = Problems()
    // A small window, so threads close (and split ones are reported) within short inputs.
    let reader = TweetThreadReader(source: .bytes(Array(bytes), name: "tweets.jsonl"), window: 3, policy: problems.policy)
    var conversations: [Conversation] = []
    do {
        try reader.forEach { conversations.append($0) }
    } catch {
        fatalError("a skipping read threw \(error)")
    }
    problems.requireWellFormed(name: "tweets.jsonl", lineCount: lineCount(bytes), ordered: false)
    let messages = conversations.reduce(0) { $0 + $1.messages.count }
    require(messages <= recordLineCount(bytes), "\(messages) messages from \(recordLineCount(bytes)) tweets")
    if problems.all.isEmpty {
        require(messages == recordLineCount(bytes), "\(recordLineCount(bytes)) tweets, \(messages) messages, nothing reported")
    }
    checkDelivered(conversations)
    return 0
}
