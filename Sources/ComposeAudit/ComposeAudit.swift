/// Namespace of the Compose file audit.
public enum ComposeAudit {}
