import Testing
import VersionKit

/// Checks the order laws on an already sorted sample: reflexivity and irreflexive `<`, `==` consistent
/// with `<`, and transitivity (no later element is smaller than an earlier one).
func expectOrderLaws<V: EcosystemVersion>(_ sample: [V], sourceLocation: SourceLocation = #_sourceLocation) {
    for (index, version) in sample.enumerated() {
        #expect(version == version && !(version < version), sourceLocation: sourceLocation)
        if index + 1 < sample.count {
            let next = sample[index + 1]
            #expect(!(next < version), sourceLocation: sourceLocation)
            #expect((version == next) == (!(version < next) && !(next < version)), sourceLocation: sourceLocation)
        }
    }
    for i in stride(from: 0, to: sample.count, by: 7) {
        for j in stride(from: i, to: sample.count, by: 11) {
            #expect(!(sample[j] < sample[i]), sourceLocation: sourceLocation)
        }
    }
}
