#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and benchmarks, from Debian's `postgresql` package.
#   scripts/pg-test-server.sh start [--durable] [--dir DIR]   prints DIR and URL lines: `DIR <dir>` then `URL <postgres://…>`
#   scripts/pg-test-server.sh stop DIR            stops it and deletes DIR
#   scripts/pg-test-server.sh halt DIR            stops it and keeps DIR (a cached cluster: `start --dir DIR` again)
# Exit 3 when PostgreSQL is not installed (callers skip with a message). Data lives in a temp dir on
# a random loopback port; fsync is off unless --durable (benchmarks compare against durable SQLite).
set -euo pipefail
bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "pg-test-server: PostgreSQL is not installed (apt-get install postgresql)" >&2
  exit 3
fi
# initdb refuses to run as root: run the server as the `postgres` user the package created.
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
  start)
    fsync=off
    dir=""
    shift
    while [ $# -gt 0 ]; do
      case "$1" in
        --durable) fsync=on ;;
        --dir) dir="${2:?--dir needs a folder}"; shift ;;
      esac
      shift
    done
    # --dir: a cluster kept between runs (benchmarks cache generated data); made on first use.
    if [ -n "$dir" ]; then mkdir -p "$dir"; else dir="$(mktemp -d "${TMPDIR:-/tmp}/nin1-pg.XXXXXX")"; fi
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    port="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_pg "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=$fsync -c synchronous_commit=$fsync -c full_page_writes=$fsync -c max_connections=200" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "DIR $dir"
    echo "URL postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    dir="${2:?usage: pg-test-server.sh stop DIR}"
    [ -d "$dir/data" ] && as_pg "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  halt)
    dir="${2:?usage: pg-test-server.sh halt DIR}"
    [ -d "$dir/data" ] && as_pg "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: $0 start [--durable] [--dir DIR] | stop DIR | halt DIR" >&2
    exit 2
    ;;
esac
