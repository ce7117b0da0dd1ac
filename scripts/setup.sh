#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu machine for Bulkhead: system packages, Python test helpers, and a
# release build of the `bulkhead` binary (.build/release/bulkhead). Idempotent.
#   scripts/setup.sh            install + build release
#   scripts/setup.sh --deps     install only
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

need_apt=()
command -v python3 >/dev/null 2>&1 || need_apt+=(python3 python3-pip)
command -v git >/dev/null 2>&1 || need_apt+=(git)
# C libraries linked through SwiftPM system-library targets.
for pkg in zlib1g-dev libzstd-dev libsqlite3-dev libssl-dev libbpf-dev pkg-config; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
# Tools the tests use as independent oracles or to build test images: Go and Ruby (build info and
# gemspec oracles), binutils (objcopy for cargo-auditable sections), rpm + db5.3-util (rpm databases),
# debootstrap (a real Debian rootfs), docker.io, docker-registry, skopeo, umoci (image sources),
# apache2-utils (htpasswd for registry auth), python3-yaml, rsyslog + rsyslog-openssl + openssl (a real
# syslog receiver over UDP, TCP and TLS for the alert channels, with test certificates), bpftool (inspects the
# kernel sensor's loaded programs), busybox-static (a small image for the sensor's container scenarios).
for pkg in golang-go ruby binutils rpm db5.3-util debootstrap docker.io docker-registry skopeo umoci apache2-utils python3-yaml \
  python3-apt python3-rpm php-cli maven rsyslog rsyslog-openssl openssl bpftool busybox-static; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
# node-semver (the npm-range oracle): npm's bundled copy when Node.js is already installed (the
# NodeSource build conflicts with Debian's npm package), else Debian's nodejs + node-semver.
if ! command -v node >/dev/null 2>&1; then
  need_apt+=(nodejs node-semver)
elif ! ls /usr/lib/node_modules/npm/node_modules/semver /usr/share/nodejs/semver \
  /usr/local/lib/node_modules/npm/node_modules/semver >/dev/null 2>&1; then
  need_apt+=(node-semver)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}"
fi

# SARIF / report schema validation in the tests uses Python's jsonschema.
if ! python3 -c 'import jsonschema' >/dev/null 2>&1; then
  python3 -m pip install --quiet jsonschema || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-jsonschema
fi
# SPDX's own validator (spdx-tools) checks our SPDX documents; PyYAML is an oracle for pnpm/yarn locks.
python3 -c 'import spdx_tools' >/dev/null 2>&1 || python3 -m pip install --quiet spdx-tools
python3 -c 'import yaml' >/dev/null 2>&1 || python3 -m pip install --quiet pyyaml
# Version-comparison oracles: Python packaging (PEP 440) and univers (SemVer, Go, Maven, RubyGems, NuGet, Composer, apk).
python3 -c 'import packaging, univers' >/dev/null 2>&1 || python3 -m pip install --quiet packaging univers

if ! command -v swift >/dev/null 2>&1; then
  for d in /opt/swift/usr/bin /usr/share/swift/usr/bin; do [ -x "$d/swift" ] && export PATH="$d:$PATH"; done
fi
command -v swift >/dev/null 2>&1 || { echo "setup: Swift 6.x toolchain not found on PATH" >&2; exit 2; }

if [ "${1:-}" != "--deps" ]; then
  swift build -c release --product bulkhead
  echo "built: $(pwd)/.build/release/bulkhead ($(.build/release/bulkhead --version))"
fi
