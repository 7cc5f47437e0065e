#!/usr/bin/env bash
# Starts a throw-away PostgreSQL on 127.0.0.1:55432 for the EF Core store tests, exports OPTIN_TEST_POSTGRES into
# "$OUT/env" and leaves "$OUT/stop-postgres.sh" behind. Installs PostgreSQL with apt-get when it is missing.
set -euo pipefail
: "${OUT:?OUT must be set}"
PORT="${OPTIN_TEST_POSTGRES_PORT:-55432}"

find_bin() {
  local name=$1
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return; fi
  ls /usr/lib/postgresql/*/bin/"$name" 2>/dev/null | sort -V | tail -n 1
}

INITDB=$(find_bin initdb || true)
if [ -z "$INITDB" ]; then
  echo "installing postgresql"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  INITDB=$(find_bin initdb)
fi
BIN=$(dirname "$INITDB")
PG_CTL="$BIN/pg_ctl"
[ -x "$PG_CTL" ] || PG_CTL=$(find_bin pg_ctl)
PSQL=$(find_bin psql)

id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
DIR=$(mktemp -d /tmp/optin-pg.XXXXXX)
chmod 755 "$DIR"
mkdir -p "$DIR/data" "$DIR/sock"
chown -R postgres "$DIR"
as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$1"; else bash -c "$1"; fi; }

as_postgres "'$INITDB' -D '$DIR/data' -A trust -U postgres >'$DIR/initdb.log' 2>&1"
as_postgres "'$PG_CTL' -D '$DIR/data' -l '$DIR/server.log' -w -o \"-p $PORT -k $DIR/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" start >/dev/null"
as_postgres "'$PSQL' -h 127.0.0.1 -p $PORT -U postgres -d postgres -qc 'CREATE DATABASE optin_test' >/dev/null"

echo "OPTIN_TEST_POSTGRES='Host=127.0.0.1;Port=$PORT;Username=postgres;Database=optin_test'" >> "$OUT/env"
cat > "$OUT/stop-postgres.sh" <<STOP
#!/usr/bin/env bash
if [ "\$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "'$PG_CTL' -D '$DIR/data' -m fast stop"; else '$PG_CTL' -D '$DIR/data' -m fast stop; fi
rm -rf '$DIR'
STOP
echo "postgres started on 127.0.0.1:$PORT"
