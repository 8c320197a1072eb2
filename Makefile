# Kartoteka — developer commands. Nothing needs activating: every tool is called as .venv/bin/...
#
#   make setup   create .venv, install the package with its dev extras, install front-end packages
#   make demo    run the demo app on SQLite
#   make test    start a throw-away PostgreSQL, run the whole suite on SQLite and PostgreSQL, lint
#   make bench   run every benchmark in bench/ and write their figures to docs/benchmarks.md
#   make lint    ruff, mypy (strict, [tool.mypy]) and the layer contract (import-linter); both in pyproject.toml
#   make messages  collect every string of the package for translators (kartoteka/locale/messages.pot)
#   make clean   remove caches, build output and the throw-away PostgreSQL (distclean: also .venv)

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

VENV    := .venv
BIN     := $(VENV)/bin
PG      := scripts/pg.sh
# pytest-xdist workers; "auto" = one per core.
WORKERS ?= auto
# Extra pytest arguments, e.g. make test PYTEST_ARGS='-k schema -x'
PYTEST_ARGS ?=
# Extra arguments of bench/_report.py, e.g. make bench BENCH_ARGS="--args 'api.py: --rows 100000'"
BENCH_ARGS ?=
# A paragraph for docs/benchmarks.md, e.g. make bench BENCH_NOTE="Nothing else ran meanwhile."
# (exported, so that it reaches bench/_report.py whatever quotes it holds)
BENCH_NOTE ?=
export BENCH_NOTE

# The engine's message ids (schema_engine/message.py) and the UI's HTML messages, besides
# gettext's own keywords.
MESSAGE_KEYWORDS := -k markup_gettext -k msg -k plural_msg:1,2

.PHONY: help setup demo test bench lint messages pg-start pg-stop clean distclean

help:
	@sed -n 's/^#   //p' Makefile

# --- setup -----------------------------------------------------------------------------------------
# Stamp files make a second `make setup` a no-op: pip runs again only when pyproject.toml changes,
# npm only when package.json or package-lock.json changes.

setup: $(VENV)/.installed node_modules/.installed $(VENV)/.chromium

$(BIN)/python:
	python3 -m venv $(VENV)

# Order-only prerequisite (|): an existing venv does not force a reinstall.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# Front-end libraries (htmx...) come from the npm registry, pinned exactly in package-lock.json.
node_modules/.installed: package.json $(wildcard package-lock.json)
	if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; \
	else npm install --no-audit --no-fund; fi
	touch $@

# Debian's Chromium for the browser tests (Playwright drives it; `playwright install` cannot
# download here), a CJK font so that Chinese names show in the screenshots, and pango, which
# WeasyPrint lays out the text of PDF documents with. apt-get runs only
# when a package is missing (as root: CI runs as root).
$(VENV)/.chromium: | $(BIN)/python
	if ! dpkg -s chromium fonts-wqy-zenhei libpango-1.0-0 libpangoft2-1.0-0 >/dev/null 2>&1; then \
	  apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-zenhei \
	    libpango-1.0-0 libpangoft2-1.0-0; \
	fi
	touch $@

# The .pot of every UI string (catalogs per language come later).
messages: setup
	mkdir -p kartoteka/locale
	$(BIN)/pybabel extract -F kartoteka/babel.cfg $(MESSAGE_KEYWORDS) \
	  -o kartoteka/locale/messages.pot --project=Kartoteka kartoteka

# --- run -------------------------------------------------------------------------------------------

demo: setup
	$(BIN)/kartoteka demo

# --- test ------------------------------------------------------------------------------------------
# The PostgreSQL URL printed by scripts/pg.sh is handed to pytest as KARTOTEKA_TEST_PG_URL; every test
# that takes the db_url fixture runs once on SQLite and once on PostgreSQL, each in a fresh database.
# KARTOTEKA_REQUIRE_PG=1 turns a missing PostgreSQL into a failure instead of a skip.

test: setup
	pg_url="$$(bash $(PG) start)"; \
	KARTOTEKA_TEST_PG_URL="$$pg_url" KARTOTEKA_REQUIRE_PG=1 \
	  $(BIN)/pytest -n $(WORKERS) $(PYTEST_ARGS)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-logo

# Every bench/*.py but the helpers (bench/_*.py), on SQLite and on the throw-away PostgreSQL; what
# they print, with the machine they ran on, becomes docs/benchmarks.md (bench/_report.py).
bench: setup
	pg_url="$$(bash $(PG) start)"; \
	KARTOTEKA_BENCH_PG_URL="$$pg_url" $(BIN)/python bench/_report.py --out docs/benchmarks.md \
	  --note "$$BENCH_NOTE" $(BENCH_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-logo

pg-start:
	bash $(PG) start

pg-stop:
	bash $(PG) stop

# --- clean -----------------------------------------------------------------------------------------

clean:
	-bash $(PG) clean
	rm -rf build dist *.egg-info .pytest_cache .ruff_cache .mypy_cache .hypothesis kartoteka-demo.db*
	find . -path ./$(VENV) -prune -o -path ./node_modules -prune -o \
	  -name __pycache__ -type d -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) node_modules
