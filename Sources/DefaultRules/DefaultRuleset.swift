/// The built-in runtime ruleset of `bulkhead watch`, used when no `--rules` is given.
///
/// Falco rule language (lists, macros, rules), loadable by `FalcoRules.RulesLoader` without errors or
/// warnings; every rule compiles for `RuleEngine`. The lists and `user_*` macros are meant to be tuned by a
/// rules file loaded after this one (docs/default-rules.md).
public enum DefaultRuleset {
    /// The name under which the ruleset is loaded and reported (`bulkhead_rules.yaml`).
    public static let fileName = "bulkhead_rules.yaml"

    /// The ruleset as YAML text: the single source of truth for the default rules.
    public static let yaml = #"""
        # Bulkhead default runtime rules (bulkhead_rules.yaml).
        #
        # The rules `bulkhead watch` loads when no --rules is given; `bulkhead rules default` prints this file.
        # Written in Falco's rule language. The lists, and the macros whose name starts with `user_`, are meant
        # to be tuned: load a rules file of your own after this one and append to them or replace them, e.g.
        #
        #   - list: allowed_outbound_ports
        #     items: [5432, 6379]
        #     override:
        #       items: append
        #
        # Tags name where a rule applies (`host` and/or `container`), the MITRE ATT&CK tactic (`mitre_*`)
        # and technique ids (`T1059`…). See docs/default-rules.md.

        - required_engine_version: 0.57.0

        # ---------------------------------------------------------------------------------------------
        # Building blocks
        # ---------------------------------------------------------------------------------------------

        # The event comes from a process inside a container (host processes have container.id = host).
        - macro: in_container
          condition: (container.id != host)

        # A program was started: a successful execve/execveat (the process now runs the new program).
        - macro: program_started
          condition: (evt.type in (execve, execveat) and evt.res = SUCCESS)

        # A macro that never holds: the default of the `user_*` macros, which rules use as `and not user_…`.
        - macro: never_matches
          condition: (evt.num < 0)

        - list: known_shell_binaries
          items: [ash, bash, csh, dash, fish, ksh, ksh93, mksh, sh, tcsh, zsh]

        - macro: shell_program
          condition: (proc.name in (known_shell_binaries))

        # Programs of the container runtime that run inside a container's cgroup while they set it up
        # (runc's init stages rename themselves with prctl).
        - list: container_runtime_binaries
          items: [runc, "runc:[0:PARENT]", "runc:[1:CHILD]", "runc:[2:INIT]", crun, youki, conmon]

        # The container runtime setting a container up from inside its cgroup: one of its programs, or runc 1.2's
        # `init` stage, which re-executes itself through /proc/self/exe (so it is named `exe`) as a child of runc.
        - macro: container_runtime_setup
          condition: >
            (proc.name in (container_runtime_binaries)
            or (proc.name = exe and proc.args = init and proc.pname in (container_runtime_binaries)))

        # The processes that start a container's first process (its parent when it executes).
        - list: container_shim_binaries
          items: [containerd-shim, containerd-shim-runc-v2, conmon, crio]

        # The container's own first process (pid 1 in its pid namespace), e.g. the `sh -c …` of
        # `docker run image sh -c …`. When the sensor cannot tell the namespace pid, a process started
        # directly by the container shim counts as the entrypoint.
        - macro: container_entrypoint_process
          condition: (proc.vpid = 1 or (not proc.vpid exists and proc.pname in (container_shim_binaries)))

        # Init programs that start the entrypoint as their child (docker run --init, tini, dumb-init).
        - list: container_init_binaries
          items: [tini, docker-init, dumb-init, catatonit]

        # Commands the container runtime runs on the container's behalf (HEALTHCHECK, Kubernetes probes).
        - macro: container_probe_process
          condition: >
            (proc.is_container_healthcheck = true
            or proc.is_container_liveness_probe = true
            or proc.is_container_readiness_probe = true)

