/* The record layout shared by sensor.bpf.c and the Swift decoder (SensorRecords/SensorRecordLayout.swift).
 * Little-endian, naturally aligned, three fixed sizes. Bump SENSOR_ABI_VERSION when a field moves; the
 * offsets are checked by the _Static_asserts below and, on the Swift side, by SensorRecordLayoutTests, which
 * reads the `#define SENSOR_OFFSET_*` lines of this header. */
#ifndef BULKHEAD_SENSOR_EVENT_H
#define BULKHEAD_SENSOR_EVENT_H

#define SENSOR_ABI_VERSION 2
#define SENSOR_COMM_LEN 16
#define SENSOR_CGROUP_LEN 80
#define SENSOR_AUX_LEN 32
#define SENSOR_PATH_LEN 256
#define SENSOR_ARGV_LEN 4096
#define SENSOR_SYSCALL_ARGS 6
/* syscall numbers below this are looked up in the interest map */
#define SENSOR_MAX_SYSCALL 512

enum sensor_kind {
    SENSOR_KIND_SYSCALL = 1,      /* a traced system call, enter+exit paired; nr says which */
    SENSOR_KIND_PROCESS_EXEC = 2, /* sched_process_exec: path = bprm->filename; an exec record */
    SENSOR_KIND_PROCESS_FORK = 3, /* sched_process_fork: aux_pid = child tid, aux_tgid = child pid */
    SENSOR_KIND_PROCESS_EXIT = 4, /* sched_process_exit: ret = exit code, args[0] = group_dead */
};

/* exec_flags bits */
#define SENSOR_EXEC_FROM_MEMFD 1

/* struct sensor_event: every record starts with it (544 bytes).
 *
 * offset  size  field
 *   0      2    abi_version
 *   2      2    kind
 *   4      4    nr (syscall number, x86_64 numbering; 0 for scheduler records)
 *   8      8    timestamp_ns (bpf_ktime_get_boot_ns)
 *  16      4    pid (tgid)     20 4 tid     24 4 ppid (real_parent->tgid)
 *  28      4    uid            32 4 gid     36 4 euid     40 4 egid
 *  44      4    aux_pid (fork: child tid; exec: old tid)   48 4 aux_tgid (fork: child pid)
 *  52      2    path_len (bytes incl. NUL, 0 = none)        54 2 path2_len (0 = no path2 section)
 *  56      8    ret (return value, or exit code)
 *  64      8    cgroup_id (kernfs id of the task's memory cgroup (v1) or default cgroup (v2))
 *  72     48    args[6]: the raw syscall arguments (openat2: args[2..4] = how.flags, how.mode, how.resolve;
 *                capset: args[2..4] = effective, permitted, inheritable)
 * 120      2    sa_family      122 2 sock_type (SOCK_STREAM…, 0 = unknown)
 * 124      2    local_port     126 2 remote_port (host order)
 * 128     16    local_addr     144 16 remote_addr (4 bytes used for AF_INET)
 *                connect/bind: the user's sockaddr; after a successful connect, accept*, dup* the kernel socket
 *                behind the descriptor (both ends, sock_type); AF_UNIX: the path is in `path` (`@name` abstract)
 * 160     16    comm
 * 176     80    cgroup_name (leaf name of that cgroup: the container id under docker)
 * 256     32    aux (mount: filesystem type)
 * 288    256    path (first path argument; AF_UNIX socket path; memfd/module name)
 * 544          size
 *
 * struct sensor_event2 (800 bytes) = sensor_event + path2[256] at 544: rename/link/symlink/mount.
 *
 * struct sensor_exec_event (4688 bytes) = sensor_event +
 * 544      8    cap_effective  552 8 cap_permitted   560 8 cap_inheritable
 * 568      4    loginuid (0xffffffff = unset)        572 4 tty (major << 8 | minor, 0 = none)
 * 576      4    sid            580 4 vpid            584 4 exec_flags    588 4 argv_len
 * 592   4096    argv (NUL-separated, from mm->arg_start, bounded)
 * 4688         size
 */
struct sensor_event {
    unsigned short abi_version;
    unsigned short kind;
    unsigned int nr;
    unsigned long long timestamp_ns;
    unsigned int pid;
    unsigned int tid;
    unsigned int ppid;
    unsigned int uid;
    unsigned int gid;
    unsigned int euid;
    unsigned int egid;
    unsigned int aux_pid;
    unsigned int aux_tgid;
    unsigned short path_len;
    unsigned short path2_len;
    long long ret;
    unsigned long long cgroup_id;
    unsigned long long args[SENSOR_SYSCALL_ARGS];
    unsigned short sa_family;
    unsigned short sock_type;
    unsigned short local_port;
    unsigned short remote_port;
    unsigned char local_addr[16];
    unsigned char remote_addr[16];
    char comm[SENSOR_COMM_LEN];
    char cgroup_name[SENSOR_CGROUP_LEN];
    char aux[SENSOR_AUX_LEN];
    char path[SENSOR_PATH_LEN];
};

