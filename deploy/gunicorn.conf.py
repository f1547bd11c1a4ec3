"""gunicorn's settings for the portal (``gunicorn -c deploy/gunicorn.conf.py itplan.wsgi``).

Each value can be changed from the environment (the systemd unit reads /etc/itplan/itplan.env),
so one file serves a 2-core province server, a larger national one and ``deploy/stack.sh``.
Command-line options given beside ``-c`` win over this file.
"""

import multiprocessing
import os

# One instance per port: the template unit itplan@8001.service passes --bind 127.0.0.1:8001.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")

# Synchronous workers: a page is database work, not waiting on the network. gunicorn's own
# advice is 2 x cores + 1 for a machine that runs nothing else; here PostgreSQL, Redis and the
# PDF worker share it, so cores + 1 per instance (two instances: about 2 x cores in all).
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))

# A worker silent this long is killed and replaced. The slowest requests are the national
# report's PDF drawn on demand (a draft's PDF is made in the request; issued ones by the
# worker), an appendix import preview of 5.000 rows and the lists' Excel exports: all well
# under a minute; 120 s leaves room on a loaded machine. nginx waits a little longer
# (proxy_read_timeout 130s), so gunicorn's timeout, which leaves a line in the log, comes first.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
# nginx keeps connections to the instances open (upstream keepalive); a little longer than its
# keepalive_timeout so gunicorn is not the one to close a connection nginx is about to reuse.
keepalive = 75

# A worker is replaced after about this many requests (jitter spreads the restarts), so a slow
# leak in a library (WeasyPrint, openpyxl) cannot grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200

# The client's address and scheme come from nginx's X-Forwarded-For/-Proto; gunicorn trusts
# them only from these addresses (nginx on the same machine). Django reads the scheme through
# SECURE_PROXY_SSL_HEADER and the address for django-axes through AXES_IPWARE_PROXY_COUNT.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Access log: "-" is standard output, which systemd sends to the journal
# (journalctl -u itplan@8001). The request time in microseconds (%(D)s) closes each line.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)s'
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# Workers load the code, WeasyPrint and the report fonts each on their own (itplan.wsgi warms
# them up); no preload, so a restart (systemctl reload) picks up new code worker by worker.
preload_app = False
proc_name = "itplan"
# gunicorn 24+ opens a control socket for `gunicornc` at one default path per user, which every
# instance on the machine would fight over (the second one takes it from the first). Restarts
# go through systemd; no instance needs it. (Older gunicorn ignores the unknown name.)
control_socket_disable = True
