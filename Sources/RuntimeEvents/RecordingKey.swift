/// The member names of the recording format that the byte-level decoder recognises, matched on the key's
/// packed bytes (``JSONKey``) so that no `String` is created for a key.
///
/// Each enum lists one object's members (the tables of docs/event-recording.md); the constants are the names'
/// bytes packed as ``JSONKey`` packs them. The differential tests, whose events use every member, check them.
enum RecordingKey {
    /// Members of an event object.
    enum Event: Int {
        case `num`, ts, `type`, `dir`, res, `args`, thread, fd, container, format
    }

    /// Members of a thread object.
    enum Thread: Int {
        case pid, tid, ppid, vpid, comm, exe, exepath, `args`, env, cwd, tty, sid, uid, gid, euid, loginuid, user,
            group, loginname, cap, vpgid, startTs, exeFromMemfd, exeUpperLayer, exeIno, exeInoCtime, exeInoMtime
    }

    /// Members of a capability object.
    enum Capability: Int {
        case effective, permitted, inheritable
    }

    /// Members of a descriptor object.
    enum Descriptor: Int {
        case `num`, `type`, name, tuple, server
    }

    /// Members of a tuple object.
    enum Tuple: Int {
        case family, proto, cip, cport, sip, sport, path, cname, sname
    }

    /// Members of a container object.
    enum Container: Int {
        case id, fullId, name, image, repository, tag, digest, runtime, privileged, mounts, labels, healthcheck,
            livenessProbe, readinessProbe, pod, startTs
    }

    /// Members of a mount object.
    enum Mount: Int {
        case source, dest, mode, rw, propagation
    }

    /// Members of a pod object.
    enum Pod: Int {
        case name, uid, namespace, labels
    }

    /// Members of an argument object.
    enum Argument: Int {
        case path, flags, raw, tuple, bytes
    }

    /// The event member named by `key`, or nil.
    static func event(_ key: JSONKey) -> Event? {
        switch key.low {
        case 0x006d_756e:
            if key.count == 3, key.high == 0x0000 { return .num }
            return nil
        case 0x7374:
            if key.count == 2, key.high == 0x0000 { return .ts }
            return nil
        case 0x6570_7974:
            if key.count == 4, key.high == 0x0000 { return .type }
            return nil
        case 0x0072_6964:
            if key.count == 3, key.high == 0x0000 { return .dir }
            return nil
        case 0x0073_6572:
            if key.count == 3, key.high == 0x0000 { return .res }
            return nil
        case 0x7367_7261:
            if key.count == 4, key.high == 0x0000 { return .args }
            return nil
        case 0x6461_6572_6874:
            if key.count == 6, key.high == 0x0000 { return .thread }
            return nil
        case 0x6466:
            if key.count == 2, key.high == 0x0000 { return .fd }
            return nil
        case 0x656e_6961_746e_6f63:
            if key.count == 9, key.high == 0x0072 { return .container }
            return nil
        case 0x7461_6d72_6f66:
            if key.count == 6, key.high == 0x0000 { return .format }
            return nil
        default: return nil
        }
    }

