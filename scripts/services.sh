#!/usr/bin/env bash
# The real services the build tests and the benchmark use, on this machine only:
#   - a Docker engine (dockerd 26 with the containerd image store, so the default buildx driver builds and
#     pushes multi-platform images), with buildx, on its own socket;
#   - QEMU user emulation (binfmt_misc) so that arm64 RUN steps work on amd64;
#   - a CNCF distribution registry (Debian's docker-registry) on 127.0.0.1 with htpasswd auth;
#   - a busybox-static base image for linux/amd64 and linux/arm64 pushed to that registry (nothing can be
#     pulled from outside, so test Dockerfiles start FROM it).
#
#   bash scripts/services.sh start    install what is missing, start what is not running (idempotent)
#   bash scripts/services.sh stop     stop what `start` started (by pid) and remove its state
#   bash scripts/services.sh status   exit 0 when everything answers
#
# `start` writes what tests need to .tmp/services.env (KEY=VALUE lines): DOCKER_HOST, DOCKER_CONFIG (a
# docker config logged in to the registry), OFFMAIN_TEST_REGISTRY (host:port), OFFMAIN_TEST_REGISTRY_USER,
# OFFMAIN_TEST_REGISTRY_PASSWORD, OFFMAIN_TEST_BASE_IMAGE, OFFMAIN_TEST_SBOM_GENERATOR.
#
# Debian bookworm has no docker-buildx and its docker.io (20.10) cannot build multi-platform images, so the
# engine comes from the next Debian release's .debs (they need only libc6 >= 2.34), downloaded through a
# private apt list built from the machine's own Debian sources: the system's apt state is not changed. No
# registry host name is written here; it is read from /etc/apt/sources.list.d/debian.sources.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
STATE="${OFFMAIN_SERVICES_DIR:-$ROOT/.tmp/services}"
ENV_FILE="$ROOT/.tmp/services.env"
# Sockets live under a short path (unix socket paths are limited to 108 bytes).
CACHE="$ROOT/.tmp/cache"
RUNDIR="/tmp/offmain-svc-$(printf '%s' "$STATE" | md5sum | cut -c1-10)"
DOCKER_SOCK="$RUNDIR/docker.sock"
REG_USER=offmain
BASE_REPO=offmain-test/busybox
SCANNER_REPO=offmain-test/sbom-scanner

say() { echo "services: $*" >&2; }
die() { echo "services: $*" >&2; exit 1; }
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# --------------------------------------------------------------------------------------------------
# Installation
# --------------------------------------------------------------------------------------------------

