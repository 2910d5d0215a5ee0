import ArgumentParser

struct DriversCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drivers",
        abstract: "Feedback drivers: measure the taxonomy, find themes it lacks.",
        discussion: """
        A feedback driver is what a message is about — delay, waiting, cancellation, lost_item, \
        damaged_item, billing, booking, staff, product_quality, technical, communication in the \
        shipped taxonomy (lexicons/drivers.yaml, which documents its format; --drivers-file \
        replaces it). 'temper score --drivers' reports them per message, 'temper flag --drivers' \
        per conversation and in the KPI facts, and the scorecard has a drivers section.
        """,
        subcommands: [DriversEvaluateCommand.self, DriversDiscoverCommand.self]
    )
}
