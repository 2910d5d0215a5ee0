/// How far a calibration session's reviewers agree: on the verdict and on each rubric
/// category, Cohen's kappa for two reviewers and Fleiss' kappa for more, over the items every
/// reviewer rated; and the items where they differ.
public struct CalibrationReport: Sendable, Equatable {
    public struct Dimension: Sendable, Equatable {
        /// "verdict" or a rubric category id.
        public var id: String
        public var label: String
        /// nil when undefined: fewer than two reviewers, no item every reviewer rated on this
        /// dimension, or everyone gave every item the same value (see `Agreement`).
        public var kappa: Double?
        /// "cohen" or "fleiss".
        public var method: String
        /// Items every reviewer rated on this dimension.
        public var items: Int
    }

    public struct Disagreement: Sendable, Equatable {
        public var item: String
        public var dimension: String
        /// Reviewer → the value they gave (verdict raw value or points).
        public var values: [String: String]
    }

    /// Sorted by name.
    public var reviewers: [String]
    /// The verdict first, then the rubric's categories in rubric order.
    public var dimensions: [Dimension]
    /// By item (in order of first rating), then dimension.
    public var disagreements: [Disagreement]

    /// A reviewer's later rating of an item replaces an earlier one. Scores for categories the
    /// rubric does not have are ignored.
    public init(ratings: [Rating], rubric: Rubric) {
        var items: [String] = []
        var byItem: [String: [String: Rating]] = [:]
        var reviewerSet: Set<String> = []
        for rating in ratings {
            if byItem[rating.item] == nil { items.append(rating.item) }
            byItem[rating.item, default: [:]][rating.reviewer] = rating
            reviewerSet.insert(rating.reviewer)
        }
        let reviewers = reviewerSet.sorted()
        let method = reviewers.count > 2 ? "fleiss" : "cohen"

        var dimensions: [Dimension] = []
        var disagreements: [(item: Int, dimension: Int, Disagreement)] = []
        let specs: [(id: String, label: String, value: (Rating) -> String?)] =
            [(id: "verdict", label: "Verdict", value: { $0.verdict.rawValue })]
            + rubric.categories.map { category in (id: category.id, label: category.label, value: { $0.scores[category.id].map(String.init) }) }
        for (dimensionIndex, spec) in specs.enumerated() {
            // Rows of values in `reviewers` order, for items every reviewer rated on this dimension.
            var rows: [[String]] = []
            for (itemIndex, item) in items.enumerated() {
                let given = byItem[item]!
                let row = reviewers.compactMap { given[$0].flatMap(spec.value) }
                guard row.count == reviewers.count else { continue }
                rows.append(row)
                if Set(row).count > 1 {
                    let values = Dictionary(uniqueKeysWithValues: zip(reviewers, row))
                    disagreements.append((itemIndex, dimensionIndex, Disagreement(item: item, dimension: spec.id, values: values)))
                }
            }
            let kappa: Double?
            switch reviewers.count {
            case ..<2: kappa = nil
            case 2: kappa = Agreement.cohensKappa(rows.map { $0[0] }, rows.map { $0[1] })
            default: kappa = Agreement.fleissKappa(rows)
            }
            dimensions.append(Dimension(id: spec.id, label: spec.label, kappa: kappa, method: method, items: rows.count))
        }
        self.reviewers = reviewers
        self.dimensions = dimensions
        self.disagreements = disagreements.sorted { ($0.item, $0.dimension) < ($1.item, $1.dimension) }.map(\.2)
    }
}
