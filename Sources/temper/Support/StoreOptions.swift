import ArgumentParser
import Foundation
import TemperStore

/// `--db PATH`: the QA workspace's SQLite file, for every command that reads or writes it
/// (ingest, reviews, serve).
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp("The QA workspace database (SQLite; created and migrated on first use).", valueName: "path"))
    var path = "temper.db"

    /// Opens the database, creating it when `create` is set; otherwise a missing file is an
    /// error rather than a new empty database (a mistyped path would show an empty workspace).
    func open(create: Bool = true) throws -> Store {
        if !create, !FileManager.default.fileExists(atPath: path) {
            throw RunError("\(path): no such database (create one with 'temper ingest FILE… --db \(path)')")
        }
        do {
            return try Store(path: path)
        } catch let error as StoreError {
            throw RunError(error.message)
        }
    }
}
