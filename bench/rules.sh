#!/usr/bin/env bash
# Rule engine throughput with Falco's stable + incubating + sandbox rules over a generated recording of
# >= 1 000 000 realistic events (bench/make-recording.py), replayed by `bulkhead watch --replay FILE --stats`.
#
# Runs the replay WARMUP times unmeasured, then RUNS times, and prints the median, best and worst over the runs of
# what the --stats JSON line that watch writes to standard error holds:
#   - evaluation throughput (ProcessTable update + rule evaluation, one core), events/s
#   - decode throughput (JSON lines to events), events/s
#   - end-to-end throughput (decode + evaluate + output, wall time), events/s
#   - peak memory (RSS)
#
# Environment: BULKHEAD_CORPUS (default ../shared/corpus beside the repository), BULKHEAD_BIN (default .build/release/bulkhead,
# built with `swift build -c release --product bulkhead` when missing), EVENTS (default 1000000),
# RUNS (default 5), WARMUP (default 1), WORKDIR (default a temporary directory, removed at exit).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
corpus="${BULKHEAD_CORPUS:-$root/../shared/corpus}"
rules_dir="$corpus/falco/rules-current"
events="${EVENTS:-1000000}"
runs="${RUNS:-5}"
warmup="${WARMUP:-1}"
bin="${BULKHEAD_BIN:-$root/.build/release/bulkhead}"
if [[ -n "${WORKDIR:-}" ]]; then
    work="$WORKDIR"
    mkdir -p "$work"
else
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
fi

for f in falco_rules.yaml falco-incubating_rules.yaml falco-sandbox_rules.yaml; do
    [[ -f "$rules_dir/$f" ]] || { echo "missing $rules_dir/$f (set BULKHEAD_CORPUS)" >&2; exit 2; }
done
command -v python3 >/dev/null || { echo "python3 is needed (make-recording.py, stats parsing)" >&2; exit 2; }
if [[ ! -x "$bin" ]]; then
    echo "building $bin" >&2
    (cd "$root" && swift build -c release --product bulkhead >&2)
fi

recording="$work/recording-$events.jsonl"
[[ -f "$recording" ]] || python3 "$here/make-recording.py" "$recording" "$events" >&2
bytes=$(stat -c %s "$recording")
max_mib=$((bytes / 1048576 + 64))

cmd=("$bin" watch --replay "$recording" --max-file-size "$max_mib" --hostname bench --stats
    --rules "$rules_dir/falco_rules.yaml" --rules "$rules_dir/falco-incubating_rules.yaml"
    --rules "$rules_dir/falco-sandbox_rules.yaml")

echo "recording: $recording ($events events, $((bytes / 1048576)) MiB)"
# This VM's speed drifts by tens of percent from second to second (a fixed CPU loop varies 0.20-0.33 s), so the
# replay runs WARMUP times unmeasured, then RUNS times, and the median and best of the runs are reported.
run_once() {
    local status=0
    "${cmd[@]}" >"$work/alerts.out" 2>"$work/watch.err" || status=$?
    # Exit 1 only means alerts at or above --fail-on; anything else is a failure of the run.
    if [[ $status -ne 0 && $status -ne 1 ]]; then
        echo "bulkhead watch failed (exit $status):" >&2
        tail -20 "$work/watch.err" >&2
        exit "$status"
    fi
    local line
    line=$(grep '^{"stats":' "$work/watch.err" | tail -1 || true)
    if [[ -z "$line" ]]; then
        echo "no --stats line in the output of bulkhead watch (is --stats supported by $bin?)" >&2
        tail -20 "$work/watch.err" >&2
        exit 2
    fi
    echo "$line" >>"$work/stats.jsonl"
}
# The machine's speed at the moment: a fixed pure-CPU Python loop, timed before and after the runs (about 0.23 s
# on this project's VM when it runs at full speed; slower values mean the runs shared the CPU with something).
calibrate() {
    python3 -c 'import time
t = time.perf_counter()
x = 0
for i in range(2_000_000): x += i * i
print(f"{time.perf_counter() - t:.3f}")'
}
before=$(calibrate)
for ((i = 0; i < warmup; i++)); do run_once; done
: >"$work/stats.jsonl"
for ((i = 0; i < runs; i++)); do run_once; done
after=$(calibrate)
echo "machine speed:          fixed CPU loop ${before} s before the runs, ${after} s after"

python3 - "$work/stats.jsonl" <<'PY'
import json, statistics, sys
runs = [json.loads(line)["stats"] for line in open(sys.argv[1]) if line.strip()]
n = runs[0]["events"]
def rate(s):
    return s.get("evaluatedEventsPerSecond") or (n / s["evaluateSeconds"] if s["evaluateSeconds"] > 0 else float("inf"))
def summary(values, unit, fmt):
    return f"median {fmt(statistics.median(values))} {unit}, best {fmt(max(values))}, worst {fmt(min(values))}"
rates = [rate(s) for s in runs]
ends = [n / s["wallSeconds"] for s in runs if s["wallSeconds"] > 0]
decodes = [n / s["decodeSeconds"] for s in runs if s["decodeSeconds"] > 0]
last = runs[-1]
print(f"runs:                   {len(runs)}")
print(f"events:                 {n:>14,}   alerts {last['alerts']:,}, dropped {last['dropped']:,}")
print(f"evaluation (one core):  {summary(rates, 'events/s', lambda v: f'{v:,.0f}')}   (process table + rules)")
print(f"decode:                 {summary(decodes, 'events/s', lambda v: f'{v:,.0f}')}")
print(f"end to end:             {summary(ends, 'events/s', lambda v: f'{v:,.0f}')}")
print(f"peak memory (RSS):      {max(s['peakRSSBytes'] for s in runs) / 1048576:.1f} MiB (largest of the runs)")
PY
