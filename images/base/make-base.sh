#!/usr/bin/env bash
# Builds a minimal Debian base image without any container registry:
#   debootstrap --variant=minbase SUITE DIR  |  tar  |  docker import
# Used where no registry is reachable (CI, sandboxes). With registry access, images build FROM
# debian:bookworm-slim and this script is not needed.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: images/base/make-base.sh [--force] [NAME [SUITE [MIRROR]]]

Builds a Debian base image with debootstrap and imports it into Docker.

  NAME     image tag to create          (default: mcpshim/base:bookworm)
  SUITE    Debian suite                 (default: bookworm)
  MIRROR   Debian mirror URL            (default: debootstrap's default, http://deb.debian.org/debian)
  --force  rebuild even when NAME already exists

Needs root, debootstrap and a running Docker engine. Progress goes to stderr.
EOF
}

force=0
args=()
for arg in "$@"; do
    case "$arg" in
        -h|--help) usage; exit 0 ;;
        --force) force=1 ;;
        -*) echo "make-base: unknown option '$arg' (see --help)" >&2; exit 2 ;;
        *) args+=("$arg") ;;
    esac
done
name="${args[0]:-mcpshim/base:bookworm}"
suite="${args[1]:-bookworm}"
mirror="${args[2]:-}"

log() { printf '[make-base %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

if [[ $force -eq 0 ]] && docker image inspect "$name" >/dev/null 2>&1; then
    log "$name already exists; nothing to do (use --force to rebuild)"
    exit 0
fi
command -v debootstrap >/dev/null || { log "debootstrap not found: apt-get install debootstrap"; exit 1; }
[[ $(id -u) -eq 0 ]] || { log "debootstrap needs root"; exit 1; }

rootfs="$(mktemp -d /tmp/mcpshim-base.XXXXXX)"
trap 'rm -rf "$rootfs"' EXIT
started=$SECONDS

log "debootstrap --variant=minbase $suite -> $rootfs ${mirror:+(mirror $mirror)}"
# debootstrap is chatty on stdout; keep it on stderr so callers can capture ours cleanly.
debootstrap --variant=minbase "$suite" "$rootfs" ${mirror:+"$mirror"} >&2

# Smaller image, same behaviour: drop downloaded .debs, apt lists, docs and locales.
log "trimming caches and docs"
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
       "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* \
       "$rootfs"/usr/share/locale/* "$rootfs"/tmp/* "$rootfs"/var/log/*.log
# Same apt sources as debian:<suite>-slim (debootstrap writes only the main suite), so images get
# point-release and security updates. Plain http is fine: apt checks the archive signatures.
if [[ "$suite" != sid && "$suite" != unstable ]]; then
    base_url="${mirror:-http://deb.debian.org/debian}"
    rm -f "$rootfs/etc/apt/sources.list"
    cat >"$rootfs/etc/apt/sources.list.d/debian.sources" <<SOURCES
Types: deb
URIs: $base_url
Suites: $suite $suite-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: ${base_url%/debian}/debian-security
Suites: $suite-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
fi
# apt inside later `docker build` steps: never install recommends, keep no .deb files.
cat >"$rootfs/etc/apt/apt.conf.d/90mcpshim-docker" <<'EOF'
APT::Install-Recommends "false";
APT::Install-Suggests "false";
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb || true"; };
EOF

log "importing into docker as $name"
tar --numeric-owner -C "$rootfs" -c . \
    | docker import \
        --change 'CMD ["/bin/bash"]' \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --message "debootstrap --variant=minbase $suite" \
        - "$name" >/dev/null

size="$(docker image inspect --format '{{.Size}}' "$name")"
log "done: $name ($((size / 1024 / 1024)) MiB) in $((SECONDS - started)) s"
