// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "rebound",
    products: [
        .executable(name: "rebound", targets: ["rebound"]),
        .library(name: "ReboundCore", targets: ["ReboundCore"]),
        .library(name: "ReboundLedger", targets: ["ReboundLedger"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .target(
            name: "ReboundCore",
            resources: [
                .embedInCode("Checker/Phrases/excuse.phrases"),
                .embedInCode("Checker/Phrases/blame.phrases"),
                .embedInCode("Checker/Phrases/non-apology.phrases"),
                .embedInCode("Checker/Phrases/policy.phrases"),
                .embedInCode("Checker/Phrases/repetition.phrases"),
                .embedInCode("Checker/Phrases/markers.phrases"),
            ]
        ),
        .systemLibrary(
            name: "CReadline",
            pkgConfig: "readline",
            providers: [.apt(["libreadline-dev"])]
        ),
        .target(
            name: "ReboundLedger",
            dependencies: ["ReboundCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "ReboundCLI",
            dependencies: [
                "ReboundCore",
                "ReboundLedger",
                "CReadline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "rebound", dependencies: ["ReboundCLI"]),
        .testTarget(name: "ReboundCoreTests", dependencies: ["ReboundCore"], exclude: ["Checker/Corpus", "Transcript/Fixtures", "Fuzz/Regressions"]),
        .testTarget(
            name: "ReboundLedgerTests",
            dependencies: ["ReboundLedger", "ReboundCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "ReboundCLITests", dependencies: ["ReboundCLI", "ReboundCore"], exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
