#!/usr/bin/env bash
# `bulkhead scan` / `bulkhead db` benchmarks on this machine:
#  1. database import: every corpus feed (Alpine secdb YAML+JSON, Debian DSA+DLA lists, OSV PyPI/Go/crates,
#     rubysec, KEV, EPSS) through `bulkhead db update --feeds` (file:// URLs): wall time, records/s, size;
#  2. whole-process scan time with that warm database (hyperfine) for the corpus alpine:3.10.4 image
#     (target < 100 ms) and a debootstrap Debian bookworm rootfs (target < 300 ms), each divided by
#     `bulkhead sbom` of the same target (the cost of reading it), to show what matching adds.
# No peer scanner (Trivy, Grype) runs here: both need their online databases. Prints a Markdown table.
# Usage: bench/scan.sh    (env: BULKHEAD_CORPUS, WORK=/var/tmp/bulkhead-bench, BULKHEAD_BIN, RUNS=20)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
corpus=${BULKHEAD_CORPUS:-$repo/../shared/corpus}
work=${WORK:-/var/tmp/bulkhead-bench}
runs=${RUNS:-20}
mkdir -p "$work"
command -v hyperfine >/dev/null || apt-get install -y -qq hyperfine >&2

bin=${BULKHEAD_BIN:-}
if [ -z "$bin" ]; then
  (cd "$repo" && swift build -c release --product bulkhead >&2)
  bin="$repo/.build/release/bulkhead"
fi
v=$corpus/vulndb
[ -d "$v" ] || { echo "corpus not found at $corpus (set BULKHEAD_CORPUS)" >&2; exit 2; }

minbase="$work/rootfs-minbase"
if [ ! -f "$minbase/var/lib/dpkg/status" ]; then
  echo "debootstrap minbase (bookworm)…" >&2
  rm -rf "$minbase"
  debootstrap --variant=minbase bookworm "$minbase" http://deb.debian.org/debian >&2
fi

# --- 1. import every corpus feed ------------------------------------------------------------
feeds="$work/scan-feeds.yaml"
{
  echo "feeds:"
  for dir in "$v"/alpine-secdb-2020/v*; do
    b=$(basename "$dir")
    printf '  - id: alpine-2020-%s\n    kind: alpine-secdb\n    urls: [file://%s/main.yaml, file://%s/community.yaml]\n' "$b" "$dir" "$dir"
  done
  printf '  - id: alpine-vuln-list\n    kind: alpine-secdb\n    urls:\n'
  for f in "$v"/alpine-secdb-vuln-list-subset/*.json; do printf '      - file://%s\n' "$f"; done
  printf '  - id: debian-dsa\n    kind: debian-dsa\n    urls: [file://%s/debian-security-tracker/DSA-list.txt]\n' "$v"
  printf '  - id: debian-dla\n    kind: debian-dla\n    urls: [file://%s/debian-security-tracker/DLA-list.txt]\n' "$v"
  printf '  - id: osv-pypi\n    kind: osv\n    urls: [file://%s/osv/pypi-pypa-advisory-database.tar.gz]\n' "$v"
  printf '  - id: osv-go\n    kind: osv\n    urls: [file://%s/osv/go-vulndb-osv.tar.gz]\n' "$v"
  printf '  - id: osv-crates\n    kind: osv\n    urls: [file://%s/osv/crates-rustsec-osv.tar.gz]\n' "$v"
  printf '  - id: rubysec\n    kind: rubysec\n    urls: [file://%s/rubygems-rubysec-advisory-db.tar.gz]\n' "$v"
  printf '  - id: kev\n    kind: kev\n    urls: [file://%s/kev-epss-samples/known_exploited_vulnerabilities.json]\n' "$v"
  printf '  - id: epss\n    kind: epss\n    urls: [file://%s/kev-epss-samples/data.csv]\n' "$v"
} > "$feeds"
db="$work/scan-bench.db"
rm -f "$db" "$db.feeds.json"
start=$(date +%s.%N)
"$bin" db update --db "$db" --feeds "$feeds" >/dev/null 2>"$work/scan-import.log"
end=$(date +%s.%N)
records=$("$bin" db status --db "$db" --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(sum(s["records"] for s in d["sources"]))')
size=$(stat -c %s "$db")
import_s=$(python3 -c "print(f'{$end - $start:.2f}')")
rate=$(python3 -c "print(int($records / ($end - $start)))")

# --- 2. warm scans --------------------------------------------------------------------------
alpine="$corpus/images/docker-save/alpine-3.10.4-docker-save.tar.gz"
minirootfs="$corpus/images/alpine-minirootfs/alpine-minirootfs-3.10.9-x86_64.tar.gz"
mean() { python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["results"][0]["mean"]*1000, 1))' "$1"; }
hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/h-scan-alpine.json" \
  "$bin scan $alpine --db $db --format json" >/dev/null
hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/h-sbom-alpine.json" \
  "$bin sbom $alpine --format json --no-cache" >/dev/null
hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/h-scan-minirootfs.json" \
  "$bin scan $minirootfs --db $db --format json" >/dev/null
hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/h-scan-debian.json" \
  "$bin scan dir:$minbase --db $db --format json" >/dev/null
hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/h-sbom-debian.json" \
  "$bin sbom dir:$minbase --format json --no-cache" >/dev/null
found_alpine=$("$bin" scan "$alpine" --db "$db" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["total"])')
found_debian=$("$bin" scan "dir:$minbase" --db "$db" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["total"])')
sa=$(mean "$work/h-scan-alpine.json"); ba=$(mean "$work/h-sbom-alpine.json")
sd=$(mean "$work/h-scan-debian.json"); bd=$(mean "$work/h-sbom-debian.json")

echo "| measure | value | target |"
echo "| --- | --- | --- |"
echo "| import all corpus feeds (wall) | ${import_s} s for ${records} records | |"
echo "| import rate | ${rate} records/s | |"
echo "| database size on disk | $((size / 1024)) KiB | |"
echo "| scan alpine:3.10.4 image, warm db (mean of $runs) | ${sa} ms (${found_alpine} findings) | < 100 ms |"
echo "| … ÷ sbom of the same image | $(python3 -c "print(f'{$sa / $ba:.2f}')")× | |"
echo "| scan alpine-minirootfs 3.10.9 tarball, warm db | $(mean "$work/h-scan-minirootfs.json") ms | < 100 ms |"
echo "| scan debootstrap bookworm rootfs, warm db | ${sd} ms (${found_debian} findings) | < 300 ms |"
echo "| … ÷ sbom of the same rootfs | $(python3 -c "print(f'{$sd / $bd:.2f}')")× | |"
