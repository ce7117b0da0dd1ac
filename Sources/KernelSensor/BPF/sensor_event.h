/* The record layout shared by sensor.bpf.c and the Swift decoder (KernelSensorRecords/SensorRecordLayout.swift).
 * Little-endian, naturally aligned, fixed size. Bump SENSOR_ABI_VERSION when a field moves. */
#ifndef BULKHEAD_SENSOR_EVENT_H
#define BULKHEAD_SENSOR_EVENT_H

#define SENSOR_ABI_VERSION 1
#define SENSOR_COMM_LEN 16
#define SENSOR_CGROUP_LEN 80
#define SENSOR_PATH_LEN 256

enum sensor_kind {
    SENSOR_KIND_SYSCALL = 1,      /* a traced system call, enter+exit paired; nr says which */
    SENSOR_KIND_PROCESS_EXEC = 2, /* sched_process_exec: path = bprm->filename */
    SENSOR_KIND_PROCESS_FORK = 3, /* sched_process_fork: aux_pid = child tid, aux_tgid = child pid */
    SENSOR_KIND_PROCESS_EXIT = 4, /* sched_process_exit: ret = exit code, flags = group_dead */
};

/* offset  size  field
 *   0      2    abi_version
 *   2      2    kind
 *   4      4    nr (syscall number, x86_64 numbering)
 *   8      8    timestamp_ns (bpf_ktime_get_boot_ns)
 *  16      4    pid (tgid)       20 4 tid      24 4 ppid     28 4 uid
 *  32      4    gid              36 4 aux_pid  40 4 aux_tgid 44 4 path_len (bytes incl. NUL, 0 = none)
 *  48      8    ret
 *  56      8    flags (openat flags / group_dead)
 *  64      8    cgroup_id (kernfs id of the task's memory cgroup (v1) or default cgroup (v2))
 *  72      2    sa_family       74 2 sa_port (network order)   76 4 mode
 *  80     16    sa_addr
 *  96     16    comm
 * 112     80    cgroup_name (leaf name of that cgroup: the container id under docker)
 * 192    256    path
 * 448          total
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
    unsigned int aux_pid;
    unsigned int aux_tgid;
    unsigned int path_len;
    long long ret;
    unsigned long long flags;
    unsigned long long cgroup_id;
    unsigned short sa_family;
    unsigned short sa_port;
    unsigned int mode;
    unsigned char sa_addr[16];
    char comm[SENSOR_COMM_LEN];
    char cgroup_name[SENSOR_CGROUP_LEN];
    char path[SENSOR_PATH_LEN];
};

_Static_assert(sizeof(struct sensor_event) == 448, "sensor_event ABI size");

#endif
