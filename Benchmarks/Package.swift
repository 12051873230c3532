// swift-tools-version:6.1
// Speed measurements, kept out of the main package so `swift build`, `swift test`
// and CI never compile them. Run with: cd Benchmarks && swift package benchmark
import PackageDescription

let package = Package(
    name: "ReboundBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "rebound", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "ReboundBenchmarks",
            dependencies: [
                .product(name: "ReboundCore", package: "rebound"),
                .product(name: "ReboundLedger", package: "rebound"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/ReboundBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Many agents on one store at once (scripts/bench-team.sh): a load generator, not
        // an ordo-one benchmark, since it needs a server and reports latency percentiles.
        .executableTarget(
            name: "TeamStoreLoad",
            dependencies: [.product(name: "ReboundLedger", package: "rebound")],
            path: "Benchmarks/TeamStoreLoad"
        ),
    ]
)
