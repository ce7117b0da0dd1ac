import Foundation
import PackagePlugin

/// Compiles every `BPF/*.bpf.c` of the target with the toolchain's clang (`-target bpf -O2 -g`) and embeds each
/// object into the target as a generated Swift file (`<Name>BPFObject.swift`, a base64 string literal).
///
/// One build command per program, run by `BPFObjectEmbedder` so that the only output is a Swift source:
/// SwiftPM would otherwise treat the `.o` as an undeclared resource.
@main
struct BPFCompilerPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) async throws -> [Command] {
        guard let module = target as? SourceModuleTarget else { return [] }
        let bpfDirectory = module.directoryURL.appending(path: "BPF")
        let files =
            (try? FileManager.default.contentsOfDirectory(at: bpfDirectory, includingPropertiesForKeys: nil))
            ?? []
        let programs = files.filter { $0.lastPathComponent.hasSuffix(".bpf.c") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let headers = files.filter { $0.pathExtension == "h" }
        guard !programs.isEmpty else { return [] }
        let clang = try context.tool(named: "clang").url
        let embedder = try context.tool(named: "BPFObjectEmbedder").url
        return programs.map { program in
            let stem = String(program.lastPathComponent.dropLast(".bpf.c".count))
            let symbol = stem.prefix(1).uppercased() + stem.dropFirst() + "BPFObject"
            let object = context.pluginWorkDirectoryURL.appending(path: "\(stem).bpf.o")
            let output = context.pluginWorkDirectoryURL.appending(path: "\(symbol).swift")
            return .buildCommand(
                displayName: "Compiling BPF program \(program.lastPathComponent)",
                executable: embedder,
                arguments: [
                    "--clang", clang.path, "--source", program.path, "--include", bpfDirectory.path,
                    "--object", object.path, "--output", output.path, "--symbol", symbol,
                ],
                inputFiles: [program] + headers,
                outputFiles: [output]
            )
        }
    }
}
