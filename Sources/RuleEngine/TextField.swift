import RuntimeEvents

/// A string field served straight from the event's storage as bytes, without building a `FieldValue`.
///
/// Each case gives exactly the text of the `EventFields` extractor of the same name.
enum TextField: Sendable, Hashable {
    case eventType
    case processName, processExe, processExePath, processCwd, processArgs, processCommandLine, processExeLine
    case processEnvironment
    case parentName, parentExe, parentExePath, parentCommandLine
    case ancestorName(Int), ancestorExe(Int), ancestorExePath(Int)
    case descriptorName, descriptorRawName, descriptorDirectory, descriptorFileName, descriptorType
    case descriptorTypeChar
    /// `fd.l4proto`, `fd.sockfamily`, `fd.sip.name`, `fd.cip.name`: from the descriptor's socket tuple.
    case socketProtocol, socketFamily, serverName, clientName
    case containerID, containerName, containerImage, containerImageRepository, containerImageTag
    case userName, groupName, podName, namespaceName
    /// `evt.arg.<name>` (`evt.arg[name]`): the argument's text.
    case argument(String)

    /// The fast field for `reference` (name and argument, no transformers), or nil.
    init?(name: String, argument: String?) {
        if name == "evt.arg", let argument, !argument.isEmpty, Int(argument) == nil {
            self = .argument(argument)
            return
        }
        if argument == nil, name.hasPrefix("evt.arg."), name.utf8.count > 8 {
            self = .argument(String(name.dropFirst(8)))
            return
        }
        if let argument {
            guard let n = Int(argument), n >= 0, n < 10_000 else { return nil }
            switch name {
            case "proc.aname": self = .ancestorName(n)
            case "proc.aexe": self = .ancestorExe(n)
            case "proc.aexepath": self = .ancestorExePath(n)
            default: return nil
            }
            return
        }
        switch name {
        case "evt.type": self = .eventType
        case "proc.name": self = .processName
        case "proc.exe": self = .processExe
        case "proc.exepath": self = .processExePath
        case "proc.cwd": self = .processCwd
        case "proc.args": self = .processArgs
        case "proc.env": self = .processEnvironment
        case "proc.cmdline": self = .processCommandLine
        case "proc.exeline": self = .processExeLine
        case "proc.pname": self = .parentName
        case "proc.pexe": self = .parentExe
        case "proc.pexepath": self = .parentExePath
        case "proc.pcmdline": self = .parentCommandLine
        case "fd.name": self = .descriptorName
        case "fd.nameraw": self = .descriptorRawName
        case "fd.directory": self = .descriptorDirectory
        case "fd.filename": self = .descriptorFileName
        case "fd.type": self = .descriptorType
        case "fd.typechar": self = .descriptorTypeChar
        case "fd.l4proto": self = .socketProtocol
        case "fd.sockfamily": self = .socketFamily
        case "fd.sip.name": self = .serverName
        case "fd.cip.name": self = .clientName
        case "container.id": self = .containerID
        case "container.name": self = .containerName
        case "container.image": self = .containerImage
        case "container.image.repository": self = .containerImageRepository
        case "container.image.tag": self = .containerImageTag
        case "user.name": self = .userName
        case "group.name": self = .groupName
        case "k8s.pod.name": self = .podName
        case "k8s.ns.name": self = .namespaceName
        default: return nil
        }
    }

