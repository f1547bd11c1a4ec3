#!/usr/bin/env bash
# `make load`: two mixes of 50 connections for 60 s each (LOAD_SECONDS, LOAD_CONNECTIONS) on the
# national dataset (generate_dataset --provinces 34, made once and reused) in PostgreSQL
# (database itplan_load on 127.0.0.1:5432, or LOAD_DATABASE_URL):
#   read_only    dashboards and lists, a national viewer and a province leader (load.lua);
#   working_day  leaders reading, clerks saving reports and money lines, exports, PDFs
#                (workday.lua, targets made by `python -m benchmarks.load prepare`).
# LOAD_MIX=read_only or working_day runs one. Figures, checked against each mix's targets
# (benchmarks/load.py), go to bench-results.json under "load"; the exit status is 1 when a
# target is missed.
set -euo pipefail
cd "$(dirname "$0")/.."
export DATABASE_URL="${LOAD_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/itplan_load}"
export DJANGO_DEBUG=0 SECRET_KEY=load-test-only ALLOWED_HOSTS=127.0.0.1 CONN_MAX_AGE=60  # as in production
export LOAD_CONNECTIONS="${LOAD_CONNECTIONS:-50}" LOAD_WORKERS="${LOAD_WORKERS:-4}"
export LOAD_THREADS="${LOAD_THREADS:-2}" LOAD_INSTANCES=1 LOAD_THROUGH=gunicorn
SECONDS_RUN="${LOAD_SECONDS:-60}"
MIX="${LOAD_MIX:-both}"
PORT="${LOAD_PORT:-8770}"
URL="http://127.0.0.1:$PORT"
export LOAD_ORIGIN="https://127.0.0.1:$PORT" CSRF_TRUSTED_ORIGINS="https://127.0.0.1:$PORT"
WORK="$(mktemp -d /tmp/itplan-load.XXXXXX)"
export LOAD_DATA="$WORK/workday-data.lua"
PY=.venv/bin/python
WRK=(wrk -t"$LOAD_THREADS" -c"$LOAD_CONNECTIONS" --timeout 10s)

command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)
if [[ "$DATABASE_URL" == postgres://*/itplan_load ]]; then
  createdb -h 127.0.0.1 -U postgres itplan_load 2>/dev/null || true  # made once, then reused
fi
$PY manage.py migrate --noinput -v0
$PY manage.py collectstatic --noinput -v0  # DEBUG off: whitenoise serves the manifest
$PY manage.py generate_dataset --provinces 34 2>/dev/null || echo "(dataset already there)"

.venv/bin/gunicorn itplan.wsgi -w "$LOAD_WORKERS" -b "127.0.0.1:$PORT" -p "$WORK/gunicorn.pid" \
  --log-level warning &
trap 'kill "$(cat "$WORK/gunicorn.pid")" 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 30); do
  curl -s -o /dev/null "$URL/dang-nhap/" -H "X-Forwarded-Proto: https" && break
  sleep 1
done

failed=0
eval "$($PY -m benchmarks.load sessions)"
export LOAD_NATIONAL_COOKIE LOAD_LEADER_COOKIE
# Warm each worker (first compile of templates and queries) with the read-only mix.
LOAD_RESULT="$WORK/warm.json" "${WRK[@]}" -d10s -s benchmarks/load.lua "$URL" >/dev/null

if [[ "$MIX" != working_day ]]; then
  LOAD_RESULT="$WORK/read_only.json" "${WRK[@]}" -d"${SECONDS_RUN}s" --latency \
    -s benchmarks/load.lua "$URL"
  $PY -m benchmarks.load record read_only "$WORK/read_only.json" || failed=1
fi

if [[ "$MIX" != read_only ]]; then
  $PY -m benchmarks.load prepare "$LOAD_DATA"
  $PY -m benchmarks.load counts >"$WORK/before.json"
  LOAD_RESULT="$WORK/working_day.json" "${WRK[@]}" -d"${SECONDS_RUN}s" --latency \
    -s benchmarks/workday.lua "$URL"
  $PY -m benchmarks.load counts >"$WORK/after.json"
  $PY -m benchmarks.load record working_day "$WORK/working_day.json" \
    "$WORK/before.json" "$WORK/after.json" || failed=1
fi
exit "$failed"
