#!/usr/bin/env bash
# make prod-check: the production stack on loopback (deploy/stack.sh up), the deployment check,
# the seed and a user of each role, the checks through nginx (deploy/prod_check.py), then
# everything stopped and the database dropped (deploy/stack.sh down), whatever happened.
# VENV names the virtualenv (default .venv); STACK_PORT the HTTPS port (default: a free one).
set -euo pipefail
cd "$(dirname "$0")/.."
export VENV="${VENV:-.venv}"
PY="$VENV/bin/python"
STARTED_AT=$(date +%s)
export STACK_DIR
STACK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/itplan-prod-check.XXXXXX")"
export STACK_PORT="${STACK_PORT:-$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
unset DATABASE_URL DJANGO_DEBUG

step() { echo "prod-check [${SECONDS}s]: $*"; }

finish() {
  local status=$?
  if [ "$status" -ne 0 ]; then
    echo "prod-check: THẤT BẠI (mã $status). Cuối các nhật ký trong $STACK_DIR:" >&2
    for log in "$STACK_DIR"/*.log; do
      [ -s "$log" ] && { echo "--- $log" >&2; tail -n 15 "$log" >&2; }
    done
  fi
  deploy/stack.sh down || status=1
  # Kept after a failure, for its logs (removed when nothing was written to it).
  if [ "$status" -eq 0 ]; then rm -rf "$STACK_DIR"; else rmdir "$STACK_DIR" 2>/dev/null || true; fi
  exit "$status"
}
trap finish EXIT

step "khởi động: PostgreSQL (cơ sở dữ liệu mới), Redis, 2 gunicorn, nginx (TLS), db_worker"
# Assigned first: a failed `up` stops the check here (inside eval its status would be lost).
STACK_ENV="$(deploy/stack.sh up)"
eval "$STACK_ENV"

step "manage.py check --deploy (DJANGO_DEBUG không đặt, SECRET_KEY và ALLOWED_HOSTS thật)"
"$PY" manage.py check --deploy --fail-level WARNING

step "nạp dữ liệu mẫu, tạo quản trị viên (createsuperuser) và một người dùng mỗi vai trò"
"$PY" manage.py load_seed --no-demo-users >/dev/null
export DJANGO_SUPERUSER_USERNAME=quantri.check DJANGO_SUPERUSER_EMAIL=quantri@example.vn
DJANGO_SUPERUSER_PASSWORD="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(16))')"
export DJANGO_SUPERUSER_PASSWORD
"$PY" manage.py createsuperuser --noinput >/dev/null
"$PY" deploy/prod_check.py users

step "kiểm tra qua nginx ($STACK_URL)"
"$PY" deploy/prod_check.py http

step "dừng mọi thứ đã khởi động"
trap - EXIT
deploy/stack.sh down
rm -rf "$STACK_DIR"
echo
echo "prod-check: ĐẠT trong $(( $(date +%s) - STARTED_AT )) giây."
echo "  nginx (TLS) → 2 gunicorn → PostgreSQL, Redis dùng chung cho phiên và bộ nhớ đệm,"
echo "  db_worker tạo PDF báo cáo; 4 vai trò đăng nhập qua nginx; API có ETag qua nginx;"
echo "  đã dừng tất cả và xóa cơ sở dữ liệu."
