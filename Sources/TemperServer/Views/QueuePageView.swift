import TemperReview
import TemperStore

/// What the queue page shows: the filters as menus, the rows, paging and the session form.
struct QueuePageView {
    struct Row {
        var id: String
        var href: String
        var risk: String
        var riskBar: Int
        var level: String
        var flagged: Bool
        var channel: String?
        var team: String?
        var agent: String?
        var started: String?
        var label: String?
        var tone: String
        var reasons: [String]
        var reviewed: Bool
        var reviewCount: Int
        var verdict: String?
        var verdictClass: String?
    }

    struct Menu {
        var name: String
        var label: String
        var choices: [Choice]
    }

    var pageTitle: String
    var csrfToken: String
    var total: String
    var showing: String?
    var isSample: Bool
    var seed: String?
    var menus: [Menu]
    var from: String
    var to: String
    var orderChoices: [Choice]
    var seedValue: String
    var limitValue: String
    var rows: [Row]
    var hasRows: Bool
    var nextHref: String?
    var firstHref: String?
    var riskHref: String
    var sampleHref: String
    var newSampleHref: String
    var hiddenFilters: [HiddenField]
    var filtered: Bool

    init(query: QueueParameters, page: QueuePage, facets: QueueFacets, csrfToken: String, isFirstPage: Bool) {
        let given = query.parameters
        func menu(_ name: String, _ label: String, _ values: [String], display: (String) -> String = { $0 }) -> Menu {
            let current = given[name]
            var choices = [Choice(value: "", label: "Any", selected: current == nil)]
            choices += values.map { Choice(value: $0, label: display($0), selected: $0 == current) }
            // A value no longer in the store (a link from yesterday) stays selectable and shown.
            if let current, !values.contains(current) { choices.append(Choice(value: current, label: display(current), selected: true)) }
            return Menu(name: name, label: label, choices: choices)
        }
        var menus = [
            menu("level", "Level", QueueParameters.levels, display: Display.role),
            menu("team", "Team", facets.teams),
            menu("agent", "Agent", facets.agents),
            menu("channel", "Channel", facets.channels),
            menu("reason", "Reason", facets.reasons, display: Display.code),
        ]
        if !facets.drivers.isEmpty || given["driver"] != nil { menus.append(menu("driver", "Driver", facets.drivers)) }
        var flagged = menu("flagged", "Flagged", ["yes", "no"], display: { $0 == "yes" ? "Flagged" : "Not flagged" })
        flagged.choices[0].label = "All"
        menus.append(flagged)
        var reviewed = menu("reviewed", "Reviewed", ["no", "yes"], display: { $0 == "yes" ? "Reviewed" : "Not reviewed" })
        reviewed.choices[0].label = "All"
        menus.append(reviewed)
        self.menus = menus

        pageTitle = query.seed == nil ? "Queue" : "Sample"
        self.csrfToken = csrfToken
        total = Display.plural(page.total, "conversation")
        showing = page.rows.isEmpty ? nil : (isFirstPage ? "top \(page.rows.count)" : "\(page.rows.count) more")
        isSample = query.seed != nil
        seed = query.seed.map(String.init)
        from = given["from"] ?? ""
        to = given["to"] ?? ""
        orderChoices = [
            Choice(value: "risk", label: "Flagged, then by risk", selected: query.seed == nil),
            Choice(value: "sample", label: "Sample", selected: query.seed != nil),
        ]
        seedValue = seed ?? ""
        limitValue = String(query.filter.limit)
        rows = page.rows.map { row in
            Row(id: row.id, href: Links.conversation(row.id), risk: Display.fixed2(row.risk),
                riskBar: Int((min(max(row.risk, 0), 1) * 40).rounded()), level: row.level,
                flagged: row.flagged, channel: row.channel, team: row.team, agent: row.agent, started: Display.time(row.startedAt),
                label: row.label, tone: Tone.cssClass(row.label), reasons: row.reasonCodes.map(Display.code),
                reviewed: row.reviewCount > 0, reviewCount: row.reviewCount,
                verdict: row.latestVerdict.map(Display.verdict), verdictClass: row.latestVerdict.map(Display.verdictClass))
        }
        hasRows = !rows.isEmpty
        nextHref = page.next.map { Links.queue(query.queryString(after: $0)) }
        firstHref = isFirstPage ? nil : Links.queue(query.queryString())
        let unordered = given.setting("order", nil).setting("seed", nil)
        riskHref = Links.queue(unordered.urlEncoded)
        sampleHref = Links.queue(unordered.setting("order", "sample").setting("seed", seed).urlEncoded)
        newSampleHref = Links.queue(unordered.setting("order", "sample").urlEncoded)
        hiddenFilters = given.fields.filter { $0.name != "limit" }.map { HiddenField(name: $0.name, value: $0.value) }
        filtered = given.fields.contains { !["order", "seed", "limit"].contains($0.name) }
    }
}
