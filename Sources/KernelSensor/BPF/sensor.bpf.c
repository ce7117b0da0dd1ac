// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Bulkhead kernel sensor (issue 7 spike).
 *
 * CO-RE without kernel headers: the few kernel structs read here are declared below with
 * preserve_access_index, so libbpf relocates every field offset against /sys/kernel/btf/vmlinux at load.
 * Syscall numbers are x86_64's.
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
    BPF_MAP_TYPE_PERCPU_ARRAY = 6,
    BPF_MAP_TYPE_RINGBUF = 27,
};
#define BPF_ANY 0

#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#include "sensor_event.h"

#define NR_CONNECT 42
#define NR_EXECVE 59
#define NR_OPENAT 257
#define NR_EXECVEAT 322
#define NR_OPENAT2 437

#define AF_INET 2
#define AF_INET6 10

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

struct task_struct {
    int pid;
    int tgid;
    int exit_code;
    struct task_struct *real_parent;
    struct css_set *cgroups;
} __attribute__((preserve_access_index));

struct linux_binprm {
    const char *filename;
} __attribute__((preserve_access_index));

struct trace_event_raw_sys_enter {
    long id;
    unsigned long args[6];
} __attribute__((preserve_access_index));

struct trace_event_raw_sys_exit {
    long id;
    long ret;
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
    __u64 timestamp_ns;
    __u32 nr;
    __u32 path_len;
    __u64 flags;
    __u32 mode;
    __u16 sa_family;
    __u16 sa_port;
    __u8 sa_addr[16];
    char path[SENSOR_PATH_LEN];
};

struct {
    __uint(type, BPF_MAP_TYPE_RINGBUF);
    __uint(max_entries, 8 * 1024 * 1024);
} events SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, __u64);
} lost_events SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 16384);
    __type(key, __u32);
    __type(value, struct pending_call);
} pending_calls SEC(".maps");

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
        *lost += 1;
}

static __always_inline void fill_task(struct sensor_event *e, __u16 kind)
{
    struct task_struct *task = (struct task_struct *)bpf_get_current_task();
    __u64 pid_tgid = bpf_get_current_pid_tgid();
    __u64 uid_gid = bpf_get_current_uid_gid();

    e->abi_version = SENSOR_ABI_VERSION;
    e->kind = kind;
    e->timestamp_ns = bpf_ktime_get_boot_ns();
    e->pid = pid_tgid >> 32;
    e->tid = (__u32)pid_tgid;
    e->uid = (__u32)uid_gid;
    e->gid = uid_gid >> 32;
    e->ppid = BPF_CORE_READ(task, real_parent, tgid);
    bpf_get_current_comm(e->comm, sizeof(e->comm));

    /* memory controller's cgroup: /docker/<id> under cgroup v1; on a pure v2 host it is the unified cgroup. */
    struct css_set *cgroups = BPF_CORE_READ(task, cgroups);
    struct cgroup_subsys_state **slots = __builtin_preserve_access_index(&cgroups->subsys[0]);
    __u32 index = bpf_core_enum_value(enum cgroup_subsys_id, memory_cgrp_id);
    struct cgroup_subsys_state *css = 0;
    if (index < 64)
        bpf_probe_read_kernel(&css, sizeof(css), slots + index);
    if (css) {
        struct kernfs_node *kn = BPF_CORE_READ(css, cgroup, kn);
        if (kn) {
            e->cgroup_id = BPF_CORE_READ(kn, id);
            const char *name = BPF_CORE_READ(kn, name);
            bpf_probe_read_kernel_str(e->cgroup_name, sizeof(e->cgroup_name), name);
        }
    }
}

static __always_inline struct sensor_event *reserve_event(void)
{
    struct sensor_event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
    if (!e) {
        count_lost();
        return 0;
    }
    /* the ring buffer memory is not zeroed */
    __builtin_memset(e, 0, sizeof(*e));
    return e;
}

