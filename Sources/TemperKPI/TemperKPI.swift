// TemperKPI — a KPI model any tool can feed.
//
// Pipeline, as the `temper scorecard` command drives it:
//
//   FactsReader(path:policy:)                 JSONL → ConversationFacts, streaming, file:line errors
//   FactsIngest(jobs:policy:).read(_:into:)   the same on all cores, straight into an aggregation
//     → KPIAggregation(spec:).add(_:)        counts/sums/histograms per group × period
//     → partialJSON() / partial(from:name:)  shard partials; KPIAggregation.merged(_:) is exact
//     → scorecard(ScorecardOptions)          values, intervals, trends, top flagged
//     → applyingTargets(TargetsConfig.load(path:))
//     → Scorecard.merge(_:preferring:)       combine with other sources' scorecards
//     → rendered(as: .json | .csv | .markdown | .html)
//
// Nothing here depends on Temper's NLP modules: the facts are plain numbers and labels.
