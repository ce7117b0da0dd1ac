// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Bulkhead kernel sensor.
 *
 * CO-RE without kernel headers: the few kernel structs read here are declared below with
 * preserve_access_index, so libbpf relocates every field offset against /sys/kernel/btf/vmlinux at load.
 * Syscall numbers are x86_64's.
 *
 * Syscalls: one program per traced syscall on its `syscalls/sys_exit_NAME` trace event, attached by user space
 * only for the syscalls the loaded rules (and the process table) need, so a syscall nobody needs runs no
 * program. At exit the saved user registers still hold the arguments: integers, paths and socket addresses are
 * read there and emitted with the return value in one record. Only exec keeps its arguments from entry
 * (`pending_calls`, per thread), since a successful exec replaces the memory they were in. fork/exec/exit come
 * from the scheduler tracepoints and are always emitted. A fallback (BTF raw tracepoint `sys_exit`,
 * filtered by the `fallback` map) reports traced syscalls the kernel has no trace event for.
 *
 * Open-family path filter (open, openat, openat2, creat): when `open_filter[0]` is set, an absolute, plain path
 * (no `//`, no `/.`) is looked up in the `open_prefixes` LPM trie; no prefix of it there: the call is not traced
 * at all (no record) and is counted in `filtered_opens`. Relative, not plain, empty, unreadable
 * and possibly truncated paths are always traced (user space resolves them), and so are O_DIRECTORY and O_PATH
 * opens (descriptors that later `*at` calls resolve relative paths against).
 */
typedef unsigned char __u8;
typedef unsigned short __u16;
typedef unsigned int __u32;
typedef unsigned long long __u64;
typedef signed char __s8;
typedef short __s16;
typedef int __s32;
typedef long long __s64;
typedef __u16 __be16;
typedef __u32 __be32;
typedef __u32 __wsum;

/* BPF UAPI constants used below (values are ABI, stable). */
enum {
    BPF_MAP_TYPE_HASH = 1,
    BPF_MAP_TYPE_ARRAY = 2,
    BPF_MAP_TYPE_PERCPU_ARRAY = 6,
    BPF_MAP_TYPE_LPM_TRIE = 11,
    BPF_MAP_TYPE_RINGBUF = 27,
};
#define BPF_ANY 0
#define BPF_F_NO_PREALLOC 1
#define BPF_RB_NO_WAKEUP 1
#define BPF_RB_FORCE_WAKEUP 2
#define BPF_RB_AVAIL_DATA 0

#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#include "sensor_event.h"

/* x86_64 syscall numbers */
#define NR_OPEN 2
#define NR_CLOSE 3
#define NR_CHDIR 80
#define NR_FCHDIR 81
#define NR_PRCTL 157
#define NR_TKILL 200
#define NR_TGKILL 234
#define NR_USERFAULTFD 323
#define NR_DUP 32
#define NR_DUP2 33
#define NR_SOCKET 41
#define NR_CONNECT 42
#define NR_ACCEPT 43
#define NR_BIND 49
#define NR_LISTEN 50
#define NR_EXECVE 59
#define NR_KILL 62
#define NR_RENAME 82
#define NR_MKDIR 83
#define NR_CREAT 85
#define NR_LINK 86
#define NR_UNLINK 87
#define NR_SYMLINK 88
#define NR_CHMOD 90
#define NR_FCHMOD 91
#define NR_PTRACE 101
#define NR_SETUID 105
#define NR_SETGID 106
#define NR_SETRESUID 117
#define NR_SETRESGID 119
#define NR_CAPSET 126
#define NR_MOUNT 165
#define NR_UMOUNT2 166
#define NR_INIT_MODULE 175
#define NR_DELETE_MODULE 176
#define NR_OPENAT 257
#define NR_MKDIRAT 258
#define NR_UNLINKAT 263
#define NR_RENAMEAT 264
#define NR_LINKAT 265
#define NR_SYMLINKAT 266
#define NR_FCHMODAT 268
#define NR_UNSHARE 272
#define NR_ACCEPT4 288
#define NR_DUP3 292
#define NR_SETNS 308
#define NR_FINIT_MODULE 313
#define NR_RENAMEAT2 316
#define NR_MEMFD_CREATE 319
#define NR_BPF 321
#define NR_EXECVEAT 322
#define NR_OPENAT2 437

#define AF_UNIX 1
#define AF_INET 2
#define AF_INET6 10
#define EINPROGRESS 115
#define UNIX_PATH_MAX 108

/* ---- kernel types, CO-RE relocated ---- */
struct kernfs_node {
    const char *name;
    __u64 id;
} __attribute__((preserve_access_index));

struct cgroup {
    struct kernfs_node *kn;
} __attribute__((preserve_access_index));

struct cgroup_subsys_state {
    struct cgroup *cgroup;
} __attribute__((preserve_access_index));

struct css_set {
    struct cgroup_subsys_state *subsys[1];
} __attribute__((preserve_access_index));

typedef struct {
    __u32 val;
} kuid_t;

typedef struct {
    __u32 val;
} kgid_t;

