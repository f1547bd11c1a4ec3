#!/usr/bin/env bash
# The production stack on loopback, from Debian's packages: PostgreSQL, a Redis of its own, two
# gunicorn instances (deploy/gunicorn.conf.py) behind one nginx (deploy/nginx/itplan.conf with a
# self-signed certificate, so TLS ends in nginx as in production) and one `manage.py db_worker`.
#
#   eval "$(deploy/stack.sh up)"    # prints export lines: STACK_URL, STACK_DIR, the app's env
#   deploy/stack.sh down            # stops what `up` started; drops the database it created
#
# Environment (all optional):
#   STACK_DIR      folder for the pid, log, conf and certificate files (default /tmp/itplan-stack)
#   STACK_PORT     HTTPS port of nginx (default 8443); plain HTTP (redirect) on STACK_PORT+1
#   DATABASE_URL   use this database (migrated, kept at `down`); unset: a new PostgreSQL
#                  database itplan_stack_<random> on 127.0.0.1:5432 (user postgres), dropped at
#                  `down`. PG_ADMIN_URL names the server to create it on.
#   GUNICORN_WORKERS  workers per instance (default 2); STACK_INSTANCES gunicorn instances (2)
#   VENV           the virtualenv to run (default .venv)
# Logs: $STACK_DIR/*.log. `up` fails (and stops what it had started) when a part does not come up.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
STACK_DIR="${STACK_DIR:-/tmp/itplan-stack}"
STACK_PORT="${STACK_PORT:-8443}"
VENV="${VENV:-.venv}"
PY="$(cd "$(dirname "$VENV/bin/python")" && pwd)/python"
PG_ADMIN_URL="${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

say() { echo "stack [${SECONDS}s]: $*" >&2; }

