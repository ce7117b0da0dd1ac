import ContainerAudit
import SecurityModel
import Testing

@Suite struct ContainerCatalogueTests {
    @Test func idsAreUniqueOrderedAndAliased() {
        let descriptors = ContainerCheckCatalogue.descriptors
        #expect(descriptors.count == 32)
        #expect(Set(descriptors.map(\.id)).count == descriptors.count)
        #expect(Set(descriptors.map(\.slug)).count == descriptors.count)
        #expect(descriptors.first?.id == "CIS-DOCKER-4.1")
        #expect(descriptors.last?.id == "CIS-DOCKER-C.5.3.4")
        for d in descriptors {
            #expect(d.id.hasPrefix("CIS-DOCKER-"))
            let number = String(d.id.dropFirst("CIS-DOCKER-".count))
            #expect(d.aliases.first == String(number.lowercased().map { $0 == "." ? "_" : $0 }), "\(d.id)")
            #expect(d.remediation.contains("docker run") || d.remediation.contains("--"), "\(d.id)")
            #expect(d.remediation.contains("Compose"), "\(d.id)")
            #expect(d.tags.contains("container"))
        }
    }

    @Test func notAutomatedChecksAreListedAndAbsent() {
        let ids = Set(ContainerCheckCatalogue.descriptors.map(\.id))
        #expect(!ContainerCheckCatalogue.notAutomated.map(\.id).contains("CIS-DOCKER-5.7"))
        #expect(ContainerCheckCatalogue.notAutomated.map(\.id).contains("CIS-DOCKER-5.9"))
        for entry in ContainerCheckCatalogue.notAutomated { #expect(!ids.contains(entry.id)) }
    }
}