struct sensor_event2 {
    struct sensor_event base;
    char path2[SENSOR_PATH_LEN];
};

struct sensor_exec_event {
    struct sensor_event base;
    unsigned long long cap_effective;
    unsigned long long cap_permitted;
    unsigned long long cap_inheritable;
    unsigned int loginuid;
    unsigned int tty;
    unsigned int sid;
    unsigned int vpid;
    unsigned int exec_flags;
    unsigned int argv_len;
    char argv[SENSOR_ARGV_LEN];
};

/* Offsets the Swift side mirrors (SensorRecordLayout); SensorRecordLayoutTests parses these lines. */
#define SENSOR_SIZE_EVENT 544
#define SENSOR_SIZE_EVENT2 800
#define SENSOR_SIZE_EXEC_EVENT 4688
#define SENSOR_OFFSET_ABI_VERSION 0
#define SENSOR_OFFSET_KIND 2
#define SENSOR_OFFSET_NR 4
#define SENSOR_OFFSET_TIMESTAMP 8
#define SENSOR_OFFSET_PID 16
#define SENSOR_OFFSET_TID 20
#define SENSOR_OFFSET_PPID 24
#define SENSOR_OFFSET_UID 28
#define SENSOR_OFFSET_GID 32
#define SENSOR_OFFSET_EUID 36
#define SENSOR_OFFSET_EGID 40
#define SENSOR_OFFSET_AUX_PID 44
#define SENSOR_OFFSET_AUX_TGID 48
#define SENSOR_OFFSET_PATH_LEN 52
#define SENSOR_OFFSET_PATH2_LEN 54
#define SENSOR_OFFSET_RET 56
#define SENSOR_OFFSET_CGROUP_ID 64
#define SENSOR_OFFSET_ARGS 72
#define SENSOR_OFFSET_SA_FAMILY 120
#define SENSOR_OFFSET_SOCK_TYPE 122
#define SENSOR_OFFSET_LOCAL_PORT 124
#define SENSOR_OFFSET_REMOTE_PORT 126
#define SENSOR_OFFSET_LOCAL_ADDR 128
#define SENSOR_OFFSET_REMOTE_ADDR 144
#define SENSOR_OFFSET_COMM 160
#define SENSOR_OFFSET_CGROUP_NAME 176
#define SENSOR_OFFSET_AUX 256
#define SENSOR_OFFSET_PATH 288
#define SENSOR_OFFSET_PATH2 544
#define SENSOR_OFFSET_CAP_EFFECTIVE 544
#define SENSOR_OFFSET_CAP_PERMITTED 552
#define SENSOR_OFFSET_CAP_INHERITABLE 560
#define SENSOR_OFFSET_LOGINUID 568
#define SENSOR_OFFSET_TTY 572
#define SENSOR_OFFSET_SID 576
#define SENSOR_OFFSET_VPID 580
#define SENSOR_OFFSET_EXEC_FLAGS 584
#define SENSOR_OFFSET_ARGV_LEN 588
#define SENSOR_OFFSET_ARGV 592

