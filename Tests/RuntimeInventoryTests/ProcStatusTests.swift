import RuntimeInventory
import TestSupport
import Testing

struct ProcStatusTests {
    static let sample = """
        Name:\tcat
        Umask:\t0022
        State:\tR (running)
        Tgid:\t17644
        Ngid:\t0
        Pid:\t17644
        PPid:\t17593
        TracerPid:\t0
        Uid:\t1000\t0\t0\t0
        Gid:\t100\t101\t0\t0
        FDSize:\t256
        Groups:\t 
        NStgid:\t17644\t12
        NSpid:\t17644\t12
        NSpgid:\t17593\t1
        NSsid:\t13448\t1
        Kthread:\t0
        VmPeak:\t    3060 kB
        CapInh:\t0000000000000000
        CapPrm:\t000001fffeffffff
        CapEff:\t000001fffeffffff
        CapBnd:\t000001ffffffffff
        Seccomp:\t0

        """

    @Test func parsesIdsCredentialsCapabilitiesAndNamespacePids() throws {
        let status = try ProcStatus.parse(Array(Self.sample.utf8), file: "/proc/17644/status")
        #expect(status.name == "cat")
        #expect(status.tgid == 17644 && status.pid == 17644 && status.ppid == 17593)
        #expect(status.uid == 1000 && status.euid == 0)
        #expect(status.gid == 100 && status.egid == 101)
        #expect(status.capabilityEffective == 0x1ff_feff_ffff)
        #expect(status.capabilityPermitted == 0x1ff_feff_ffff)
        #expect(status.capabilityInheritable == 0)
        #expect(status.vpid == 12)
        #expect(status.vpgid == 1)
        #expect(status.kernelThread == false)
    }

    @Test func optionalLinesMayBeMissing() throws {
        let text = "Tgid:\t5\nPid:\t5\nPPid:\t1\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n"
        let status = try ProcStatus.parse(Array(text.utf8), file: "f")
        #expect(
            status.vpid == nil && status.capabilityEffective == 0 && status.name == nil && status.kernelThread == nil
        )
    }

    @Test(arguments: [
        ("Tgid:\t5\nPid:\t5\nUid:\t0\t0\nGid:\t0\t0\n", "no Tgid, Pid or PPid"),
        ("Tgid:\t5\nPid:\t5\nPPid:\t1\nGid:\t0\t0\n", "no Uid or Gid"),
        ("Tgid:\tfive\nPid:\t5\nPPid:\t1\nUid:\t0\t0\nGid:\t0\t0\n", "line 1: Tgid"),
        ("Tgid:\t5\nPid:\t5\nPPid:\t1\nUid:\t0\nGid:\t0\t0\n", "Uid has 1 numbers"),
        ("Tgid:\t5\nPid:\t5\nPPid:\t1\nUid:\t0\t0\nGid:\t0\t0\nCapEff:\t00000000000000001\n", "hexadecimal"),
        ("Tgid:\t5\ngarbage line\n", "has no \"Key:\""),
    ])
    func malformedFilesAreErrorsNamingTheFile(text: String, expected: String) {
        #expect {
            try ProcStatus.parse(Array(text.utf8), file: "/proc/5/status")
        } throws: { error in
            let description = String(describing: error)
            return description.hasPrefix("/proc/5/status: ") && description.contains(expected)
        }
    }

    @Test func randomMutationsNeverCrash() {
        var random = SplitMix64(seed: 0x57A7)
        let base = Array(Self.sample.utf8)
        var parsed = 0
        for round in 0..<3000 {
            var bytes = base
            if round % 3 == 0 {
                bytes = (0..<Int(random.next() % 300)).map { _ in
                    random.pick(Array("Uid:\t0 1\nPPid:x\n".utf8) + [0xFF, 0])
                }
            } else {
                for _ in 0..<Int(random.next() % 5 + 1) {
                    let index = Int(random.next() % UInt64(bytes.count))
                    bytes[index] = UInt8(truncatingIfNeeded: random.next())
                }
            }
            if (try? ProcStatus.parse(bytes, file: "fuzz")) != nil { parsed += 1 }
        }
        #expect(parsed > 0)
    }
}