debian_uri() {
  local f=/etc/apt/sources.list.d/debian.sources uri
  if [ -f "$f" ]; then
    # The first URIs: of a stanza whose Suites: has the plain release (not -security).
    uri=$(awk '
      /^URIs:/ { u = $2 }
      /^Suites:/ { for (i = 2; i <= NF; i++) if ($i !~ /-/) { print u; exit } }
      /^$/ { u = "" }' "$f")
  fi
  if [ -z "${uri:-}" ] && [ -f /etc/apt/sources.list ]; then
    uri=$(awk '$1 == "deb" && $3 !~ /-/ { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' /etc/apt/sources.list)
  fi
  [ -n "${uri:-}" ] || die "cannot find the Debian mirror in /etc/apt/sources.list.d/debian.sources"
  echo "$uri"
}

# private_apt NAME "SOURCES LINES" ARCHS... : prints apt-get options for a private package list in $STATE/apt/NAME.
private_apt() {
  local name=$1 lines=$2 dir="$CACHE/apt/$1"
  mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial"
  printf '%s\n' "$lines" >"$dir/sources.list"
  local opts="-o Dir::Etc::sourcelist=$dir/sources.list -o Dir::Etc::sourceparts=/nonexistent -o Dir::State::Lists=$dir/lists -o Dir::Cache=$dir/cache -o Debug::NoLocking=1 -o APT::Sandbox::User=root"
  shift 2
  for a in "$@"; do opts="$opts -o APT::Architectures::=$a"; done
  echo "$opts"
}

apt_updated=
system_apt_update() {
  [ -n "$apt_updated" ] && return
  apt-get update -qq
  apt_updated=1
}

install_engine() {
  local uri opts debs
  uri=$(debian_uri)
  say "installing the Docker engine, containerd and buildx (Debian trixie .debs) ..."
  opts=$(private_apt trixie "deb [arch=amd64] $uri trixie main" amd64)
  # shellcheck disable=SC2086
  apt-get -qq $opts update
  debs="$CACHE/apt/trixie/debs"
  rm -rf "$debs" && mkdir -p "$debs"
  # shellcheck disable=SC2086
  (cd "$debs" && apt-get -qq $opts download docker.io docker-cli containerd docker-buildx)
  system_apt_update
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$debs"/*.deb >/dev/null
}

install_missing() {
  [ "$(id -u)" = 0 ] || die "must run as root to install and start dockerd (or start them yourself)"
  [ "$(uname -m)" = x86_64 ] || die "expects an x86_64 (amd64) machine; arm64 is emulated with QEMU"
  # binfmt_misc must be mounted BEFORE qemu-user-static is installed, so its handlers register (with F).
  mount_binfmt
  if ! command -v dockerd >/dev/null || ! command -v containerd >/dev/null || ! docker buildx version >/dev/null 2>&1; then
    install_engine
  fi
  local need=()
  command -v qemu-aarch64-static >/dev/null || need+=(qemu-user-static binfmt-support)
  command -v docker-registry >/dev/null || need+=(docker-registry)
  command -v htpasswd >/dev/null || need+=(apache2-utils)
  command -v runc >/dev/null || need+=(runc)
  command -v curl >/dev/null || need+=(curl ca-certificates)
  if [ ${#need[@]} -gt 0 ]; then
    say "installing ${need[*]} ..."
    system_apt_update
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
  # Debian's docker-registry package starts a system service where there is an init system: not ours.
  if command -v systemctl >/dev/null && systemctl is-active -q docker-registry 2>/dev/null; then
    systemctl stop docker-registry || true
  fi
}

mount_binfmt() {
  if [ ! -e /proc/sys/fs/binfmt_misc/register ]; then
    mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
  fi
}

enable_qemu() {
  mount_binfmt
  if [ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
    if command -v update-binfmts >/dev/null; then
      update-binfmts --enable qemu-aarch64 >/dev/null 2>&1 || update-binfmts --import qemu-aarch64 >/dev/null 2>&1 || true
    fi
  fi
  [ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] || die "QEMU's aarch64 binfmt handler is not registered (reinstall qemu-user-static after mounting binfmt_misc)"
  grep -q '^enabled' /proc/sys/fs/binfmt_misc/qemu-aarch64 || echo 1 >/proc/sys/fs/binfmt_misc/qemu-aarch64
}

# --------------------------------------------------------------------------------------------------
# The busybox-static root filesystems (amd64 and arm64) for the base image
# --------------------------------------------------------------------------------------------------

base_rootfs() {
  local ctx="$CACHE/base-context"
  if [ -x "$ctx/amd64/bin/busybox" ] && [ -x "$ctx/arm64/bin/busybox" ]; then
    echo "$ctx"
    return
  fi
  local uri opts dl
  uri=$(debian_uri)
  opts=$(private_apt bookworm-multiarch "deb [arch=amd64,arm64] $uri bookworm main" amd64 arm64)
  # shellcheck disable=SC2086
  apt-get -qq $opts update
  dl="$CACHE/apt/bookworm-multiarch/debs"
  rm -rf "$dl" "$ctx" && mkdir -p "$dl" "$ctx"
  # shellcheck disable=SC2086
  (cd "$dl" && apt-get -qq $opts download busybox-static:amd64 busybox-static:arm64)
  for arch in amd64 arm64; do
    local x="$dl/x-$arch"
    mkdir -p "$x" "$ctx/$arch/bin" "$ctx/$arch/tmp" "$ctx/$arch/etc"
    dpkg-deb --fsys-tarfile "$dl"/busybox-static_*_"$arch".deb | tar -x -C "$x" ./bin/busybox
    cp "$x/bin/busybox" "$ctx/$arch/bin/busybox"
    chmod 1777 "$ctx/$arch/tmp"
  done
  # The same applet links for both (the amd64 one runs here and lists them).
  for applet in $("$ctx/amd64/bin/busybox" --list); do
    [ "$applet" = busybox ] && continue
    for arch in amd64 arm64; do ln -sf busybox "$ctx/$arch/bin/$applet"; done
  done
  printf 'root:x:0:0:root:/root:/bin/sh\n' | tee "$ctx/amd64/etc/passwd" >"$ctx/arm64/etc/passwd"
  printf 'root:x:0:\n' | tee "$ctx/amd64/etc/group" >"$ctx/arm64/etc/group"
  printf 'FROM scratch\nARG TARGETARCH\nCOPY ${TARGETARCH}/ /\nENV PATH=/bin\nCMD ["/bin/sh"]\n' >"$ctx/Dockerfile"
  echo "$ctx"
}

# --------------------------------------------------------------------------------------------------
# Start / stop
# --------------------------------------------------------------------------------------------------

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
  local secs=$1 what=$2 i
  shift 2
  for ((i = 0; i < secs * 10; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  return 1
}

# cgroup v2 inside a container (GitHub's ubuntu-24.04 runs the CI job container privileged, with its own
# cgroup namespace): processes sit in the namespace's root cgroup, where no controller can be enabled for
# children ("no internal processes"), so every container dockerd starts fails ("cannot enter cgroupv2 ...
# invalid state"). What the docker:dind entrypoint does: move them into a child cgroup, then enable every
# controller for the children. Only there: the root of a cgroup2 namespace (`0::/`), never a host's slices.
# OFFMAIN_CGROUP_ROOT and OFFMAIN_PROC_CGROUP stand in for /sys/fs/cgroup and /proc/self/cgroup in tests.
nest_cgroup_v2() {
  local root=${OFFMAIN_CGROUP_ROOT:-/sys/fs/cgroup} self=${OFFMAIN_PROC_CGROUP:-/proc/self/cgroup}
  [ -f "$root/cgroup.controllers" ] || return 0
  [ "$(cat "$self" 2>/dev/null)" = "0::/" ] || return 0
  [ -s "$root/cgroup.subtree_control" ] && return 0
  say "cgroup v2 at the root of a container: nesting it as docker:dind does"
  mkdir -p "$root/init"
  xargs -rn1 <"$root/cgroup.procs" >"$root/init/cgroup.procs" 2>/dev/null || :
  sed -e 's/ / +/g' -e 's/^/+/' <"$root/cgroup.controllers" >"$root/cgroup.subtree_control"
}

start_dockerd() {
  if alive "$STATE/dockerd.pid" && docker -H "unix://$DOCKER_SOCK" version >/dev/null 2>&1; then return; fi
  nest_cgroup_v2
  mkdir -p "$STATE/docker-data" "$RUNDIR/exec"
  cat >"$STATE/daemon.json" <<'JSON'
{"features": {"containerd-snapshotter": true}, "iptables": false, "ip6tables": false, "log-level": "warn"}
JSON
  say "starting dockerd on $DOCKER_SOCK"
  setsid nohup dockerd --config-file "$STATE/daemon.json" --data-root "$STATE/docker-data" \
    --exec-root "$RUNDIR/exec" --pidfile "$STATE/dockerd.pid" --host "unix://$DOCKER_SOCK" \
    </dev/null >"$STATE/dockerd.log" 2>&1 &
  wait_for 60 dockerd docker -H "unix://$DOCKER_SOCK" version ||
    { tail -20 "$STATE/dockerd.log" >&2; die "dockerd did not answer within 60 s (log: $STATE/dockerd.log)"; }
}

start_registry() {
  if alive "$STATE/registry.pid" && [ -f "$STATE/registry.addr" ] &&
    curl -fsS -o /dev/null -u "$REG_USER:$(cat "$STATE/registry.password")" "http://$(cat "$STATE/registry.addr")/v2/"; then
    return
  fi
  local port password
  port=$(free_port)
  password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  htpasswd -Bbn "$REG_USER" "$password" >"$STATE/htpasswd"
  printf '%s' "$password" >"$STATE/registry.password"
  printf '127.0.0.1:%s' "$port" >"$STATE/registry.addr"
  cat >"$STATE/registry.yml" <<YAML
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
# In memory: the filesystem driver of distribution 2.8 rewrites link files in place, so a HEAD racing the
# concurrent tag pushes of one image (buildx pushes every tag at once) can read a half-written link and
# answer 500 "invalid checksum digest format". The in-memory driver locks; test images are tiny.
storage:
  inmemory: {}
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
auth:
  htpasswd:
    realm: offmain-test
    path: $STATE/htpasswd
YAML
  say "starting the registry on 127.0.0.1:$port"
  setsid nohup docker-registry serve "$STATE/registry.yml" </dev/null >"$STATE/registry.log" 2>&1 &
  echo $! >"$STATE/registry.pid"
  wait_for 30 registry curl -fsS -o /dev/null -u "$REG_USER:$password" "http://127.0.0.1:$port/v2/" ||
    { tail -20 "$STATE/registry.log" >&2; die "the registry did not answer within 30 s (log: $STATE/registry.log)"; }
}

write_env() {
  local addr password
  addr=$(cat "$STATE/registry.addr")
  password=$(cat "$STATE/registry.password")
  mkdir -p "$STATE/docker-config"
  # A docker config of our own, logged in to the registry (the user's ~/.docker is left alone).
  printf '%s' "$password" | DOCKER_CONFIG="$STATE/docker-config" docker -H "unix://$DOCKER_SOCK" \
    login --username "$REG_USER" --password-stdin "$addr" >/dev/null 2>&1 ||
    die "docker login to $addr failed"
  cat >"$ENV_FILE.new" <<ENV
DOCKER_HOST=unix://$DOCKER_SOCK
DOCKER_CONFIG=$STATE/docker-config
OFFMAIN_TEST_REGISTRY=$addr
OFFMAIN_TEST_REGISTRY_USER=$REG_USER
OFFMAIN_TEST_REGISTRY_PASSWORD=$password
OFFMAIN_TEST_BASE_IMAGE=$addr/$BASE_REPO:latest
OFFMAIN_TEST_SBOM_GENERATOR=$addr/$SCANNER_REPO:latest
ENV
  mv "$ENV_FILE.new" "$ENV_FILE"
}

have_image() { # have_image REPO: the registry has REPO:latest for both platforms
  curl -fsS -u "$REG_USER:$(cat "$STATE/registry.password")" \
    -H 'Accept: application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json' \
    "http://$(cat "$STATE/registry.addr")/v2/$1/manifests/latest" 2>/dev/null | grep -q arm64
}

buildx_push() { # buildx_push CONTEXT REPO
  DOCKER_CONFIG="$STATE/docker-config" docker -H "unix://$DOCKER_SOCK" buildx build --quiet \
    --platform linux/amd64,linux/arm64 --provenance=false --sbom=false \
    --tag "$(cat "$STATE/registry.addr")/$2:latest" --push "$1" >/dev/null
}

push_base_image() {
  local addr ctx
  addr=$(cat "$STATE/registry.addr")
  if ! have_image "$BASE_REPO"; then
    ctx=$(base_rootfs)
    say "building and pushing $addr/$BASE_REPO:latest (linux/amd64, linux/arm64)"
    buildx_push "$ctx" "$BASE_REPO"
  fi
  # BuildKit's default SBOM generator (docker/buildkit-syft-scanner) cannot be pulled here: a minimal
  # generator that follows BuildKit's SBOM protocol (an SPDX in-toto statement listing the files it saw).
  if ! have_image "$SCANNER_REPO"; then
    ctx="$CACHE/scanner-context"
    rm -rf "$ctx" && mkdir -p "$ctx"
    cat >"$ctx/scan.sh" <<'SH'
set -e
name=$(basename "$BUILDKIT_SCAN_SOURCE")
files=$(find "$BUILDKIT_SCAN_SOURCE" -type f 2>/dev/null | wc -l)
cat >"$BUILDKIT_SCAN_DESTINATION/$name.spdx.json" <<JSON
{"_type": "https://in-toto.io/Statement/v0.1", "predicateType": "https://spdx.dev/Document",
 "predicate": {"spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0", "SPDXID": "SPDXRef-DOCUMENT",
  "name": "$name", "documentNamespace": "https://offmain.invalid/spdx/$name-$files",
  "creationInfo": {"created": "1970-01-01T00:00:00Z", "creators": ["Tool: offmain-test-scanner"]},
  "comment": "$files files", "packages": []}}
JSON
SH
    printf 'FROM %s\nCOPY scan.sh /scan.sh\nCMD ["/bin/sh", "/scan.sh"]\n' "$addr/$BASE_REPO:latest" >"$ctx/Dockerfile"
    say "building and pushing $addr/$SCANNER_REPO:latest (an SBOM generator for the tests)"
    buildx_push "$ctx" "$SCANNER_REPO"
  fi
}

status() {
  alive "$STATE/dockerd.pid" && alive "$STATE/registry.pid" && [ -f "$ENV_FILE" ] &&
    docker -H "unix://$DOCKER_SOCK" version >/dev/null 2>&1 &&
    curl -fsS -o /dev/null -u "$REG_USER:$(cat "$STATE/registry.password")" "http://$(cat "$STATE/registry.addr")/v2/" &&
    [ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]
}

start() {
  local t0=$SECONDS
  mkdir -p "$STATE" "$RUNDIR"
  install_missing
  enable_qemu
  start_dockerd
  start_registry
  write_env
  push_base_image
  say "ready in $((SECONDS - t0)) s: $(grep -E '^(DOCKER_HOST|OFFMAIN_TEST_REGISTRY)=' "$ENV_FILE" | tr '\n' ' ')"
}

stop_pid() { # stop_pid PIDFILE NAME
  local f=$1 name=$2 pid i
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 300; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      say "$name ($pid) did not stop in 30 s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$f"
}

stop() {
  stop_pid "$STATE/registry.pid" registry
  stop_pid "$STATE/dockerd.pid" dockerd
  rm -f "$ENV_FILE"
  # Mounts left behind by a killed daemon would keep the data from being removed.
  if [ -d "$STATE" ]; then
    { grep -oE " ($STATE|$RUNDIR)/[^ ]*" /proc/mounts || true; } | sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
    rm -rf "$STATE" 2>/dev/null || true
  fi
  rm -rf "$RUNDIR" 2>/dev/null || true
  say "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  nest-cgroup) nest_cgroup_v2 ;;
  *) die "usage: bash scripts/services.sh start|stop|status|nest-cgroup" ;;
esac