    /// The thread member named by `key`, or nil.
    static func thread(_ key: JSONKey) -> Thread? {
        switch key.low {
        case 0x0064_6970:
            if key.count == 3, key.high == 0x0000 { return .pid }
            return nil
        case 0x0064_6974:
            if key.count == 3, key.high == 0x0000 { return .tid }
            return nil
        case 0x6469_7070:
            if key.count == 4, key.high == 0x0000 { return .ppid }
            return nil
        case 0x6469_7076:
            if key.count == 4, key.high == 0x0000 { return .vpid }
            return nil
        case 0x6d6d_6f63:
            if key.count == 4, key.high == 0x0000 { return .comm }
            return nil
        case 0x0065_7865:
            if key.count == 3, key.high == 0x0000 { return .exe }
            return nil
        case 0x0068_7461_7065_7865:
            if key.count == 7, key.high == 0x0000 { return .exepath }
            return nil
        case 0x7367_7261:
            if key.count == 4, key.high == 0x0000 { return .args }
            return nil
        case 0x0076_6e65:
            if key.count == 3, key.high == 0x0000 { return .env }
            return nil
        case 0x0064_7763:
            if key.count == 3, key.high == 0x0000 { return .cwd }
            return nil
        case 0x0079_7474:
            if key.count == 3, key.high == 0x0000 { return .tty }
            return nil
        case 0x0064_6973:
            if key.count == 3, key.high == 0x0000 { return .sid }
            return nil
        case 0x0064_6975:
            if key.count == 3, key.high == 0x0000 { return .uid }
            return nil
        case 0x0064_6967:
            if key.count == 3, key.high == 0x0000 { return .gid }
            return nil
        case 0x6469_7565:
            if key.count == 4, key.high == 0x0000 { return .euid }
            return nil
        case 0x6469_756e_6967_6f6c:
            if key.count == 8, key.high == 0x0000 { return .loginuid }
            return nil
        case 0x7265_7375:
            if key.count == 4, key.high == 0x0000 { return .user }
            return nil
        case 0x0070_756f_7267:
            if key.count == 5, key.high == 0x0000 { return .group }
            return nil
        case 0x6d61_6e6e_6967_6f6c:
            if key.count == 9, key.high == 0x0065 { return .loginname }
            return nil
        case 0x0070_6163:
            if key.count == 3, key.high == 0x0000 { return .cap }
            return nil
        case 0x0064_6967_7076:
            if key.count == 5, key.high == 0x0000 { return .vpgid }
            return nil
        case 0x7374_5f74_7261_7473:
            if key.count == 8, key.high == 0x0000 { return .startTs }
            return nil
        case 0x6d6f_7266_5f65_7865:
            if key.count == 14, key.high == 0x6466_6d65_6d5f { return .exeFromMemfd }
            return nil
        case 0x6570_7075_5f65_7865:
            if key.count == 15, key.high == 0x0072_6579_616c_5f72 { return .exeUpperLayer }
            return nil
        case 0x006f_6e69_5f65_7865:
            if key.count == 7, key.high == 0x0000 { return .exeIno }
            return nil
        case 0x5f6f_6e69_5f65_7865:
            if key.count == 13, key.high == 0x0065_6d69_7463 { return .exeInoCtime }
            if key.count == 13, key.high == 0x0065_6d69_746d { return .exeInoMtime }
            return nil
        default: return nil
        }
    }

    /// The capability member named by `key`, or nil.
    static func capability(_ key: JSONKey) -> Capability? {
        switch key.low {
        case 0x7669_7463_6566_6665:
            if key.count == 9, key.high == 0x0065 { return .effective }
            return nil
        case 0x6574_7469_6d72_6570:
            if key.count == 9, key.high == 0x0064 { return .permitted }
            return nil
        case 0x6174_6972_6568_6e69:
            if key.count == 11, key.high == 0x0065_6c62 { return .inheritable }
            return nil
        default: return nil
        }
    }

    /// The descriptor member named by `key`, or nil.
    static func descriptor(_ key: JSONKey) -> Descriptor? {
        switch key.low {
        case 0x006d_756e:
            if key.count == 3, key.high == 0x0000 { return .num }
            return nil
        case 0x6570_7974:
            if key.count == 4, key.high == 0x0000 { return .type }
            return nil
        case 0x656d_616e:
            if key.count == 4, key.high == 0x0000 { return .name }
            return nil
        case 0x0065_6c70_7574:
            if key.count == 5, key.high == 0x0000 { return .tuple }
            return nil
        case 0x7265_7672_6573:
            if key.count == 6, key.high == 0x0000 { return .server }
            return nil
        default: return nil
        }
    }

    /// The tuple member named by `key`, or nil.
    static func tuple(_ key: JSONKey) -> Tuple? {
        switch key.low {
        case 0x796c_696d_6166:
            if key.count == 6, key.high == 0x0000 { return .family }
            return nil
        case 0x006f_746f_7270:
            if key.count == 5, key.high == 0x0000 { return .proto }
            return nil
        case 0x0070_6963:
            if key.count == 3, key.high == 0x0000 { return .cip }
            return nil
        case 0x0074_726f_7063:
            if key.count == 5, key.high == 0x0000 { return .cport }
            return nil
        case 0x0070_6973:
            if key.count == 3, key.high == 0x0000 { return .sip }
            return nil
        case 0x0074_726f_7073:
            if key.count == 5, key.high == 0x0000 { return .sport }
            return nil
        case 0x6874_6170:
            if key.count == 4, key.high == 0x0000 { return .path }
            return nil
        case 0x0065_6d61_6e63:
            if key.count == 5, key.high == 0x0000 { return .cname }
            return nil
        case 0x0065_6d61_6e73:
            if key.count == 5, key.high == 0x0000 { return .sname }
            return nil
        default: return nil
        }
    }

