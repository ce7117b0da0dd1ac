import SecurityModel

/// The language catalogers, in a fixed order.
public enum LanguageCatalogers {
    /// Every language cataloger.
    public static let all: [any Cataloger] = [
        PythonInstalledCataloger(), PythonRequirementsCataloger(), PoetryLockCataloger(), PipfileLockCataloger(),
        NPMPackageJSONCataloger(), NPMLockCataloger(), YarnLockCataloger(), PNPMLockCataloger(),
        GoBinaryCataloger(), JavaArchiveCataloger(), RubyGemspecCataloger(), GemfileLockCataloger(),
        CargoLockCataloger(), RustAuditBinaryCataloger(), ComposerLockCataloger(), ComposerInstalledCataloger(),
        DotnetDepsCataloger(),
    ]
}
