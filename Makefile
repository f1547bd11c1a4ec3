# Two commands: `make run` (set up and serve on SQLite) and `make test`.
# The newest Python from 3.13 down to 3.11 that runs (a pyenv shim of a version not selected
# does not), else python3; `PYTHON=python3.12 make run` chooses one.
ifeq ($(origin PYTHON),undefined)
PYTHON := $(shell for p in python3.13 python3.12 python3.11 python3; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && { echo $$p; break; }; \
	done)
endif
VENV ?= .venv
# `PORT=8010 make run` serves on another port.
PORT ?= 8000
HOST ?= 127.0.0.1
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# A local portal: DEBUG on, a development secret, the demo users (production leaves it unset).
LOCAL := DJANGO_DEBUG=1

.PHONY: run port-free test lint bench mutation load prod-check setup db seed clean

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "No Python 3.11, 3.12 or 3.13 found (tried python3.13, python3.12, python3.11, python3). Install one, or name it: PYTHON=/path/to/python3.12 make run" >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))' 2>/dev/null \
		|| { echo "$(PYTHON) is not Python 3.11, 3.12 or 3.13 ($$($(PYTHON) --version 2>&1)). Name another: PYTHON=python3.12 make run" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

db: setup
	$(LOCAL) $(BIN)/python manage.py migrate --noinput

seed: db
	$(LOCAL) $(BIN)/python manage.py load_seed

# The server and, beside it, the worker that prints issued reports' PDFs (manage.py db_worker);
# stopping the server (Ctrl+C) stops the worker. The worker does not reload on code changes:
# restart `make run` after changing a task.
run: seed port-free
	$(LOCAL) $(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(LOCAL) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# Before serving: a clear message when another program (another portal) holds the port.
port-free: | $(BIN)/python
	@$(BIN)/python -c 'import socket, sys; sys.exit(socket.socket().connect_ex(("$(HOST)", $(PORT))) == 0)' \
		|| { echo "Port $(PORT) on $(HOST) is already in use (another portal or program). Serve on another, e.g. PORT=$$(( $(PORT) + 10 )) make run" >&2; exit 1; }

test: setup
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check .
	$(LOCAL) $(BIN)/python manage.py makemigrations --check --dry-run

# --confcutdir: the benchmarks keep their own fixtures, not the suite's (fixed clock, fast passwords).
# LAYOUT_EXAMPLES=n: layouts drawn per dimension by benchmarks/test_layouts.py (default 150).
bench: setup
	$(BIN)/python -m pytest benchmarks -q -p no:cacheprovider --confcutdir=benchmarks

# Mutation testing of the rule modules (benchmarks/mutation.py): the score of each and its
# surviving mutants in mutation-report.txt; fails under 90 %. One module: MODULE=budgets/money.py;
# JOBS=2 runs two mutants at once (SQLite only: each needs its own test database).
MODULE ?=
JOBS ?= 1
mutation: setup
	$(BIN)/python benchmarks/mutation.py $(MODULE) --jobs $(JOBS)

# Two mixes (read-only, working day) of 50 connections for 60 s through the production stack
# (deploy/stack.sh) on the national dataset in PostgreSQL (benchmarks/load.sh; LOAD_SECONDS,
# LOAD_MIX and the others there).
load: setup
	benchmarks/load.sh

# The production stack on loopback, checked through nginx and stopped (deploy/prod_check.sh):
# a new PostgreSQL database, a Redis of its own, two gunicorn instances behind nginx with TLS,
# db_worker; needs nginx, redis-server, openssl and a PostgreSQL at 127.0.0.1:5432 (user
# postgres). `VENV=.venv313 make prod-check` runs it on another virtualenv.
prod-check: setup
	VENV=$(VENV) deploy/prod_check.sh

clean:
	rm -rf $(VENV) db.sqlite3

# The catalogues: gather the code's strings into locale/en (then translate the new ones, see the
# README's "Thêm một chuỗi chữ"), and compile both. locale/vi is edited by hand only.
.PHONY: messages
messages: setup
	$(LOCAL) $(BIN)/python manage.py makemessages -l en --no-obsolete \
		--ignore='.venv*' --ignore=benchmarks --ignore=tests --ignore='*/tests/*'
	$(LOCAL) $(BIN)/python manage.py compilemessages -l en -l vi
