extension RuleCatalogue {
    /// hadolint parity rules about instructions (not shell commands).
    static var instructionRules: [any DockerfileRule] {
        [
            InlineIgnorePragma(), AbsoluteWorkdir(), LastUserNotRoot(), ExplicitImageTag(), NoLatestTag(),
            AddForArchiveExtraction(), ValidExposePort(), SingleHealthcheck(), CopyInsteadOfAdd(),
            CopyMultipleSourcesToDirectory(), CopyFromKnownStage(), CopyFromOwnStage(), UniqueStageNames(),
            ExecFormCommand(), AllowedRegistry(), NoFromPlatformFlag(), OnbuildTriggerAllowed(),
            EnvReferencesSameStatement(), CopyRelativeWithoutWorkdir(), ValidLabelKey(), MissingRequiredLabel(),
            UnexpectedLabel(), EmptyLabelValue(), LabelNotURL(), LabelNotRFC3339(), LabelNotSPDX(), LabelNotGitHash(),
            LabelNotSemVer(), StageWithoutHealthcheck(), LabelNotEmail(), InstructionOrder(), ReservedStageName(),
            SensitiveArgOrEnvName(), RedundantTargetPlatform(), NumericUser(), CopyWholeFilesystem(),
            DeprecatedMaintainer(), SingleCmd(), SingleEntrypoint(),
        ]
    }
}
