/// How hadolint recognises pip.
enum PipCommands {
    /// `pip… install` (any `pip*` name but `pipenv*`) or `python… -m pip install`.
    static func isInstall(_ command: ExtractedCommand) -> Bool {
        let name = command.name
        if name.hasPrefix("pip"), !name.hasPrefix("pipenv"), command.arguments.contains("install") { return true }
        return name.hasPrefix("python") && command.hasArgumentSequence(["-m", "pip", "install"])
    }

    /// `pipx`/`pipenv` themselves, or `python -m pipx|pipenv`.
    static func isWrapper(_ command: ExtractedCommand) -> Bool {
        ["pipx", "pipenv"].contains { wrapper in
            command.name.contains(wrapper)
                || (command.name.hasPrefix("python") && command.hasArgumentSequence(["-m", wrapper]))
        }
    }

    /// Values of `PIP_NO_CACHE_DIR` that turn the cache off.
    static let truthy: Set<String> = ["1", "true", "True", "TRUE", "on", "On", "ON", "yes", "Yes", "YES"]
}