/* a u64 since 6.3, u32[2] before: either way read as 8 little-endian bytes */
typedef struct {
    __u64 val;
} kernel_cap_t;

struct cred {
    kuid_t euid;
    kgid_t egid;
    kernel_cap_t cap_inheritable;
    kernel_cap_t cap_permitted;
    kernel_cap_t cap_effective;
} __attribute__((preserve_access_index));

struct upid {
    int nr;
} __attribute__((preserve_access_index));

struct pid {
    unsigned int level;
    struct upid numbers[1];
} __attribute__((preserve_access_index));

struct tty_driver {
    int major;
    int minor_start;
} __attribute__((preserve_access_index));

struct tty_struct {
    struct tty_driver *driver;
    int index;
} __attribute__((preserve_access_index));

enum pid_type {
    PIDTYPE_SID = 3,
};

struct signal_struct {
    struct pid *pids[4];
    struct tty_struct *tty;
} __attribute__((preserve_access_index));

struct qstr {
    const unsigned char *name;
} __attribute__((preserve_access_index));

struct dentry {
    struct qstr d_name;
} __attribute__((preserve_access_index));

struct path {
    struct dentry *dentry;
} __attribute__((preserve_access_index));

struct inode {
    unsigned short i_mode;
} __attribute__((preserve_access_index));

#define S_IFMT 00170000
#define S_IFSOCK 0140000

struct file {
    struct path f_path;
    struct inode *f_inode;
    void *private_data;
} __attribute__((preserve_access_index));

struct mm_struct {
    unsigned long arg_start;
    unsigned long arg_end;
    struct file *exe_file;
} __attribute__((preserve_access_index));

struct fdtable {
    unsigned int max_fds;
    struct file **fd;
} __attribute__((preserve_access_index));

struct files_struct {
    struct fdtable *fdt;
} __attribute__((preserve_access_index));

struct in6_addr {
    __u8 s6_addr[16];
};

struct sock_common {
    __be32 skc_daddr;
    __be32 skc_rcv_saddr;
    __be16 skc_dport;
    __u16 skc_num;
    unsigned short skc_family;
    struct in6_addr skc_v6_daddr;
    struct in6_addr skc_v6_rcv_saddr;
} __attribute__((preserve_access_index));

struct sock {
    struct sock_common __sk_common;
} __attribute__((preserve_access_index));

struct socket {
    short type;
    struct sock *sk;
} __attribute__((preserve_access_index));

struct thread_info {
    __u32 status;
} __attribute__((preserve_access_index));

#define TS_COMPAT 0x0002 /* x86: the task is in a 32-bit (ia32) system call */

struct task_struct {
    struct thread_info thread_info;
    int pid;
    int tgid;
    int exit_code;
    struct task_struct *real_parent;
    struct css_set *cgroups;
    const struct cred *cred;
    kuid_t loginuid;
    struct signal_struct *signal;
    struct mm_struct *mm;
    struct files_struct *files;
    struct pid *thread_pid;
} __attribute__((preserve_access_index));

struct linux_binprm {
    const char *filename;
} __attribute__((preserve_access_index));

/* x86_64 syscall registers: arguments in di, si, dx, r10, r8, r9; the number in orig_ax */
struct pt_regs {
    unsigned long r9;
    unsigned long r8;
    unsigned long r10;
    unsigned long dx;
    unsigned long si;
    unsigned long di;
    unsigned long orig_ax;
} __attribute__((preserve_access_index));

enum cgroup_subsys_id {
    memory_cgrp_id = 4,
};

struct open_how {
    __u64 flags;
    __u64 mode;
    __u64 resolve;
};

/* ---- maps ---- */
struct pending_call {
    __u64 args[SENSOR_SYSCALL_ARGS];
    __u32 nr;
    __u16 path_len;
    __u16 path2_len;
    __u16 sa_family;
    __u16 sa_port;
    __u32 has_path2;
    __u8 sa_addr[16];
    char aux[SENSOR_AUX_LEN];
    /* path_prefixlen + path form an `open_prefixes` lookup key in place (struct open_prefix_key) */
    __u32 path_prefixlen;
    char path[SENSOR_PATH_LEN];
    char path2[SENSOR_PATH_LEN];
};

/* An LPM trie key: the prefix length in bits, then the path bytes (no NUL). */
struct open_prefix_key {
    __u32 prefixlen;
    __u8 data[SENSOR_PATH_LEN];
};

_Static_assert(__builtin_offsetof(struct pending_call, path) == __builtin_offsetof(struct pending_call, path_prefixlen) + 4,
               "path follows path_prefixlen: the pair is an open_prefix_key");

struct {
    __uint(type, BPF_MAP_TYPE_RINGBUF);
    __uint(max_entries, 16 * 1024 * 1024);
} events SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, __u64);
} lost_events SEC(".maps");

/* fallback[nr] != 0: the raw `sys_exit` fallback reports syscall nr (written by user space) */
struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, SENSOR_MAX_SYSCALL);
    __type(key, __u32);
    __type(value, __u32);
} fallback SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 16384);
    __type(key, __u32);
    __type(value, struct pending_call);
} pending_calls SEC(".maps");