        - list: package_manager_binaries
          items: [
            apt, apt-get, aptitude, dpkg, apk, yum, dnf, dnf-3, dnf5, microdnf, tdnf, rpm, zypper, pacman,
            pip, pip2, pip3, pip3.8, pip3.9, pip3.10, pip3.11, pip3.12, pip3.13, pipx, easy_install,
            conda, mamba, gem, npm, yarn, pnpm, composer]

        # The process is a package manager or runs under one (maintainer scripts, ldconfig, …).
        - macro: run_by_package_manager
          condition: >
            (proc.name in (package_manager_binaries)
            or proc.pname in (package_manager_binaries)
            or proc.aname[2] in (package_manager_binaries)
            or proc.aname[3] in (package_manager_binaries)
            or proc.aname[4] in (package_manager_binaries))

        - list: network_socket_types
          items: [ipv4, ipv6]

        # ---------------------------------------------------------------------------------------------
        # Shell started in container
        # ---------------------------------------------------------------------------------------------

        # Parents whose shells are expected (add your process supervisors).
        - list: trusted_shell_parent_binaries
          items: [container_init_binaries]

        - macro: user_expected_container_shell
          condition: (never_matches)

        - rule: Shell started in container
          desc: >
            A shell was started inside a container by something other than the container itself, typically
            `docker exec`/`kubectl exec` or a compromised application spawning /bin/sh. The container's own
            entrypoint shell (pid 1 of the container), shells started by shells (scripts), HEALTHCHECK and
            probe commands are not reported. Tune with trusted_shell_parent_binaries or user_expected_container_shell.
          condition: >
            program_started
            and in_container
            and shell_program
            and not container_entrypoint_process
            and not proc.pname in (known_shell_binaries)
            and not proc.pname in (trusted_shell_parent_binaries)
            and not container_probe_process
            and not user_expected_container_shell
          output: >-
            Shell started in container | process=%proc.name command=%proc.cmdline parent=%proc.pname
            user=%user.name user_uid=%user.uid terminal=%proc.tty exe=%proc.exepath
            container_id=%container.id container_name=%container.name image=%container.image.repository
          priority: NOTICE
          tags: [bulkhead, container, shell, process, mitre_execution, T1059, T1059.004]

        # ---------------------------------------------------------------------------------------------
        # Sensitive file read by untrusted program
        # ---------------------------------------------------------------------------------------------

        - list: sensitive_credential_files
          items: [
            /etc/shadow, /etc/shadow-, /etc/gshadow, /etc/gshadow-, /etc/security/opasswd,
            /etc/kubernetes/admin.conf]

        - list: ssh_credential_file_names
          items: [
            id_rsa, id_dsa, id_ecdsa, id_ecdsa_sk, id_ed25519, id_ed25519_sk, identity,
            authorized_keys, authorized_keys2]

        - macro: ssh_credential_file
          condition: >
            ((fd.directory endswith /.ssh and fd.filename in (ssh_credential_file_names))
            or (fd.directory = /etc/ssh and fd.filename glob "ssh_host_*_key"))

        # Cloud and cluster credentials in home directories. Append `or fd.name …` for more.
        - macro: cloud_credential_file
          condition: >
            (fd.name endswith /.aws/credentials
            or fd.name contains /.config/gcloud/
            or fd.name contains /.azure/
            or fd.name endswith /.kube/config)

        - macro: sensitive_file
          condition: (fd.name in (sensitive_credential_files) or ssh_credential_file or cloud_credential_file)

        - macro: opened_for_reading
          condition: (evt.type in (open, openat, openat2) and evt.is_open_read = true and evt.rawres >= 0)

        # Programs that read these files as part of their job.
        - list: trusted_sensitive_file_readers
          items: [
            sshd, sshd-session, sshd-auth, login, su, sudo, passwd, chpasswd, chage, chsh, chfn, gpasswd, newgrp,
            useradd, usermod, userdel, groupadd, groupmod, groupdel, pwck, grpck, pwconv, grpconv, vipw, vigr,
            unix_chkpwd, cron, crond, sssd, nscd, systemd-logind, polkitd,
            ssh, ssh-add, ssh-agent, ssh-keygen, scp, sftp, sftp-server,
            aws, gcloud, az, kubectl, helm, kubelet, terraform, eksctl]

