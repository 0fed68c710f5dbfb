#!/usr/bin/env bash
# Install the Debian/Ubuntu packages itam needs, when they are missing.
#   system-deps.sh run    – what the desktop app needs (Qt's runtime libraries incl. Qt PDF's, CJK fonts,
#                           PostgreSQL's client tools for backups of a shared database)
#   system-deps.sh test   – that plus what the test suite uses (nmap, iproute2, poppler-utils, a PostgreSQL server)
# As root it installs with apt-get; otherwise it prints the command to run and fails.
set -euo pipefail
mode=${1:-run}

run_pkgs=(libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
          libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1
          libgssapi-krb5-2 libx11-6 libfreetype6
          fonts-wqy-microhei fonts-dejavu-core
          postgresql-client)  # pg_dump/pg_restore: `itam backup`/`itam restore` of a PostgreSQL database
# nmap and iproute2: discovery tests scan a lab of hosts in network namespaces (root only).
# postgresql: the service and CLI tests also run on a PostgreSQL server the test run starts itself
# (initdb/pg_ctl from /usr/lib/postgresql/<version>/bin, pg_trgm for search; tests/pg.py).
# snmpd and openssh-server: the audit tests run real SNMP agents and SSH servers inside the lab's
# namespaces (tests/lab/audit_lab.py); only their binaries are used. Note: on a machine with systemd,
# installing openssh-server also enables Debian's own sshd on port 22 (disable it if you do not want it).
test_pkgs=(nmap iproute2 poppler-utils postgresql snmpd openssh-server)
pkgs=("${run_pkgs[@]}")
[ "$mode" = test ] && pkgs+=("${test_pkgs[@]}")

missing=()
for p in "${pkgs[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "itam: please install the equivalents of these Debian packages: ${missing[*]}" >&2
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "itam: missing system packages: ${missing[*]}" >&2
    echo "      install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi
echo "itam: installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
