#!/usr/bin/env python3
"""Writes a large bulkhead-events recording (docs/event-recording.md) for bench/rules.sh.

Usage: make-recording.py OUT [EVENTS] [SEED]

A deterministic, realistic mix: web servers, app workers and databases in several containers plus host
daemons, doing openat/open/connect/execve/clone/procexit. Almost everything is benign; about one event in
20 000 is an attack step that fires a stable Falco rule (a terminal shell in a container, `cat /etc/shadow`,
a binary dropped in the container's upper layer and run).
"""
import json
import random
import sys

out = sys.argv[1]
total = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 6)
dumps = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode

CAPS = {"effective": 2818844155, "permitted": 2818844155, "inheritable": 0}
CONTAINERS = [
    {"id": "3ad7b26ded6d", "name": "web", "image": "docker.io/library/nginx:1.27",
     "repository": "docker.io/library/nginx", "tag": "1.27", "runtime": "containerd",
     "pod": {"name": "web-6d5f8c7b9-x2x7k", "uid": "9c1e5d2a-1f0b-4a57-9a44-0d7f6c3b2e11", "namespace": "shop"}},
    {"id": "7f1c0a9e4b22", "name": "api", "image": "registry.example.com/shop/api:4.2.0",
     "repository": "registry.example.com/shop/api", "tag": "4.2.0", "runtime": "containerd",
     "pod": {"name": "api-5c9d7-qq8lm", "uid": "1d2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b", "namespace": "shop"}},
    {"id": "b0e4d2c1a987", "name": "db", "image": "docker.io/library/postgres:16",
     "repository": "docker.io/library/postgres", "tag": "16", "runtime": "docker"},
    {"id": "c5a1f3e7d2b4", "name": "worker", "image": "docker.io/library/python:3.12-slim",
     "repository": "docker.io/library/python", "tag": "3.12-slim", "runtime": "containerd",
     "pod": {"name": "worker-7b8c9-abcde", "uid": "2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b", "namespace": "jobs"}},
]
# (container index or None for the host, comm, exepath, args, uid, user, files read, peers)
WORKLOADS = [
    (0, "nginx", "/usr/sbin/nginx", ["-g", "daemon off;"], 101, "nginx",
     ["/usr/share/nginx/html/index.html", "/usr/share/nginx/html/app.js", "/etc/nginx/nginx.conf",
      "/var/cache/nginx/client_temp/0001"], [("10.244.1.23", 8080)]),
    (1, "node", "/usr/local/bin/node", ["server.js"], 1000, "node",
     ["/app/server.js", "/app/node_modules/express/index.js", "/app/config/default.json", "/tmp/upload-1"],
     [("10.244.2.5", 5432), ("10.96.0.10", 53), ("10.244.3.9", 6379)]),
    (2, "postgres", "/usr/lib/postgresql/16/bin/postgres", ["-D", "/var/lib/postgresql/data"], 999, "postgres",
     ["/var/lib/postgresql/data/base/16384/2619", "/var/lib/postgresql/data/pg_wal/000000010000000000000001",
      "/var/lib/postgresql/data/postgresql.conf"], [("10.244.2.6", 5432)]),
    (3, "python3", "/usr/local/bin/python3.12", ["-m", "worker"], 1000, "app",
     ["/usr/local/lib/python3.12/json/__init__.py", "/srv/jobs/queue.db", "/tmp/job-output.csv"],
     [("10.96.0.10", 53), ("52.94.236.248", 443)]),
    (None, "containerd", "/usr/bin/containerd", [], 0, "root",
     ["/var/lib/containerd/io.containerd.metadata.v1.bolt/meta.db", "/run/containerd/containerd.sock"],
     [("127.0.0.1", 10010)]),
    (None, "kubelet", "/usr/bin/kubelet", ["--config=/var/lib/kubelet/config.yaml"], 0, "root",
     ["/var/lib/kubelet/config.yaml", "/proc/meminfo", "/sys/fs/cgroup/cpu.stat"], [("10.0.0.1", 6443)]),
    (None, "sshd", "/usr/sbin/sshd", ["-D"], 0, "root", ["/etc/ssh/sshd_config", "/etc/passwd"], []),
]
# short-lived children a workload execs (benign)
CHILDREN = {
    0: [("nginx", "/usr/sbin/nginx", ["-s", "reload"])], 1: [("node", "/usr/local/bin/node", ["healthcheck.js"])],
    2: [("postgres", "/usr/lib/postgresql/16/bin/postgres", ["--single"])], 3: [("python3", "/usr/local/bin/python3.12", ["-c", "pass"])],
    None: [("runc", "/usr/bin/runc", ["--version"]), ("iptables", "/usr/sbin/iptables", ["-L", "-n"])],
}

seen = set()
num = 0
ts = 1764403200000000000


def container(index):
    if index is None:
        return None
    c = CONTAINERS[index]
    if c["id"] in seen:
        return {"id": c["id"]}
    seen.add(c["id"])
    return c


