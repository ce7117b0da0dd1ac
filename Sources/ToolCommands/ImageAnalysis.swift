import Catalogers
import Foundation
import ImageChecks
import ImageSources
import OCIImage
import SBOMFormats
import SecurityModel

/// Options that name and open an image, shared by `sbom` and `image`.
struct ImageTargetSettings: Sendable {
    var argument: String
    /// `auto`, `docker-archive`, `oci`, `dir`, `rootfs`, `docker`, `registry`.
    var source: String
    var platform: String?
    var insecureRegistry: Bool
    var environment: [String: String]
}

/// Everything one image analysis produced.
struct ImageAnalysis: Sendable {
    var metadata: ImageMetadata
    var isImage: Bool
    var tree: any FileTree
    var statistics: ImageFileStatistics
    var operatingSystem: OperatingSystem?
    var packages: [Package]
    var diagnostics: [InventoryDiagnostic]
}

/// Opens an image (any source), reads it once keeping only the files catalogers and checks need,
/// detects the OS and runs the catalogers.
enum ImageAnalyzer {
    static var catalogers: [any Cataloger] { OSCatalogers.all + LanguageCatalogers.all }

    /// Opens the target: an image source, or a file tree for root-filesystem directories.
    enum Opened {
        case image(any ImageSource, reference: String)
        case directory(DirectoryFileTree, path: String)
    }

    static func open(_ settings: ImageTargetSettings) throws(ImageError) -> Opened {
        let argument = settings.source == "auto" ? settings.argument : "\(settings.source):\(settings.argument)"
        let platform = try settings.platform.map { p throws(ImageError) in try parsePlatform(p) } ?? .host
        let kind = try ImageSourceDetector.detect(argument)
        let reference = settings.argument
        switch kind {
        case .dockerArchive(let path, let tag):
            return .image(
                try DockerArchiveSource(path: path, reference: reference, tag: tag, platform: platform),
                reference: reference
            )
        case .ociLayout(let path, let tag):
            return .image(
                try OCILayoutSource(path: path, reference: reference, tag: tag, platform: platform),
                reference: reference
            )
        case .rootfsDirectory(let path):
            return .directory(try DirectoryFileTree(root: path), path: path)
        case .rootfsTarball(let path):
            return .image(RootfsTarballSource(path: path, reference: reference), reference: reference)
        case .dockerEngine(let name):
            return .image(try engineSource(name, settings: settings), reference: name)
        case .registry(let ref):
            return .image(try registrySource(ref, settings: settings, platform: platform), reference: ref)
        case .reference(let ref):
            // Like the Docker CLI: the local engine first when it has the image, else the registry.
            if let engine = try? engineSource(ref, settings: settings), (try? engine.client.inspectImage(ref)) != nil {
                return .image(engine, reference: ref)
            }
            return .image(try registrySource(ref, settings: settings, platform: platform), reference: ref)
        }
    }

    static func parsePlatform(_ text: String) throws(ImageError) -> Platform {
        let parts = text.split(separator: "/").map(String.init)
        guard parts.count >= 2 else {
            throw ImageError(
                code: .malformed,
                subject: "--platform",
                message: "expected os/arch[/variant], got '\(text)'"
            )
        }
        return Platform(os: parts[0], architecture: parts[1], variant: parts.count > 2 ? parts[2] : nil)
    }

    private static func engineSource(_ name: String, settings: ImageTargetSettings) throws(ImageError)
        -> DockerEngineSource
    {
        try DockerEngineSource(reference: name, environment: settings.environment) {
            path,
            reference throws(ImageError) in
            try DockerArchiveSource(path: path, reference: reference)
        }
    }

    private static func registrySource(_ ref: String, settings: ImageTargetSettings, platform: Platform)
        throws(ImageError)
        -> RegistrySource
    {
        try RegistrySource(
            reference: ref,
            platform: RegistryPlatform(os: platform.os, architecture: platform.architecture, variant: platform.variant),
            insecure: settings.insecureRegistry
        )
    }

    /// Reads and catalogs. `extraRequired` adds files (image checks) whose content must be kept.
    static func analyze(
        _ opened: Opened,
        resolved: ResolvedImage? = nil,
        extraRequired: @escaping @Sendable (String) -> Bool
    ) throws(ImageError) -> ImageAnalysis {
        let catalogers = Self.catalogers
        let required: @Sendable (String) -> Bool = { path in
            OperatingSystemDetector.isRequired(path) || extraRequired(path)
                || catalogers.contains { $0.isRequired(path) }
        }
        switch opened {
        case .directory(let tree, let path):
            return catalog(
                tree: tree,
                metadata: ImageMetadata(reference: path),
                isImage: false,
                statistics: ImageFileStatistics(),
                catalogers: catalogers
            )
        case .image(let source, _):
            let store = try ScratchContentStore()
            let contents = try ImageReader(source: source, store: store).read(resolved: resolved, isRequired: required)
            var analysis = catalog(
                tree: contents.tree,
                metadata: contents.metadata,
                isImage: true,
                statistics: contents.statistics,
                catalogers: catalogers
            )
            analysis.diagnostics += contents.diagnostics.map {
                InventoryDiagnostic(catalogerID: "image", path: $0.path ?? $0.subject, message: $0.message)
            }
            return analysis
        }
    }

    private static func catalog(
        tree: any FileTree,
        metadata: ImageMetadata,
        isImage: Bool,
        statistics: ImageFileStatistics,
        catalogers: [any Cataloger]
    ) -> ImageAnalysis {
        let os = OperatingSystemDetector.detect(tree)
        let context = CatalogContext(operatingSystem: os)
        let results = ParallelMap.map(catalogers) { _, cataloger in cataloger.catalog(tree, context: context) }
        var packages: [Package] = []
        var diagnostics: [InventoryDiagnostic] = []
        for (cataloger, result) in zip(catalogers, results) {
            packages += result.packages
            diagnostics += result.diagnostics.map {
                InventoryDiagnostic(catalogerID: cataloger.id, path: $0.path, message: $0.message)
            }
        }
        if os == nil {
            diagnostics.append(
                InventoryDiagnostic(
                    catalogerID: "os",
                    path: "/etc/os-release",
                    message: "operating system not recognised (no readable os-release or release file)"
                )
            )
        }
        if packages.isEmpty {
            diagnostics.append(
                InventoryDiagnostic(
                    catalogerID: "catalog",
                    path: "/",
                    message: "no packages found: no package database or manifest was recognised in this file system"
                )
            )
        }
        return ImageAnalysis(
            metadata: metadata,
            isImage: isImage,
            tree: tree,
            statistics: statistics,
            operatingSystem: os,
            packages: packages,
            diagnostics: diagnostics
        )
    }
}
