extension RuleCatalogue {
    /// Bulkhead's own security rules (DF5xxx).
    static var securityRules: [any DockerfileRule] {
        [
            HardcodedSecret(),
            SecretInRunCommand(),
            SecretBuildArgument(),
            RemoteScriptPipedToShell(),
            RemoteAddWithoutChecksum(),
            WholeContextCopyWithoutDockerignore(),
            WorldWritablePermissions(),
            SSHServerInImage(),
            BaseImageNotPinnedByDigest(),
            FinalStageRunsAsRoot(),
            MissingHealthcheck(),
            PackageCacheNotCleaned(),
            InsecureRunSecurityMode(),
            UntrustedImageSource(),
        ]
    }
}