/* open_filter[0] != 0: filter the open family by path prefix (written by user space before attach) */
struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, __u32);
} open_filter SEC(".maps");

/* The path prefixes some rule needs (value unused); user space's KernelSensor.openPrefixCapacity mirrors max_entries */
struct {
    __uint(type, BPF_MAP_TYPE_LPM_TRIE);
    __uint(max_entries, 8192);
    __uint(map_flags, BPF_F_NO_PREALLOC);
    __type(key, struct open_prefix_key);
    __type(value, __u8);
} open_prefixes SEC(".maps");

/* opens the path filter dropped, per CPU */
struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, __u64);
} filtered_opens SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct pending_call);
} scratch SEC(".maps");

/* ---- helpers ---- */
static __always_inline void count_lost(void)
{
    __u32 zero = 0;
    __u64 *lost = bpf_map_lookup_elem(&lost_events, &zero);
    if (lost)
        __sync_fetch_and_add(lost, 1);
}

/* Records are submitted without waking the consumer until this much data waits: one wakeup per batch instead
 * of one per record. The consumer also drains on its poll timeout, so a quiet ring is read within it. */
#define SENSOR_WAKEUP_BYTES (256 * 1024)

static __always_inline void submit(void *record)
{
    __u64 waiting = bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA);
    bpf_ringbuf_submit(record, waiting >= SENSOR_WAKEUP_BYTES ? BPF_RB_FORCE_WAKEUP : BPF_RB_NO_WAKEUP);
}

static __always_inline void fill_task(struct sensor_event *e, __u16 kind)
{
    /* a trusted BTF pointer: fields are read with direct (fault-safe) loads, no helper calls */
    struct task_struct *task = bpf_get_current_task_btf();
    __u64 pid_tgid = bpf_get_current_pid_tgid();
    __u64 uid_gid = bpf_get_current_uid_gid();

    e->abi_version = SENSOR_ABI_VERSION;
    e->kind = kind;
    e->timestamp_ns = bpf_ktime_get_boot_ns();
    e->pid = pid_tgid >> 32;
    e->tid = (__u32)pid_tgid;
    e->uid = (__u32)uid_gid;
    e->gid = uid_gid >> 32;
    e->ppid = task->real_parent->tgid;
    const struct cred *cred = task->cred;
    e->euid = cred->euid.val;
    e->egid = cred->egid.val;
    bpf_get_current_comm(e->comm, sizeof(e->comm));

    /* memory controller's cgroup: /docker/<id> under cgroup v1; on a pure v2 host it is the unified cgroup. */
    struct cgroup_subsys_state *css = task->cgroups->subsys[bpf_core_enum_value(enum cgroup_subsys_id, memory_cgrp_id)];
    if (css) {
        struct kernfs_node *kn = css->cgroup->kn;
        if (kn) {
            e->cgroup_id = kn->id;
            bpf_probe_read_kernel_str(e->cgroup_name, sizeof(e->cgroup_name), kn->name);
        }
    }
}

/* The pid number at the pid's own namespace level (vpid, or the session id seen from inside). */
static __always_inline __u32 pid_nr_in_namespace(struct pid *pid)
{
    if (!pid)
        return 0;
    unsigned int level = BPF_CORE_READ(pid, level);
    if (level > 32)
        return 0;
    struct upid *numbers = __builtin_preserve_access_index(&pid->numbers[0]);
    int nr = 0;
    bpf_probe_read_kernel(&nr, sizeof(nr),
                          (char *)numbers + level * bpf_core_type_size(struct upid) +
                              bpf_core_field_offset(struct upid, nr));
    return nr;
}

