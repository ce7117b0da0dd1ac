/// The C source of the probe the integration tests compile with the toolchain's clang (`-static`): one of each
/// traced system call family, from a real process.
enum SensorProbeSource {
    static let text = #"""
        /* Bulkhead sensor probe: makes one of each traced system call family, so the integration tests can look for
         * its events. Failures are expected for the privileged calls (bogus module, garbage BPF program): the sensor
         * must see the attempt. Usage: probe <tcp-port> <unix-socket-path> <scratch-dir> */
        #define _GNU_SOURCE
        #include <arpa/inet.h>
        #include <fcntl.h>
        #include <netinet/in.h>
        #include <sched.h>
        #include <signal.h>
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>
        #include <sys/mman.h>
        #include <sys/mount.h>
        #include <sys/prctl.h>
        #include <sys/ptrace.h>
        #include <sys/socket.h>
        #include <sys/stat.h>
        #include <sys/syscall.h>
        #include <sys/un.h>
        #include <sys/wait.h>
        #include <unistd.h>

        static void copy_file(const char *from, int to)
        {
            int in = open(from, O_RDONLY);
            char buffer[65536];
            ssize_t n;
            if (in < 0)
                return;
            while ((n = read(in, buffer, sizeof(buffer))) > 0)
                if (write(to, buffer, (size_t)n) != n)
                    break;
            close(in);
        }

        int main(int argc, char **argv)
        {
            if (argc < 4)
                return 2;
            int port = atoi(argv[1]);
            const char *unix_path = argv[2];
            const char *dir = argv[3];
            char a[512], b[512], c[512];

            /* ptrace: attach to a child that waits to be killed */
            pid_t child = fork();
            if (child == 0) {
                for (;;)
                    pause();
            }
            if (ptrace(PTRACE_ATTACH, child, 0, 0) == 0)
                waitpid(child, 0, 0);
            kill(child, SIGKILL);
            waitpid(child, 0, 0);

            /* kernel modules and BPF: bogus inputs, refused, but seen */
            char image[64] = {0};
            syscall(SYS_init_module, image, sizeof(image), "bulkhead=1");
            int null_fd = open("/dev/null", O_RDONLY);
            close(dup(null_fd));
            syscall(SYS_finit_module, null_fd, "", 0);
            syscall(SYS_delete_module, "bulkhead_no_such_module", O_NONBLOCK);
            char attr[128];
            memset(attr, 0xA5, sizeof(attr));
            syscall(SYS_bpf, 5 /* BPF_PROG_LOAD */, attr, sizeof(attr));

            /* namespaces and mounts */
            unshare(CLONE_NEWUTS);
            int ns = open("/proc/self/ns/uts", O_RDONLY);
            setns(ns, CLONE_NEWUTS);
            snprintf(a, sizeof(a), "%s/no-such-mount-point", dir);
            mount("none", a, "tmpfs", MS_NOSUID, 0);
            umount2(a, MNT_DETACH);

            /* credentials */
            setuid(getuid());
            setgid(getgid());
            setresuid(-1, -1, -1);
            setresgid(-1, -1, -1);
            kill(getpid(), 0);
            syscall(SYS_tgkill, getpid(), gettid(), 0);
            prctl(PR_SET_CHILD_SUBREAPER, 0);
            chdir(dir);

            /* files */
            snprintf(a, sizeof(a), "%s/file", dir);
            snprintf(b, sizeof(b), "%s/renamed", dir);
            snprintf(c, sizeof(c), "%s/subdir", dir);
            int f = open(a, O_WRONLY | O_CREAT | O_TRUNC, 0644);
            fchmod(f, 0600);
            close(f);
            chmod(a, 04755);
            fchmodat(AT_FDCWD, a, 0755, 0);
            rename(a, b);
            syscall(SYS_renameat2, AT_FDCWD, b, AT_FDCWD, a, 1 /* RENAME_NOREPLACE */);
            snprintf(b, sizeof(b), "%s/symlink", dir);
            symlink(a, b);
            unlink(b);
            snprintf(b, sizeof(b), "%s/hardlink", dir);
            link(a, b);
            unlinkat(AT_FDCWD, b, 0);
            mkdir(c, 0700);
            unlinkat(AT_FDCWD, c, AT_REMOVEDIR);
            int fd = creat(b, 0600);
            close(fd);

            /* network: TCP connect to the test's listener, AF_UNIX connect, a listener of our own, dup2 onto 0 */
            int tcp = socket(AF_INET, SOCK_STREAM, 0);
            struct sockaddr_in server = {0};
            server.sin_family = AF_INET;
            server.sin_port = htons((unsigned short)port);
            server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            connect(tcp, (struct sockaddr *)&server, sizeof(server));
            dup2(tcp, 0);
            int fd3 = dup(tcp);
            dup3(fd3, 40, O_CLOEXEC);
            close(tcp);

            int local = socket(AF_UNIX, SOCK_STREAM, 0);
            struct sockaddr_un address = {0};
            address.sun_family = AF_UNIX;
            strncpy(address.sun_path, unix_path, sizeof(address.sun_path) - 1);
            connect(local, (struct sockaddr *)&address, sizeof(address));
            close(local);

            int abstract = socket(AF_UNIX, SOCK_STREAM, 0);
            struct sockaddr_un hidden = {0};
            hidden.sun_family = AF_UNIX;
            memcpy(hidden.sun_path + 1, "bulkhead-abstract", 17);
            connect(abstract, (struct sockaddr *)&hidden, sizeof(sa_family_t) + 18);
            close(abstract);

            int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
            struct sockaddr_in any = {0};
            any.sin_family = AF_INET;
            any.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            bind(listener, (struct sockaddr *)&any, sizeof(any));
            listen(listener, 7);
            socklen_t length = sizeof(any);
            getsockname(listener, (struct sockaddr *)&any, &length);
            int client = socket(AF_INET, SOCK_STREAM, 0);
            connect(client, (struct sockaddr *)&any, sizeof(any));
            int accepted = accept4(listener, 0, 0, SOCK_CLOEXEC);
            close(accepted);
            close(client);
            close(listener);

            /* capabilities: set what we have */
            struct { unsigned int version; int pid; } header = {0x20080522, 0};
            unsigned int data[6] = {0};
            syscall(SYS_capget, &header, data);
            syscall(SYS_capset, &header, data);

            /* memfd + fexecve of busybox (as `true`) in a child */
            int memfd = memfd_create("bulkhead-payload", MFD_CLOEXEC);
            copy_file("/bin/busybox", memfd);
            pid_t runner = fork();
            if (runner == 0) {
                char *args[] = {"true", 0};
                char *env[] = {0};
                syscall(SYS_execveat, memfd, "", args, env, AT_EMPTY_PATH);
                _exit(127);
            }
            int status = 0;
            waitpid(runner, &status, 0);
            printf("probe done %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
            return 0;
        }
        """#
}