        - macro: user_known_sensitive_file_read
          condition: (never_matches)

        - rule: Sensitive file read by untrusted program
          desc: >
            A credential file was opened for reading by a program not in trusted_sensitive_file_readers:
            /etc/shadow and /etc/gshadow, SSH private keys, authorized_keys and host keys, cloud and cluster
            credentials (~/.aws/credentials, ~/.config/gcloud, ~/.azure, ~/.kube/config). Applies on the host
            and in containers. Processes run by a package manager are not reported.
          condition: >
            opened_for_reading
            and sensitive_file
            and not proc.name in (trusted_sensitive_file_readers)
            and not run_by_package_manager
            and not user_known_sensitive_file_read
          output: >-
            Sensitive file opened for reading by untrusted program | file=%fd.name process=%proc.name
            command=%proc.cmdline parent=%proc.pname user=%user.name user_uid=%user.uid exe=%proc.exepath
            container_id=%container.id container_name=%container.name image=%container.image.repository
          priority: WARNING
          tags: [bulkhead, host, container, filesystem, mitre_credential_access, T1003.008, T1552.001, T1552.004]

        # ---------------------------------------------------------------------------------------------
        # Write below a binary directory or /etc
        # ---------------------------------------------------------------------------------------------

        - list: binary_directories
          items: [
            /bin, /sbin, /usr/bin, /usr/sbin, /usr/local/bin, /usr/local/sbin, /usr/libexec,
            /lib, /lib32, /lib64, /libx32, /usr/lib, /usr/lib32, /usr/lib64, /usr/libx32, /usr/local/lib]

        - list: system_configuration_directories
          items: [/etc]

        - list: write_protected_directories
          items: [binary_directories, system_configuration_directories]

        # Results that changed nothing and say nothing: the path does not exist, or already exists (mkdir -p).
        - list: inconsequential_write_errors
          items: [ENOENT, EEXIST]

        # An open that may write or create a file (whatever its result: failed attempts count).
        - macro: opened_for_writing
          condition: >
            (evt.type in (open, openat, openat2, creat)
            and (evt.is_open_write = true or evt.is_open_create = true))

        - macro: write_below_protected_directory
          condition: >
            ((opened_for_writing
              and (fd.name pmatch (write_protected_directories) or fs.path.name pmatch (write_protected_directories)))
            or (evt.type in (unlink, unlinkat, mkdir, mkdirat) and fs.path.name pmatch (write_protected_directories))
            or (evt.type in (rename, renameat, renameat2)
              and (fs.path.source pmatch (write_protected_directories)
                or fs.path.target pmatch (write_protected_directories)))
            or (evt.type in (symlink, symlinkat, link, linkat)
              and fs.path.target pmatch (write_protected_directories)))

        # Host programs that maintain files below /etc (not trusted inside containers).
        - list: trusted_host_system_file_writers
          items: [
            dhclient, dhclient-script, NetworkManager, resolvconf, systemd, systemd-sysusers, systemd-tmpfiles,
            systemd-machine-id-setup, systemd-resolved, ldconfig, ldconfig.real, update-alternatives,
            update-ca-certificates, passwd, chpasswd, chage, chsh, chfn, gpasswd, useradd, usermod, userdel,
            groupadd, groupmod, groupdel, adduser, addgroup, deluser, delgroup, pwconv, grpconv, vipw, vigr,
            dockerd, containerd]

        # A Python interpreter caching the byte code of a module it imports (`__pycache__/*.pyc`).
        - macro: python_bytecode_cache_write
          condition: (proc.name startswith python and fd.name contains /__pycache__/ and fd.name endswith .pyc)

        - macro: user_known_system_file_write
          condition: (never_matches)

