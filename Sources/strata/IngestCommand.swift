import ArgumentParser
import Foundation
import Logging
import StrataCore
import StrataKnowledge
import StrataServer
import StrataStore

/// `strata ingest PATH… --collection NAME`: loads files (directories recursively), chunks,
/// embeds and stores them in a collection of the configured database, with a progress bar.
/// Re-ingesting an unchanged file does nothing; a changed file replaces its chunks at once.
/// A running server sees the changes on its next search.
struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Add files to a knowledge collection (txt, md, html, json, jsonl, csv, pdf).",
        discussion: """
            Each file becomes one document (JSON arrays, JSON Lines and CSV: one per item, row \
            or line), identified by its path as given plus the row, so the same command run \
            again skips unchanged files and replaces changed ones. A file that cannot be read is \
            reported and the rest still go in; the exit status is 1 if any failed.

            Access: --owner, --group and --label apply to every document of this run; a document \
            with none of owners or groups is readable by its whole tenant.
            """)

    @Argument(help: "Files or directories to ingest.")
    var paths: [String]

    @Option(name: .long, help: "The collection to add to.")
    var collection: String

    @Flag(name: .long, help: "Create the collection if it does not exist.")
    var create = false

    @Option(name: .long, help: "Embedding model for a new collection (default: the bundled all-minilm-l6-v2).")
    var embedder: String?

    @Option(name: .long, help: "Tenant the collection belongs to (default: the default tenant).")
    var tenant: String = ""

    @Option(name: .long, help: "A user who may read these documents (repeatable).")
    var owner: [String] = []

    @Option(name: .long, help: "A group whose members may read these documents (repeatable).")
    var group: [String] = []

    @Option(name: .long, help: "A sensitivity label readers need clearance for, e.g. confidential (repeatable).")
    var label: [String] = []

    @Option(name: .long, help: "Config file (default: ./strata.yaml when present, else built-in defaults).")
    var config: String?

    @Option(name: .long, help: "SQLite database file (overrides storage.database).")
    var database: String?

    func run() async throws {
        let settings = try ConfigLocation(explicitPath: config).loadOrExit(database: database)
        var logger = Logger(label: "strata")
        logger.logLevel = .warning
        let files = try Self.expand(paths)
        guard !files.isEmpty else {
            printError("strata ingest: no files to ingest (supported: \(DocumentFormat.pathExtensions.map { "." + $0 }.joined(separator: ", ")))")
            throw ExitCode(2)
        }
        let application = try await StrataApplication(config: settings, logger: logger)
        do {
            let totals = try await ingest(files, application: application)
            await application.close()
            if totals.failed > 0 { throw ExitCode(1) }
        } catch {
            await application.close()
            throw error
        }
    }

    func ingest(_ files: [String], application: StrataApplication) async throws -> Totals {
        let knowledge = application.knowledge
        let target: CollectionRecord
        do {
            target = try await knowledge.collection(named: collection, tenant: tenant)
        } catch let error as StrataError where error.code == "collection_not_found" {
            guard create else {
                printError("strata ingest: no collection '\(collection)'\(tenant.isEmpty ? "" : " in tenant '\(tenant)'"); add --create to make it")
                throw ExitCode(1)
            }
            guard let model = embedder ?? application.defaultEmbedder else {
                printError("strata ingest: no embedding model configured: run `make models` (bundled all-minilm-l6-v2 in ./models or $STRATA_MODELS_DIR) or pass --embedder NAME")
                throw ExitCode(2)
            }
            target = try await knowledge.createCollection(name: collection, tenant: tenant, embedder: model)
            print("created collection '\(collection)' (embedder \(model), \(target.dimensions) dimensions)")
        }
        let access = AccessControl(owners: owner, groups: group, labels: label)
        let totals = await ingest(files, into: target, access: access, knowledge: knowledge)
        print("""
            \(files.count) files: \(totals.report.added) documents added, \(totals.report.replaced) replaced, \
            \(totals.report.unchanged) unchanged, \(totals.report.deleted) removed; \(totals.report.chunks) chunks embedded \
            in \(String(format: "%.1f", totals.seconds)) s\(totals.failed > 0 ? "; \(totals.failed) files failed" : "")
            """)
        return totals
    }

    struct Totals {
        var report = IngestReport()
        var failed = 0
        var seconds = 0.0
    }

    func ingest(_ files: [String], into target: CollectionRecord, access: AccessControl, knowledge: KnowledgeBase) async -> Totals {
        var totals = Totals()
        let progress = ProgressLine()
        let started = Date()
        let embedded = Counter()
        for (i, file) in files.enumerated() {
            let shown = "files \(i)/\(files.count)"
            progress.update("\(ProgressLine.bar(i, of: files.count)) \(shown)  \(Self.short(file))", force: true)
            do {
                let loaded = try await Self.load(file)
                let documents = loaded.map { d in
                    IngestDocument(id: d.id, source: d.source, title: d.title, text: d.text, metadata: d.metadata, access: access)
                }
                let base = embedded.value
                let report = try await knowledge.ingest(documents, into: target, pruneSources: true) { state in
                    embedded.set(base + state.chunksEmbedded)
                    let rate = Double(embedded.value) / max(Date().timeIntervalSince(started), 0.001)
                    progress.update("\(ProgressLine.bar(i, of: files.count)) \(shown)  chunks \(state.chunksEmbedded)/\(state.chunksTotal)  \(Int(rate)) emb/s")
                }
                totals.report.added += report.added
                totals.report.replaced += report.replaced
                totals.report.unchanged += report.unchanged
                totals.report.deleted += report.deleted
                totals.report.chunks += report.chunks
            } catch {
                totals.failed += 1
                progress.finish()
                printError("✗ \(error)")
            }
        }
        totals.seconds = Date().timeIntervalSince(started)
        let rate = Double(embedded.value) / max(totals.seconds, 0.001)
        progress.update("\(ProgressLine.bar(files.count, of: files.count)) files \(files.count)/\(files.count)  chunks \(embedded.value)  \(Int(rate)) emb/s", force: true)
        progress.finish()
        return totals
    }

    /// Loading may run pdftotext for up to 30 s: off the cooperative pool.
    static func load(_ file: String) async throws -> [LoadedDocument] {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                do {
                    continuation.resume(returning: try DocumentLoader.load(path: file))
                } catch {
                    continuation.resume(throwing: error)
                }
            }.start()
        }
    }

    /// Files under the paths, directories walked recursively (hidden entries skipped) and
    /// kept when their extension is supported; named files are kept whatever they are, so
    /// an unsupported one is reported. Sorted, so runs are repeatable.
    static func expand(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                printError("strata ingest: \(path): no such file or directory")
                throw ExitCode(2)
            }
            guard isDirectory.boolValue else {
                files.append((path as NSString).standardizingPath)
                continue
            }
            let root = (path as NSString).standardizingPath
            var found: [String] = []
            if let walker = FileManager.default.enumerator(atPath: root) {
                while let relative = walker.nextObject() as? String {
                    let name = (relative as NSString).lastPathComponent
                    if name.hasPrefix(".") {
                        walker.skipDescendants()
                        continue
                    }
                    guard DocumentFormat(pathExtension: (relative as NSString).pathExtension) != nil else { continue }
                    found.append(root == "." ? relative : root + "/" + relative)
                }
            }
            files += found.sorted()
        }
        var seen = Set<String>()
        return files.filter { seen.insert($0).inserted }
    }

    static func short(_ path: String) -> String {
        path.count <= 48 ? path : "…" + path.suffix(47)
    }
}

/// A number shared with the progress callback.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var current = 0
    var value: Int { lock.withLock { current } }
    func set(_ value: Int) { lock.withLock { current = value } }
}