    /// Calls `body` with the field's bytes; nil when the field has no value for `event`.
    func withBytes<R>(
        _ event: RuntimeEvent,
        _ table: ProcessTable,
        _ scope: inout EvaluationScope,
        _ body: (UnsafeBufferPointer<UInt8>) -> R
    ) -> R? {
        switch self {
        case .eventType: return EvaluationScope.withBytes(event.type.rawValue, body)
        case .processName: return EvaluationScope.withBytes(event.thread.comm, body)
        case .processExe: return EvaluationScope.withBytes(event.thread.exe, body)
        case .processExePath: return EvaluationScope.withBytes(event.thread.exePath, body)
        case .processCwd: return EvaluationScope.withBytes(event.thread.cwd, body)
        case .processArgs:
            if case .value(let text) = scope.arguments { return scope.withText(text, body) }
            let text = scope.assemble(nil, event.thread.args)
            scope.arguments = .value(text)
            return scope.withText(text, body)
        case .processCommandLine:
            if case .value(let text) = scope.commandLine { return scope.withText(text, body) }
            let text = scope.assemble(event.thread.comm, event.thread.args)
            scope.commandLine = .value(text)
            return scope.withText(text, body)
        case .processEnvironment:
            // EventFields: the variables joined by spaces (usually none: the sensor leaves them out).
            if event.thread.env.isEmpty { return EvaluationScope.withBytes("", body) }
            return scope.withText(scope.assemble(nil, event.thread.env), body)
        case .processExeLine:
            let text = scope.assemble(event.thread.exe, event.thread.args)
            return scope.withText(text, body)
        case .parentName:
            scope.loadParent(event, table)
            return scope.parentName.map { EvaluationScope.withBytes($0, body) }
        case .parentExe:
            scope.loadParent(event, table)
            return scope.parentExe.map { EvaluationScope.withBytes($0, body) }
        case .parentExePath:
            scope.loadParent(event, table)
            return scope.parentExePath.map { EvaluationScope.withBytes($0, body) }
        case .parentCommandLine:
            scope.loadParent(event, table)
            guard let name = scope.parentName else { return nil }
            return scope.withText(scope.assemble(name, scope.parentArguments), body)
        case .ancestorName(let n):
            guard let ancestor = ancestor(n, event, table, &scope) else { return nil }
            return EvaluationScope.withBytes(ancestor.comm, body)
        case .ancestorExe(let n):
            guard let ancestor = ancestor(n, event, table, &scope) else { return nil }
            return EvaluationScope.withBytes(ancestor.exe, body)
        case .ancestorExePath(let n):
            guard let ancestor = ancestor(n, event, table, &scope) else { return nil }
            return EvaluationScope.withBytes(ancestor.exePath, body)
        case .descriptorName:
            scope.loadDescriptorNames(event, table)
            guard scope.descriptorKind != nil else { return nil }
            return scope.withText(scope.resolvedName, body)
        case .descriptorRawName:
            scope.loadDescriptorNames(event, table)
            guard scope.descriptorKind != nil else { return nil }
            return scope.withText(scope.recordedName, body)
        case .descriptorDirectory:
            scope.loadDescriptorNames(event, table)
            switch scope.descriptorKind {
            case .directory: return scope.withText(scope.resolvedName, body)
            case .file:
                return scope.withText(scope.resolvedName) { path in
                    // FieldSupport.directory(of:)
                    guard let slash = Bytes.lastIndex(of: UInt8(ascii: "/"), in: path) else { return body(path) }
                    return body(UnsafeBufferPointer(rebasing: path[0..<max(slash, 1)]))
                }
            default: return nil
            }
        case .descriptorFileName:
            scope.loadDescriptorNames(event, table)
            guard scope.descriptorKind == .file else { return nil }
            return scope.withText(scope.resolvedName) { path in
                guard let slash = Bytes.lastIndex(of: UInt8(ascii: "/"), in: path) else { return body(path) }
                return body(UnsafeBufferPointer(rebasing: path[(slash + 1)...]))
            }
        case .descriptorType:
            scope.loadDescriptorNames(event, table)
            guard let kind = scope.descriptorKind else { return nil }
            return EvaluationScope.withBytes(kind.rawValue, body)
        case .descriptorTypeChar:
            scope.loadDescriptorNames(event, table)
            guard let kind = scope.descriptorKind else { return nil }
            return EvaluationScope.withBytes(kind.typeChar, body)
        case .socketProtocol, .socketFamily, .serverName, .clientName:
            // EventFields.tuple: a socket tuple, Unix tuples only on Unix sockets.
            let text: String?? = NumberField.withDescriptor(event, table, &scope) { fd in
                guard let tuple = fd.tuple, tuple.family != .unix || fd.kind == .unix else { return nil }
                switch self {
                case .socketProtocol: return tuple.l4Protocol.rawValue
                case .socketFamily: return tuple.family == .unix ? "unix" : "ip"
                case .serverName: return tuple.serverName
                default: return tuple.clientName
                }
            }
            guard let found = text ?? nil else { return nil }
            return EvaluationScope.withBytes(found, body)
        case .containerID: return EvaluationScope.withBytes(event.container.id, body)
        case .containerName:
            if event.container.isHost { return EvaluationScope.withBytes("host", body) }
            return event.container.name.map { EvaluationScope.withBytes($0, body) }
        case .containerImage: return event.container.image.map { EvaluationScope.withBytes($0, body) }
        case .containerImageRepository:
            return event.container.imageRepository.map { EvaluationScope.withBytes($0, body) }
        case .containerImageTag: return event.container.imageTag.map { EvaluationScope.withBytes($0, body) }
        case .userName: return event.thread.userName.map { EvaluationScope.withBytes($0, body) }
        case .groupName: return event.thread.groupName.map { EvaluationScope.withBytes($0, body) }
        case .podName: return event.container.pod.map { EvaluationScope.withBytes($0.name, body) }
        case .namespaceName: return event.container.pod.map { EvaluationScope.withBytes($0.namespace, body) }
        case .argument(let name):
            // ArgumentValue.text, without building it for strings, paths and flags.
            switch event.argument(name) {
            case .none: return nil
            case .string(let text), .path(let text): return EvaluationScope.withBytes(text, body)
            case .flags(let flags): return scope.withText(scope.assemble(nil, flags.names, separator: "|"), body)
            case .some(let other): return EvaluationScope.withBytes(other.text, body)
            }
        }
    }

    private func ancestor(
        _ n: Int,
        _ event: RuntimeEvent,
        _ table: ProcessTable,
        _ scope: inout EvaluationScope
    ) -> ThreadInfo? {
        switch n {
        case 0: return event.thread
        case 1: return EventFields.ancestor(of: event, generation: 1, in: table)
        default: return EventFields.ancestor(of: event, generation: n, in: table)
        }
    }
}
