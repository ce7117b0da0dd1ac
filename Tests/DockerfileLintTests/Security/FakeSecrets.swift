/// Token-shaped test values are assembled at run time so that secret scanners (including this one) do not
/// flag the test sources.
enum FakeSecrets {
    static let awsKeyID = "AKIA" + "IOSFODNN7EXAMPLE"
    static let awsSecret = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY"
    static let github = "gh" + "p_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"
    static let githubFineGrained = "github" + "_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz"
    static let gitlab = "gl" + "pat-abcdefghij0123456789"
    static let slack = "xo" + "xb-123456789012-abcdefghijkl"
    static let jwt =
        "ey" + "JhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
    static let privateKeyHeader = "-----BEGIN RSA " + "PRIVATE KEY-----"
    static let privateKeyFooter = "-----END RSA " + "PRIVATE KEY-----"
}
