// swift-tools-version:6.0
import PackageDescription

// The targets' dependency lists are the architecture (README, "Layout"): each layer sees
// only the layers below it, so a wrong import does not compile.
// Tests/ReboundCLITests/ArchitectureTests.swift fails when a target gains a dependency
// the README's graph does not allow.
let package = Package(
    name: "rebound",
    products: [
        .executable(name: "rebound", targets: ["rebound"]),
        .library(
            name: "ReboundCore",
            targets: [
                "ReboundText", "ReboundLanguage", "ReboundChecker", "ReboundTranscript", "ReboundSession",
                "ReboundReview", "ReboundScenario", "ReboundLanguageServer",
            ]),
        .library(name: "ReboundLedger", targets: ["ReboundLedger", "ReboundPostgres"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        // Pure core: no terminal, no files, no clock, no environment.
        .target(name: "ReboundText"),
        .target(name: "ReboundLanguage", dependencies: ["ReboundText"]),
        // The standard phrase files precompiled to the checker's automaton
        // (scripts/compile-phrases.sh) and the learned layer (Training/train.py), embedded by
        // C's #embed so that a checker starts without compiling phrases or building the
        // model's table, and the build does not pay for a Swift array literal.
        .target(name: "ReboundCheckerData", exclude: ["standard-phrases.automaton", "reply-model.bin"]),
        .target(
            name: "ReboundChecker",
            dependencies: ["ReboundText", "ReboundLanguage", "ReboundCheckerData"],
            resources: [
                .embedInCode("Phrases/excuse.phrases"),
                .embedInCode("Phrases/blame.phrases"),
                .embedInCode("Phrases/non-apology.phrases"),
                .embedInCode("Phrases/policy.phrases"),
                .embedInCode("Phrases/repetition.phrases"),
                .embedInCode("Phrases/markers.phrases"),
            ]
        ),
        .target(name: "ReboundTranscript", dependencies: ["ReboundText", "ReboundLanguage", "ReboundChecker"]),
        .target(
            name: "ReboundSession",
            dependencies: ["ReboundText", "ReboundLanguage", "ReboundChecker", "ReboundTranscript"],
            // The triage model, written by Training/triage/train.py.
            resources: [.embedInCode("Triage/triage-model.tsv")]
        ),
        .target(
            name: "ReboundReview",
            dependencies: ["ReboundText", "ReboundLanguage", "ReboundChecker", "ReboundTranscript"]
        ),
        .target(
            name: "ReboundScenario",
            dependencies: ["ReboundText", "ReboundLanguage", "ReboundChecker", "ReboundTranscript", "ReboundSession"]
        ),
        // The Language Server Protocol for playbooks and their tests: messages in, messages out;
        // `rebound lsp` does the input, output and file reading.
        .target(
            name: "ReboundLanguageServer",
            dependencies: ["ReboundText", "ReboundLanguage", "ReboundChecker", "ReboundScenario"]
        ),
        // Stores and the command line sit on top.
        .target(
            name: "ReboundLedger",
            dependencies: [
                "ReboundText", "ReboundLanguage", "ReboundTranscript", "ReboundReview",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // The team store: the same ledger on a PostgreSQL server. Its own target, so that
        // nothing below the command line depends on the PostgreSQL client.
        .target(
            name: "ReboundPostgres",
            dependencies: [
                "ReboundText", "ReboundLanguage", "ReboundTranscript", "ReboundReview", "ReboundLedger",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Fixtures the test targets share (a fresh ledger of either kind); in no product.
        .target(
            name: "ReboundTestSupport",
            dependencies: [
                "ReboundLedger", "ReboundPostgres", .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .systemLibrary(
            name: "CReadline",
            pkgConfig: "readline",
            providers: [.apt(["libreadline-dev"])]
        ),
        .target(
            name: "ReboundCLI",
            dependencies: [
                "ReboundText", "ReboundLanguage", "ReboundChecker", "ReboundTranscript", "ReboundSession",
                "ReboundReview", "ReboundScenario", "ReboundLanguageServer", "ReboundLedger", "ReboundPostgres",
                "CReadline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "rebound", dependencies: ["ReboundCLI"],
            // A release build links the Swift runtime and Foundation into the program, as
            // `--static-swift-stdlib` does: every launch then skips loading and relocating a
            // dozen shared libraries, about 5 ms of each start-up (docs/performance.md).
            linkerSettings: [
                .unsafeFlags(
                    [
                        "-static-stdlib", "-lFoundationInternationalization", "-lFoundationEssentials",
                        "-lCoreFoundation", "-l_FoundationICU", "-l_FoundationCShims", "-l_FoundationCollections",
                    ], .when(configuration: .release))
            ]
        ),
        .testTarget(
            name: "ReboundCoreTests",
            dependencies: [
                "ReboundText", "ReboundLanguage", "ReboundChecker", "ReboundTranscript", "ReboundSession",
                "ReboundReview", "ReboundScenario", "ReboundLanguageServer",
            ],
            exclude: ["Checker/Corpus", "Transcript/Fixtures", "Fuzz/Regressions"]
        ),
        .testTarget(
            name: "ReboundLedgerTests",
            dependencies: [
                "ReboundLedger", "ReboundPostgres", "ReboundTestSupport", "ReboundText", "ReboundTranscript",
                "ReboundReview", .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "ReboundCLITests",
            dependencies: [
                "ReboundCLI", "ReboundText", "ReboundLanguage", "ReboundChecker", "ReboundTranscript",
                "ReboundTestSupport",
            ],
            exclude: ["Golden"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
