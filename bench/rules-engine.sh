#!/usr/bin/env bash
# Rule engine throughput: replays a generated recording of >= 1 000 000 events through `bulkhead watch`
# with Falco's stable + incubating + sandbox rules, and again with one rule that never fires (decoding,
# process table and output plumbing only), then prints both rates and the evaluation-only estimate.
#
# Environment: BULKHEAD_CORPUS (default /work/shared/corpus), BULKHEAD_BIN (default .build/release/bulkhead,
# built when missing), EVENTS (default 1000000), WORKDIR (default a temporary directory), RUNS (default 3), WARMUP (default 1).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
corpus="${BULKHEAD_CORPUS:-/work/shared/corpus}"
rules_dir="$corpus/falco/rules-current"
events="${EVENTS:-1000000}"
runs="${RUNS:-3}"
bin="${BULKHEAD_BIN:-$root/.build/release/bulkhead}"
work="${WORKDIR:-$(mktemp -d)}"
mkdir -p "$work"

for f in falco_rules.yaml falco-incubating_rules.yaml falco-sandbox_rules.yaml; do
    [[ -f "$rules_dir/$f" ]] || { echo "missing $rules_dir/$f (set BULKHEAD_CORPUS)" >&2; exit 2; }
done
if [[ ! -x "$bin" ]]; then
    (cd "$root" && swift build -c release --product bulkhead >&2)
fi

recording="$work/recording-$events.jsonl"
[[ -f "$recording" ]] || python3 "$here/make-recording.py" "$recording" "$events"
bytes=$(stat -c %s "$recording")
max_mib=$(( bytes / 1048576 + 64 ))

null_rules="$work/never.yaml"
cat > "$null_rules" <<'YAML'
- rule: Never fires
  desc: bench baseline, evaluated for openat events only and never true
  condition: evt.type = openat and proc.name = "no-such-process-name"
  output: never %proc.name
  priority: DEBUG
YAML

full=(watch --replay "$recording" --max-file-size "$max_mib" --hostname bench
    --rules "$rules_dir/falco_rules.yaml" --rules "$rules_dir/falco-incubating_rules.yaml"
    --rules "$rules_dir/falco-sandbox_rules.yaml")
base=(watch --replay "$recording" --max-file-size "$max_mib" --hostname bench --rules "$null_rules")

echo "recording: $recording ($events events, $((bytes / 1048576)) MiB)"
echo "== full rules, one run for the alert summary"
"$bin" "${full[@]}" 2>"$work/full.err" >"$work/full.out" || true
cat "$work/full.err" | head -20

# Mean wall time in seconds of `$bin $@` over $runs runs.
time_it() {
    if command -v hyperfine >/dev/null; then
        local json="$work/hf-$1.json"
        shift
        hyperfine --runs "$runs" --warmup "${WARMUP:-1}" --ignore-failure --export-json "$json" \
            "$(printf '%q ' "$bin" "$@") >/dev/null 2>&1" >&2
        python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["mean"])' "$json"
    else
        shift
        local total=0 t
        for _ in $(seq "$runs"); do
            t=$( { /usr/bin/time -f %e "$bin" "$@" >/dev/null 2>/dev/null; } 2>&1 | tail -1)
            total=$(python3 -c "print($total + $t)")
        done
        python3 -c "print($total / $runs)"
    fi
}

t_full=$(time_it full "${full[@]}")
t_base=$(time_it base "${base[@]}")
python3 - "$events" "$t_full" "$t_base" <<'PY'
import sys
n, full, base = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
print(f"full rules (81 loaded):    {full:8.2f} s  {n / full:12,.0f} events/s")
print(f"baseline (1 rule, decode): {base:8.2f} s  {n / base:12,.0f} events/s")
ev = full - base
if ev > 0:
    print(f"evaluation only (est.):    {ev:8.2f} s  {n / ev:12,.0f} events/s  ({100 * ev / full:.0f}% of the full run)")
else:
    print("evaluation only (est.):    below measurement noise")
PY