/* Credentials, terminal, session, namespace pid, argv and memfd origin of the current (new) program. */
static __always_inline void fill_exec(struct sensor_exec_event *x)
{
    /* the ring buffer memory is not zeroed; argv is read only up to argv_len */
    x->cap_effective = 0;
    x->cap_permitted = 0;
    x->cap_inheritable = 0;
    x->loginuid = 0;
    x->tty = 0;
    x->sid = 0;
    x->vpid = 0;
    x->exec_flags = 0;
    x->argv_len = 0;
    struct task_struct *task = (struct task_struct *)bpf_get_current_task();
    struct cred *cred = (struct cred *)BPF_CORE_READ(task, cred);
    bpf_probe_read_kernel(&x->cap_effective, 8, __builtin_preserve_access_index(&cred->cap_effective));
    bpf_probe_read_kernel(&x->cap_permitted, 8, __builtin_preserve_access_index(&cred->cap_permitted));
    bpf_probe_read_kernel(&x->cap_inheritable, 8, __builtin_preserve_access_index(&cred->cap_inheritable));
    x->loginuid = BPF_CORE_READ(task, loginuid.val);

    struct signal_struct *signal = BPF_CORE_READ(task, signal);
    struct tty_struct *tty = BPF_CORE_READ(signal, tty);
    if (tty) {
        int index = BPF_CORE_READ(tty, index);
        int major = BPF_CORE_READ(tty, driver, major);
        int minor = BPF_CORE_READ(tty, driver, minor_start) + index;
        x->tty = ((__u32)major << 8) | ((__u32)minor & 0xff) | (((__u32)minor & ~0xffu) << 12);
    }
    struct pid *session = 0;
    bpf_probe_read_kernel(&session, sizeof(session),
                          __builtin_preserve_access_index(&signal->pids[bpf_core_enum_value(enum pid_type, PIDTYPE_SID)]));
    x->sid = pid_nr_in_namespace(session);
    x->vpid = pid_nr_in_namespace(BPF_CORE_READ(task, thread_pid));

    struct mm_struct *mm = BPF_CORE_READ(task, mm);
    if (!mm)
        return;
    const unsigned char *exe_name = BPF_CORE_READ(mm, exe_file, f_path.dentry, d_name.name);
    char prefix[6] = {};
    if (exe_name && bpf_probe_read_kernel(prefix, sizeof(prefix), exe_name) == 0 && prefix[0] == 'm' &&
        prefix[1] == 'e' && prefix[2] == 'm' && prefix[3] == 'f' && prefix[4] == 'd' && prefix[5] == ':')
        x->exec_flags |= SENSOR_EXEC_FROM_MEMFD;

    unsigned long start = BPF_CORE_READ(mm, arg_start);
    unsigned long end = BPF_CORE_READ(mm, arg_end);
    if (end <= start)
        return;
    unsigned long length = end - start;
    if (length > SENSOR_ARGV_LEN - 1)
        length = SENSOR_ARGV_LEN - 1;
    if (bpf_probe_read_user(x->argv, length & (SENSOR_ARGV_LEN - 1), (const void *)start) == 0)
        x->argv_len = length & (SENSOR_ARGV_LEN - 1);
}

/* Endpoints of the socket behind descriptor `fd` of the current task (after connect/accept). */
static __always_inline void read_socket(struct sensor_event *e, long fd)
{
    if (fd < 0)
        return;
    struct task_struct *task = (struct task_struct *)bpf_get_current_task();
    struct fdtable *fdt = BPF_CORE_READ(task, files, fdt);
    if (!fdt)
        return;
    unsigned int max = BPF_CORE_READ(fdt, max_fds);
    if ((unsigned long)fd >= max)
        return;
    struct file **fds = BPF_CORE_READ(fdt, fd);
    struct file *file = 0;
    bpf_probe_read_kernel(&file, sizeof(file), fds + fd);
    if (!file)
        return;
    /* private_data is a struct socket only for sockets */
    unsigned short mode = BPF_CORE_READ(file, f_inode, i_mode);
    if ((mode & S_IFMT) != S_IFSOCK)
        return;
    struct socket *sock = BPF_CORE_READ(file, private_data);
    if (!sock)
        return;
    e->sock_type = BPF_CORE_READ(sock, type);
    struct sock *sk = BPF_CORE_READ(sock, sk);
    if (!sk)
        return;
    __u16 family = BPF_CORE_READ(sk, __sk_common.skc_family);
    if (family == AF_INET) {
        __u32 local = BPF_CORE_READ(sk, __sk_common.skc_rcv_saddr);
        __u32 remote = BPF_CORE_READ(sk, __sk_common.skc_daddr);
        __builtin_memset(e->local_addr, 0, sizeof(e->local_addr));
        __builtin_memset(e->remote_addr, 0, sizeof(e->remote_addr));
        __builtin_memcpy(e->local_addr, &local, 4);
        __builtin_memcpy(e->remote_addr, &remote, 4);
    } else if (family == AF_INET6) {
        BPF_CORE_READ_INTO(&e->local_addr, sk, __sk_common.skc_v6_rcv_saddr);
        BPF_CORE_READ_INTO(&e->remote_addr, sk, __sk_common.skc_v6_daddr);
    } else {
        if (family)
            e->sa_family = family;
        return;
    }
    e->sa_family = family;
    e->local_port = BPF_CORE_READ(sk, __sk_common.skc_num);
    e->remote_port = __builtin_bswap16(BPF_CORE_READ(sk, __sk_common.skc_dport));
}

/* A user sockaddr (connect, bind): family, port (host order), address or AF_UNIX path. */
static __always_inline void read_sockaddr(struct pending_call *call, const void *addr)
{
    if (!addr)
        return;
    bpf_probe_read_user(&call->sa_family, sizeof(call->sa_family), addr);
    __u16 port = 0;
    if (call->sa_family == AF_INET) {
        bpf_probe_read_user(&port, 2, addr + 2);
        bpf_probe_read_user(call->sa_addr, 4, addr + 4);
    } else if (call->sa_family == AF_INET6) {
        bpf_probe_read_user(&port, 2, addr + 2);
        bpf_probe_read_user(call->sa_addr, 16, addr + 8);
    } else if (call->sa_family == AF_UNIX) {
        long n = bpf_probe_read_user_str(call->path, UNIX_PATH_MAX, addr + 2);
        if (n == 1) {
            /* abstract socket: a leading NUL, the name after it; shown as @name */
            n = bpf_probe_read_user_str(call->path + 1, UNIX_PATH_MAX - 1, addr + 3);
            call->path[0] = '@';
            n = n > 0 ? n + 1 : 0;
        }
        call->path_len = n > 0 ? n : 0;
    }
    call->sa_port = __builtin_bswap16(port);
}

