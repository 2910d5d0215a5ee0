import ArgumentParser
import Foundation
import TemperSentiment

/// Whether to report feedback drivers, and which taxonomy to use.
struct DriverOptions: ParsableArguments {
    @Flag(help: "Report feedback drivers (delay, billing, staff, …): what each message is about, with evidence and the sentiment of its clause.")
    var drivers = false

    @Option(name: .customLong("drivers-file"), help: ArgumentHelp("A drivers taxonomy replacing the shipped one (YAML; see lexicons/drivers.yaml for the format). Implies --drivers.", valueName: "path"))
    var driversFile: String?

    var enabled: Bool { drivers || driversFile != nil }

    /// The taxonomy to use, or nil when drivers are off: --drivers-file, else drivers.yaml in the
    /// lexicon directory the model was read from.
    func taxonomy(model: ModelOptions) throws -> DriverTaxonomy? {
        guard enabled else { return nil }
        if let driversFile { return try DriverTaxonomy.load(path: driversFile) }
        return try model.loadDriverTaxonomy()
    }

    /// What a conversation pipeline needs: the lexicon directory's taxonomy, whose complaint
    /// patterns are the risk model's stated problems, and the one the drivers report with (nil
    /// when off). Each file is read and compiled once: without --drivers-file the two are one.
    func pipelineTaxonomies(model: ModelOptions) throws -> (problems: DriverTaxonomy, drivers: DriverTaxonomy?) {
        let problems = try model.loadDriverTaxonomy()
        guard enabled else { return (problems, nil) }
        return (problems, try driversFile.map(DriverTaxonomy.load(path:)) ?? problems)
    }
}
