#!/usr/bin/env bash
# Load test (issue 5): gunicorn on loopback, wrk with 50 connections for 60 s over the
# dashboards and lists of the national dataset (generate_dataset --provinces 34, made once in
# load.sqlite3, or in LOAD_DATABASE_URL). Figures go to bench-results.json under "load".
set -euo pipefail
cd "$(dirname "$0")/.."
export DATABASE_URL="${LOAD_DATABASE_URL:-sqlite:///$PWD/load.sqlite3}"
export DJANGO_DEBUG=0 SECRET_KEY=load-test-only ALLOWED_HOSTS=127.0.0.1 CONN_MAX_AGE=60  # as in production
export LOAD_CONNECTIONS="${LOAD_CONNECTIONS:-50}" LOAD_WORKERS="${LOAD_WORKERS:-4}"
export LOAD_RESULT="$PWD/load-result.json"
PORT="${LOAD_PORT:-8770}"
PY=.venv/bin/python

command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)
$PY manage.py migrate --noinput -v0
$PY manage.py collectstatic --noinput -v0  # DEBUG off: whitenoise serves the manifest
$PY manage.py generate_dataset --provinces 34 2>/dev/null || echo "(dataset already there)"
eval "$($PY -m benchmarks.load sessions)"
export LOAD_NATIONAL_COOKIE LOAD_LEADER_COOKIE

.venv/bin/gunicorn itplan.wsgi -w "$LOAD_WORKERS" -b "127.0.0.1:$PORT" -p /tmp/itplan-load.pid \
  --log-level warning &
trap 'kill "$(cat /tmp/itplan-load.pid)" 2>/dev/null || true' EXIT
for _ in $(seq 1 30); do curl -s -o /dev/null "http://127.0.0.1:$PORT/dang-nhap/" \
  -H "X-Forwarded-Proto: https" && break; sleep 1; done
# Warm each worker (first compile of templates and queries), then the measured minute.
wrk -t2 -c"$LOAD_CONNECTIONS" -d10s -s benchmarks/load.lua "http://127.0.0.1:$PORT" >/dev/null
wrk -t2 -c"$LOAD_CONNECTIONS" -d60s --timeout 10s --latency -s benchmarks/load.lua \
  "http://127.0.0.1:$PORT"
$PY -m benchmarks.load record "$LOAD_RESULT"
