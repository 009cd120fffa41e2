#!/bin/sh
# Makes sure the programs the agent's end-to-end tests drive are installed from
# Debian's archive: Xvfb (a display without a screen), ImageMagick's `import` (the
# agent's X11 screenshots) and xmessage (a window to see in them).
set -e
if command -v Xvfb >/dev/null && command -v import >/dev/null && command -v xmessage >/dev/null; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "the agent tests need Xvfb, ImageMagick and xmessage: run as root, or: apt-get install -y xvfb imagemagick x11-utils" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends xvfb xauth imagemagick x11-utils >/dev/null
command -v Xvfb import xmessage
