#!/usr/bin/env bash
# Compares `bulkhead audit k8s` with checkov over the Kubernetes corpus (k8s-manifests and checkov's own labelled
# examples):
#   1. per overlapping CKV_K8S check: checkov's and Bulkhead's fail counts and the agreement rate of their
#      verdicts per (file, object) (bench/checkov_compare.py; disagreements explained in docs/audit-compat.md#kubernetes-checkov);
#   2. the wall-time ratio checkov / Bulkhead over the same directories (one checkov run, hyperfine for Bulkhead).
# checkov always runs with --skip-download, so it stays offline.
# Usage: bench/audit-vs-checkov.sh   (env: BULKHEAD_CORPUS, CHECKOV_VENV=/var/tmp/checkov-venv, RUNS=5,
#                                     BULKHEAD_BIN to skip the release build, DETAILS=N to list disagreements)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
corpus=${BULKHEAD_CORPUS:-$repo/../shared/corpus}
venv=${CHECKOV_VENV:-/var/tmp/checkov-venv}
runs=${RUNS:-5}
details=${DETAILS:-0}
work="$repo/bench/.work/audit-k8s"
dirs=("$corpus/k8s-manifests" "$corpus/labelled/checkov/kubernetes")

for i in "${!dirs[@]}"; do
  [ -d "${dirs[$i]}" ] || { echo "corpus directory not found: ${dirs[$i]} (set BULKHEAD_CORPUS)" >&2; exit 2; }
  # Canonical paths: checkov skips directories whose path has a component starting with '.' (such as '..').
  dirs[$i]=$(cd "${dirs[$i]}" && pwd -P)
done
checkov="$venv/bin/checkov"
if [ ! -x "$checkov" ]; then
  echo "checkov not found at $checkov: create it with" >&2
  echo "  python3 -m venv $venv && $venv/bin/pip install checkov   (or set CHECKOV_VENV)" >&2
  exit 2
fi
command -v hyperfine >/dev/null 2>&1 || { echo "hyperfine not found (apt-get install hyperfine)" >&2; exit 2; }

bin=${BULKHEAD_BIN:-}
if [ -z "$bin" ]; then
  (cd "$repo" && swift build -c release --product bulkhead >&2)
  bin="$repo/.build/release/bulkhead"
fi
mkdir -p "$work"
cd "$work"
echo "checkov $("$checkov" --version 2>/dev/null | tail -1); bulkhead $("$bin" --version)" >&2

# checkov: one run per directory (its JSON keeps paths relative to -d), timed together.
start=$(date +%s.%N)
i=0
for dir in "${dirs[@]}"; do
  "$checkov" -d "$dir" --framework kubernetes --skip-download -o json > "checkov-$i.json" 2> "checkov-$i.stderr" || true
  [ -s "checkov-$i.json" ] || { echo "checkov produced no output for $dir (see $work/checkov-$i.stderr)" >&2; exit 2; }
  i=$((i + 1))
done
end=$(date +%s.%N)
checkov_seconds=$(python3 -c "print($end - $start)")

bulkhead_cmd=("$bin" audit k8s --no-config --pss-level restricted --fail-on none --format json "${dirs[@]}")
status=0
"${bulkhead_cmd[@]}" > bulkhead.json 2> bulkhead.stderr || status=$?
if [ "$status" -ne 0 ] && [ "$status" -ne 2 ]; then
  echo "bulkhead audit k8s failed with exit code $status (see $work/bulkhead.stderr)" >&2
  exit 2
fi

python3 "$here/checkov_compare.py" --checkov checkov-0.json --checkov checkov-1.json --bulkhead bulkhead.json \
  --details "$details" --json agreement.json

printf -v quoted '%q ' "${bulkhead_cmd[@]}"
hyperfine --style basic --warmup 1 --runs "$runs" --export-json timing.json -i \
  -n bulkhead "$quoted > /dev/null" >&2
python3 - "$checkov_seconds" <<'PY'
import json, sys
checkov = float(sys.argv[1])
bulkhead = json.load(open("timing.json"))["results"][0]["mean"]
print(f"wall time over the corpus: checkov {checkov:.1f} s (one run), bulkhead {bulkhead * 1000:.0f} ms "
      f"(mean of hyperfine runs), ratio checkov/bulkhead = {checkov / bulkhead:.0f}x")
PY
