/* A test helper for the live `bulkhead watch` scenario tests: makes the system calls an attacker would,
 * so that the kernel sensor sees them. Compiled statically by the test (toolchain clang) and copied into a
 * busybox test image; also run on the host. Every action is harmless: a ptrace attach to its own child, a
 * module load of a bogus image, a BPF program load of a trivial filter, a memfd that runs busybox `true`.
 *   scenario-tool ptrace | module | bpf | memfd BUSYBOX | unshare
 * Exit status 0 when the system call was made (whatever it returned), 2 on bad usage. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int report(const char *what, long result) {
    printf("%s: %ld (%s)\n", what, result, result < 0 ? strerror(errno) : "ok");
    fflush(stdout);
    return 0;
}

static int attach_to_child(void) {
    pid_t child = fork();
    if (child == 0) {
        for (;;) pause();
    }
    long result = ptrace(PTRACE_ATTACH, child, 0, 0);
    if (result == 0) {
        waitpid(child, NULL, 0);
        ptrace(PTRACE_DETACH, child, 0, 0);
    }
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    return report("ptrace attach", result);
}

static int load_module(void) {
    static const char image[] = "not a kernel module";
    long result = syscall(SYS_init_module, image, sizeof image, "");
    return report("init_module", result);
}

static int load_bpf(void) {
    struct bpf_insn program[2];
    memset(program, 0, sizeof program);
    program[0].code = BPF_ALU64 | BPF_MOV | BPF_K; /* r0 = 0 */
    program[1].code = BPF_JMP | BPF_EXIT;
    union bpf_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
    attr.insns = (unsigned long)program;
    attr.insn_cnt = 2;
    attr.license = (unsigned long)"GPL";
    long result = syscall(SYS_bpf, BPF_PROG_LOAD, &attr, sizeof attr);
    if (result >= 0) close((int)result);
    return report("bpf prog load", result);
}

static int run_from_memfd(const char *busybox) {
    int source = open(busybox, O_RDONLY | O_CLOEXEC);
    if (source < 0) return report("open busybox", -1);
    struct stat status;
    if (fstat(source, &status) != 0) return report("stat busybox", -1);
    int memory = (int)syscall(SYS_memfd_create, "payload", 0);
    if (memory < 0) return report("memfd_create", -1);
    off_t offset = 0;
    while (offset < status.st_size) {
        ssize_t sent = sendfile(memory, source, &offset, (size_t)(status.st_size - offset));
        if (sent <= 0) return report("copy into memfd", -1);
    }
    close(source);
    char *const argv[] = {"true", NULL};
    char *const envp[] = {NULL};
    pid_t child = fork();
    if (child == 0) {
        syscall(SYS_execveat, memory, "", argv, envp, AT_EMPTY_PATH);
        _exit(127);
    }
    int wait_status = 0;
    waitpid(child, &wait_status, 0);
    return report("execveat memfd (exit status)", WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : -1);
}

static int enter_namespace(void) {
    long result = unshare(CLONE_NEWNS);
    return report("unshare", result);
}

int main(int argc, char **argv) {
    if (argc >= 2 && strcmp(argv[1], "ptrace") == 0) return attach_to_child();
    if (argc >= 2 && strcmp(argv[1], "module") == 0) return load_module();
    if (argc >= 2 && strcmp(argv[1], "bpf") == 0) return load_bpf();
    if (argc >= 3 && strcmp(argv[1], "memfd") == 0) return run_from_memfd(argv[2]);
    if (argc >= 2 && strcmp(argv[1], "unshare") == 0) return enter_namespace();
    fprintf(stderr, "usage: scenario-tool ptrace | module | bpf | memfd BUSYBOX | unshare\n");
    return 2;
}
