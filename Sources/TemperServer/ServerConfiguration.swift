/// Where the server listens and whether it asks for a token.
public struct ServerConfiguration: Sendable, Equatable {
    public static let minimumTokenLength = 16

    public var host: String
    /// 0 picks a free port (the tests and the proof script do).
    public var port: Int
    /// Required for every request when set; required to bind beyond loopback.
    public var token: String?

    public init(host: String = "127.0.0.1", port: Int = 8080, token: String? = nil) {
        self.host = host; self.port = port; self.token = token
    }

    /// Loopback addresses: only this machine can connect.
    public var isLoopback: Bool {
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// Refuses what would expose the store: a non-loopback address without a token, a token
    /// short enough to guess, a port out of range.
    public func validate() throws(ConfigurationError) {
        guard (0...65_535).contains(port) else { throw ConfigurationError("--port must be from 0 to 65535, not \(port)") }
        if let token {
            guard token.count >= Self.minimumTokenLength else {
                throw ConfigurationError("the token must be at least \(Self.minimumTokenLength) characters long (try: openssl rand -hex 16)")
            }
            guard token.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
                throw ConfigurationError("the token must be printable ASCII without spaces")
            }
        } else if !isLoopback {
            throw ConfigurationError("refusing to listen on \(host) without --token: anyone who can reach it could read every conversation "
                + "and write reviews. Give a token (at least \(Self.minimumTokenLength) characters), or listen on 127.0.0.1")
        }
    }
}

public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
