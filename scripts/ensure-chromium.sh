#!/bin/sh
# Makes sure Debian's chromium is at /usr/bin/chromium for the browser tests and
# bench:ui, installing the package when it is missing (run as root). Nothing is
# downloaded from anywhere but Debian's package archive.
set -e
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "chromium is not installed: run as root, or: apt-get install -y chromium" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
/usr/bin/chromium --version
