#!/usr/bin/env bash
# The kernel sensor's cost and speed (issue 7), as root on a kernel with BTF:
#
#  1. Overhead: a syscall-heavy workload (open/read/close loop, fork+exec loop, tar extraction of a real
#     rootfs) timed by hyperfine without the sensor, then while `bulkhead watch` runs with the built-in
#     ruleset (its defaults, then --no-raw-syscall-fallback: on a kernel without module support the default
#     serves the module rules through the raw sys_exit tracepoint, which runs on every system call), alternating
#     ROUNDS times (a load that drifts meanwhile hits every side); prints each slowdown
#     ratio (target <= 1.05): the median over the rounds of the wall-time ratio, and of the workload's own CPU
#     time (user + system: the in-kernel cost, without the watch process competing for the cores).
#  2. Sensor CPU: the watch process's CPU time per million events, from its --stats line.
#  3. Burst: openat at full speed (>= 200 000/s on an idle core) for BURST_SECONDS while watch runs with a rule
#     that evaluates every one of them without firing, and a marker file opened every 10 ms that fires a rule;
#     prints the events the kernel dropped (target 0 with the default ring size) and the latency from the
#     system call to the end of its evaluation and to the alert, p50/p90/p99 (target p99 < 100 ms), from --stats.
#
# Environment: BULKHEAD_BIN (default .build/release/bulkhead, built when missing), BULKHEAD_CORPUS (default
# ../shared/corpus beside the repository), ROUNDS (default 3), RUNS (hyperfine runs per round, default 5),
# OPEN_COUNT (default 200000),
# EXEC_COUNT (default 2000), TAR_COUNT (default 20), BURST_SECONDS (default 5), CLANG (default: the Swift
# toolchain's clang).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
corpus="${BULKHEAD_CORPUS:-$root/../shared/corpus}"
bin="${BULKHEAD_BIN:-$root/.build/release/bulkhead}"
rounds="${ROUNDS:-3}"
runs="${RUNS:-5}"
open_count="${OPEN_COUNT:-200000}"
exec_count="${EXEC_COUNT:-2000}"
tar_count="${TAR_COUNT:-20}"
burst_seconds="${BURST_SECONDS:-5}"
clang="${CLANG:-$(dirname "$(command -v swift)")/clang}"
tarball="$corpus/images/alpine-minirootfs/alpine-minirootfs-3.11.13-x86_64.tar.gz"

[[ $(id -u) -eq 0 ]] || { echo "bench/sensor.sh must run as root (the sensor loads eBPF programs)" >&2; exit 4; }
[[ -f /sys/kernel/btf/vmlinux ]] || { echo "the kernel has no BTF (/sys/kernel/btf/vmlinux)" >&2; exit 4; }
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 2; }
[[ -f "$tarball" ]] || { echo "missing $tarball (set BULKHEAD_CORPUS)" >&2; exit 2; }
[[ -x "$clang" ]] || clang="$(command -v clang || true)"
[[ -x "$clang" ]] || { echo "no clang found (set CLANG)" >&2; exit 2; }
if [[ ! -x "$bin" ]]; then
    echo "building $bin" >&2
    (cd "$root" && swift build -c release --product bulkhead >&2)
fi