#define SENSOR_ASSERT_OFFSET(type, field, offset) \
    _Static_assert(__builtin_offsetof(type, field) == (offset), #type "." #field " offset")

_Static_assert(sizeof(struct sensor_event) == SENSOR_SIZE_EVENT, "sensor_event ABI size");
_Static_assert(sizeof(struct sensor_event2) == SENSOR_SIZE_EVENT2, "sensor_event2 ABI size");
_Static_assert(sizeof(struct sensor_exec_event) == SENSOR_SIZE_EXEC_EVENT, "sensor_exec_event ABI size");
SENSOR_ASSERT_OFFSET(struct sensor_event, abi_version, SENSOR_OFFSET_ABI_VERSION);
SENSOR_ASSERT_OFFSET(struct sensor_event, kind, SENSOR_OFFSET_KIND);
SENSOR_ASSERT_OFFSET(struct sensor_event, nr, SENSOR_OFFSET_NR);
SENSOR_ASSERT_OFFSET(struct sensor_event, timestamp_ns, SENSOR_OFFSET_TIMESTAMP);
SENSOR_ASSERT_OFFSET(struct sensor_event, pid, SENSOR_OFFSET_PID);
SENSOR_ASSERT_OFFSET(struct sensor_event, tid, SENSOR_OFFSET_TID);
SENSOR_ASSERT_OFFSET(struct sensor_event, ppid, SENSOR_OFFSET_PPID);
SENSOR_ASSERT_OFFSET(struct sensor_event, uid, SENSOR_OFFSET_UID);
SENSOR_ASSERT_OFFSET(struct sensor_event, gid, SENSOR_OFFSET_GID);
SENSOR_ASSERT_OFFSET(struct sensor_event, euid, SENSOR_OFFSET_EUID);
SENSOR_ASSERT_OFFSET(struct sensor_event, egid, SENSOR_OFFSET_EGID);
SENSOR_ASSERT_OFFSET(struct sensor_event, aux_pid, SENSOR_OFFSET_AUX_PID);
SENSOR_ASSERT_OFFSET(struct sensor_event, aux_tgid, SENSOR_OFFSET_AUX_TGID);
SENSOR_ASSERT_OFFSET(struct sensor_event, path_len, SENSOR_OFFSET_PATH_LEN);
SENSOR_ASSERT_OFFSET(struct sensor_event, path2_len, SENSOR_OFFSET_PATH2_LEN);
SENSOR_ASSERT_OFFSET(struct sensor_event, ret, SENSOR_OFFSET_RET);
SENSOR_ASSERT_OFFSET(struct sensor_event, cgroup_id, SENSOR_OFFSET_CGROUP_ID);
SENSOR_ASSERT_OFFSET(struct sensor_event, args, SENSOR_OFFSET_ARGS);
SENSOR_ASSERT_OFFSET(struct sensor_event, sa_family, SENSOR_OFFSET_SA_FAMILY);
SENSOR_ASSERT_OFFSET(struct sensor_event, sock_type, SENSOR_OFFSET_SOCK_TYPE);
SENSOR_ASSERT_OFFSET(struct sensor_event, local_port, SENSOR_OFFSET_LOCAL_PORT);
SENSOR_ASSERT_OFFSET(struct sensor_event, remote_port, SENSOR_OFFSET_REMOTE_PORT);
SENSOR_ASSERT_OFFSET(struct sensor_event, local_addr, SENSOR_OFFSET_LOCAL_ADDR);
SENSOR_ASSERT_OFFSET(struct sensor_event, remote_addr, SENSOR_OFFSET_REMOTE_ADDR);
SENSOR_ASSERT_OFFSET(struct sensor_event, comm, SENSOR_OFFSET_COMM);
SENSOR_ASSERT_OFFSET(struct sensor_event, cgroup_name, SENSOR_OFFSET_CGROUP_NAME);
SENSOR_ASSERT_OFFSET(struct sensor_event, aux, SENSOR_OFFSET_AUX);
SENSOR_ASSERT_OFFSET(struct sensor_event, path, SENSOR_OFFSET_PATH);
SENSOR_ASSERT_OFFSET(struct sensor_event2, path2, SENSOR_OFFSET_PATH2);
SENSOR_ASSERT_OFFSET(struct sensor_exec_event, cap_effective, SENSOR_OFFSET_CAP_EFFECTIVE);
SENSOR_ASSERT_OFFSET(struct sensor_exec_event, cap_permitted, SENSOR_OFFSET_CAP_PERMITTED);
SENSOR_ASSERT_OFFSET(struct sensor_exec_event, cap_inheritable, SENSOR_OFFSET_CAP_INHERITABLE);
SENSOR_ASSERT_OFFSET(struct sensor_exec_event, loginuid, SENSOR_OFFSET_LOGINUID);
SENSOR_ASSERT_OFFSET(struct sensor_exec_event, tty, SENSOR_OFFSET_TTY);
SENSOR_ASSERT_OFFSET(struct sensor_exec_event, sid, SENSOR_OFFSET_SID);
SENSOR_ASSERT_OFFSET(struct sensor_exec_event, vpid, SENSOR_OFFSET_VPID);
SENSOR_ASSERT_OFFSET(struct sensor_exec_event, exec_flags, SENSOR_OFFSET_EXEC_FLAGS);
SENSOR_ASSERT_OFFSET(struct sensor_exec_event, argv_len, SENSOR_OFFSET_ARGV_LEN);
SENSOR_ASSERT_OFFSET(struct sensor_exec_event, argv, SENSOR_OFFSET_ARGV);

#endif
