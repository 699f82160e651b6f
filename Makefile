# Yinling: the two commands are `make demo` and `make test`; both rest on `make install`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := $(PYTHON) -m uv
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: install demo test test-postgres lint browser-deps messages bench clean

install: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml uv.lock
	@$(UV) --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet "uv>=0.5"
	UV_PYTHON_DOWNLOADS=never UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --python $(PYTHON)
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Debian's chromium for the browser tests (Playwright drives it; it never downloads a browser).
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else echo "chromium missing: install Debian's chromium package to run the browser tests"; fi; \
	fi

demo: install
	$(BIN)/yinling migrate --noinput
	$(BIN)/yinling load_demo
	@echo "引领演示区已就绪: http://$(HOST):$(PORT)/"
	$(BIN)/yinling runserver $(HOST):$(PORT)

test: install browser-deps
	$(BIN)/yinling makemigrations --check --dry-run
	$(BIN)/ruff check
	$(BIN)/ruff format --check
	$(BIN)/pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

# The same suite against PostgreSQL (DATABASE_URL names the server; tests use a fresh test_ database).
test-postgres: install browser-deps
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(BIN)/pytest -n 2 --dist loadgroup --create-db $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check
	$(BIN)/ruff format --check

messages: install
	for app in core plans programmes evaluation; do \
	  (cd src/yinling/$$app && mkdir -p locale && ../../../$(BIN)/yinling makemessages -l en --ignore 'demo/*' \
	   && ../../../$(BIN)/yinling compilemessages -l en) || exit 1; done

bench: install
	for script in benchmarks/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) node_modules var
