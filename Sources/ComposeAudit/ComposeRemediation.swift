/// Compose-only fix texts for the container checks, by check id: the Compose key to change on the named
/// service (the checks' own remediation texts also give the `docker run` flag).
enum ComposeRemediation {
    /// The fix for a finding of `checkID` on `service`, or nil to keep the check's own text.
    static func text(for checkID: String, service: String) -> String? {
        let on = "on service `\(service)`"
        switch checkID {
        case "CIS-DOCKER-4.1":
            return "Run as an unprivileged user: set `user: \"1000:1000\"` (or a named non-root user) \(on)."
        case "CIS-DOCKER-5.2":
            return "Remove `apparmor=unconfined` from `security_opt:` \(on), or set `apparmor=docker-default`."
        case "CIS-DOCKER-5.3":
            return "On SELinux hosts add a `label=…` entry to `security_opt:` \(on) (for example "
                + "`label=type:svirt_apache_t`); never `label=disable`."
        case "CIS-DOCKER-5.4":
            return "Set `cap_drop: [ALL]` \(on) and keep only the capabilities it needs in `cap_add:`."
        case "CIS-DOCKER-5.5":
            return "Remove `privileged: true` \(on); grant only the needed `cap_add:` and `devices:`."
        case "CIS-DOCKER-5.6":
            return "Remove the host system directory from `volumes:` \(on), or mount it read-only (`:ro`)."
        case "CIS-DOCKER-5.8":
            return "Publish on a host port of 1024 or above in `ports:` \(on) (for example `\"8080:80\"`)."
        case "CIS-DOCKER-5.10":
            return "Remove `network_mode: host` \(on); publish the needed `ports:` instead."
        case "CIS-DOCKER-5.11":
            return "Set `mem_limit: 256m` (or `deploy.resources.limits.memory: 256m`) \(on)."
        case "CIS-DOCKER-5.12":
            return "Set `cpu_shares: 512` \(on)."
        case "CIS-DOCKER-5.13":
            return "Set `read_only: true` \(on) and give writable paths `tmpfs:` entries or volumes."
        case "CIS-DOCKER-5.14":
            return "Bind the port to one address in `ports:` \(on) (`\"127.0.0.1:8080:80\"`, or `host_ip:`)."
        case "CIS-DOCKER-5.15":
            return "Cap the retries \(on): `restart: on-failure:5` or `deploy.restart_policy.max_attempts: 5`."
        case "CIS-DOCKER-5.16":
            return "Remove `pid: host` \(on)."
        case "CIS-DOCKER-5.17":
            return "Remove `ipc: host` \(on)."
        case "CIS-DOCKER-5.18":
            return
                "Remove the devices the workload does not need from `devices:` \(on); make the rest read-only (`:r`)."
        case "CIS-DOCKER-5.19":
            return "Remove `ulimits:` \(on) unless the override is needed."
        case "CIS-DOCKER-5.20":
            return "Remove `bind: {propagation: shared}` (or `:shared`/`:rshared`) from the volume \(on)."
        case "CIS-DOCKER-5.21":
            return "Remove `uts: host` \(on)."
        case "CIS-DOCKER-5.22":
            return "Remove `seccomp:unconfined` from `security_opt:` \(on) (or point it at a custom profile)."
        case "CIS-DOCKER-5.25":
            return "Remove `cgroup_parent:` \(on) unless that cgroup is intended."
        case "CIS-DOCKER-5.26":
            return "Add `no-new-privileges:true` to `security_opt:` \(on)."
        case "CIS-DOCKER-5.27":
            return "Give service `\(service)` a `healthcheck:` with a `test:` and without `disable: true`."
        case "CIS-DOCKER-5.29":
            return "Set `pids_limit: 100` (or `deploy.resources.limits.pids: 100`) \(on)."
        case "CIS-DOCKER-5.30":
            return "Remove `network_mode: bridge` \(on) (and do not attach it to the external `bridge` network); "
                + "Compose's project network is used by default."
        case "CIS-DOCKER-5.31":
            return "Remove `userns_mode: host` \(on)."
        case "CIS-DOCKER-5.32":
            return "Remove the `docker.sock` entry from `volumes:` \(on); use a narrowly scoped API proxy if needed."
        case "CIS-DOCKER-C.5.3.1", "CIS-DOCKER-C.5.3.2", "CIS-DOCKER-C.5.3.3", "CIS-DOCKER-C.5.3.4":
            return "Remove the capability (and `ALL`) from `cap_add:` \(on) and set `cap_drop: [ALL]`."
        default:
            return nil
        }
    }
}