        - rule: Write below binary directory or /etc
          desc: >
            A file below a binary directory (/bin, /sbin, /usr/bin, /usr/local/bin, /lib, …) or below /etc was
            opened for writing or created, renamed, unlinked, linked or a directory made there; failed attempts
            are reported too (EACCES, EPERM, EROFS…), except ENOENT and EEXIST. Package managers and the processes they run are not reported, nor, on the host,
            the programs in trusted_host_system_file_writers. Applies on the host and in containers.
          condition: >
            write_below_protected_directory
            and not evt.res in (inconsequential_write_errors)
            and not run_by_package_manager
            and not python_bytecode_cache_write
            and not (container.id = host and proc.name in (trusted_host_system_file_writers))
            and not user_known_system_file_write
          output: >-
            File below a binary directory or /etc modified | file=%fs.path.name fd_name=%fd.name
            source=%fs.path.source target=%fs.path.target flags=%evt.arg.flags evt_type=%evt.type res=%evt.res
            process=%proc.name command=%proc.cmdline parent=%proc.pname user=%user.name user_uid=%user.uid
            container_id=%container.id container_name=%container.name image=%container.image.repository
          priority: ERROR
          tags: [bulkhead, host, container, filesystem, mitre_persistence, mitre_defense_evasion, T1554, T1543]

        # ---------------------------------------------------------------------------------------------
        # Package manager run in container
        # ---------------------------------------------------------------------------------------------

        - macro: user_expected_package_manager_in_container
          condition: (never_matches)

        - rule: Package manager run in container
          desc: >
            A package manager (apt, dpkg, apk, yum, dnf, rpm, pip, npm, …) was started inside a running
            container: containers should be immutable, and installing tools at run time is a common step of an
            intrusion. Only the outermost package manager is reported (not dpkg under apt).
          condition: >
            program_started
            and in_container
            and proc.name in (package_manager_binaries)
            and not proc.pname in (package_manager_binaries)
            and not user_expected_package_manager_in_container
          output: >-
            Package manager run in container | process=%proc.name command=%proc.cmdline parent=%proc.pname
            user=%user.name user_uid=%user.uid exe=%proc.exepath
            container_id=%container.id container_name=%container.name image=%container.image.repository
          priority: ERROR
          tags: [bulkhead, container, process, software_mgmt, mitre_command_and_control, T1105]

        # ---------------------------------------------------------------------------------------------
        # Outbound connection from container to a port not allowed
        # ---------------------------------------------------------------------------------------------

        # Destination ports containers may connect to (DNS, HTTP, HTTPS). Append yours.
        - list: allowed_outbound_ports
          items: [53, 80, 443]

        # connect results that still mean someone tried to reach the port.
        - list: connection_attempt_errors
          items: [EINPROGRESS, EALREADY, ECONNREFUSED, ETIMEDOUT, EHOSTUNREACH, ENETUNREACH, ECONNRESET, EACCES, EPERM]

        # A connect that succeeded, is in progress, or was refused/unreachable (attempts count).
        - macro: connection_attempt
          condition: (evt.type = connect and (evt.rawres >= 0 or evt.res in (connection_attempt_errors)))

        - macro: user_expected_outbound_connection
          condition: (never_matches)

        - rule: Outbound connection to unexpected port from container
          desc: >
            A process in a container connected (or tried to: refused and unreachable attempts count) to a TCP or
            UDP port that is not in allowed_outbound_ports. Loopback destinations are included on purpose: a
            tunnel or implant listening on 127.0.0.1 is as suspicious as a remote one.
          condition: >
            connection_attempt
            and in_container
            and fd.sockfamily = ip
            and fd.sport != 0
            and not fd.sport in (allowed_outbound_ports)
            and not user_expected_outbound_connection
          output: >-
            Outbound connection to unexpected port from container | connection=%fd.name server=%fd.sip
            port=%fd.sport protocol=%fd.l4proto res=%evt.res process=%proc.name command=%proc.cmdline
            parent=%proc.pname user=%user.name user_uid=%user.uid
            container_id=%container.id container_name=%container.name image=%container.image.repository
          priority: NOTICE
          tags: [bulkhead, container, network, mitre_command_and_control, T1571]

        # ---------------------------------------------------------------------------------------------
        # Reverse shell
        # ---------------------------------------------------------------------------------------------