def thread(pid, ppid, comm, exepath, args, uid, user, vpid=None, tty=0, upper=False):
    t = {"pid": pid, "ppid": ppid, "comm": comm, "exe": exepath, "exepath": exepath, "args": args, "cwd": "/",
         "uid": uid, "gid": uid, "user": user, "group": user, "cap": CAPS}
    if vpid is not None:
        t["vpid"] = vpid
    if tty:
        t["tty"] = tty
    if upper:
        t["exe_upper_layer"] = True
    return t


def event(kind, thr, cidx, res=None, args=None, fd=None):
    global num, ts
    num += 1
    ts += rng.randint(2_000, 80_000)
    e = {"num": num, "ts": ts, "type": kind}
    if res is not None:
        e["res"] = res
    if args:
        e["args"] = args
    e["thread"] = thr
    if fd:
        e["fd"] = fd
    c = container(cidx)
    if c:
        e["container"] = c
    return dumps(e)


def open_event(thr, cidx, path, kind="openat", res=None):
    fdnum = res if res is not None else rng.randint(3, 40)
    args = {"name": {"path": path}, "flags": {"flags": ["O_RDONLY", "O_CLOEXEC"], "raw": 524288}, "mode": 0}
    if kind == "openat":
        args = {"dirfd": -100, **args}
    return event(kind, thr, cidx, fdnum, args, {"num": fdnum, "type": "file", "name": path})


def connect_event(thr, cidx, sip, sport):
    cip = "10.244.1.17" if cidx is not None else "10.0.0.5"
    cport = rng.randint(32768, 60999)
    tup = {"family": "ipv4", "proto": "udp" if sport == 53 else "tcp", "cip": cip, "cport": cport,
           "sip": sip, "sport": sport}
    fdnum = rng.randint(3, 40)
    return event("connect", thr, cidx, 0, {"fd": fdnum, "tuple": {"tuple": tup}},
                 {"num": fdnum, "type": "ipv4", "name": f"{cip}:{cport}->{sip}:{sport}", "tuple": tup,
                  "server": False})


def attack(lines, pid):
    """One attack episode in the api container: a terminal shell, cat /etc/shadow, a dropped binary."""
    cidx = 1
    sh = thread(pid, 4000, "bash", "/bin/bash", [], 0, "root", vpid=pid % 1000, tty=34816)
    lines.append(event("execve", sh, cidx, 0, {"filename": {"path": "/bin/bash"}}))
    cat = thread(pid + 1, pid, "cat", "/usr/bin/cat", ["/etc/shadow"], 0, "root", vpid=pid % 1000 + 1, tty=34816)
    lines.append(event("execve", cat, cidx, 0, {"filename": {"path": "/usr/bin/cat"}}))
    lines.append(open_event(cat, cidx, "/etc/shadow"))
    lines.append(event("procexit", cat, cidx, args={"status": 0}))
    drop = thread(pid + 2, pid, "xmrig", "/tmp/xmrig", ["-o", "pool.example.net:3333"], 0, "root",
                  vpid=pid % 1000 + 2, tty=34816, upper=True)
    lines.append(event("execve", drop, cidx, 0, {"filename": {"path": "/tmp/xmrig"}}))


def main():
    next_pid = 20000
    procs = []
    for i, (cidx, comm, exe, args, uid, user, files, peers) in enumerate(WORKLOADS):
        procs.append((cidx, thread(3000 + i * 10, 1, comm, exe, args, uid, user,
                                   vpid=1 if cidx is not None else None), files, peers))
    with open(out, "w", encoding="utf-8") as f:
        f.write(dumps({"format": "bulkhead-events", "version": 1}) + "\n")
        buf = []
        written = 0
        while written < total:
            r = rng.random()
            if r < 1 / 20000 * 5 and written + 5 <= total:
                attack(buf, next_pid)
                next_pid += 3
                written += 5
            else:
                cidx, thr, files, peers = rng.choice(procs)
                if r < 0.55:
                    buf.append(open_event(thr, cidx, rng.choice(files), "openat" if r < 0.50 else "open"))
                    written += 1
                elif r < 0.75 and peers:
                    buf.append(connect_event(thr, cidx, *rng.choice(peers)))
                    written += 1
                elif written + 3 <= total:
                    # clone, the child execs a benign program, then exits
                    child = next_pid
                    next_pid += 1
                    buf.append(event("clone", thr, cidx, child,
                                     {"flags": {"flags": ["CLONE_CHILD_CLEARTID", "CLONE_CHILD_SETTID"],
                                                "raw": 18874385}}))
                    comm, exe, args = rng.choice(CHILDREN[cidx])
                    ct = thread(child, thr["pid"], comm, exe, args, thr["uid"], thr["user"],
                                vpid=child % 1000 if cidx is not None else None)
                    buf.append(event("execve", ct, cidx, 0, {"filename": {"path": exe}}))
                    buf.append(event("procexit", ct, cidx, args={"status": 0}))
                    written += 3
                else:
                    buf.append(open_event(thr, cidx, rng.choice(files)))
                    written += 1
            if len(buf) >= 10000:
                f.write("\n".join(buf) + "\n")
                buf.clear()
        if buf:
            f.write("\n".join(buf) + "\n")
    print(f"{out}: {written} events", file=sys.stderr)


main()
