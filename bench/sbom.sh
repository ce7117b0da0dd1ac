#!/usr/bin/env bash
# `bulkhead sbom` benchmarks:
#  1. a large image (>= 1 GiB uncompressed) built here from Debian packages with debootstrap, as an
#     OCI layout: Bulkhead's cold SBOM wall time divided by `gzip -dc` over the same layers
#     (target <= 1.5x), the warm-cache rerun (target < 50 ms) and peak memory (target < 200 MB);
#  2. the Debian SBOM peers distro2sbom and debsbom on a debootstrap minbase rootfs: package-list
#     agreement and the time ratio against the faster peer.
# Usage: bench/sbom.sh     (env: WORK=dir for the images, BULKHEAD_BIN, RUNS=5, MIRROR)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
work=${WORK:-/var/tmp/bulkhead-bench}
runs=${RUNS:-5}
mirror=${MIRROR:-http://deb.debian.org/debian}
mkdir -p "$work"

need() { command -v "$1" >/dev/null 2>&1 || { echo "installing $2…" >&2; apt-get install -y -qq "$2" >&2; }; }
need debootstrap debootstrap
need hyperfine hyperfine
need /usr/bin/time time

bin=${BULKHEAD_BIN:-}
if [ -z "$bin" ]; then
  (cd "$repo" && swift build -c release --product bulkhead >&2)
  bin="$repo/.build/release/bulkhead"
fi

# --- images -------------------------------------------------------------------------------
minbase="$work/rootfs-minbase"
if [ ! -f "$minbase/var/lib/dpkg/status" ]; then
  echo "debootstrap minbase (bookworm)…" >&2
  rm -rf "$minbase"
  debootstrap --variant=minbase bookworm "$minbase" "$mirror" >&2
fi
big="$work/rootfs-big"
if [ ! -f "$big/var/lib/dpkg/status" ]; then
  echo "debootstrap a large rootfs (JDK, Go, GCC, LLVM, Python)…" >&2
  rm -rf "$big"
  debootstrap --variant=minbase \
    --include=default-jdk-headless,golang-1.19-go,gcc,g++,libllvm15,python3,perl,git,curl \
    bookworm "$big" "$mirror" >&2
fi
layout="$work/oci-big"
if [ ! -f "$layout/index.json" ]; then
  rm -rf "$layout"
  python3 "$here/make-oci-layout.py" "$layout" big:1 "$big" >&2
fi
size=$(du -sb --apparent-size "$big" | cut -f1)
echo "large image: $(numfmt --to=iec "$size") uncompressed rootfs, $(du -sh "$layout" | cut -f1) as OCI layout" >&2
layers=$(python3 -c "import json,sys; m=json.load(open('$layout/index.json'))['manifests'][0]['digest'].split(':')[1]; print(' '.join('$layout/blobs/sha256/'+l['digest'].split(':')[1] for l in json.load(open('$layout/blobs/sha256/'+m))['layers']))")

cache="$work/cache"
export XDG_CACHE_HOME="$cache"
hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$work/big.json" \
  -n gzip "cat $layers | gzip -dc > /dev/null" \
  -n bulkhead-cold "rm -rf $cache; $bin sbom oci:$layout --format json > /dev/null" >&2
rm -rf "$cache"; "$bin" sbom "oci:$layout" --format json > "$work/big-sbom.json"
hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$work/warm.json" \
  -n bulkhead-warm "$bin sbom oci:$layout --format json > /dev/null" >&2
rm -rf "$cache"
peak=$(/usr/bin/time -f %M "$bin" sbom "oci:$layout" --format json 2>&1 >/dev/null | tail -1)

python3 - "$work" "$peak" <<'PY'
import json, sys
work, peak = sys.argv[1], int(sys.argv[2])
r = {x["command"]: x for x in json.load(open(f"{work}/big.json"))["results"]}
w = json.load(open(f"{work}/warm.json"))["results"][0]
g, c = r["gzip"]["mean"], r["bulkhead-cold"]["mean"]
pk = json.load(open(f"{work}/big-sbom.json"))
print(f"large image: {len(pk['packages'])} packages")
print(f"  cold sbom {c:.2f} s vs gzip -dc {g:.2f} s: ratio {c/g:.2f}x (target <= 1.5x)")
print(f"  warm-cache rerun {w['mean']*1000:.1f} ms (target < 50 ms)")
print(f"  peak memory {peak/1024:.0f} MB (target < 200 MB)")
PY

# --- peers on the minbase rootfs ------------------------------------------------------------
venv="$work/venv"
if [ ! -x "$venv/bin/debsbom" ]; then
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet distro2sbom 'debsbom[cdx]' >&2
fi
"$bin" sbom "dir:$minbase" --format json > "$work/minbase-bulkhead.json"
"$venv/bin/distro2sbom" --distro deb --root "$minbase" -s -n debian -r 12 --sbom cyclonedx --format json -o "$work/minbase-distro2sbom.json" >/dev/null
"$venv/bin/debsbom" generate -t cdx -r "$minbase" -o "$work/minbase-debsbom" >/dev/null
hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$work/peers.json" \
  -n bulkhead "$bin sbom dir:$minbase --format cyclonedx-json > /dev/null" \
  -n distro2sbom "$venv/bin/distro2sbom --distro deb --root $minbase -s -n debian -r 12 --sbom cyclonedx --format json -o /dev/null" \
  -n debsbom "$venv/bin/debsbom generate -t cdx -r $minbase -o $work/peer-debsbom-run" >&2
python3 "$here/compare_sbom.py" "$work"
