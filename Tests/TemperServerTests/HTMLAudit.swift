import Testing

/// Reads a page's markup as a browser would and reports what hostile input could have made of
/// it: a tag that does not parse as plain `<name attr="value">`, an element that runs or loads
/// something, an event-handler attribute, a link that leaves this server.
enum HTMLAudit {
    static let forbiddenElements: Set<String> = ["script", "img", "iframe", "object", "embed", "style", "base", "meta", "link", "form", "input", "textarea", "select"]
    struct Tag {
        var name: String
        var attributes: [(name: String, value: String)]
    }

    /// Every start tag, or nil when some `<` followed by a letter is not a well-formed tag.
    static func tags(_ html: String) -> [Tag]? {
        var tags: [Tag] = []
        var rest = html[...]
        while let open = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: open)...]
            guard let first = rest.first, first.isLetter else { continue }
            guard let match = rest.prefixMatch(of: /([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"<>]*")?)*)\s*\/?>/) else { return nil }
            let attributes = String(match.2).matches(of: /\s+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?/).map { (String($0.1).lowercased(), String($0.2 ?? "")) }
            tags.append(Tag(name: String(match.1).lowercased(), attributes: attributes))
            rest = rest[match.range.upperBound...]
        }
        return tags
    }

    /// Records an issue for anything in `html` that hostile text could have put there.
    /// - Parameter allowed: elements the page's own template writes (its form, the stylesheet link).
    static func expectInert(_ html: String, allowing allowed: Set<String> = ["form", "input", "textarea", "select", "link", "meta"],
                            sourceLocation: SourceLocation = #_sourceLocation) {
        guard let tags = tags(html) else {
            Issue.record("a tag that does not parse", sourceLocation: sourceLocation)
            return
        }
        for tag in tags {
            if forbiddenElements.contains(tag.name), !allowed.contains(tag.name) {
                Issue.record("<\(tag.name)> on the page", sourceLocation: sourceLocation)
            }
            for attribute in tag.attributes {
                if attribute.name.hasPrefix("on") { Issue.record("\(attribute.name)= on <\(tag.name)>", sourceLocation: sourceLocation) }
                if attribute.name == "style" { Issue.record("style= on <\(tag.name)>", sourceLocation: sourceLocation) }
                if ["href", "src", "action", "formaction"].contains(attribute.name) {
                    let value = attribute.value
                    if !(value.hasPrefix("/") || value.hasPrefix("#")) || value.hasPrefix("//") {
                        Issue.record("\(attribute.name)=\"\(value)\" leaves this server", sourceLocation: sourceLocation)
                    }
                }
            }
        }
    }
}
