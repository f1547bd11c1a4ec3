# Two commands: `make run` (set up and serve on SQLite) and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# A local portal: DEBUG on, a development secret, the demo users (production leaves it unset).
LOCAL := DJANGO_DEBUG=1

.PHONY: run test lint bench mutation load setup db seed clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

db: setup
	$(LOCAL) $(BIN)/python manage.py migrate --noinput

seed: db
	$(LOCAL) $(BIN)/python manage.py load_seed

run: seed
	$(LOCAL) $(BIN)/python manage.py runserver 127.0.0.1:8000

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

# 50 connections for 60 s against gunicorn on the national dataset (benchmarks/load.sh).
load: setup
	benchmarks/load.sh

clean:
	rm -rf $(VENV) db.sqlite3

# The catalogues: gather the code's strings into locale/en (then translate the new ones, see the
# README's "Thêm một chuỗi chữ"), and compile both. locale/vi is edited by hand only.
.PHONY: messages
messages: setup
	$(LOCAL) $(BIN)/python manage.py makemessages -l en --no-obsolete \
		--ignore=.venv --ignore=benchmarks --ignore=tests --ignore='*/tests/*'
	$(LOCAL) $(BIN)/python manage.py compilemessages -l en -l vi
