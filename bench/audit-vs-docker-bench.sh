#!/usr/bin/env bash
# Compares `bulkhead audit docker` with docker-bench-security (CIS Docker Benchmark v1.6.0) on this machine's
# Docker Engine: both audit the same daemon, host files and running containers, and the script prints one row
# per CIS id with both verdicts — per container for section 5 and the community checks — and the agreement
# rate; docs/audit-compat.md explains every disagreement. It also prints the wall-time ratio.
#
# docker-bench-security is a bash script from github.com/docker/docker-bench-security; this script never
# downloads it: unpack it yourself and point DOCKER_BENCH_DIR at the directory holding
# docker-bench-security.sh. Nothing is fetched from the internet.
#
# Usage: DOCKER_BENCH_DIR=/path/to/docker-bench-security bench/audit-vs-docker-bench.sh
#   env: BULKHEAD_BIN (skip the release build), BULKHEAD_CORPUS (for the test image), KEEP=1 (keep containers),
#        SCENARIO=0 (audit what runs now instead of starting the scenario containers), RUNS=5 (timing runs).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
corpus=${BULKHEAD_CORPUS:-$repo/../shared/corpus}
bench_dir=${DOCKER_BENCH_DIR:-}
runs=${RUNS:-5}
work="$repo/bench/.work/audit-docker"
image=bulkhead-audit/alpine:3.11
network=bulkhead-audit-net
prefix=bhbench

if [ -z "$bench_dir" ] || [ ! -f "$bench_dir/docker-bench-security.sh" ]; then
  echo "set DOCKER_BENCH_DIR to an unpacked docker-bench-security (the directory holding docker-bench-security.sh)" >&2
  exit 2
fi
docker version --format '{{.Server.Version}}' >/dev/null 2>&1 || { echo "no Docker Engine answers (scripts/start-services.sh)" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "run as root: both tools read root-only host files" >&2; exit 2; }

bin=${BULKHEAD_BIN:-}
if [ -z "$bin" ]; then
  (cd "$repo" && swift build -c release --product bulkhead >&2)
  bin="$repo/.build/release/bulkhead"
fi
mkdir -p "$work"

cleanup() {
  [ "${KEEP:-0}" = 1 ] && return
  docker rm -f $(docker ps -aq --filter "name=^/$prefix-") >/dev/null 2>&1 || true
}
if [ "${SCENARIO:-1}" = 1 ]; then
  trap cleanup EXIT
  cleanup
  if ! docker image inspect "$image" >/dev/null 2>&1; then
    tarball="$corpus/images/alpine-minirootfs/alpine-minirootfs-3.11.13-x86_64.tar.gz"
    [ -f "$tarball" ] || { echo "test image source missing: $tarball (set BULKHEAD_CORPUS)" >&2; exit 2; }
    docker import "$tarball" "$image" >/dev/null
  fi
  docker network inspect "$network" >/dev/null 2>&1 || docker network create "$network" >/dev/null
  hardened=(--user 1000:1000 --read-only --memory 256m --pids-limit 100 --cpu-shares 512 --cap-drop ALL
    --security-opt no-new-privileges --restart on-failure:3 --health-cmd true --health-interval 1s)
  run() { local name=$1; shift; docker run -d --name "$prefix-$name" "$@" "$image" sleep 3600 >/dev/null; }
  run hardened "${hardened[@]}" --network "$network"
  run plain
  run cap-sys-admin "${hardened[@]}" --network "$network" --cap-add SYS_ADMIN
  run cap-all "${hardened[@]}" --network "$network" --cap-add ALL --cap-drop SYS_RESOURCE
  run docker-sock "${hardened[@]}" --network "$network" -v /var/run/docker.sock:/var/run/docker.sock
  run host-etc "${hardened[@]}" --network "$network" -v /etc:/host-etc:ro
  run pid-host "${hardened[@]}" --network "$network" --pid host
  run network-host "${hardened[@]}" --network host
  run ipc-host "${hardened[@]}" --network "$network" --ipc host
  run uts-host "${hardened[@]}" --network "$network" --uts host
  run seccomp-unconfined "${hardened[@]}" --network "$network" --security-opt seccomp=unconfined
  run apparmor-unconfined "${hardened[@]}" --network "$network" --security-opt apparmor=unconfined
  run port-80 "${hardened[@]}" --network "$network" -p 80:80
  run restart-10 --user 1000:1000 --read-only --memory 256m --pids-limit 100 --cpu-shares 512 --cap-drop ALL \
    --security-opt no-new-privileges --restart on-failure:10 --network "$network"
  run ulimit "${hardened[@]}" --network "$network" --ulimit nofile=512:512
  run device "${hardened[@]}" --network "$network" --device /dev/null:/dev/xnull
  sleep 2   # let the health checks report
fi

sections=docker_daemon_configuration,docker_daemon_files,container_images,container_runtime,community_checks
echo "docker-bench-security $(grep -m1 -o 'version=.*' "$bench_dir/docker-bench-security.sh" | tr -d '"' | cut -d= -f2); $("$bin" --version)" >&2
(cd "$bench_dir" && sh docker-bench-security.sh -b -l "$work/docker-bench.log" -c "$sections" > "$work/docker-bench.out" 2>&1) || {
  echo "docker-bench-security failed (see $work/docker-bench.out)" >&2; exit 2; }
status=0
"$bin" audit docker --no-config --fail-on none --format json > "$work/bulkhead.json" 2> "$work/bulkhead.stderr" || status=$?
[ "$status" -eq 0 ] || { echo "bulkhead audit docker failed ($status, see $work/bulkhead.stderr)" >&2; exit 2; }

"$bin" audit docker --list-checks --format json --no-config > "$work/checks.json"
scope=()
[ "${SCENARIO:-1}" = 1 ] && scope=(--prefix "$prefix-")
python3 "$here/docker_bench_compare.py" "$work/docker-bench.log.json" "$work/bulkhead.json" --checks "$work/checks.json" "${scope[@]}"

if command -v hyperfine >/dev/null 2>&1; then
  hyperfine --runs "$runs" --warmup 1 --export-json "$work/timing.json" -N \
    "sh -c 'cd $bench_dir && sh docker-bench-security.sh -b -l /dev/null -c $sections >/dev/null 2>&1'" \
    "$bin audit docker --no-config --fail-on none --format json" >/dev/null 2>&1
  python3 - "$work/timing.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
db, bh = r[0]["mean"], r[1]["mean"]
print(f"\nwall time (mean of {len(r[0]['times'])}): docker-bench-security {db:.2f} s, bulkhead {bh*1000:.0f} ms, ratio {db/bh:.0f}x")
PY
fi
