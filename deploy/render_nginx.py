"""Renders deploy/nginx/itplan.conf for a stack on loopback (``deploy/stack.sh``).

The site file is the one an operator installs; this changes only what differs on a test
machine — ports, upstream addresses, paths, the certificate — and wraps it in a whole
nginx.conf that runs unprivileged from one folder (``nginx -p DIR -c DIR/nginx.conf``). Each
change names the line it replaces and fails when that line is gone, so an edit of the site file
cannot silently leave the check testing something else. The rendered file also adds an
``X-Upstream`` response header (which gunicorn answered), for the check only.
"""

import argparse
import os
from pathlib import Path

SITE = Path(__file__).resolve().parent / "nginx" / "itplan.conf"


def _replace(text: str, old: str, new: str) -> str:
    if old not in text:
        raise SystemExit(
            f"render_nginx: “{old.strip()}” not in {SITE}; update deploy/render_nginx.py"
        )
    return text.replace(old, new)


def site(args) -> str:
    text = SITE.read_text()
    servers = "".join(
        f"    server {address} max_fails=3 fail_timeout=10s;\n" for address in args.upstream
    )
    text = _replace(
        text,
        "    server 127.0.0.1:8001 max_fails=3 fail_timeout=10s;\n"
        "    server 127.0.0.1:8002 max_fails=3 fail_timeout=10s;\n",
        servers,
    )
    text = _replace(
        text, "    listen 80;\n    listen [::]:80;\n", f"    listen 127.0.0.1:{args.http_port};\n"
    )
    text = _replace(
        text,
        "    listen 443 ssl http2;\n    listen [::]:443 ssl http2;\n",
        f"    listen 127.0.0.1:{args.port} ssl http2;\n",
    )
    text = _replace(text, "server_name kehoach.example.vn;", "server_name 127.0.0.1 localhost;")
    text = _replace(
        text,
        "return 301 https://$host$request_uri;",
        f"return 301 https://$host:{args.port}$request_uri;",
    )
    text = _replace(text, "/etc/ssl/itplan/fullchain.pem", str(args.cert))
    text = _replace(text, "/etc/ssl/itplan/privkey.pem", str(args.key))
    text = _replace(text, "alias /var/lib/itplan/static/;", f"alias {args.static_root}/;")
    text = _replace(text, "root /var/www/letsencrypt;", f"root {args.dir}/acme;")
    errors = Path(__file__).resolve().parent / "nginx" / "errors"
    text = _replace(text, "alias /srv/itplan/deploy/nginx/errors/;", f"alias {errors}/;")
    return _replace(
        text,
        "        proxy_pass http://itplan;\n",
        "        proxy_pass http://itplan;\n"
        "        add_header X-Upstream $upstream_addr always;  # the check's, not production's\n",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, required=True, help="the stack's folder")
    parser.add_argument("--port", type=int, required=True, help="HTTPS port")
    parser.add_argument("--http-port", type=int, required=True, help="plain HTTP port")
    parser.add_argument("--upstream", action="append", required=True, help="host:port, repeated")
    parser.add_argument("--static-root", type=Path, required=True)
    parser.add_argument("--cert", type=Path, required=True)
    parser.add_argument("--key", type=Path, required=True)
    args = parser.parse_args()
    folder = args.dir
    for temp in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (folder / "nginx-temp" / temp).mkdir(parents=True, exist_ok=True)
    # As root (CI containers), nginx's workers would run as "nobody", who may not read a
    # checkout under /root or /work: they keep the caller's user, as they do unprivileged.
    user = "user root;\n" if os.geteuid() == 0 else ""
    temps = "".join(
        f"    {temp}_temp_path {folder}/nginx-temp/{temp};\n"
        for temp in ("proxy", "fastcgi", "uwsgi", "scgi")
    )
    conf = (
        f"# Rendered by deploy/render_nginx.py from {SITE.name}; do not edit.\n"
        f"{user}worker_processes 2;\n"
        f"pid {folder}/nginx.pid;\n"
        f"error_log {folder}/nginx-error.log warn;\n"
        "events { worker_connections 1024; }\n"
        "http {\n"
        "    include /etc/nginx/mime.types;\n"
        "    default_type application/octet-stream;\n"
        "    sendfile on;\n"
        "    tcp_nopush on;\n"
        "    server_tokens off;\n"
        f"    access_log {folder}/nginx-access.log;\n"
        f"    client_body_temp_path {folder}/nginx-temp/body;\n"
        f"{temps}"
        f"{site(args)}"
        "}\n"
    )
    (folder / "nginx.conf").write_text(conf)


if __name__ == "__main__":
    main()
