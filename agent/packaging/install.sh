#!/bin/sh
# Installs the Outpost agent as a service. Linux with systemd is supported here;
# macOS and Windows are documented in agent/README.md and refused with a clear message.
#   sudo sh install.sh --server https://outpost.example.com --code ABCD-EFGH-JKMN
# Without --code, an outpost-agent.json baked next to bin/ (a downloaded package) is used.
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
server=""
code=""
while [ $# -gt 0 ]; do
  case "$1" in
    --server) server="$2"; shift 2 ;;
    --code) code="$2"; shift 2 ;;
    *) echo "install.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
case "$(uname -s)" in
  Linux) ;;
  Darwin) echo "install.sh: on macOS install the launchd job described in agent/README.md" >&2; exit 3 ;;
  *) echo "install.sh: this script installs on Linux only; see agent/README.md for Windows" >&2; exit 3 ;;
esac
if [ "$(id -u)" != "0" ]; then echo "install.sh: run as root (sudo)" >&2; exit 1; fi
if ! command -v systemctl >/dev/null; then echo "install.sh: systemd is needed (no systemctl found)" >&2; exit 1; fi
if ! command -v node >/dev/null; then echo "install.sh: Node.js 20 or newer is needed (apt-get install nodejs)" >&2; exit 1; fi

mkdir -p /opt/outpost-agent /var/lib/outpost-agent
chmod 700 /var/lib/outpost-agent
cp -R "$here/bin" "$here/dist" "$here/package.json" /opt/outpost-agent/
[ -d "$here/node_modules" ] && cp -R "$here/node_modules" /opt/outpost-agent/
[ -f "$here/outpost-agent.json" ] && cp "$here/outpost-agent.json" /opt/outpost-agent/
if [ -n "$code" ]; then
  [ -n "$server" ] || { echo "install.sh: --code needs --server" >&2; exit 2; }
  OUTPOST_AGENT_STATE=/var/lib/outpost-agent/agent.json node /opt/outpost-agent/bin/outpost-agent.js enroll --server "$server" --code "$code"
fi
cp "$here/packaging/outpost-agent.service" /etc/systemd/system/outpost-agent.service
systemctl daemon-reload
systemctl enable --now outpost-agent.service
echo "Outpost agent installed and running (systemctl status outpost-agent)"