        # Standard input or output of the process is a network socket (from the process table).
        - macro: standard_stream_is_network_socket
          condition: (fd.types[0] in (network_socket_types) or fd.types[1] in (network_socket_types))

        - macro: user_expected_socket_shell
          condition: (never_matches)

        - rule: Reverse shell started
          desc: >
            A shell was started with a network socket as its standard input or output: its commands come from
            and go to a remote peer (nc -e /bin/sh, python/perl socket one-liners). Applies on the host and in
            containers.
          condition: >
            program_started
            and shell_program
            and standard_stream_is_network_socket
            and not user_expected_socket_shell
          output: >-
            Reverse shell started | process=%proc.name command=%proc.cmdline parent=%proc.pname
            stdin_type=%fd.types[0] stdout_type=%fd.types[1] user=%user.name user_uid=%user.uid
            container_id=%container.id container_name=%container.name image=%container.image.repository
          priority: CRITICAL
          tags: [
            bulkhead, host, container, network, process, mitre_execution, mitre_command_and_control,
            T1059.004, T1071]

        # dup/dup2/dup3 onto descriptor 0, 1 or 2.
        - macro: standard_stream_replaced
          condition: (evt.type in (dup, dup2, dup3) and evt.rawres >= 0 and evt.rawres <= 2)

        # The descriptor that now is the standard stream is a network socket: as the event describes it, or
        # as the process table has it after the dup.
        - macro: replaced_with_network_socket
          condition: >
            (fd.type in (network_socket_types)
            or (evt.rawres = 0 and fd.types[0] in (network_socket_types))
            or (evt.rawres = 1 and fd.types[1] in (network_socket_types))
            or (evt.rawres = 2 and fd.types[2] in (network_socket_types)))

        - macro: user_expected_stream_redirection
          condition: (never_matches)

        - rule: Standard stream redirected to network socket
          desc: >
            A network socket was duplicated onto standard input, output or error, the first step of most
            reverse shells (bash -i >& /dev/tcp/…, nc -e). Reported in containers for any program, and on the
            host when the program is a shell (service managers legitimately hand sockets to services there).
          condition: >
            standard_stream_replaced
            and replaced_with_network_socket
            and (in_container or shell_program)
            and not user_expected_stream_redirection
          output: >-
            Standard stream redirected to network socket | stream=%evt.rawres connection=%fd.name
            process=%proc.name command=%proc.cmdline parent=%proc.pname user=%user.name user_uid=%user.uid
            container_id=%container.id container_name=%container.name image=%container.image.repository
          priority: WARNING
          tags: [bulkhead, host, container, network, process, mitre_execution, T1059.004]

        # ---------------------------------------------------------------------------------------------
        # Ptrace attach or memory poke
        # ---------------------------------------------------------------------------------------------

        - list: ptrace_attach_requests
          items: [PTRACE_ATTACH, PTRACE_SEIZE, PTRACE_POKETEXT, PTRACE_POKEDATA, PTRACE_POKEUSR, PTRACE_POKEUSER]

        # The same requests by number (x86_64), for sensors that pass the raw request.
        - list: ptrace_attach_request_numbers
          items: [4, 5, 6, 16, 16902]

        # Debuggers and profilers you run on purpose (empty by default: every attach is reported).
        - list: trusted_ptrace_programs
          items: []

        - rule: Ptrace attach or memory poke
          desc: >
            A process attached to another with ptrace (PTRACE_ATTACH, PTRACE_SEIZE) or wrote into its memory
            or registers (PTRACE_POKETEXT, PTRACE_POKEDATA, PTRACE_POKEUSER): code injection and credential
            theft from other processes. Failed attempts are reported too. Applies on the host and in containers.
          condition: >
            evt.type = ptrace
            and (evt.arg.request in (ptrace_attach_requests)
              or evt.rawarg.request in (ptrace_attach_request_numbers))
            and not proc.name in (trusted_ptrace_programs)
          output: >-
            Ptrace attach or memory poke | request=%evt.arg.request target_pid=%evt.arg.pid res=%evt.res
            process=%proc.name command=%proc.cmdline parent=%proc.pname user=%user.name user_uid=%user.uid
            container_id=%container.id container_name=%container.name image=%container.image.repository
          priority: WARNING
          tags: [
            bulkhead, host, container, process, mitre_privilege_escalation, mitre_defense_evasion,
            T1055.008]

