/// Fields a scorecard can be broken down by.
public enum GroupDimension: String, Codable, Sendable, CaseIterable {
    case agent, team, channel, segment
}

/// The dimension values identifying one group. Only the dimensions being grouped by are set;
/// a grouped dimension that is `nil` means the facts did not say (shown as "no team" etc.).
struct GroupKey: Hashable, Codable, Sendable, Comparable {
    var agent: String?
    var team: String?
    var channel: String?
    var segment: String?

    init(agent: String? = nil, team: String? = nil, channel: String? = nil, segment: String? = nil) {
        self.agent = agent
        self.team = team
        self.channel = channel
        self.segment = segment
    }

    /// The key of `facts` for grouping by `mask`; built per fact, so it copies only what is used.
    init(_ facts: ConversationFacts, _ mask: DimensionMask) {
        agent = mask.agent ? facts.agent : nil
        team = mask.team ? facts.team : nil
        channel = mask.channel ? facts.channel : nil
        segment = mask.segment ? facts.segment : nil
    }

    func value(of dimension: GroupDimension) -> String? {
        switch dimension {
        case .agent: return agent
        case .team: return team
        case .channel: return channel
        case .segment: return segment
        }
    }

    /// Stable identifier used to match groups across scorecards, e.g. `team=billing,channel=email`.
    /// `=`, `,` and `%` inside values are percent-escaped so the id stays unambiguous.
    func id(dimensions: [GroupDimension]) -> String {
        dimensions.map { "\($0.rawValue)=\(Self.escape(value(of: $0) ?? ""))" }.joined(separator: ",")
    }

    /// Human title, e.g. `billing · email`, with `no team` for unknown values.
    func title(dimensions: [GroupDimension]) -> String {
        dimensions.map { value(of: $0) ?? "no \($0.rawValue)" }.joined(separator: " · ")
    }

    /// The known dimension values, as a scorecard group lists them.
    func dimensionValues(_ dimensions: [GroupDimension]) -> [String: String] {
        var values: [String: String] = [:]
        for dimension in dimensions {
            if let v = value(of: dimension) { values[dimension.rawValue] = v }
        }
        return values
    }

    private static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "%": out += "%25"
            case "=": out += "%3D"
            case ",": out += "%2C"
            default: out.append(ch)
            }
        }
        return out
    }

    /// Unknown values sort before known ones; then dimensions compare in a fixed order.
    static func < (a: GroupKey, b: GroupKey) -> Bool {
        for dimension in GroupDimension.allCases {
            let x = a.value(of: dimension), y = b.value(of: dimension)
            if x == y { continue }
            guard let x else { return true }
            guard let y else { return false }
            return x < y
        }
        return false
    }
}

/// Which dimensions are grouped by, as flags so building a key per fact is branch-cheap.
struct DimensionMask: Sendable {
    let agent: Bool
    let team: Bool
    let channel: Bool
    let segment: Bool

    init(_ dimensions: [GroupDimension]) {
        agent = dimensions.contains(.agent)
        team = dimensions.contains(.team)
        channel = dimensions.contains(.channel)
        segment = dimensions.contains(.segment)
    }
}