work="$(mktemp -d)"
watch_pid=""
cleanup() {
    [[ -n "$watch_pid" ]] && kill -KILL "$watch_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

"$clang" -O2 -Wall -o "$work/sensor-workload" "$here/sensor-workload.c"
workload="$work/sensor-workload"
mkdir -p "$work/extract"
echo hello >"$work/file"

# Starts `bulkhead watch` in the background with the given extra arguments; waits until it watches.
start_watch() {
    : >"$work/watch.err"
    "$bin" watch --no-config --stats --output "file=$work/alerts.jsonl" --json-output "$@" \
        >/dev/null 2>"$work/watch.err" &
    watch_pid=$!
    for _ in $(seq 1 300); do
        grep -q "watching" "$work/watch.err" && return 0
        kill -0 "$watch_pid" 2>/dev/null || { cat "$work/watch.err" >&2; exit 3; }
        sleep 0.1
    done
    echo "bulkhead watch did not start in 30 s" >&2
    cat "$work/watch.err" >&2
    exit 3
}

# Stops it with SIGTERM, waits for it to flush and exit, and keeps its --stats line in $stats_line.
stop_watch() {
    kill -TERM "$watch_pid"
    wait "$watch_pid" || true
    watch_pid=""
    stats_line=$(grep '^{"stats":' "$work/watch.err" | tail -1 || true)
    if [[ -z "$stats_line" ]]; then
        echo "bulkhead watch wrote no --stats line:" >&2
        tail -20 "$work/watch.err" >&2
        exit 3
    fi
}

benchmarks=(
    "$workload open $open_count $work/file"
    "$workload exec $exec_count"
    "for i in \$(seq $tar_count); do tar -xzf $tarball -C $work/extract; done"
)
names=("open/read/close x$open_count" "fork+exec x$exec_count" "tar -xzf alpine rootfs x$tar_count")

# One hyperfine pass over the benchmarks into $work/KIND-ROUND.json, with `bulkhead watch ARGS...` running unless
# KIND is "base"; keeps the watch's --stats line of the default configuration in $idle_stats.
measure() {
    local kind=$1 round=$2
    shift 2
    echo "== overhead round $round/$rounds: $kind $*"
    [[ "$kind" == base ]] || start_watch "$@"
    hyperfine --style basic --runs "$runs" --warmup 1 --export-json "$work/$kind-$round.json" "${benchmarks[@]}" >&2
    [[ "$kind" == base ]] && return 0
    stop_watch
    [[ "$kind" == with ]] && idle_stats="$stats_line"
    return 0
}

for round in $(seq "$rounds"); do
    measure base "$round"
    measure with "$round"
    measure lean "$round" --no-raw-syscall-fallback
done

echo "== burst: $burst_seconds s of openat at full speed, each evaluated by a rule; one alert every 10 ms"
cat >"$work/burst-rules.yaml" <<'EOF'
- rule: Bench burst open
  desc: sees every open of the burst file (its path passes the kernel's prefix filter) and never fires
  condition: evt.type in (open, openat) and fd.name startswith /tmp/bulkhead-sensor-burst and proc.name = no-such-program
  output: never (%proc.name %fd.name)
  priority: NOTICE
- rule: Bench latency marker
  desc: fires on each open of the marker file (syscall-to-alert latency under the burst)
  condition: evt.type in (open, openat) and fd.name = /tmp/bulkhead-sensor-marker
  output: marker opened by %proc.name
  priority: NOTICE
EOF
start_watch --rules "$work/burst-rules.yaml" --dedup-window 0 --rate-limit off
echo burst >/tmp/bulkhead-sensor-burst
echo marker >/tmp/bulkhead-sensor-marker
( end=$((SECONDS + burst_seconds)); while [ $SECONDS -lt $end ]; do cat /tmp/bulkhead-sensor-marker >/dev/null; sleep 0.01; done ) &
marker_pid=$!
"$workload" burst "$burst_seconds" /tmp/bulkhead-sensor-burst >"$work/burst.out"
wait "$marker_pid" || true
stop_watch
burst_stats="$stats_line"
rm -f /tmp/bulkhead-sensor-burst /tmp/bulkhead-sensor-marker

python3 - "$work" "$rounds" "$idle_stats" "$burst_stats" "$work/burst.out" "${names[@]}" <<'PY'
import json, statistics, sys
work, rounds, idle, burst, burst_out = sys.argv[1:6]
names = sys.argv[6:]
def load(kind, r):
    return json.load(open(f"{work}/{kind}-{r}.json"))["results"]
for kind, label in (("with", "defaults"), ("lean", "--no-raw-syscall-fallback")):
    rows = [(load("base", r), load(kind, r)) for r in range(1, int(rounds) + 1)]
    print(f"overhead, watch with {label} (with / without the sensor, median of {rounds} alternating rounds of "
          f"hyperfine means; target <= 1.05):")
    for i, name in enumerate(names):
        wall = [w[i]["mean"] / b[i]["mean"] for b, w in rows]
        cpu = [(w[i]["user"] + w[i]["system"]) / (b[i]["user"] + b[i]["system"]) for b, w in rows]
        base_ms = statistics.median(b[i]["mean"] for b, _ in rows) * 1000
        with_ms = statistics.median(w[i]["mean"] for _, w in rows) * 1000
        print(f"  {name:38s} {base_ms:9.1f} ms -> {with_ms:9.1f} ms   wall ratio {statistics.median(wall):.3f} "
              f"(rounds {', '.join(f'{x:.3f}' for x in wall)})   workload CPU ratio {statistics.median(cpu):.3f}")
s = json.loads(idle)["stats"]["sensor"]
print(f"sensor during the last round's overhead runs: {s['records']} records, {s['lost']} lost, "
      f"{s['cpuSeconds']} s CPU = {s['cpuSecondsPerMillionEvents']} s per million events")
t = json.loads(burst)["stats"]
s = t["sensor"]
print(open(burst_out).read().strip())
print(f"burst: {s['records']} records, {s['lost']} lost (per CPU {s['lostPerCPU']}; target 0), "
      f"{t['alerts']} alerts, {s['cpuSecondsPerMillionEvents']} s CPU per million events")
for key, label in (("eventLatencyMicroseconds", "syscall -> evaluated"), ("alertLatencyMicroseconds", "syscall -> alert")):
    l = s[key]
    if l.get("count"):
        print(f"  latency {label:22s} p50 {l['p50']/1000:.2f} ms  p90 {l['p90']/1000:.2f} ms  "
              f"p99 {l['p99']/1000:.2f} ms  max {l['max']/1000:.2f} ms  (target p99 < 100 ms)")
PY
