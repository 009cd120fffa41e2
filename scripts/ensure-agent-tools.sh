#!/bin/sh
# Makes sure the programs the agent's end-to-end tests drive are installed from
# Debian's archive: Xvfb (a display without a screen), ImageMagick's `import` (the
# agent's X11 screenshots), xmessage (a window to see in them), and for Web Connect
# x11vnc (the agent's VNC server on Linux), xdotool (input read back by the tests),
# wmctrl (the agent finds and raises its session notice) and xclip (the device's clipboard).
set -e
tools="Xvfb import xmessage x11vnc xdotool wmctrl xclip"
missing=""
for tool in $tools; do command -v "$tool" >/dev/null || missing="$missing $tool"; done
if [ -z "$missing" ]; then exit 0; fi
packages="xvfb xauth imagemagick x11-utils x11vnc xdotool wmctrl xclip"
if [ "$(id -u)" != "0" ]; then
  echo "the agent tests need$missing: run as root, or: apt-get install -y $packages" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $packages >/dev/null
for tool in $tools; do command -v "$tool"; done
