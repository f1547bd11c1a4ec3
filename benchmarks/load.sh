#!/usr/bin/env bash
# `make load`: two mixes of 50 connections for 60 s each (LOAD_SECONDS, LOAD_CONNECTIONS)
# through the production stack (deploy/stack.sh: nginx with TLS, two gunicorn instances, Redis
# for the page cache and sessions, db_worker) on the national dataset (generate_dataset
# --provinces 34, made once and reused) in PostgreSQL: database itplan_load on 127.0.0.1:5432,
# or LOAD_DATABASE_URL.
#   read_only    dashboards and lists, a national viewer and a province leader (load.lua);
#   working_day  leaders reading, clerks saving reports and money lines, exports, PDFs
#                (workday.lua, on targets made by `python -m benchmarks.load prepare`).
# LOAD_MIX=read_only or working_day runs one; LOAD_WORKERS sets the workers per instance (2).
# Figures, checked against each mix's targets (benchmarks/load.py), with each kind of request's
# time from the gunicorn logs (benchmarks/load_log.py), go to bench-results.json under "load";
# the exit status is 1 when a target is missed.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
export DATABASE_URL="${LOAD_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/itplan_load}"
export LOAD_CONNECTIONS="${LOAD_CONNECTIONS:-50}" LOAD_THREADS="${LOAD_THREADS:-2}"
export GUNICORN_WORKERS="${LOAD_WORKERS:-2}" STACK_INSTANCES="${LOAD_INSTANCES:-2}"
export LOAD_WORKERS="$GUNICORN_WORKERS" LOAD_INSTANCES="$STACK_INSTANCES"
export LOAD_THROUGH="nginx (TLS) + $STACK_INSTANCES gunicorn" LOAD_CACHE=redis
export STACK_PORT="${LOAD_PORT:-8771}"
SECONDS_RUN="${LOAD_SECONDS:-60}"
MIX="${LOAD_MIX:-both}"
WORK="$(mktemp -d /tmp/itplan-load.XXXXXX)"
export STACK_DIR="$WORK/stack" LOAD_DATA="$WORK/workday-data.lua"
PY="$ROOT/.venv/bin/python"
WRK=(wrk -t"$LOAD_THREADS" -c"$LOAD_CONNECTIONS" --timeout 30s)

command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)
if [[ "$DATABASE_URL" == postgres://*/itplan_load ]]; then
  createdb -h 127.0.0.1 -U postgres itplan_load 2>/dev/null || true  # made once, then reused
fi
# The dataset first (about 1,5 minutes, once), as production settings would write it.
DJANGO_DEBUG=0 SECRET_KEY=load-test-only ALLOWED_HOSTS=127.0.0.1 $PY manage.py migrate --noinput -v0
DJANGO_DEBUG=0 SECRET_KEY=load-test-only ALLOWED_HOSTS=127.0.0.1 \
  $PY manage.py generate_dataset --provinces 34 2>/dev/null || echo "(dataset already there)"
# Fresh planner statistics: a database whose autovacuum is off (or has not run since the bulk
# insert) plans the money queries as if the tables were empty, seconds instead of milliseconds.
psql "$DATABASE_URL" -qc ANALYZE

# `up` prints the settings the stack runs with and STACK_URL, as export lines (an assignment
# keeps its exit status, so a stack that does not come up stops the run here).
STACK_ENV="$(deploy/stack.sh up)"
eval "$STACK_ENV"
trap 'deploy/stack.sh down || true; rm -rf "$WORK"' EXIT
URL="$STACK_URL"
export LOAD_ORIGIN="$STACK_URL"
LOGS=("$STACK_DIR"/gunicorn-*-access.log)

# Runs wrk with script $2 as mix $1 and records its figures, with each kind's time from the
# gunicorn logs (emptied first: they hold this run only). The working day counts the rows its
# writes add before and after.
run_mix() {
  local mix="$1" script="$2" counts=()
  for log in "${LOGS[@]}"; do : >"$log"; done
  if [[ "$mix" == working_day ]]; then
    $PY -m benchmarks.load prepare "$LOAD_DATA"
    $PY -m benchmarks.load counts >"$WORK/before.json"
  fi
  LOAD_RESULT="$WORK/$mix.json" "${WRK[@]}" -d"${SECONDS_RUN}s" --latency -s "$script" "$URL"
  sleep 3  # the requests still in flight when wrk stopped end, and are logged
  if [[ "$mix" == working_day ]]; then
    $PY -m benchmarks.load counts >"$WORK/after.json"
    counts=("$WORK/before.json" "$WORK/after.json")
  fi
  $PY -m benchmarks.load_log "${LOGS[@]}" >"$WORK/$mix-kinds.json"
  $PY -m benchmarks.load record "$mix" "$WORK/$mix.json" "$WORK/$mix-kinds.json" "${counts[@]}"
}

failed=0
eval "$($PY -m benchmarks.load sessions)"
export LOAD_NATIONAL_COOKIE LOAD_LEADER_COOKIE
# Warm each worker (first compile of templates and queries) with the read-only mix.
LOAD_RESULT="$WORK/warm.json" "${WRK[@]}" -d10s -s benchmarks/load.lua "$URL" >/dev/null

if [[ "$MIX" != working_day ]]; then
  run_mix read_only benchmarks/load.lua || failed=1
fi
if [[ "$MIX" != read_only ]]; then
  run_mix working_day benchmarks/workday.lua || failed=1
fi
exit "$failed"