/* True when the path holds no `//` and no `/.`: lexical resolution leaves it unchanged (no empty, `.` or `..`
 * component) and no component is hidden (rules may look for `/.ssh/` anywhere: see OpenPathPrefixes). */
static __always_inline int path_is_plain(const char *path, __u32 length)
{
    for (__u32 i = 0; i < SENSOR_PATH_LEN - 1; i++) {
        if (i >= length)
            break;
        if (path[i] == '/' && (path[i + 1] == '/' || path[i + 1] == '.'))
            return 0;
    }
    return 1;
}

/* True unless the open path filter is on and rules out this call's (absolute, clean) path. */
static __always_inline int open_path_wanted(struct pending_call *call)
{
    __u32 zero = 0;
    __u32 *on = bpf_map_lookup_elem(&open_filter, &zero);
    if (!on || !*on)
        return 1;
    __u32 length = call->path_len; /* with the NUL; SENSOR_PATH_LEN: possibly truncated */
    if (length < 2 || length >= SENSOR_PATH_LEN || call->path[0] != '/')
        return 1;
    if (!path_is_plain(call->path, length - 1))
        return 1;
    call->path_prefixlen = (length - 1) * 8;
    if (bpf_map_lookup_elem(&open_prefixes, &call->path_prefixlen))
        return 1;
    __u64 *filtered = bpf_map_lookup_elem(&filtered_opens, &zero);
    if (filtered)
        *filtered += 1; /* per CPU, and programs do not migrate: no atomic needed */
    return 0;
}

#define O_DIRECTORY 00200000
#define O_PATH 010000000

/* True for an open that may give a directory descriptor (O_DIRECTORY or O_PATH): never filtered by path, so that
 * user space knows every directory a later `*at` call may resolve a relative path against. */
static __always_inline int opens_directory(struct pending_call *call)
{
    __u64 flags = call->nr == NR_OPEN ? call->args[1] : call->nr == NR_CREAT ? 0 : call->args[2];
    return (flags & (O_DIRECTORY | O_PATH)) != 0;
}

static __always_inline __u16 read_user_string(char *dst, __u32 size, unsigned long src)
{
    if (!src)
        return 0;
    long n = bpf_probe_read_user_str(dst, size, (const char *)src);
    return n > 0 ? n : 0;
}

/* ---- syscalls ---- */
/* BTF raw tracepoints (sys_enter(regs, id), sys_exit(regs, ret)): no trace-event record is formatted, the
 * registers are read directly. */
/* Reads a traced call's arguments from the saved user registers (and the user memory they point to) into
 * `call`. Returns 0 when the open path filter drops the call, else 1. */
static __always_inline int capture_call(struct pending_call *call, struct pt_regs *regs, long nr)
{
    call->nr = nr;
    call->path_len = 0;
    call->path2_len = 0;
    call->has_path2 = 0;
    call->sa_family = 0;
    call->sa_port = 0;
    call->aux[0] = 0;
    unsigned long args[SENSOR_SYSCALL_ARGS] = {regs->di, regs->si, regs->dx, regs->r10, regs->r8, regs->r9};
    call->args[0] = args[0];
    call->args[1] = args[1];
    call->args[2] = args[2];
    call->args[3] = args[3];
    call->args[4] = args[4];
    call->args[5] = args[5];

    unsigned long path = 0;
    unsigned long path2 = 0;
    switch (nr) {
    case NR_OPEN:
    case NR_CHDIR:
    case NR_CREAT:
    case NR_CHMOD:
    case NR_UNLINK:
    case NR_MKDIR:
    case NR_EXECVE:
    case NR_UMOUNT2:
    case NR_DELETE_MODULE:
    case NR_MEMFD_CREATE:
        path = args[0];
        break;
    case NR_OPENAT:
    case NR_FCHMODAT:
    case NR_UNLINKAT:
    case NR_MKDIRAT:
    case NR_EXECVEAT:
    case NR_FINIT_MODULE:
        path = args[1];
        break;
    case NR_INIT_MODULE:
        path = args[2]; /* uargs */
        break;
    case NR_OPENAT2: {
        struct open_how how = {};
        path = args[1];
        bpf_probe_read_user(&how, sizeof(how), (const void *)args[2]);
        call->args[2] = how.flags;
        call->args[3] = how.mode;
        call->args[4] = how.resolve;
        break;
    }
    case NR_RENAME:
    case NR_LINK:
    case NR_SYMLINK:
        path = args[0];
        path2 = args[1];
        break;
    case NR_RENAMEAT:
    case NR_RENAMEAT2:
    case NR_LINKAT:
        path = args[1];
        path2 = args[3];
        break;
    case NR_SYMLINKAT:
        path = args[0];
        path2 = args[2];
        break;
    case NR_MOUNT:
        path = args[0];
        path2 = args[1];
        read_user_string(call->aux, sizeof(call->aux), args[2]);
        break;
    case NR_CONNECT:
    case NR_BIND:
        read_sockaddr(call, (const void *)args[1]);
        break;
    case NR_CAPSET: {
        /* struct __user_cap_data_struct[2] { u32 effective, permitted, inheritable; } */
        __u32 data[6] = {};
        if (args[1])
            bpf_probe_read_user(data, sizeof(data), (const void *)args[1]);
        call->args[2] = (__u64)data[0] | ((__u64)data[3] << 32);
        call->args[3] = (__u64)data[1] | ((__u64)data[4] << 32);
        call->args[4] = (__u64)data[2] | ((__u64)data[5] << 32);
        break;
    }
    }
    if (path)
        call->path_len = read_user_string(call->path, sizeof(call->path), path);
    if ((nr == NR_OPEN || nr == NR_OPENAT || nr == NR_OPENAT2 || nr == NR_CREAT) && !opens_directory(call) &&
        !open_path_wanted(call))
        return 0;
    if (path2) {
        call->has_path2 = 1;
        call->path2_len = read_user_string(call->path2, sizeof(call->path2), path2);
    }
    return 1;
}

