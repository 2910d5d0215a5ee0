// swift-tools-version:6.0
// Temper — customer sentiment, escalation risk and support KPIs from what customers write.
//
// Data flows one way through the targets below:
//   CICU → TemperText → TemperSentiment → TemperConversation → TemperPipeline → temper (CLI)
//   TemperIO is shared plumbing (line reading, JSON, ISO-8601 dates) with no NLP in it.
//   TemperKPI depends on TemperIO only, nothing NLP: any tool can feed it numbers.
//   TemperReview → TemperStore → TemperServer sit on top for the QA workspace (`temper serve`).
//   TemperPipeline is the run engine (ordered, parallel, bounded memory) and the one adapter
//   from assessed conversations to KPI facts; the CLI parses arguments and formats output.
import PackageDescription

let package = Package(
    name: "Temper",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "temper", targets: ["temper"]),
        .library(name: "TemperText", targets: ["TemperText"]),
        .library(name: "TemperSentiment", targets: ["TemperSentiment"]),
        .library(name: "TemperConversation", targets: ["TemperConversation"]),
        .library(name: "TemperKPI", targets: ["TemperKPI"]),
        .library(name: "TemperIO", targets: ["TemperIO"]),
        .library(name: "TemperPipeline", targets: ["TemperPipeline"]),
        .library(name: "TemperReview", targets: ["TemperReview"]),
        .library(name: "TemperStore", targets: ["TemperStore"]),
        .library(name: "TemperServer", targets: ["TemperServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // Only for `swift package generate-documentation --target TemperSentiment`: a plugin,
        // so nothing of it is built or linked unless that command runs.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // ICU behind a plain-C header: ICU's own types clash with Foundation's bundled ICU,
        // and its versioned symbol macros cannot be imported into Swift.
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icui18n"), .linkedLibrary("icudata")]
        ),
        .target(name: "TemperIO", dependencies: [.product(name: "HeapModule", package: "swift-collections")]),
        .target(name: "TemperText", dependencies: ["CICU"]),
        // `lexicons` in the target is a symlink to the top-level folder, which stays where the
        // scripts and docs expect it. Its files go into the resource bundle for
        // `SentimentModel.shipped`. `.process`, not `.copy`: `.copy` would copy the symlink
        // itself, which no longer resolves from inside .build.
        .target(name: "TemperSentiment", dependencies: ["TemperText", "TemperIO", "Yams"], resources: [.process("lexicons")]),
        .target(
            name: "TemperConversation",
            dependencies: ["TemperSentiment", "TemperText", "TemperIO"]
        ),
        .target(name: "TemperKPI", dependencies: ["TemperIO", "Yams"], exclude: ["scorecard.schema.json"]),
        // The run engines: ordered parallel runs over files, for the CLI and any Swift program.
        .target(name: "TemperPipeline", dependencies: ["TemperIO", "TemperText", "TemperSentiment", "TemperConversation", "TemperKPI"]),
        // QA review: rubrics, verdicts and agreement (no I/O beyond reading a rubric file).
        .target(name: "TemperReview", dependencies: ["Yams"]),
        // The QA workspace's SQLite store (GRDB): assessed conversations, reviews, sessions.
        .target(name: "TemperStore", dependencies: [
            "TemperReview", "TemperPipeline", "TemperConversation", "TemperIO",
            .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        // `temper serve`: the review queue in a browser and its JSON API, over the store.
        .target(name: "TemperServer", dependencies: [
            "TemperStore", "TemperReview", "TemperIO", "TemperText",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        .executableTarget(
            name: "temper",
            dependencies: [
                "TemperText", "TemperSentiment", "TemperConversation", "TemperKPI", "TemperIO", "TemperPipeline",
                "TemperReview", "TemperStore", "TemperServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "temper-bench",
            dependencies: ["TemperText", "TemperSentiment", "TemperConversation", "TemperKPI", "TemperIO", "TemperReview", "TemperStore"],
            path: "benchmarks/Sources"
        ),
        .testTarget(name: "TemperIOTests", dependencies: ["TemperIO"]),
        .testTarget(name: "TemperTextTests", dependencies: ["TemperText", "TemperIO"]),
        .testTarget(name: "TemperSentimentTests", dependencies: ["TemperSentiment", "TemperIO"]),
        .testTarget(name: "TemperConversationTests", dependencies: ["TemperConversation"]),
        .testTarget(name: "TemperKPITests", dependencies: ["TemperKPI", "TemperIO"]),
        .testTarget(name: "TemperPipelineTests", dependencies: ["TemperPipeline", "TemperConversation", "TemperKPI", "TemperIO"]),
        .testTarget(name: "TemperReviewTests", dependencies: ["TemperReview"]),
        .testTarget(name: "TemperStoreTests", dependencies: ["TemperStore", "TemperReview", "TemperPipeline"]),
        .testTarget(name: "TemperServerTests", dependencies: [
            "TemperServer", "TemperStore", "TemperReview", "TemperPipeline", "TemperSentiment", "TemperText",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
        .testTarget(name: "temperTests", dependencies: ["temper", "TemperStore", "TemperReview"]),
    ]
)
