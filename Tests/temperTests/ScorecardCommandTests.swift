import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ArgumentParser
import TemperKPI
import Testing
@testable import temper

/// `temper scorecard` and `temper scorecard merge`, run as the built binary (see `CLI`).
@Suite struct ScorecardCommandTests {
    @Test("Conversations are flagged at the risk model's threshold (--risk-model), unless --threshold says otherwise")
    func flagsAtTheRiskModelsThreshold() throws {
        let input = try CLI.temporaryFile("five.jsonl", String(contentsOfFile: CLI.root.path + "/corpora/transcripts.jsonl", encoding: .utf8)
            .split(separator: "\n").prefix(5).joined(separator: "\n") + "\n")
        func flagged(_ arguments: [String]) throws -> Int {
            let json = try CLI.run(["scorecard", input, "--format", "json"] + arguments).stdout
            return json.components(separatedBy: "\"risk\" :").count - 1  // one per conversation in top_flagged
        }
        #expect(try flagged(["--risk-model", IngestCommandTests.riskModel(threshold: "0")]) == 5)
        // At 1 only the two with a legal threat (c0004, c0005): a threat flags whatever the risk.
        #expect(try flagged(["--risk-model", IngestCommandTests.riskModel(threshold: "1")]) == 2)
        #expect(try flagged(["--risk-model", IngestCommandTests.riskModel(threshold: "1"), "--threshold", "0"]) == 5)
    }

    // MARK: - Fixtures

    /// A fresh directory for one test's files.
    final class Scratch {
        let url: URL
        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("temper-scorecard-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(at: url) }

        @discardableResult
        func file(_ name: String, _ contents: String) throws -> String {
            let path = url.appendingPathComponent(name).path
            try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }

        func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    }

    /// Deterministic facts: 2 teams × 2 agents, 3 months of 2026, every KPI's inputs present.
    static func factsLines(count: Int = 160, offset: Int = 0, drivers: Bool = false) -> [String] {
        let agents = [("billing", "Ana"), ("billing", "Ben"), ("tech", "Cy"), ("tech", "Dee")]
        let channels = ["chat", "email", "phone"]
        return (offset..<(offset + count)).map { i in
            let (team, agent) = agents[i % 4]
            let month = 9 + (i / 7) % 3
            let day = 1 + (i * 5) % 28
            let label = ["positive", "neutral", "negative", "positive", "positive"][i % 5]
            let flagged = i % 6 == 0
            var fields = [
                "\"id\":\"T-\(i)\"", "\"agent\":\"\(agent)\"", "\"team\":\"\(team)\"", "\"channel\":\"\(channels[i % 3])\"",
                "\"customer\":\"cust-\(i % 37)\"", "\"started_at\":\"2026-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)T10:00:00Z\"",
                "\"first_response_seconds\":\(30 + (i * 37) % 900)", "\"resolution_seconds\":\(600 + (i * 113) % 86_000)",
                "\"sentiment_label\":\"\(label)\"", "\"sentiment_mean\":\(Double((i * 7) % 21 - 10) / 10)",
                "\"flagged\":\(flagged)", "\"risk\":\(Double((i * 13) % 100) / 100)", "\"escalated\":\(i % 9 == 0)",
                "\"resolved\":\(i % 4 != 3)", "\"abandoned\":\(i % 25 == 0)", "\"contacts\":\(1 + i % 3)",
            ]
            if flagged { fields.append("\"reasons\":[\"churn_threat\"]") }
            if i % 2 == 0 { fields.append("\"csat\":\(1 + (i / 2) % 5)") }
            if i % 3 == 0 { fields.append("\"nps\":\((i / 3) % 11)") }
            if i % 2 == 1 { fields.append("\"cost\":\(Double(i % 10) + 0.5)") }
            if drivers, i % 4 != 3 {
                let found = i % 3 == 0 ? #"{"id":"delay","polarity":"negative"}"# : i % 3 == 1 ? #"{"id":"billing","polarity":"negative"},{"id":"staff","polarity":"positive"}"# : ""
                fields.append("\"drivers\":[\(found)]")
            }
            return "{" + fields.joined(separator: ",") + "}"
        }
    }

    static func facts(count: Int = 160, offset: Int = 0, drivers: Bool = false) -> String {
        factsLines(count: count, offset: offset, drivers: drivers).joined(separator: "\n") + "\n"
    }

