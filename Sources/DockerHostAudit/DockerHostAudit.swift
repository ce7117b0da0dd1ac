/// Namespace of the Docker host audit (CIS Docker Benchmark v1.6.0 sections 2 and 3).
public enum DockerHostAudit {}
