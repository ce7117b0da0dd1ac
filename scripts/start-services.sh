#!/usr/bin/env bash
# Starts the local services the image-source integration tests use, idempotently:
#   - the Docker Engine (dockerd) on /var/run/docker.sock, unless one already answers;
#   - a plain docker-registry on 127.0.0.1:${BULKHEAD_REGISTRY_PORT:-5000};
#   - a docker-registry with htpasswd (Basic) auth on 127.0.0.1:${BULKHEAD_AUTH_REGISTRY_PORT:-5001},
#     user "bulkhead", password "bulkhead-test-password" (test-only, loopback-only).
# Missing Debian packages (docker.io, docker-registry, skopeo, apache2-utils, curl) are installed when
# running as root. State, configs and logs live in ${BULKHEAD_SERVICES_DIR:-/tmp/bulkhead-services}.
# Everything listens on 127.0.0.1 only.
set -euo pipefail

STATE="${BULKHEAD_SERVICES_DIR:-/tmp/bulkhead-services}"
REGISTRY_PORT="${BULKHEAD_REGISTRY_PORT:-5000}"
AUTH_REGISTRY_PORT="${BULKHEAD_AUTH_REGISTRY_PORT:-5001}"
AUTH_USER="bulkhead"
AUTH_PASSWORD="bulkhead-test-password"
DOCKER_SOCKET="/var/run/docker.sock"

log() { echo "start-services: $*"; }
die() { echo "start-services: $*" >&2; exit 1; }

mkdir -p "$STATE"
chmod 700 "$STATE"

# --- packages -------------------------------------------------------------------------------
need=()
command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
command -v docker-registry >/dev/null 2>&1 || need+=(docker-registry)
command -v skopeo >/dev/null 2>&1 || need+=(skopeo)
command -v htpasswd >/dev/null 2>&1 || need+=(apache2-utils)
command -v curl >/dev/null 2>&1 || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    log "installing ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    log "missing packages (${need[*]}); run as root or install them"
  fi
fi

# --- Docker Engine --------------------------------------------------------------------------
engine_up() { curl -fsS --max-time 5 --unix-socket "$DOCKER_SOCKET" http://localhost/_ping >/dev/null 2>&1; }

if engine_up; then
  log "dockerd already answers on $DOCKER_SOCKET"
elif [ -n "${DOCKER_HOST:-}" ] && [ "${DOCKER_HOST}" != "unix://$DOCKER_SOCKET" ]; then
  log "DOCKER_HOST=$DOCKER_HOST is set; not starting a local dockerd"
else
  command -v dockerd >/dev/null 2>&1 || die "dockerd is not installed (apt-get install docker.io)"
  # A daemon killed without clean-up leaves /var/run/docker.pid behind, and dockerd refuses to start
  # while it exists: drop it when no dockerd owns it.
  pidfile=/var/run/docker.pid
  if [ -f "$pidfile" ]; then
    owner="$(cat "$pidfile" 2>/dev/null || true)"
    if [ -z "$owner" ] || [ "$(cat "/proc/$owner/comm" 2>/dev/null || true)" != "dockerd" ]; then
      log "removing stale $pidfile"
      rm -f "$pidfile"
    fi
  fi
  if pgrep -x dockerd >/dev/null 2>&1; then
    log "a dockerd is running but not answering yet; waiting for it"
    daemon_pid=""
  else
    log "starting dockerd (log: $STATE/dockerd.log)"
    setsid dockerd >"$STATE/dockerd.log" 2>&1 </dev/null &
    daemon_pid=$!
  fi
  for _ in $(seq 1 120); do
    engine_up && break
    if [ -n "$daemon_pid" ] && ! kill -0 "$daemon_pid" 2>/dev/null; then
      tail -n 30 "$STATE/dockerd.log" >&2 || true
      die "dockerd exited during start-up (log: $STATE/dockerd.log)"
    fi
    sleep 0.5
  done
  engine_up || { tail -n 30 "$STATE/dockerd.log" >&2 || true; die "dockerd did not come up within 60 s"; }
  log "dockerd is up"
fi

# --- registries -----------------------------------------------------------------------------
registry_status() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$1/v2/" 2>/dev/null || true; }

make_htpasswd() {
  local file="$1"
  if command -v htpasswd >/dev/null 2>&1; then
    htpasswd -nbB "$AUTH_USER" "$AUTH_PASSWORD" >"$file"
  elif python3 -c 'import bcrypt' >/dev/null 2>&1; then
    python3 -c 'import bcrypt,sys; print(sys.argv[1] + ":" + bcrypt.hashpw(sys.argv[2].encode(), bcrypt.gensalt()).decode())' \
      "$AUTH_USER" "$AUTH_PASSWORD" >"$file"
  elif python3 -W ignore -c 'import crypt; assert crypt.METHOD_BLOWFISH' >/dev/null 2>&1; then
    python3 -W ignore -c 'import crypt,sys; print(sys.argv[1] + ":" + crypt.crypt(sys.argv[2], crypt.mksalt(crypt.METHOD_BLOWFISH)))' \
      "$AUTH_USER" "$AUTH_PASSWORD" >"$file"
  else
    return 1
  fi
  chmod 600 "$file"
}

start_registry() {
  local port="$1" with_auth="$2" expected="$3"
  local dir="$STATE/registry-$port"
  if [ "$(registry_status "$port")" = "$expected" ]; then
    log "registry already answers on 127.0.0.1:$port"
    return 0
  fi
  command -v docker-registry >/dev/null 2>&1 || die "docker-registry is not installed (apt-get install docker-registry)"
  mkdir -p "$dir/data"
  local auth=""
  if [ "$with_auth" = yes ]; then
    make_htpasswd "$dir/htpasswd" || die "cannot create an htpasswd file (no htpasswd, python bcrypt or crypt)"
    auth="auth:
  htpasswd:
    realm: bulkhead-test
    path: $dir/htpasswd"
  fi
  cat >"$dir/config.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
  secret: bulkhead-test-$port
$auth
YAML
  log "starting docker-registry on 127.0.0.1:$port (auth: $with_auth, log: $dir/registry.log)"
  setsid docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 </dev/null &
  for _ in $(seq 1 60); do
    [ "$(registry_status "$port")" = "$expected" ] && return 0
    sleep 0.5
  done
  tail -n 30 "$dir/registry.log" >&2 || true
  die "docker-registry on 127.0.0.1:$port did not answer $expected within 30 s"
}

start_registry "$REGISTRY_PORT" no 200
start_registry "$AUTH_REGISTRY_PORT" yes 401
log "services ready: docker ($DOCKER_SOCKET), registry 127.0.0.1:$REGISTRY_PORT, auth registry 127.0.0.1:$AUTH_REGISTRY_PORT"