static __always_inline void copy_call(struct sensor_event *e, struct pending_call *call, long ret)
{
    fill_task(e, SENSOR_KIND_SYSCALL);
    e->nr = call->nr;
    e->ret = ret;
    e->args[0] = call->args[0];
    e->args[1] = call->args[1];
    e->args[2] = call->args[2];
    e->args[3] = call->args[3];
    e->args[4] = call->args[4];
    e->args[5] = call->args[5];
    e->sa_family = call->sa_family;
    if (call->nr == NR_BIND) {
        e->local_port = call->sa_port;
        __builtin_memcpy(e->local_addr, call->sa_addr, sizeof(e->local_addr));
    } else {
        e->remote_port = call->sa_port;
        __builtin_memcpy(e->remote_addr, call->sa_addr, sizeof(e->remote_addr));
    }
    if (call->nr == NR_CONNECT && (ret == 0 || ret == -EINPROGRESS))
        read_socket(e, call->args[0]);
    else if ((call->nr == NR_ACCEPT || call->nr == NR_ACCEPT4 || call->nr == NR_DUP || call->nr == NR_DUP2 ||
              call->nr == NR_DUP3) &&
             ret >= 0)
        read_socket(e, ret);
    __builtin_memcpy(e->aux, call->aux, sizeof(e->aux));
    __u32 length = call->path_len;
    if (length > SENSOR_PATH_LEN)
        length = SENSOR_PATH_LEN;
    e->path_len = length;
    if (length)
        bpf_probe_read_kernel(e->path, length, call->path);
}


/* Writes the record for `call` (returning `ret`) into the ring buffer: an exec record after a successful exec, a
 * two-path record when the call has a second path, else the base record. */
static __always_inline void emit_call(struct pending_call *call, long ret)
{
    if ((call->nr == NR_EXECVE || call->nr == NR_EXECVEAT) && ret == 0) {
        struct sensor_exec_event *x = bpf_ringbuf_reserve(&events, sizeof(*x), 0);
        if (x) {
            __builtin_memset(&x->base, 0, sizeof(x->base));
            copy_call(&x->base, call, ret);
            fill_exec(x);
            submit(x);
        } else {
            count_lost();
        }
    } else if (call->has_path2) {
        struct sensor_event2 *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
        if (e) {
            __builtin_memset(e, 0, sizeof(*e));
            copy_call(&e->base, call, ret);
            __u32 length = call->path2_len;
            if (length > SENSOR_PATH_LEN)
                length = SENSOR_PATH_LEN;
            e->base.path2_len = length;
            if (length)
                bpf_probe_read_kernel(e->path2, length, call->path2);
            submit(e);
        } else {
            count_lost();
        }
    } else {
        struct sensor_event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
        if (e) {
            __builtin_memset(e, 0, sizeof(*e));
            copy_call(e, call, ret);
            submit(e);
        } else {
            count_lost();
        }
    }
}

/* The saved user registers of the current task: at a syscall's exit they still hold its arguments. */
static __always_inline struct pt_regs *current_regs(void)
{
    return (struct pt_regs *)bpf_task_pt_regs(bpf_get_current_task_btf());
}

/* A traced call has returned `ret`: its arguments are read from the saved registers (and the user memory they
 * point to, unchanged by the call) and the record is written, unless the open path filter drops it. This also
 * reports calls a seccomp profile refused before they started (their exit tracepoint still fires). */
static __always_inline int on_exit(long nr, long ret)
{
    __u32 zero = 0;
    struct pending_call *call = bpf_map_lookup_elem(&scratch, &zero);
    if (!call || !capture_call(call, current_regs(), nr))
        return 0;
    emit_call(call, ret);
    return 0;
}