        # ---------------------------------------------------------------------------------------------
        # Kernel module load
        # ---------------------------------------------------------------------------------------------

        - list: trusted_kernel_module_loaders
          items: []

        - rule: Kernel module load attempt
          desc: >
            init_module or finit_module was called: code is being loaded into the kernel. Reported whatever the
            result (a refused attempt from a container is still an escape attempt). Applies on the host and in
            containers.
          condition: >
            evt.type in (init_module, finit_module)
            and not proc.name in (trusted_kernel_module_loaders)
          output: >-
            Kernel module load attempt | evt_type=%evt.type res=%evt.res module_args=%evt.arg.uargs
            process=%proc.name command=%proc.cmdline parent=%proc.pname user=%user.name user_uid=%user.uid
            container_id=%container.id container_name=%container.name image=%container.image.repository
          priority: ERROR
          tags: [bulkhead, host, container, process, mitre_persistence, mitre_privilege_escalation, T1547.006]

        # ---------------------------------------------------------------------------------------------
        # BPF program load from container
        # ---------------------------------------------------------------------------------------------

        - list: trusted_bpf_loader_images
          items: []

        - rule: BPF program loaded from container
          desc: >
            A process in a container called bpf(BPF_PROG_LOAD): eBPF programs run in the kernel and can read
            any process's memory or hide activity. Reported whatever the result. Host programs (this sensor
            among them) are not reported.
          condition: >
            evt.type = bpf
            and (evt.arg.cmd = BPF_PROG_LOAD or evt.rawarg.cmd = 5)
            and in_container
            and not container.image.repository in (trusted_bpf_loader_images)
          output: >-
            BPF program loaded from container | cmd=%evt.arg.cmd res=%evt.res process=%proc.name
            command=%proc.cmdline parent=%proc.pname user=%user.name user_uid=%user.uid
            container_id=%container.id container_name=%container.name image=%container.image.repository
          priority: ERROR
          tags: [bulkhead, container, process, mitre_privilege_escalation, mitre_defense_evasion, T1014, T1611]

        # ---------------------------------------------------------------------------------------------
        # Mount or namespace change in container
        # ---------------------------------------------------------------------------------------------

        - list: trusted_namespace_changers
          items: []

        - rule: Mount or namespace change in container
          desc: >
            A process in a container called mount, umount, unshare or setns (whatever the result): the usual
            steps of a container escape (mounting the host disk or cgroup fs, entering the host's namespaces).
            The container runtime's own setup (runc init) is not reported.
          condition: >
            evt.type in (mount, umount, umount2, unshare, setns)
            and in_container
            and not container_runtime_setup
            and not proc.name in (trusted_namespace_changers)
          output: >-
            Mount or namespace change in container | evt_type=%evt.type args=%evt.args res=%evt.res
            process=%proc.name command=%proc.cmdline parent=%proc.pname user=%user.name user_uid=%user.uid
            container_id=%container.id container_name=%container.name image=%container.image.repository
          priority: ERROR
          tags: [bulkhead, container, filesystem, process, mitre_privilege_escalation, T1611]

        # ---------------------------------------------------------------------------------------------
        # Container runtime socket accessed from container
        # ---------------------------------------------------------------------------------------------

        - list: container_runtime_socket_paths
          items: [
            /var/run/docker.sock, /run/docker.sock, /var/run/containerd/containerd.sock,
            /run/containerd/containerd.sock, /var/run/crio/crio.sock, /run/crio/crio.sock,
            /var/run/podman/podman.sock, /run/podman/podman.sock]

        - list: trusted_runtime_socket_images
          items: []

        - rule: Container runtime socket accessed from container
          desc: >
            A process in a container opened or connected to the Docker (or containerd, CRI-O, Podman) API
            socket: whoever talks to it can start a privileged container and own the host. Reported whatever
            the result.
          condition: >
            ((evt.type in (open, openat, openat2)
              and (fd.name in (container_runtime_socket_paths) or fs.path.name in (container_runtime_socket_paths)))
            or (evt.type = connect
              and (fd.name in (container_runtime_socket_paths) or evt.arg.tuple in (container_runtime_socket_paths))))
            and in_container
            and not container.image.repository in (trusted_runtime_socket_images)
          output: >-
            Container runtime socket accessed from container | socket=%fd.name evt_type=%evt.type res=%evt.res
            process=%proc.name command=%proc.cmdline parent=%proc.pname user=%user.name user_uid=%user.uid
            container_id=%container.id container_name=%container.name image=%container.image.repository
          priority: CRITICAL
          tags: [bulkhead, container, network, mitre_privilege_escalation, mitre_execution, T1611, T1610]

        # ---------------------------------------------------------------------------------------------
        # Program executed from memfd
        # ---------------------------------------------------------------------------------------------

        # runc (1.1 and older) re-executes `runc init` from a sealed memfd copy of itself on every container start
        # and exec (CVE-2019-5736 protection). Kernels from 6.14 name such a process after the memfd
        # (`memfd:runc_cloned:/proc/self/exe`, cut to 15 bytes); older ones after the descriptor number, so its
        # command line (`runc init`) identifies it too.
        - list: trusted_memfd_programs
          items: ["memfd:runc_clon"]

        - macro: container_runtime_memfd_exec
          condition: >
            (proc.name in (trusted_memfd_programs)
            or proc.exepath contains runc_cloned
            or ((proc.exe = runc or proc.exe endswith /runc) and proc.args = init))

        - rule: Program executed from memfd
          desc: >
            A program was executed from an anonymous memory file (memfd_create + execve/fexecve): fileless
            malware leaves no binary on disk. Applies on the host and in containers; runc's own memfd copy is
            not reported.
          condition: >
            program_started
            and proc.is_exe_from_memfd = true
            and not container_runtime_memfd_exec
          output: >-
            Program executed from memfd | process=%proc.name exe=%proc.exepath command=%proc.cmdline
            parent=%proc.pname user=%user.name user_uid=%user.uid
            container_id=%container.id container_name=%container.name image=%container.image.repository
          priority: CRITICAL
          tags: [bulkhead, host, container, process, mitre_defense_evasion, T1620]

        # ---------------------------------------------------------------------------------------------
        # Setuid or setgid bit set on a file
        # ---------------------------------------------------------------------------------------------

        # chmod modes are at most 07777: a raw mode from 02000 (S_ISGID) up has S_ISGID or S_ISUID set.
        - macro: mode_sets_setuid_or_setgid
          condition: >
            (evt.arg.mode contains S_ISUID
            or evt.arg.mode contains S_ISGID
            or (evt.rawarg.mode >= 1024 and evt.rawarg.mode < 4096))

        - list: trusted_setuid_programs
          items: []

        - rule: Setuid or setgid bit set on file
          desc: >
            chmod, fchmod or fchmodat set the setuid or setgid bit on a file: a setuid-root copy of a shell is a
            classic way to keep root. Package managers (which install setuid programs) are not reported.
            Applies on the host and in containers.
          condition: >
            evt.type in (chmod, fchmod, fchmodat)
            and evt.res = SUCCESS
            and mode_sets_setuid_or_setgid
            and not run_by_package_manager
            and not proc.name in (trusted_setuid_programs)
          output: >-
            Setuid or setgid bit set on file | file=%fs.path.name fd_name=%fd.name mode=%evt.arg.mode
            process=%proc.name command=%proc.cmdline parent=%proc.pname user=%user.name user_uid=%user.uid
            container_id=%container.id container_name=%container.name image=%container.image.repository
          priority: WARNING
          tags: [bulkhead, host, container, filesystem, mitre_privilege_escalation, mitre_persistence, T1548.001]
        """#
}
