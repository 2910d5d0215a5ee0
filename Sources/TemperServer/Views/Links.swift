/// Every link a page writes is built here, from percent-encoded pieces, and always starts with
/// `/`: no value can turn a link into another scheme (`javascript:`) or another host.
enum Links {
    static func queue(_ queryString: String) -> String {
        queryString.isEmpty ? "/" : "/?" + queryString
    }

    static func conversation(_ id: String, session: Int64? = nil, reviewer: String? = nil) -> String {
        var query = FormData()
        if let session { query.append("session", String(session)) }
        if let reviewer { query.append("reviewer", reviewer) }
        let path = "/conversations/" + FormData.encode(id)
        return query.fields.isEmpty ? path : path + "?" + query.urlEncoded
    }

    static func reviews(_ id: String) -> String { "/conversations/" + FormData.encode(id) + "/reviews" }

    static func session(_ id: Int64, reviewer: String? = nil) -> String {
        "/sessions/\(id)" + (reviewer.map { "?" + FormData([("reviewer", $0)]).urlEncoded } ?? "")
    }

    /// Where to go after logging in: only a path on this server (`/…` but not `//host` or
    /// `/\host`, which browsers read as another host); anything else goes to the queue.
    static func safeReturnPath(_ candidate: String?) -> String {
        guard let candidate, candidate.hasPrefix("/"), !candidate.hasPrefix("//"), !candidate.hasPrefix("/\\"),
              !candidate.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
        else { return "/" }
        return candidate
    }
}