    /// The container member named by `key`, or nil.
    static func container(_ key: JSONKey) -> Container? {
        switch key.low {
        case 0x6469:
            if key.count == 2, key.high == 0x0000 { return .id }
            return nil
        case 0x0064_695f_6c6c_7566:
            if key.count == 7, key.high == 0x0000 { return .fullId }
            return nil
        case 0x656d_616e:
            if key.count == 4, key.high == 0x0000 { return .name }
            return nil
        case 0x0065_6761_6d69:
            if key.count == 5, key.high == 0x0000 { return .image }
            return nil
        case 0x6f74_6973_6f70_6572:
            if key.count == 10, key.high == 0x7972 { return .repository }
            return nil
        case 0x0067_6174:
            if key.count == 3, key.high == 0x0000 { return .tag }
            return nil
        case 0x7473_6567_6964:
            if key.count == 6, key.high == 0x0000 { return .digest }
            return nil
        case 0x0065_6d69_746e_7572:
            if key.count == 7, key.high == 0x0000 { return .runtime }
            return nil
        case 0x6765_6c69_7669_7270:
            if key.count == 10, key.high == 0x6465 { return .privileged }
            return nil
        case 0x7374_6e75_6f6d:
            if key.count == 6, key.high == 0x0000 { return .mounts }
            return nil
        case 0x736c_6562_616c:
            if key.count == 6, key.high == 0x0000 { return .labels }
            return nil
        case 0x6863_6874_6c61_6568:
            if key.count == 11, key.high == 0x006b_6365 { return .healthcheck }
            return nil
        case 0x7373_656e_6576_696c:
            if key.count == 14, key.high == 0x6562_6f72_705f { return .livenessProbe }
            return nil
        case 0x7365_6e69_6461_6572:
            if key.count == 15, key.high == 0x0065_626f_7270_5f73 { return .readinessProbe }
            return nil
        case 0x0064_6f70:
            if key.count == 3, key.high == 0x0000 { return .pod }
            return nil
        case 0x7374_5f74_7261_7473:
            if key.count == 8, key.high == 0x0000 { return .startTs }
            return nil
        default: return nil
        }
    }

    /// The mount member named by `key`, or nil.
    static func mount(_ key: JSONKey) -> Mount? {
        switch key.low {
        case 0x6563_7275_6f73:
            if key.count == 6, key.high == 0x0000 { return .source }
            return nil
        case 0x7473_6564:
            if key.count == 4, key.high == 0x0000 { return .dest }
            return nil
        case 0x6564_6f6d:
            if key.count == 4, key.high == 0x0000 { return .mode }
            return nil
        case 0x7772:
            if key.count == 2, key.high == 0x0000 { return .rw }
            return nil
        case 0x7461_6761_706f_7270:
            if key.count == 11, key.high == 0x006e_6f69 { return .propagation }
            return nil
        default: return nil
        }
    }

    /// The pod member named by `key`, or nil.
    static func pod(_ key: JSONKey) -> Pod? {
        switch key.low {
        case 0x656d_616e:
            if key.count == 4, key.high == 0x0000 { return .name }
            return nil
        case 0x0064_6975:
            if key.count == 3, key.high == 0x0000 { return .uid }
            return nil
        case 0x6361_7073_656d_616e:
            if key.count == 9, key.high == 0x0065 { return .namespace }
            return nil
        case 0x736c_6562_616c:
            if key.count == 6, key.high == 0x0000 { return .labels }
            return nil
        default: return nil
        }
    }

    /// The argument member named by `key`, or nil.
    static func argument(_ key: JSONKey) -> Argument? {
        switch key.low {
        case 0x6874_6170:
            if key.count == 4, key.high == 0x0000 { return .path }
            return nil
        case 0x0073_6761_6c66:
            if key.count == 5, key.high == 0x0000 { return .flags }
            return nil
        case 0x0077_6172:
            if key.count == 3, key.high == 0x0000 { return .raw }
            return nil
        case 0x0065_6c70_7574:
            if key.count == 5, key.high == 0x0000 { return .tuple }
            return nil
        case 0x0073_6574_7962:
            if key.count == 5, key.high == 0x0000 { return .bytes }
            return nil
        default: return nil
        }
    }
}