free_port() {
  "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits until host:port accepts connections while pid lives; on failure shows the log's tail.
wait_port() {
  local port="$1" pidfile="$2" log="$3" name="$4"
  for _ in $(seq 1 120); do
    if "$PY" -c "import socket, sys; sys.exit(socket.socket().connect_ex(('127.0.0.1', $port)))"; then
      return 0
    fi
    if [ -f "$pidfile" ] && ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then break; fi
    sleep 0.5
  done
  say "$name did not start on port $port; the end of $log:"
  tail -n 30 "$log" >&2 || true
  return 1
}

# Stops the processes named by these pid files: TERM to all at once (gunicorn and db_worker
# finish the request or task at hand), then KILL whatever still runs after 15 s.
stop_pids() {
  local pidfile pid pids=()
  for pidfile in "$@"; do
    [ -f "$pidfile" ] || continue
    pid="$(cat "$pidfile")"
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
    fi
    rm -f "$pidfile"
  done
  for _ in $(seq 1 60); do
    local alive=()
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive+=("$pid"); done
    pids=("${alive[@]}")
    [ "${#pids[@]}" -eq 0 ] && return 0
    sleep 0.25
  done
  say "still running after 15 s, killed: ${pids[*]}"
  kill -KILL "${pids[@]}" 2>/dev/null || true
}

down() {
  [ -d "$STACK_DIR" ] || { say "nothing to stop ($STACK_DIR absent)"; return 0; }
  # nginx first (no new requests), then the app servers, the worker and Redis together.
  stop_pids "$STACK_DIR/nginx.pid"
  stop_pids "$STACK_DIR"/gunicorn-*.pid "$STACK_DIR/db_worker.pid" "$STACK_DIR/redis.pid"
  if [ -f "$STACK_DIR/created_db" ]; then
    local db
    db="$(cat "$STACK_DIR/created_db")"
    psql "$PG_ADMIN_URL" -q -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null \
      && say "database $db dropped"
    rm -f "$STACK_DIR/created_db"
  fi
  say "stopped"
}

up() {
  command -v nginx >/dev/null || { say "nginx is not installed (apt-get install nginx)"; exit 1; }
  command -v redis-server >/dev/null || { say "redis-server is not installed (apt-get install redis-server)"; exit 1; }
  [ -x "$PY" ] || { say "no Python at $PY: VENV=/path/to/venv"; exit 1; }
  if [ -f "$STACK_DIR/nginx.pid" ] || ls "$STACK_DIR"/gunicorn-*.pid >/dev/null 2>&1; then
    say "a stack is already up in $STACK_DIR: deploy/stack.sh down first"; exit 1
  fi
  local port_in_use
  for port_in_use in "$STACK_PORT" $((STACK_PORT + 1)); do
    if "$PY" -c "import socket, sys; sys.exit(socket.socket().connect_ex(('127.0.0.1', $port_in_use)) != 0)"; then
      say "port $port_in_use is in use (another stack or program): choose another STACK_PORT"; exit 1
    fi
  done
  mkdir -p "$STACK_DIR"
  STACK_DIR="$(cd "$STACK_DIR" && pwd)"
  STARTED=0
  trap '[ "$STARTED" = 1 ] || { say "failed: stopping what was started"; down; }' EXIT

  # The database: the one given, or a new one dropped at `down`.
  if [ -z "${DATABASE_URL:-}" ]; then
    if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
      pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
      for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
    fi
    local db="itplan_stack_$$_$RANDOM"
    psql "$PG_ADMIN_URL" -q -c "CREATE DATABASE $db" >/dev/null
    echo "$db" > "$STACK_DIR/created_db"
    DATABASE_URL="${PG_ADMIN_URL%/*}/$db"
    say "database $db created"
  fi

  local redis_port http_port instances="${STACK_INSTANCES:-2}"
  redis_port="$(free_port)"
  http_port=$((STACK_PORT + 1))
  # The settings of a production deployment (see .env.example), on loopback.
  cat > "$STACK_DIR/env" <<ENV
export DATABASE_URL='$DATABASE_URL'
export REDIS_URL='redis://127.0.0.1:$redis_port/0'
export SECRET_KEY='$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')'
export ALLOWED_HOSTS='127.0.0.1,localhost'
export CSRF_TRUSTED_ORIGINS='https://127.0.0.1:$STACK_PORT,https://localhost:$STACK_PORT'
export SITE_URL='https://127.0.0.1:$STACK_PORT'
export CONN_MAX_AGE=60
export AXES_IPWARE_PROXY_COUNT=1
export MEDIA_ROOT='$STACK_DIR/media'
export BACKUP_DIR='$STACK_DIR/backups'
export STATIC_ROOT='${STATIC_ROOT:-$ROOT/staticfiles}'
export TASKS_BACKEND=database
export GUNICORN_WORKERS='${GUNICORN_WORKERS:-2}'
export LOG_LEVEL=WARNING
ENV
  unset DJANGO_DEBUG
  # shellcheck disable=SC1091
  . "$STACK_DIR/env"

  redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no \
    --maxmemory 256mb --maxmemory-policy allkeys-lru --daemonize yes \
    --pidfile "$STACK_DIR/redis.pid" --logfile "$STACK_DIR/redis.log" --dir "$STACK_DIR"
  wait_port "$redis_port" "$STACK_DIR/redis.pid" "$STACK_DIR/redis.log" redis-server

  say "migrate"
  "$PY" manage.py migrate --noinput -v0
  say "collectstatic"
  "$PY" manage.py collectstatic --noinput -v0
  say "gunicorn, db_worker, nginx"

  # TLS as in production, with a certificate of its own made for 127.0.0.1.
  if [ ! -f "$STACK_DIR/tls/cert.pem" ]; then
    mkdir -p "$STACK_DIR/tls"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
      -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
      -keyout "$STACK_DIR/tls/key.pem" -out "$STACK_DIR/tls/cert.pem" 2>/dev/null
  fi

  local upstreams=() port i
  for i in $(seq 1 "$instances"); do
    port="$(free_port)"
    upstreams+=(--upstream "127.0.0.1:$port")
    "$PY" -m gunicorn -c deploy/gunicorn.conf.py itplan.wsgi --bind "127.0.0.1:$port" \
      --daemon --pid "$STACK_DIR/gunicorn-$i.pid" \
      --access-logfile "$STACK_DIR/gunicorn-$i-access.log" \
      --error-logfile "$STACK_DIR/gunicorn-$i.log"
    echo "127.0.0.1:$port" > "$STACK_DIR/gunicorn-$i.addr"
  done
  # The worker that makes issued reports' PDFs; setsid: it outlives this script's session.
  setsid "$PY" manage.py db_worker --no-reload >"$STACK_DIR/db_worker.log" 2>&1 < /dev/null &
  echo $! > "$STACK_DIR/db_worker.pid"

  "$PY" deploy/render_nginx.py --dir "$STACK_DIR" --port "$STACK_PORT" --http-port "$http_port" \
    "${upstreams[@]}" --static-root "$STATIC_ROOT" \
    --cert "$STACK_DIR/tls/cert.pem" --key "$STACK_DIR/tls/key.pem"
  nginx -p "$STACK_DIR" -c "$STACK_DIR/nginx.conf" -e "$STACK_DIR/nginx-error.log" -t -q
  nginx -p "$STACK_DIR" -c "$STACK_DIR/nginx.conf" -e "$STACK_DIR/nginx-error.log"

  for i in $(seq 1 "$instances"); do
    port="$(cut -d: -f2 < "$STACK_DIR/gunicorn-$i.addr")"
    wait_port "$port" "$STACK_DIR/gunicorn-$i.pid" "$STACK_DIR/gunicorn-$i.log" "gunicorn $i"
  done
  wait_port "$STACK_PORT" "$STACK_DIR/nginx.pid" "$STACK_DIR/nginx-error.log" nginx
  sleep 0.5
  kill -0 "$(cat "$STACK_DIR/db_worker.pid")" 2>/dev/null \
    || { say "db_worker exited:"; tail -n 30 "$STACK_DIR/db_worker.log" >&2; false; }
  STARTED=1
  {
    echo "export STACK_DIR='$STACK_DIR'"
    echo "export STACK_URL='https://127.0.0.1:$STACK_PORT'"
    echo "export STACK_HTTP_URL='http://127.0.0.1:$http_port'"
    echo "export STACK_CA='$STACK_DIR/tls/cert.pem'"
  } >> "$STACK_DIR/env"
  say "up: https://127.0.0.1:$STACK_PORT ($instances gunicorn × $GUNICORN_WORKERS workers, redis :$redis_port, $(basename "${DATABASE_URL%%\?*}"))"
  cat "$STACK_DIR/env"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) echo "usage: deploy/stack.sh up|down   (env: STACK_DIR, STACK_PORT, DATABASE_URL, VENV)" >&2; exit 2 ;;
esac
