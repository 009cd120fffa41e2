#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 with trust auth for the
# tests: starts the installed cluster if it is down, installs Debian's
# postgresql if there is none. Prints one line saying what it did.
set -euo pipefail
host=127.0.0.1 port=${OUTPOST_PG_PORT:-5432}

ready() { command -v pg_isready >/dev/null && pg_isready -q -h "$host" -p "$port"; }

if ready; then echo "postgres: running on $host:$port"; exit 0; fi

if ! command -v pg_ctlcluster >/dev/null || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
  echo "postgres: not installed; installing Debian's postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq postgresql >/dev/null
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  hba=/etc/postgresql/$version/main/pg_hba.conf
  # Local test server only: trust connections from this machine.
  sed -i -E 's/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/\1trust/' "$hba"
fi

version=$(ls /etc/postgresql | sort -V | tail -n 1)
pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
for _ in $(seq 1 30); do
  if ready; then echo "postgres: started cluster $version on $host:$port"; exit 0; fi
  sleep 1
done
echo "postgres: could not start a server on $host:$port" >&2
exit 1