/* A successful exec replaces the user memory the path was read from: its arguments are kept at entry, per
 * thread, in `pending_calls`. */
static __always_inline int on_exec_enter(long nr)
{
    __u32 zero = 0;
    struct pending_call *call = bpf_map_lookup_elem(&scratch, &zero);
    if (!call || !capture_call(call, current_regs(), nr))
        return 0;
    __u32 tid = (__u32)bpf_get_current_pid_tgid();
    if (bpf_map_update_elem(&pending_calls, &tid, call, BPF_ANY) != 0)
        count_lost(); /* more threads inside an exec than pending_calls holds */
    return 0;
}

static __always_inline int on_exec_exit(long nr, long ret)
{
    __u32 tid = (__u32)bpf_get_current_pid_tgid();
    struct pending_call *call = bpf_map_lookup_elem(&pending_calls, &tid);
    if (call) {
        emit_call(call, ret);
        bpf_map_delete_elem(&pending_calls, &tid);
        return 0;
    }
    /* no entry: refused before it started (seccomp), or begun before the sensor attached. A failed exec left
     * the caller's memory in place, so its arguments are still readable. */
    return ret < 0 ? on_exit(nr, ret) : 0;
}

/* The `syscalls` trace events' records (tracefs events/syscalls/sys_{enter,exit}_NAME/format): the common
 * header, then the syscall number, then the arguments or the return value. */
struct syscall_exit_record {
    __u64 common;
    __s32 nr;
    __s32 padding;
    long ret;
};

/* One program per traced syscall exit, attached by user space only for the syscalls some rule (or the process
 * table) needs: a syscall nobody needs runs no program at all. */
