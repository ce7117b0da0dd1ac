extension RuleCatalogue {
    /// hadolint parity rules about the shell commands inside RUN.
    static var shellRules: [any DockerfileRule] {
        [
            PointlessContainerCommand(), CdInsteadOfWorkdir(), SudoInRun(), AptGetVersionPinning(), AptListsCleanup(),
            PipVersionPinning(), AptGetAssumeYes(), AptGetNoInstallRecommends(), NpmVersionPinning(),
            ApkVersionPinning(), ApkNoCache(), AptCommandUsage(), GemVersionPinning(), YumAssumeYes(), YumCleanAll(),
            YumVersionPinning(), ZypperNonInteractive(), ZypperDistUpgrade(), ZypperClean(), ZypperVersionPinning(),
            DnfAssumeYes(), DnfCleanAll(), DnfVersionPinning(), PipNoCacheDir(), UseraddLogInit(), WgetProgress(),
            ConsecutiveRuns(), YarnCacheClean(), GoVersionPinning(), WgetAndCurl(), ShellSymlink(),
            PipefailBeforePipe(),
        ]
    }
}
