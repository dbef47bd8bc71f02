// swift-tools-version:6.1
// Strata: the whole LLM infrastructure stack in one Swift server. See ../shared/DESIGN.md (§2) for the layout.
import PackageDescription

/// The engine's kernels need native SIMD code even in debug builds (see ENGINE-NOTES.md):
/// a baseline x86-64 build turns SIMD into library calls and runs 20-40x slower.
/// `-num-threads 1` makes whole-module mode emit one object per file, which debug builds expect
/// (without it they fail with "index output filenames do not match input source files").
let engineSettings: [SwiftSetting] = [
    .unsafeFlags(["-Ounchecked", "-wmo", "-num-threads", "1", "-target-cpu", "native"]),
    // Reaches the VNNI int8 dot-product intrinsic (Kernels/Int8Dot.swift, the only user);
    // without it the engine compiles its float kernels instead.
    .enableExperimentalFeature("BuiltinModule"),
]

let package = Package(
    name: "Strata",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "strata", targets: ["strata"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        .target(name: "StrataCore", dependencies: [
            .product(name: "Yams", package: "Yams"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "StrataStore", dependencies: [
            "StrataCore",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .target(name: "StrataEngine", swiftSettings: engineSettings),
        .target(name: "StrataProviders", dependencies: [
            "StrataCore", "StrataEngine", "StrataRetrieval",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
        .target(name: "StrataRetrieval", swiftSettings: engineSettings),
        .target(name: "StrataKnowledge", dependencies: [
            "StrataCore", "StrataStore", "StrataRetrieval",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "StrataGuard", dependencies: [
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "StrataGateway", dependencies: [
            "StrataCore", "StrataStore", "StrataProviders", "StrataGuard", "StrataKnowledge",
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "StrataServer", dependencies: [
            "StrataCore", "StrataStore", "StrataProviders", "StrataGateway", "StrataGuard", "StrataKnowledge",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ]),
        .executableTarget(name: "strata", dependencies: [
            "StrataCore", "StrataStore", "StrataServer", "StrataGateway", "StrataEngine", "StrataGuard", "StrataKnowledge",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "StrataCoreTests", dependencies: ["StrataCore"]),
        .testTarget(name: "StrataStoreTests", dependencies: ["StrataStore"]),
        .testTarget(name: "StrataEngineTests", dependencies: ["StrataEngine"], swiftSettings: engineSettings),
        .testTarget(name: "StrataProvidersTests", dependencies: ["StrataProviders", "StrataTestSupport"]),
        .testTarget(name: "StrataRetrievalTests", dependencies: ["StrataRetrieval"]),
        .testTarget(name: "StrataKnowledgeTests", dependencies: ["StrataKnowledge", "StrataTestSupport"]),
        .testTarget(name: "StrataGuardTests", dependencies: ["StrataGuard"]),
        .testTarget(name: "StrataGatewayTests", dependencies: ["StrataGateway", "StrataTestSupport"]),
        .testTarget(name: "StrataServerTests", dependencies: ["StrataServer", "StrataTestSupport"]),
        .executableTarget(name: "strata-fake-upstream", dependencies: ["StrataTestSupport"], path: "Tests/FakeUpstreamMain"),
        .target(name: "StrataTestSupport", dependencies: [
            "StrataCore",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], path: "Tests/StrataTestSupport"),
    ]
)
