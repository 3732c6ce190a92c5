#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and benchmarks, from Debian's `postgresql` package.
#   scripts/pg-test-server.sh start [--durable]   prints DIR and URL lines: `DIR <dir>` then `URL <postgres://…>`
#   scripts/pg-test-server.sh stop DIR            stops it and deletes DIR
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
    [ "${2:-}" = "--durable" ] && fsync=on
    dir="$(mktemp -d "${TMPDIR:-/tmp}/nin1-pg.XXXXXX")"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    port="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
    as_pg "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
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
  *)
    echo "usage: $0 start [--durable] | stop DIR" >&2
    exit 2
    ;;
esac
