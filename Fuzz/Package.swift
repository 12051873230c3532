// swift-tools-version:6.0
// libFuzzer targets, kept out of the main package so `swift build`, `swift test` and CI
// never compile them. Build and run one with: scripts/fuzz.sh TARGET SECONDS
import PackageDescription

let targets = ["Playbook", "TestFile", "Transcript", "Checker", "Protocol"]

let package = Package(
    name: "ReboundFuzz",
    dependencies: [.package(name: "rebound", path: "..")],
    targets: [.target(name: "FuzzDriver")]
        + targets.map {
            .executableTarget(
                name: "Fuzz\($0)", dependencies: ["FuzzDriver", .product(name: "ReboundCore", package: "rebound")],
                path: "Sources/Fuzz\($0)")
        },
    swiftLanguageModes: [.v6]
)
