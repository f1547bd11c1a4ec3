#!/bin/sh
# manage.py on a server, with the portal's settings (/etc/itplan/itplan.env, or ITPLAN_ENV):
#   runuser -u itplan -- /srv/itplan/deploy/manage.sh migrate   (or sudo -u itplan …)
# Run it as the itplan user, as the systemd units run the portal, so the files it writes
# (uploads, static files, backups) belong to the portal.
set -eu
set -a
. "${ITPLAN_ENV:-/etc/itplan/itplan.env}"
set +a
cd "$(dirname "$0")/.."
exec .venv/bin/python manage.py "$@"