/* ---- syscalls ---- */
SEC("tracepoint/raw_syscalls/sys_enter")
int sys_enter(struct trace_event_raw_sys_enter *ctx)
{
    long nr = ctx->id;
    if (nr != NR_EXECVE && nr != NR_EXECVEAT && nr != NR_OPENAT && nr != NR_OPENAT2 && nr != NR_CONNECT)
        return 0;

    __u32 zero = 0;
    struct pending_call *call = bpf_map_lookup_elem(&scratch, &zero);
    if (!call)
        return 0;
    __builtin_memset(call, 0, sizeof(*call));
    call->timestamp_ns = bpf_ktime_get_boot_ns();
    call->nr = nr;

    const char *path = 0;
    switch (nr) {
    case NR_EXECVE:
        path = (const char *)ctx->args[0];
        break;
    case NR_EXECVEAT:
        path = (const char *)ctx->args[1];
        call->flags = ctx->args[4];
        break;
    case NR_OPENAT:
        path = (const char *)ctx->args[1];
        call->flags = ctx->args[2];
        call->mode = ctx->args[3];
        break;
    case NR_OPENAT2: {
        struct open_how how = {};
        path = (const char *)ctx->args[1];
        bpf_probe_read_user(&how, sizeof(how), (const void *)ctx->args[2]);
        call->flags = how.flags;
        call->mode = how.mode;
        break;
    }
    case NR_CONNECT: {
        const void *addr = (const void *)ctx->args[1];
        call->flags = ctx->args[0]; /* the fd */
        bpf_probe_read_user(&call->sa_family, sizeof(call->sa_family), addr);
        if (call->sa_family == AF_INET) {
            bpf_probe_read_user(&call->sa_port, 2, addr + 2);
            bpf_probe_read_user(call->sa_addr, 4, addr + 4);
        } else if (call->sa_family == AF_INET6) {
            bpf_probe_read_user(&call->sa_port, 2, addr + 2);
            bpf_probe_read_user(call->sa_addr, 16, addr + 8);
        }
        break;
    }
    }
    if (path) {
        long n = bpf_probe_read_user_str(call->path, sizeof(call->path), path);
        call->path_len = n > 0 ? n : 0;
    }
    __u32 tid = (__u32)bpf_get_current_pid_tgid();
    bpf_map_update_elem(&pending_calls, &tid, call, BPF_ANY);
    return 0;
}

SEC("tracepoint/raw_syscalls/sys_exit")
int sys_exit(struct trace_event_raw_sys_exit *ctx)
{
    long nr = ctx->id;
    if (nr != NR_EXECVE && nr != NR_EXECVEAT && nr != NR_OPENAT && nr != NR_OPENAT2 && nr != NR_CONNECT)
        return 0;
    __u32 tid = (__u32)bpf_get_current_pid_tgid();
    struct pending_call *call = bpf_map_lookup_elem(&pending_calls, &tid);
    if (!call)
        return 0;

    struct sensor_event *e = reserve_event();
    if (e) {
        fill_task(e, SENSOR_KIND_SYSCALL);
        e->nr = call->nr;
        e->ret = ctx->ret;
        e->flags = call->flags;
        e->mode = call->mode;
        e->sa_family = call->sa_family;
        e->sa_port = call->sa_port;
        __builtin_memcpy(e->sa_addr, call->sa_addr, sizeof(e->sa_addr));
        e->path_len = call->path_len;
        bpf_probe_read_kernel(e->path, sizeof(e->path), call->path);
        bpf_ringbuf_submit(e, 0);
    }
    bpf_map_delete_elem(&pending_calls, &tid);
    return 0;
}

/* ---- scheduler ---- */
SEC("tp_btf/sched_process_exec")
int process_exec(__u64 *ctx)
{
    struct linux_binprm *bprm = (struct linux_binprm *)ctx[2];
    struct sensor_event *e = reserve_event();
    if (!e)
        return 0;
    fill_task(e, SENSOR_KIND_PROCESS_EXEC);
    e->aux_pid = (__u32)ctx[1]; /* old_pid */
    const char *filename = BPF_CORE_READ(bprm, filename);
    long n = bpf_probe_read_kernel_str(e->path, sizeof(e->path), filename);
    e->path_len = n > 0 ? n : 0;
    bpf_ringbuf_submit(e, 0);
    return 0;
}

SEC("tp_btf/sched_process_fork")
int process_fork(__u64 *ctx)
{
    struct task_struct *child = (struct task_struct *)ctx[1];
    struct sensor_event *e = reserve_event();
    if (!e)
        return 0;
    fill_task(e, SENSOR_KIND_PROCESS_FORK);
    e->aux_pid = BPF_CORE_READ(child, pid);
    e->aux_tgid = BPF_CORE_READ(child, tgid);
    bpf_ringbuf_submit(e, 0);
    return 0;
}

SEC("tp_btf/sched_process_exit")
int process_exit(__u64 *ctx)
{
    struct task_struct *task = (struct task_struct *)ctx[0];
    struct sensor_event *e = reserve_event();
    if (!e)
        return 0;
    fill_task(e, SENSOR_KIND_PROCESS_EXIT);
    e->ret = BPF_CORE_READ(task, exit_code);
    e->flags = (__u8)ctx[1]; /* group_dead */
    __u32 tid = e->tid;
    bpf_ringbuf_submit(e, 0);
    /* a thread that dies inside a traced call (exit_group from another thread) leaves no exit to pair */
    bpf_map_delete_elem(&pending_calls, &tid);
    return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
