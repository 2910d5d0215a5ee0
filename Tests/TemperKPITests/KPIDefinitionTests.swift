import Testing
@testable import TemperKPI

@Suite struct KPIDefinitionTests {
    @Test func catalogueIsCompleteAndConsistent() {
        let ids = KPIDefinition.builtIn.map(\.id)
        #expect(ids == ["approval_rate", "net_sentiment", "mean_sentiment", "escalation_risk_rate", "escalation_rate", "csat",
                        "nps", "ces", "first_response_time", "resolution_time", "conversation_duration", "handle_time", "fcr", "abandonment_rate",
                        "volume", "retention_rate", "cost_per_contact"])
        for kpi in KPIDefinition.builtIn {
            #expect(!kpi.name.isEmpty && !kpi.formula.isEmpty)
            #expect(KPIDefinition.builtIn(id: kpi.id) == kpi)
        }
        #expect(KPIDefinition.builtIn(id: "csat")?.direction == .higherIsBetter)
        #expect(KPIDefinition.builtIn(id: "ces")?.direction == .higherIsBetter)
        #expect(KPIDefinition.builtIn(id: "first_response_time")?.isDuration == true)
        #expect(KPIDefinition.builtIn(id: "nope") == nil)
    }

    @Test func valueRanges() {
        #expect(BuiltInKPI.csat.definition.valueRange == 0...100)
        #expect(BuiltInKPI.nps.definition.valueRange == -100...100)
        #expect(BuiltInKPI.ces.definition.valueRange == 1...7)
        #expect(BuiltInKPI.meanSentiment.definition.valueRange == -1...1)
        #expect(BuiltInKPI.handleTime.definition.valueRange?.lowerBound == 0)
    }
}
