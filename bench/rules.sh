#!/usr/bin/env bash
# Rule engine throughput with Falco's stable + incubating + sandbox rules over a generated recording of
# >= 1 000 000 realistic events (bench/make-recording.py), replayed by `bulkhead watch --replay FILE --stats`.
#
# Prints, from the --stats JSON line that watch writes to standard error:
#   - evaluation throughput (ProcessTable update + rule evaluation, one core), events/s
#   - end-to-end throughput (decode + evaluate + output, wall time), events/s
#   - peak memory (RSS)
# and, when hyperfine is installed, the mean end-to-end wall time over RUNS runs.
#
# Environment: BULKHEAD_CORPUS (default ../shared/corpus beside the repository), BULKHEAD_BIN (default .build/release/bulkhead,
# built with `swift build -c release --product bulkhead` when missing), EVENTS (default 1000000),
# RUNS (default 3), WARMUP (default 1), WORKDIR (default a temporary directory, removed at exit).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
corpus="${BULKHEAD_CORPUS:-$root/../shared/corpus}"
rules_dir="$corpus/falco/rules-current"
events="${EVENTS:-1000000}"
runs="${RUNS:-3}"
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
status=0
"${cmd[@]}" >"$work/alerts.out" 2>"$work/watch.err" || status=$?
# Exit 1 only means alerts at or above --fail-on; anything else is a failure of the run.
if [[ $status -ne 0 && $status -ne 1 ]]; then
    echo "bulkhead watch failed (exit $status):" >&2
    tail -20 "$work/watch.err" >&2
    exit "$status"
fi
stats_line=$(grep '^{"stats":' "$work/watch.err" | tail -1 || true)
if [[ -z "$stats_line" ]]; then
    echo "no --stats line in the output of bulkhead watch (is --stats supported by $bin?)" >&2
    tail -20 "$work/watch.err" >&2
    exit 2
fi

python3 - "$stats_line" <<'PY'
import json, sys
s = json.loads(sys.argv[1])["stats"]
n = s["events"]
evaluate = s["evaluateSeconds"]
wall = s["wallSeconds"]
rate = s.get("evaluatedEventsPerSecond") or (n / evaluate if evaluate > 0 else float("inf"))
print(f"events:                 {n:>14,}   alerts {s['alerts']:,}, dropped {s['dropped']:,}")
print(f"decode:                 {s['decodeSeconds']:>10.2f} s   {n / s['decodeSeconds'] if s['decodeSeconds'] > 0 else 0:>14,.0f} events/s")
print(f"evaluation (one core):  {evaluate:>10.2f} s   {rate:>14,.0f} events/s   (process table + rules)")
print(f"output:                 {s['outputSeconds']:>10.2f} s")
print(f"end to end:             {wall:>10.2f} s   {n / wall if wall > 0 else 0:>14,.0f} events/s")
print(f"peak memory (RSS):      {s['peakRSSBytes'] / 1048576:>10.1f} MiB")
PY

if command -v hyperfine >/dev/null; then
    json="$work/hyperfine.json"
    hyperfine --runs "$runs" --warmup "$warmup" --ignore-failure --export-json "$json" \
        "$(printf '%q ' "${cmd[@]}") >/dev/null 2>&1" >&2
    python3 - "$json" "$events" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
n = int(sys.argv[2])
print(f"hyperfine end to end:   {r['mean']:>10.2f} s ± {r['stddev'] or 0:.2f}   {n / r['mean']:>14,.0f} events/s  ({len(r['times'])} runs)")
PY
else
    echo "hyperfine not installed: skipping the repeated end-to-end timing"
fi
