# Servers the tests need, installed from Debian packages and started on loopback.
# Sourced by .ci/run (and by developers: `source .ci/services.sh && start_services`); exports the
# addresses tests read from the environment:
#   ZALOOA_REDIS=127.0.0.1:PORT
#   ZALOOA_POSTGRES="Host=127.0.0.1;Port=PORT;Username=postgres;Password=...;Database=zalooa_test"
#   ZALOOA_CHROMIUM=/usr/bin/chromium   (Debian's browser, driven by the Playwright tests; Playwright's
#                                        own browser downloads are never used)
# Both servers are throwaway: no persistence for Redis, a fresh PostgreSQL cluster in a temp folder,
# on free ports so they never collide with a system-wide server or another engineer's run.
# start_services is idempotent (a second call while the servers run does nothing);
# stop_services stops both and removes their folder.

_zalooa_log() { printf '[services] %s\n' "$*" >&2; }

# Installs the Debian packages that provide a command, once, and only when it is missing.
_zalooa_apt_updated=""
_zalooa_apt_install() {
  if [ -z "$_zalooa_apt_updated" ]; then
    _zalooa_log "apt-get update"
    apt-get update -qq >/dev/null
    _zalooa_apt_updated=1
  fi
  _zalooa_log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

_zalooa_pg_bin() {
  # The newest installed server version's binaries (Debian keeps them out of PATH).
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && printf '%s' "$dir"
}

_zalooa_free_port() {
  # Binding port 0 lets the kernel pick a free port; the tiny race until the server binds it is
  # covered by the retry in the start functions.
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Runs a command as the postgres user (PostgreSQL refuses to run as root).
_zalooa_as_postgres() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

_zalooa_install_missing() {
  local packages=()
  command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1 || packages+=(redis-server redis-tools)
  _zalooa_pg_bin >/dev/null || packages+=(postgresql)
  if [ "${#packages[@]}" -gt 0 ]; then
    _zalooa_apt_install "${packages[@]}"
  fi
}

_zalooa_start_redis() {
  local dir="$ZALOOA_SERVICES_DIR/redis" port attempt
  mkdir -p "$dir"
  for attempt in 1 2 3; do
    port=$(_zalooa_free_port)
    redis-server --bind 127.0.0.1 --port "$port" --daemonize yes --protected-mode yes \
      --save "" --appendonly no --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null
    local i
    for i in $(seq 1 50); do
      if [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = "PONG" ]; then
        export ZALOOA_REDIS="127.0.0.1:$port"
        _zalooa_log "redis-server on $ZALOOA_REDIS"
        return 0
      fi
      sleep 0.1
    done
    _zalooa_log "redis-server did not answer on port $port (attempt $attempt); log:"
    tail -n 5 "$dir/redis.log" >&2 2>/dev/null || true
    [ -f "$dir/redis.pid" ] && kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
  done
  return 1
}

_zalooa_start_postgres() {
  local bin dir="$ZALOOA_SERVICES_DIR/postgres" port password attempt
  bin=$(_zalooa_pg_bin) || { _zalooa_log "PostgreSQL binaries not found under /usr/lib/postgresql"; return 1; }
  password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
  mkdir -p "$dir"
  printf '%s\n' "$password" >"$dir/pwfile"
  chmod 600 "$dir/pwfile"
  [ "$(id -u)" = "0" ] && chown -R postgres: "$dir"
  # Local (socket) connections trust the postgres user so this script can create the database;
  # TCP connections, which the tests use, need the password.
  _zalooa_as_postgres "$bin/initdb" -D "$dir/data" --username=postgres --pwfile="$dir/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { _zalooa_log "initdb failed:"; tail -n 20 "$dir/initdb.log" >&2; return 1; }
  rm -f "$dir/pwfile"
  for attempt in 1 2 3; do
    port=$(_zalooa_free_port)
    if _zalooa_as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-k $dir -h 127.0.0.1 -p $port -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null; then
      _zalooa_as_postgres "$bin/createdb" -h "$dir" -p "$port" -U postgres zalooa_test
      export ZALOOA_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=$password;Database=zalooa_test"
      export ZALOOA_POSTGRES_PGCTL="$bin/pg_ctl"
      _zalooa_log "PostgreSQL on 127.0.0.1:$port (database zalooa_test)"
      return 0
    fi
    _zalooa_log "PostgreSQL did not start on port $port (attempt $attempt); log:"
    tail -n 5 "$dir/server.log" >&2 2>/dev/null || true
  done
  return 1
}

# Debian's chromium for the browser tests: installed once, only when missing.
_zalooa_browser() {
  local path="${ZALOOA_CHROMIUM:-/usr/bin/chromium}"
  if [ ! -x "$path" ]; then
    _zalooa_apt_install chromium fonts-dejavu-core || return 1
    path=/usr/bin/chromium
  fi
  export ZALOOA_CHROMIUM="$path"
}

start_services() {
  _zalooa_browser || return 1
  if [ -n "${ZALOOA_SERVICES_DIR:-}" ] && [ -d "$ZALOOA_SERVICES_DIR" ] && [ -n "${ZALOOA_REDIS:-}" ] \
    && [ -n "${ZALOOA_POSTGRES:-}" ] && redis-cli -h 127.0.0.1 -p "${ZALOOA_REDIS##*:}" ping >/dev/null 2>&1; then
    _zalooa_log "already running (redis $ZALOOA_REDIS)"
    return 0
  fi
  _zalooa_install_missing || return 1
  export ZALOOA_SERVICES_DIR
  ZALOOA_SERVICES_DIR=$(mktemp -d "${TMPDIR:-/tmp}/zalooa-services.XXXXXX")
  chmod 755 "$ZALOOA_SERVICES_DIR"
  _zalooa_start_redis || { stop_services; return 1; }
  _zalooa_start_postgres || { stop_services; return 1; }
}

stop_services() {
  local dir="${ZALOOA_SERVICES_DIR:-}"
  [ -n "$dir" ] && [ -d "$dir" ] || { unset ZALOOA_REDIS ZALOOA_POSTGRES ZALOOA_SERVICES_DIR ZALOOA_POSTGRES_PGCTL; return 0; }
  if [ -f "$dir/redis/redis.pid" ]; then
    kill "$(cat "$dir/redis/redis.pid")" 2>/dev/null || true
  fi
  if [ -f "$dir/postgres/data/postmaster.pid" ] && [ -n "${ZALOOA_POSTGRES_PGCTL:-}" ]; then
    _zalooa_as_postgres "$ZALOOA_POSTGRES_PGCTL" -D "$dir/postgres/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  unset ZALOOA_REDIS ZALOOA_POSTGRES ZALOOA_SERVICES_DIR ZALOOA_POSTGRES_PGCTL
  _zalooa_log "stopped"
}