    func json(_ text: String) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw CLIError("not a JSON object")
        }
        return object
    }

    func groups(_ card: [String: Any]) -> [[String: Any]] { card["groups"] as? [[String: Any]] ?? [] }

    func value(_ card: [String: Any], group: String, kpi: String) -> [String: Any]? {
        let g = groups(card).first { $0["id"] as? String == group }
        return (g?["values"] as? [[String: Any]])?.first { $0["kpi"] as? String == kpi }
    }

    func count(_ needle: String, in haystack: String) -> Int {
        haystack.components(separatedBy: needle).count - 1
    }

    // MARK: - Formats, grouping, periods

    @Test func everyFormatRenders() throws {
        let scratch = try Scratch()
        let facts = try scratch.file("facts.jsonl", Self.facts())
        let json = try CLI.run(["scorecard", facts, "--format", "json", "--no-timestamp"])
        #expect(json.status == 0, "\(json.stderr)")
        let card = try self.json(json.stdout)
        #expect(card["schema"] as? String == "temper.scorecard/v1")
        #expect((card["input"] as? [String: Any])?["conversations"] as? Int == 160)
        #expect(card["generated_at"] == nil)
        #expect(groups(card).map { $0["id"] as? String } == ["all"])

        let csv = try CLI.run(["scorecard", facts, "--format", "csv"])
        #expect(csv.status == 0)
        #expect(csv.stdout.hasPrefix("group_id,group,kpi,kpi_name,unit,value,n,"))
        #expect(csv.stdout.split(separator: "\r\n").count == 1 + 17)

        let md = try CLI.run(["scorecard", facts, "--format", "md", "--title", "Q3 review"])
        #expect(md.status == 0)
        #expect(md.stdout.hasPrefix("# Q3 review\n"))
        #expect(md.stdout.contains("| CSAT |") && md.stdout.contains("## All conversations"))

        let html = try CLI.run(["scorecard", facts, "--format", "html"])
        #expect(html.status == 0)
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>") && html.stdout.hasSuffix("</html>\n"))

        // No --format: the extension of --output decides; the file is written, stdout stays empty.
        let output = scratch.path("card.html")
        let toFile = try CLI.run(["scorecard", facts, "--output", output])
        #expect(toFile.status == 0 && toFile.stdout.isEmpty)
        #expect(try String(contentsOfFile: output, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
        // Neither: Markdown.
        #expect(try CLI.run(["scorecard", facts]).stdout.hasPrefix("# Support scorecard"))
    }

    @Test func byTeamAndAgentWithRollupsAndMonthlyTrends() throws {
        let scratch = try Scratch()
        let facts = try scratch.file("facts.jsonl", Self.facts())
        let result = try CLI.run(["scorecard", facts, "--by", "team,agent", "--period", "month", "--format", "json",
                                  "--reporting-period", "all"])
        #expect(result.status == 0, "\(result.stderr)")
        let card = try json(result.stdout)
        #expect(groups(card).map { $0["id"] as! String } == [
            "all", "team=billing", "team=billing,agent=Ana", "team=billing,agent=Ben",
            "team=tech", "team=tech,agent=Cy", "team=tech,agent=Dee",
        ])
        #expect(groups(card).map { $0["title"] as! String }[1...2] == ["billing", "billing · Ana"])
        #expect(card["periods"] as? [String] == ["2026-09", "2026-10", "2026-11"])
        #expect(card["dimensions"] as? [String] == ["team", "agent"])
        // A team is exactly its agents together.
        #expect(value(card, group: "team=billing", kpi: "volume")?["value"] as? Int == 80)
        #expect(value(card, group: "team=billing,agent=Ana", kpi: "volume")?["value"] as? Int == 40)
        let trend = (groups(card)[1]["trends"] as? [[String: Any]])?.first { $0["kpi"] as? String == "volume" }
        #expect((trend?["points"] as? [[String: Any]])?.compactMap { $0["n"] as? Int }.reduce(0, +) == 80)

        let flat = try json(CLI.run(["scorecard", facts, "--by", "agent", "--format", "json", "--period", "day"]).stdout)
        #expect(groups(flat).map { $0["id"] as! String } == ["all", "agent=Ana", "agent=Ben", "agent=Cy", "agent=Dee"])
        #expect((flat["periods"] as? [String])?.count == 12)  // --trend-periods default
        let noRollups = try json(CLI.run(["scorecard", facts, "--by", "team,agent", "--no-rollups", "--format", "json"]).stdout)
        #expect(groups(noRollups).count == 5)
    }

    @Test func targetsGiveStatuses() throws {
        let scratch = try Scratch()
        let facts = try scratch.file("facts.jsonl", Self.facts())
        // Measured overall: approval 75% (positive 3 of 4 non-neutral), abandonment 4.375%, CSAT 40%.
        let targets = try scratch.file("targets.yaml", """
        targets:
          - kpi: approval_rate
            target: 70
            owner: Dana <ops>
          - kpi: abandonment_rate
            target: 4
            warning: 1
          - kpi: csat
            target: 80
            warning: 5
          - kpi: csat
            team: tech
            target: 30
          - kpi: nps
            target: 0
            agent: Ana
        """)
        let result = try CLI.run(["scorecard", facts, "--by", "team,agent", "--targets", targets, "--format", "json",
                                  "--min-sample", "25", "--reporting-period", "all"])
        #expect(result.status == 0, "\(result.stderr)")
        let card = try json(result.stdout)
        #expect(value(card, group: "all", kpi: "approval_rate")?["status"] as? String == "met")
        #expect(value(card, group: "all", kpi: "abandonment_rate")?["status"] as? String == "at_risk")
        #expect(value(card, group: "all", kpi: "csat")?["status"] as? String == "missed")
        #expect(value(card, group: "all", kpi: "nps")?["status"] as? String == "no_target")
        // The team-scoped target wins for the team and its agents; Dee has no survey answers.
        let techCSAT = value(card, group: "team=tech", kpi: "csat")
        #expect((techCSAT?["target"] as? [String: Any])?["scope"] as? String == "team=tech")
        #expect(value(card, group: "team=tech", kpi: "csat")?["status"] as? String == "met")
        #expect(value(card, group: "team=tech,agent=Dee", kpi: "csat")?["status"] as? String == "insufficient_data")
        #expect(((value(card, group: "all", kpi: "approval_rate")?["target"] as? [String: Any])?["owner"] as? String) == "Dana <ops>")

        // A bad targets file fails before reading the input, naming the file, line and key.
        let bad = try scratch.file("bad.yaml", "targets:\n  - kpi: csat\n    target: 80\n    treshold: 5\n")
        let failed = try CLI.run(["scorecard", facts, "--targets", bad], status: 1, stderr: .any)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("bad.yaml:4: targets[0].treshold: unknown key"), "\(failed.stderr)")
        #expect(failed.stdout.isEmpty)
    }

    @Test func theShippedTargetsFileLoads() throws {
        let scratch = try Scratch()
        let facts = try scratch.file("facts.jsonl", Self.facts())
        let result = try CLI.run(["scorecard", facts, "--targets", "corpora/targets.yaml", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Dana Whitfield (Head of Support)"))
    }

    // MARK: - Bad input

    @Test func badLineStopsWithFileAndLine() throws {
        let scratch = try Scratch()
        var lines = Self.factsLines(count: 10)
        lines[2] = #"{"id":"T-x","csat":7}"#
        lines[5] = #"{"id":"T-y","agent":}"#
        let path = try scratch.file("bad.jsonl", lines.joined(separator: "\n") + "\n")
        let result = try CLI.run(["scorecard", path, "--format", "json"], status: 1, stderr: .any)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("\(path):3: \"csat\" must be within 1…5, got 7.0"), "\(result.stderr)")
        #expect(!result.stderr.contains(":6:"))  // stops at the first

        let skipped = try CLI.run(["scorecard", path, "--format", "json", "--skip-invalid", "--jobs", "2"], stderr: .any)
        #expect(skipped.status == 0)
        #expect(skipped.stderr.contains("\(path):3:") && skipped.stderr.contains("\(path):6: \"agent\": expected a string or null at column 21"), "\(skipped.stderr)")
        #expect(skipped.stderr.contains("2 invalid record(s) skipped"))
        let card = try json(skipped.stdout)
        #expect(card["input"] as? [String: Int] == ["conversations": 8, "undated": 0, "skipped_lines": 2])
    }

    @Test func usageErrorsExit64() throws {
        let scratch = try Scratch()
        let facts = try scratch.file("facts.jsonl", Self.facts(count: 4))
        for arguments in [["--by", "team,region"], ["--by", "team,team"], ["--period", "fortnight"],
                          ["--time-zone", "Mars/Olympus"], ["--format", "pdf"], ["--partial", "--format", "html"],
                          ["--min-sample", "0"]] {
            let result = try CLI.run(["scorecard", facts] + arguments, status: 64, stderr: .any)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
        }
        let missing = try CLI.run(["scorecard", scratch.path("nope.jsonl")], status: 1, stderr: .any)
        #expect(missing.status == 1 && missing.stderr.contains("nope.jsonl: cannot open"), "\(missing.stderr)")
    }

    @Test func standardInputAndInputDetection() throws {
        let stdin = try CLI.run(["scorecard", "--format", "json", "--no-timestamp"], input: "\n\n" + Self.facts(count: 20))
        #expect(stdin.status == 0, "\(stdin.stderr)")
        #expect((try json(stdin.stdout)["input"] as? [String: Int])?["conversations"] == 20)
        // A bad line on standard input is numbered from its real line, the peeked ones included.
        let bad = try CLI.run(["scorecard"], input: "\n" + Self.facts(count: 2) + "{oops}\n", status: 1, stderr: .any)
        #expect(bad.status == 1 && bad.stderr.contains("<stdin>:4: expected a string key or '}', found 'o' at column 2"), "\(bad.stderr)")

        // Conversations on standard input are told by their first line and read on from there.
        let transcripts = try String(contentsOf: CLI.root.appendingPathComponent("corpora/transcripts.jsonl"), encoding: .utf8)
            .split(separator: "\n").prefix(3).joined(separator: "\n")
        let piped = try CLI.run(["scorecard", "--format", "json", "--no-timestamp"], input: "\n" + transcripts + "\n")
        #expect((try json(piped.stdout)["input"] as? [String: Int])?["conversations"] == 3)

        let conversation = Array(#"{"id":"c1","messages":[{"role":"customer","text":"hi","at":"2026-09-01T10:00:00Z"}]}"#.utf8)
        #expect(ScorecardBuildCommand.isConversation(Array("\n  \n".utf8) + conversation))
        #expect(!ScorecardBuildCommand.isConversation(Array(Self.factsLines(count: 1)[0].utf8)))
        #expect(!ScorecardBuildCommand.isConversation(Array(#"{"id":"x","messages":3}"#.utf8)))
        #expect(ScorecardBuildCommand.isConversation(Array(#"{"id":"x", "messages" : [ {"text":"#.utf8)))  // cut line
    }

    @Test func rawConversationsGiveTheScorecardOfTheirFacts() throws {
        let scratch = try Scratch()
        let facts = try CLI.run(["flag", "--facts", "corpora/transcripts.jsonl"])
        #expect(facts.status == 0, "\(facts.stderr)")
        let factsPath = try scratch.file("facts.jsonl", facts.stdout)
        let shape = ["--by", "team,agent", "--period", "month", "--targets", "corpora/targets.yaml", "--format", "json", "--no-timestamp"]
        let fromFacts = try CLI.run(["scorecard", factsPath] + shape)
        let fromConversations = try CLI.run(["scorecard", "corpora/transcripts.jsonl"] + shape)
        #expect(fromConversations.status == 0, "\(fromConversations.stderr)")
        #expect(fromConversations.stdout == fromFacts.stdout)
        let card = try json(fromFacts.stdout)
        #expect((card["input"] as? [String: Any])?["conversations"] as? Int == 343)
        #expect(groups(card).count == 1 + 3 + 8)  // all, 3 teams, 8 agents
    }

    @Test func quickStartGivesAScorecardPerTeamForTheLatestMonth() throws {
        // The README's Quick start (issue #9: the headline pooled every month, and the header gave
        // the trend window, 2026-W38 to 2026-W49, for data starting in 2026-W36).
        let quickStart = ["scorecard", "corpora/transcripts.jsonl", "--by", "team", "--period", "month",
                          "--targets", "corpora/targets.yaml", "--no-timestamp"]
        let md = try CLI.run(quickStart + ["--format", "md"]).stdout
        #expect(md.contains("_2026-11 · data 2026-09 to 2026-11 · by month · UTC · 343 conversations"), "\(md.prefix(300))")
        let card = try json(CLI.run(quickStart + ["--format", "json"]).stdout)
        #expect(card["reporting_period"] as? String == "2026-11")
        #expect(card["first_period"] as? String == "2026-09" && card["last_period"] as? String == "2026-11")
        #expect(card["periods"] as? [String] == ["2026-09", "2026-10", "2026-11"])
        // Each team's headline is its November; its trend holds every month.
        for team in ["billing", "orders", "technical"] {
            let volume = value(card, group: "team=\(team)", kpi: "volume")?["value"] as? Int
            let trend = (groups(card).first { $0["id"] as? String == "team=\(team)" }?["trends"] as? [[String: Any]])?
                .first { $0["kpi"] as? String == "volume" }?["points"] as? [[String: Any]]
            #expect(trend?.last?["period"] as? String == "2026-11" && trend?.last?["value"] as? Int == volume)
        }
        #expect(value(card, group: "team=billing", kpi: "volume")?["value"] as? Int == 38)
        let html = try CLI.run(quickStart + ["--format", "html"]).stdout
        #expect(html.contains("<p class=\"subtitle\">2026-11 · data 2026-09 to 2026-11 · by month"))
        let csv = try CLI.run(quickStart + ["--format", "csv"]).stdout.split(separator: "\r\n")
        #expect(csv[0].hasSuffix(",period_from,period_to") && csv.dropFirst().allSatisfy { $0.hasSuffix(",2026-11,2026-11") })

        // Month is the default: the latest week (2026-W49, one day of data) would be too thin.
        let byDefault = try json(CLI.run(["scorecard", "corpora/transcripts.jsonl", "--format", "json", "--no-timestamp"]).stdout)
        #expect(byDefault["period"] as? String == "month" && byDefault["reporting_period"] as? String == "2026-11")

        // Another month, or everything; a month without data is a usage error naming the span.
        let october = try json(CLI.run(quickStart + ["--format", "json", "--reporting-period", "2026-10"]).stdout)
        #expect(october["reporting_period"] as? String == "2026-10")
        #expect(value(october, group: "team=billing", kpi: "volume")?["value"] as? Int == 37)
        #expect((october["periods"] as? [String])?.last == "2026-10")
        let all = try CLI.run(quickStart + ["--format", "md", "--reporting-period", "all"]).stdout
        #expect(all.contains("_2026-09 to 2026-11 (all data) · by month"))
        let weekly = try CLI.run(["scorecard", "corpora/transcripts.jsonl", "--period", "week", "--no-timestamp",
                                  "--reporting-period", "all", "--trend-periods", "12"]).stdout
        #expect(weekly.contains("_2026-W36 to 2026-W49 (all data) · by week"), "\(weekly.prefix(300))")
        let missing = try CLI.run(quickStart + ["--reporting-period", "2026-08"], status: 64, stderr: .any)
        #expect(missing.stderr.contains("--reporting-period: no month '2026-08' in the data, which covers 2026-09 to 2026-11"),
                "\(missing.stderr)")
        #expect(missing.stdout.isEmpty)
    }

    @Test func handleTimeOnlyFromAnExplicitFieldAndDurationFromTimestamps() throws {
        // Open 10h 20m, worked 12 minutes: the first gives the duration, only the second handle time.
        let conversations = """
        {"id":"a","handle_seconds":720,"messages":[{"role":"customer","text":"My invoice is wrong.","at":"2026-09-01T09:00:00Z"},        {"role":"agent","text":"Fixed it, sorry about that.","at":"2026-09-01T19:20:00Z"}]}
        {"id":"b","messages":[{"role":"customer","text":"Where is my parcel?","at":"2026-09-01T10:00:00Z"},        {"role":"agent","text":"It arrives tomorrow.","at":"2026-09-01T10:20:00Z"}]}

        """
        let card = try json(CLI.run(["scorecard", "--input-format", "conversations", "--format", "json", "--min-sample", "1"],
                                    input: conversations).stdout)
        let handle = value(card, group: "all", kpi: "handle_time")
        #expect(handle?["value"] as? Double == 720 && handle?["n"] as? Int == 1)
        let duration = value(card, group: "all", kpi: "conversation_duration")
        #expect(duration?["value"] as? Double == (37_200 + 1_200) / 2 && duration?["n"] as? Int == 2)
        let facts = try CLI.run(["flag", "--facts"], input: conversations).lines
        #expect(facts[0].contains(#""handle_seconds":720"#) && !facts[1].contains("handle_seconds"))
    }

    @Test func emptyInputWarnsAndGivesAnEmptyScorecard() throws {
        let scratch = try Scratch()
        let empty = try scratch.file("empty.jsonl", "")
        for format in ["json", "md", "csv", "html"] {
            let result = try CLI.run(["scorecard", empty, "--format", format], stderr: .any)
            #expect(result.stderr == "temper: warning: no conversations in the input: the scorecard is empty\n")
            #expect(!result.stdout.isEmpty)
        }
        let card = try json(CLI.run(["scorecard", empty, "--format", "json"], stderr: .any).stdout)
        #expect((card["input"] as? [String: Any])?["conversations"] as? Int == 0)
        #expect(card["first_period"] == nil && card["reporting_period"] == nil)
        #expect(value(card, group: "all", kpi: "volume")?["value"] as? Int == 0)
        let partial = try CLI.run(["scorecard", "--partial"], input: "\n", stderr: .any)
        #expect(partial.stderr == "temper: warning: no conversations in the input: the partial is empty\n")
    }

    @Test func helpIsTheFullReferenceAndKeepsItsShapeIn80Columns() throws {
        // Issue #9: 'temper help scorecard' only pointed elsewhere. It is now the reference, and
        // ArgumentParser must print it as written: re-wrapping would break its tables.
        let help = Temper.helpMessage(for: ScorecardCommand.self, columns: 80)
        #expect(help.contains(ScorecardHelp.reference))
        for line in help.split(separator: "\n") {
            #expect(line.count < 80, "\(line)")
        }
        for section in ["INPUT", "KPIS", "GROUPS", "PERIODS", "TARGETS", "FORMATS", "PARTIALS AND MERGING", "EXIT STATUS"] {
            #expect(help.contains("\n\(section)\n"), "\(section)")
        }
        for kpi in KPIDefinition.builtIn {
            #expect(help.contains("\n  \(kpi.id) ("), "\(kpi.id)")
        }
        for command in [ScorecardBuildCommand.self, ScorecardMergeCommand.self] as [ParsableCommand.Type] {
            for line in Temper.helpMessage(for: command, columns: 80).split(separator: "\n") {
                #expect(line.count < 80, "\(line)")
            }
        }
        // Both ways of asking print it.
        let viaHelp = try CLI.run(["help", "scorecard"]).stdout
        #expect(viaHelp.contains("KPIS") && viaHelp.contains("--reporting-period"))
        #expect(try CLI.run(["scorecard", "--help"]).stdout == viaHelp)
    }

    // MARK: - Partials and merge

    @Test func partialsMergeToExactlyTheSingleRun() throws {
        let scratch = try Scratch()
        // With feedback drivers, so their section must merge exactly too.
        let a = try scratch.file("a.jsonl", Self.facts(count: 100, drivers: true))
        let b = try scratch.file("b.jsonl", Self.facts(count: 77, offset: 100, drivers: true))
        let c = try scratch.file("c.jsonl", Self.facts(count: 23, offset: 177, drivers: true))
        let shape = ["--by", "team,agent", "--period", "month", "--time-zone", "Europe/Berlin"]
        let render = ["--no-timestamp", "--min-sample", "10", "--title", "Autumn"]
        let single = try CLI.run(["scorecard", a, b, c, "--format", "json"] + shape + render)
        #expect(single.status == 0, "\(single.stderr)")
        for (path, out) in [(a, "a.partial"), (b, "b.partial"), (c, "c.partial")] {
            let partial = try CLI.run(["scorecard", path, "--partial", "-o", scratch.path(out)] + shape)
            #expect(partial.status == 0, "\(partial.stderr)")
        }
        let partialJSON = try json(String(contentsOfFile: scratch.path("a.partial"), encoding: .utf8))
        #expect(partialJSON["schema"] as? String == "temper.kpi-partial/v2")

        let merged = try CLI.run(["scorecard", "merge", scratch.path("c.partial"), scratch.path("a.partial"),
                                  scratch.path("b.partial"), "--format", "json"] + render)
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout == single.stdout)
        #expect(single.stdout.contains("\"approval_gap\""), "the drivers section is in the compared output")
        // Same for the page a manager gets, and whatever the thread count.
        let singleHTML = try CLI.run(["scorecard", a, b, c, "--format", "html", "--jobs", "1"] + shape + render)
        let mergedHTML = try CLI.run(["scorecard", "merge", scratch.path("a.partial"), scratch.path("b.partial"),
                                      scratch.path("c.partial"), "--format", "html"] + render)
        #expect(singleHTML.stdout == mergedHTML.stdout && singleHTML.stdout.contains("class=\"drivers\""))
        // A reporting period shapes the scorecard of the partials as it does a single run's.
        let october = ["--format", "json", "--reporting-period", "2026-10"] + render
        let singleOctober = try CLI.run(["scorecard", a, b, c] + shape + october).stdout
        let mergedOctober = try CLI.run(["scorecard", "merge", scratch.path("a.partial"), scratch.path("b.partial"),
                                         scratch.path("c.partial")] + october).stdout
        #expect(mergedOctober == singleOctober)
        #expect(try json(mergedOctober)["reporting_period"] as? String == "2026-10")
        // Scorecards state the period they report: the option has nothing to pick there.
        let cardPath = try scratch.file("card.json", single.stdout)
        let pointless = try CLI.run(["scorecard", "merge", cardPath, "--reporting-period", "2026-10"], status: 64, stderr: .any)
        #expect(pointless.stderr.contains("--reporting-period applies to partials"), "\(pointless.stderr)")

        // Partials grouped differently do not merge.
        #expect(try CLI.run(["scorecard", c, "--partial", "--by", "team", "-o", scratch.path("d.partial")]).status == 0)
        let mismatch = try CLI.run(["scorecard", "merge", scratch.path("a.partial"), scratch.path("d.partial")], status: 1, stderr: .any)
        #expect(mismatch.status == 1 && mismatch.stderr.contains("d.partial: cannot merge partials grouped differently"),
                "\(mismatch.stderr)")
    }

    /// Retried or speculative tasks (Spark) can leave two partials for one shard: an identical
    /// repeat is counted once, with a warning; a different one is refused, naming both files.
    @Test func shardIDsCountEachShardOnce() throws {
        let scratch = try Scratch()
        let a = try scratch.file("a.jsonl", Self.facts(count: 60))
        let b = try scratch.file("b.jsonl", Self.facts(count: 40, offset: 60))
        let render = ["--format", "json", "--no-timestamp", "--min-sample", "10"]
        let single = try CLI.run(["scorecard", a, b] + render)
        try CLI.run(["scorecard", a, "--partial", "--shard-id", "part-0", "-o", scratch.path("a.partial")])
        try CLI.run(["scorecard", a, "--partial", "--shard-id", "part-0", "-o", scratch.path("a-retry.partial")])
        try CLI.run(["scorecard", b, "--partial", "--shard-id", "part-1", "-o", scratch.path("b.partial")])
        try CLI.run(["scorecard", b, "--partial", "--shard-id", "part-0", "-o", scratch.path("b-wrong.partial")])
        #expect(try String(contentsOfFile: scratch.path("a.partial"), encoding: .utf8).contains(#""shard_ids":["part-0"]"#))

        let merged = try CLI.run(["scorecard", "merge", scratch.path("a.partial"), scratch.path("b.partial")] + render)
        #expect(merged.stdout == single.stdout)
        let repeated = try CLI.run(["scorecard", "merge", scratch.path("a.partial"), scratch.path("b.partial"),
                                    scratch.path("a-retry.partial")] + render, stderr: .any)
        #expect(repeated.stdout == single.stdout)
        #expect(repeated.stderr == "temper: warning: \(scratch.path("a-retry.partial")) repeats \(scratch.path("a.partial")) (shard 'part-0', identical): counted once\n")

        let conflict = try CLI.run(["scorecard", "merge", scratch.path("a.partial"), scratch.path("b-wrong.partial")] + render,
                                   status: 1, stderr: .any)
        #expect(conflict.stdout.isEmpty)
        #expect(conflict.stderr == "temper: error: \(scratch.path("b-wrong.partial")): shard 'part-0' already merged from "
            + "\(scratch.path("a.partial")) with different content; counting both would count the same input twice (remove the stale partial)\n")

        let misplaced = try CLI.run(["scorecard", a, "--shard-id", "part-0"], status: 64, stderr: .any)
        #expect(misplaced.stderr.contains("--shard-id names the shard of a partial: pass --partial too"), "\(misplaced.stderr)")
        let empty = try CLI.run(["scorecard", a, "--partial", "--shard-id", ""], status: 64, stderr: .any)
        #expect(empty.stderr.contains("--shard-id must not be empty"), "\(empty.stderr)")
    }

    @Test func mergeWithAnotherToolsScorecardKeepsProvenance() throws {
        let scratch = try Scratch()
        let facts = try scratch.file("facts.jsonl", Self.facts())
        #expect(try CLI.run(["scorecard", facts, "--by", "team", "--partial", "-o", scratch.path("temper.partial")]).status == 0)
        // A survey platform's export: CSAT (which Temper also computes, differently) and a KPI of its own.
        let survey = try scratch.file("surveys.json", """
        {"schema": "temper.scorecard/v1", "title": "Survey export", "periods": [], "dimensions": ["team"],
         "minimum_sample": 20, "sources": ["surveys"],
         "kpis": [{"id": "csat", "name": "CSAT", "unit": "percent", "formula": "survey tool", "direction": "higher_is_better", "requires": []},
                  {"id": "survey_response_rate", "name": "Survey response rate", "unit": "percent",
                   "formula": "answered ÷ sent", "direction": "higher_is_better", "requires": []}],
         "groups": [{"id": "team=billing", "title": "billing", "overall": false, "dimensions": {"team": "billing"},
                     "values": [{"kpi": "csat", "value": 91.5, "n": 412, "insufficient": false, "status": "no_target", "source": "surveys"},
                                {"kpi": "survey_response_rate", "value": 23, "n": 1790, "insufficient": false, "status": "no_target", "source": "surveys"}],
                     "trends": [], "top_flagged": []}]}
        """)
        let conflict = try CLI.run(["scorecard", "merge", scratch.path("temper.partial"), survey, "--format", "json"], status: 1, stderr: .any)
        #expect(conflict.status == 1)
        #expect(conflict.stderr.contains("conflicting values for 'csat' in group 'team=billing'")
                && conflict.stderr.contains("--prefer") && conflict.stderr.contains("surveys says 91.5"), "\(conflict.stderr)")

        let targets = try scratch.file("targets.json", #"{"targets": [{"kpi": "survey_response_rate", "target": 25, "warning": 5}]}"#)
        let merged = try CLI.run(["scorecard", "merge", scratch.path("temper.partial"), survey, "--prefer", "surveys",
                                  "--targets", targets, "--format", "json"])
        #expect(merged.status == 0, "\(merged.stderr)")
        let card = try json(merged.stdout)
        #expect(card["sources"] as? [String] == ["temper", "surveys"])
        #expect(value(card, group: "team=billing", kpi: "csat")?["source"] as? String == "surveys")
        #expect(value(card, group: "team=billing", kpi: "csat")?["value"] as? Double == 91.5)
        #expect(value(card, group: "team=tech", kpi: "csat")?["source"] as? String == "temper")
        #expect(value(card, group: "team=billing", kpi: "approval_rate")?["source"] as? String == "temper")
        // Targets apply after merging, so they can judge the other tool's own KPI.
        #expect(value(card, group: "team=billing", kpi: "survey_response_rate")?["status"] as? String == "at_risk")

        let html = try CLI.run(["scorecard", "merge", scratch.path("temper.partial"), survey, "--prefer", "surveys", "--format", "html"])
        #expect(html.stdout.contains("Survey response rate") && html.stdout.contains("surveys"))

        let notACard = try scratch.file("other.json", #"{"schema": "acme.report/v3"}"#)
        let rejected = try CLI.run(["scorecard", "merge", notACard], status: 1, stderr: .any)
        #expect(rejected.status == 1 && rejected.stderr.contains("other.json: unsupported schema 'acme.report/v3'"))
    }

    // MARK: - HTML structure

    @Test func htmlHasATablePerGroupSparklinesStatusesAndEscapedText() throws {
        let scratch = try Scratch()
        var lines = Self.factsLines(count: 120)
        lines.append(#"{"id":"<img src=x onerror=alert(1)>","agent":"<b>Zoë & \"Bo\"</b>","team":"billing","flagged":true,"risk":0.999,"reasons":["<script>"],"started_at":"2026-10-01T00:00:00Z"}"#)
        let facts = try scratch.file("facts.jsonl", lines.joined(separator: "\n") + "\n")
        let targets = try scratch.file("targets.yaml", """
        targets:
          - {kpi: approval_rate, target: 70}
          - {kpi: csat, target: 80, warning: 5}
          - {kpi: abandonment_rate, target: 4, warning: 1}
        """)
        let common = ["--by", "team,agent", "--period", "month", "--targets", targets, "--min-sample", "10"]
        let html = try CLI.run(["scorecard", facts, "--format", "html", "--title", "Q4 <support> review"] + common).stdout
        let card = try json(CLI.run(["scorecard", facts, "--format", "json"] + common).stdout)
        let groupCount = groups(card).count
        #expect(groupCount == 8)  // all, 2 teams, 5 agents (one hostile)
        #expect(count("<table class=\"kpis\">", in: html) == groupCount)
        #expect(count("<section class=\"group", in: html) == groupCount)
        #expect(count("<svg class=\"spark\"", in: html) == groupCount * 17)
        #expect(count("<polyline", in: html) > groupCount)
        for status in ["st-met", "st-at-risk", "st-missed", "st-insufficient", "pill met", "pill missed"] {
            #expect(html.contains(status), "\(status)")
        }
        #expect(html.contains("Top flagged conversations"))
        // Nothing from the data can inject markup.
        #expect(!html.contains("<b>Zoë") && html.contains("&lt;b&gt;Zoë &amp; &quot;Bo&quot;&lt;/b&gt;"))
        #expect(!html.contains("<img") && html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(!html.contains("<script") && html.contains("&lt;script&gt;"))
        #expect(html.contains("Q4 &lt;support&gt; review"))
        // Self-contained: no external resources.
        #expect(!html.contains("<link") && !html.contains(" src=\"") && !html.contains("url("))
        // Well-formed enough to parse as XML once the doctype is dropped.
        let body = html.replacingOccurrences(of: "<!DOCTYPE html>", with: "")
            .replacingOccurrences(of: "<meta charset=\"utf-8\">", with: "<meta charset=\"utf-8\"/>")
            .replacingOccurrences(of: #"<meta name="viewport" content="width=device-width, initial-scale=1">"#, with: "")
            .replacingOccurrences(of: #"<meta name="generator" content="Temper temper.scorecard/v1">"#, with: "")
        let document = try XMLDocument(xmlString: body, options: [])
        let tables = try document.nodes(forXPath: "//table[@class='kpis']")
        #expect(tables.count == groupCount)
        let firstRows = try document.nodes(forXPath: "(//table[@class='kpis'])[1]/tbody/tr")
        #expect(firstRows.count == 17)
    }
}

@Suite("scorecard -o")
struct ScorecardOutputPathTests {
    @Test("-o writes into a symlink's file or a device as they are, refuses a directory, replaces a regular file (issue #11)")
    func outputTargets() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("temper-o-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let real = directory + "/real.md", link = directory + "/link.md"
        try "old\n".write(toFile: real, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        let shape = ["scorecard", "corpora/transcripts.jsonl", "--format", "md", "--no-timestamp", "-o"]
        try CLI.run(shape + [link])
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == real)
        #expect(try String(contentsOfFile: real, encoding: .utf8).hasPrefix("# Support scorecard"))
        let refused = try CLI.run(shape + [directory], status: 1, stderr: .any)
        #expect(refused.stderr == "temper: error: \(directory): is a directory; name a file for -o\n")
        try CLI.run(shape + ["/dev/null"])
        let plain = directory + "/plain.md"
        try CLI.run(shape + [plain])
        try CLI.run(shape + [plain])
        #expect(try String(contentsOfFile: plain, encoding: .utf8) == String(contentsOfFile: real, encoding: .utf8))
    }
}

@Suite("scorecard merge: partial versions")
struct PartialVersionTests {
    @Test("A partial from before conversation duration (v1) is refused with the reason, not a missing key")
    func versionOnePartialIsRefusedClearly() throws {
        let old = try CLI.temporaryFile("old.partial", #"{"schema":"temper.kpi-partial/v1","spec":{},"conversations":0,"undated":0,"cells":[],"flagged":[]}"# + "\n")
        let result = try CLI.run(["scorecard", "merge", old], status: 1, stderr: .any)
        #expect(result.stderr.contains("schema 'temper.kpi-partial/v1' is from an earlier Temper, whose handle time was the conversation's duration: rebuild it with this version"),
                "\(result.stderr)")
    }
}
