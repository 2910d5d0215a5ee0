/// What a reader does with a record it cannot read — the one policy every reader and run shares.
///
/// Every bad record is reported first (`report` gets it, with its file and line); then, in
/// `.stop` mode, the reader throws it, so the run ends after what came before was delivered.
/// In `.skip` mode the run goes on. Nothing is ever dropped without a report. Problems with an
/// input as a whole (cannot open, no usable header) are not records: readers throw those as
/// `InputError` without going through the policy.
public struct BadRecordPolicy {
    public enum Mode: Sendable {
        /// End the run at the first bad record (the default: a run that met bad input cannot be trusted).
        case stop
        /// Report each bad record and go on.
        case skip
    }

    public var mode: Mode
    public var report: (InputError) -> Void

    public init(_ mode: Mode = .stop, report: @escaping (InputError) -> Void = { _ in }) {
        self.mode = mode
        self.report = report
    }

    /// `--skip-invalid` in the CLI's terms.
    public init(skipInvalid: Bool, report: @escaping (InputError) -> Void = { _ in }) {
        self.init(skipInvalid ? .skip : .stop, report: report)
    }

    public var skipsInvalid: Bool { mode == .skip }

    /// Reports `problem`; throws it unless bad records are skipped.
    public func handle(_ problem: InputError) throws {
        report(problem)
        if mode == .stop { throw problem }
    }
}