#define TRACE_EXIT(name, number)                                                                                 \
    SEC("tracepoint/syscalls/sys_exit_" #name)                                                                  \
    int exit_##name(struct syscall_exit_record *ctx)                                                             \
    {                                                                                                            \
        return on_exit(number, ctx->ret);                                                                        \
    }

TRACE_EXIT(open, NR_OPEN)
TRACE_EXIT(close, NR_CLOSE)
TRACE_EXIT(chdir, NR_CHDIR)
TRACE_EXIT(fchdir, NR_FCHDIR)
TRACE_EXIT(prctl, NR_PRCTL)
TRACE_EXIT(tkill, NR_TKILL)
TRACE_EXIT(tgkill, NR_TGKILL)
TRACE_EXIT(userfaultfd, NR_USERFAULTFD)
TRACE_EXIT(dup, NR_DUP)
TRACE_EXIT(dup2, NR_DUP2)
TRACE_EXIT(socket, NR_SOCKET)
TRACE_EXIT(connect, NR_CONNECT)
TRACE_EXIT(accept, NR_ACCEPT)
TRACE_EXIT(bind, NR_BIND)
TRACE_EXIT(listen, NR_LISTEN)
TRACE_EXIT(kill, NR_KILL)
TRACE_EXIT(rename, NR_RENAME)
TRACE_EXIT(mkdir, NR_MKDIR)
TRACE_EXIT(creat, NR_CREAT)
TRACE_EXIT(link, NR_LINK)
TRACE_EXIT(unlink, NR_UNLINK)
TRACE_EXIT(symlink, NR_SYMLINK)
TRACE_EXIT(chmod, NR_CHMOD)
TRACE_EXIT(fchmod, NR_FCHMOD)
TRACE_EXIT(ptrace, NR_PTRACE)
TRACE_EXIT(setuid, NR_SETUID)
TRACE_EXIT(setgid, NR_SETGID)
TRACE_EXIT(setresuid, NR_SETRESUID)
TRACE_EXIT(setresgid, NR_SETRESGID)
TRACE_EXIT(capset, NR_CAPSET)
TRACE_EXIT(mount, NR_MOUNT)
TRACE_EXIT(umount, NR_UMOUNT2) /* x86_64's umount2 is defined as `umount` */
TRACE_EXIT(init_module, NR_INIT_MODULE)
TRACE_EXIT(delete_module, NR_DELETE_MODULE)
TRACE_EXIT(openat, NR_OPENAT)
TRACE_EXIT(mkdirat, NR_MKDIRAT)
TRACE_EXIT(unlinkat, NR_UNLINKAT)
TRACE_EXIT(renameat, NR_RENAMEAT)
TRACE_EXIT(linkat, NR_LINKAT)
TRACE_EXIT(symlinkat, NR_SYMLINKAT)
TRACE_EXIT(fchmodat, NR_FCHMODAT)
TRACE_EXIT(unshare, NR_UNSHARE)
TRACE_EXIT(accept4, NR_ACCEPT4)
TRACE_EXIT(dup3, NR_DUP3)
TRACE_EXIT(setns, NR_SETNS)
TRACE_EXIT(finit_module, NR_FINIT_MODULE)
TRACE_EXIT(renameat2, NR_RENAMEAT2)
TRACE_EXIT(memfd_create, NR_MEMFD_CREATE)
TRACE_EXIT(bpf, NR_BPF)
TRACE_EXIT(openat2, NR_OPENAT2)

SEC("tracepoint/syscalls/sys_enter_execve")
int enter_execve(void *ctx)
{
    return on_exec_enter(NR_EXECVE);
}

SEC("tracepoint/syscalls/sys_exit_execve")
int exit_execve(struct syscall_exit_record *ctx)
{
    return on_exec_exit(NR_EXECVE, ctx->ret);
}

SEC("tracepoint/syscalls/sys_enter_execveat")
int enter_execveat(void *ctx)
{
    return on_exec_enter(NR_EXECVEAT);
}

SEC("tracepoint/syscalls/sys_exit_execveat")
int exit_execveat(struct syscall_exit_record *ctx)
{
    return on_exec_exit(NR_EXECVEAT, ctx->ret);
}

/* Fallback for traced syscalls the kernel has no `syscalls` trace event for (e.g. the module calls on a kernel
 * built without module support): the BTF raw tracepoint `sys_exit`, which runs for every system call of every
 * task, so user space attaches it only while such a syscall is traced (and not at all when told not to).
 * fallback[nr] != 0 selects the syscalls it reports. */
SEC("tp_btf/sys_exit")
int sys_exit_fallback(__u64 *ctx)
{
    struct pt_regs *regs = (struct pt_regs *)ctx[0];
    long nr = regs->orig_ax;
    if (nr < 0 || nr >= SENSOR_MAX_SYSCALL)
        return 0;
    __u32 key = nr;
    __u32 *on = bpf_map_lookup_elem(&fallback, &key);
    if (!on || !*on)
        return 0;
    /* ia32 syscalls use another numbering: skip them rather than mislabel them */
    struct task_struct *task = (struct task_struct *)bpf_get_current_task();
    if (bpf_core_field_exists(task->thread_info.status) && (BPF_CORE_READ(task, thread_info.status) & TS_COMPAT))
        return 0;
    __u32 zero = 0;
    struct pending_call *call = bpf_map_lookup_elem(&scratch, &zero);
    if (!call || !capture_call(call, regs, nr))
        return 0;
    emit_call(call, (long)ctx[1]);
    return 0;
}

/* ---- scheduler ---- */
SEC("tp_btf/sched_process_exec")
int process_exec(__u64 *ctx)
{
    struct linux_binprm *bprm = (struct linux_binprm *)ctx[2];
    struct sensor_exec_event *x = bpf_ringbuf_reserve(&events, sizeof(*x), 0);
    if (!x) {
        count_lost();
        return 0;
    }
    __builtin_memset(&x->base, 0, sizeof(x->base));
    fill_task(&x->base, SENSOR_KIND_PROCESS_EXEC);
    x->base.aux_pid = (__u32)ctx[1]; /* old_pid */
    /* A thread other than the leader that execs takes the leader's pid (de_thread): its exec's entry moves to
     * the new thread id, so that the exec's exit finds it. */
    __u32 old_tid = (__u32)ctx[1];
    __u32 new_tid = (__u32)bpf_get_current_pid_tgid();
    if (old_tid != new_tid) {
        struct pending_call *moved = bpf_map_lookup_elem(&pending_calls, &old_tid);
        if (moved) {
            bpf_map_update_elem(&pending_calls, &new_tid, moved, BPF_ANY);
            bpf_map_delete_elem(&pending_calls, &old_tid);
        }
    }
    const char *filename = BPF_CORE_READ(bprm, filename);
    long n = bpf_probe_read_kernel_str(x->base.path, sizeof(x->base.path), filename);
    x->base.path_len = n > 0 ? n : 0;
    fill_exec(x);
    submit(x);
    return 0;
}

SEC("tp_btf/sched_process_fork")
int process_fork(__u64 *ctx)
{
    struct task_struct *child = (struct task_struct *)ctx[1];
    struct sensor_event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
    if (!e) {
        count_lost();
        return 0;
    }
    __builtin_memset(e, 0, sizeof(*e));
    fill_task(e, SENSOR_KIND_PROCESS_FORK);
    e->aux_pid = BPF_CORE_READ(child, pid);
    e->aux_tgid = BPF_CORE_READ(child, tgid);
    submit(e);
    return 0;
}

SEC("tp_btf/sched_process_exit")
int process_exit(__u64 *ctx)
{
    struct task_struct *task = (struct task_struct *)ctx[0];
    struct sensor_event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
    __u32 tid = (__u32)bpf_get_current_pid_tgid();
    if (e) {
        __builtin_memset(e, 0, sizeof(*e));
        fill_task(e, SENSOR_KIND_PROCESS_EXIT);
        e->ret = BPF_CORE_READ(task, exit_code);
        e->args[0] = (__u8)ctx[1]; /* group_dead */
        submit(e);
    } else {
        count_lost();
    }
    /* a thread that dies inside a traced call (exit_group from another thread) leaves no exit to pair */
    bpf_map_delete_elem(&pending_calls, &tid);
    return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
