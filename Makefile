# `make run` (demo on SQLite, tasks in-process), `make test` (the whole suite on a throwaway
# PostgreSQL, Redis, Celery worker and Chromium) and `make bench` (speed and memory at full scale).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
DIST := static/dist

.PHONY: install frontend dfe-validator system-run system-test run test lint bench clean

PORT ?= 8000
# Debian packages. WeasyPrint (PDFs) needs Pango, and the fonts and HarfBuzz subsetting it embeds;
# the suite also needs PostgreSQL, Redis, Chromium and poppler-utils (to read PDFs back).
RUN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation libharfbuzz-subset0
TEST_PACKAGES := $(RUN_PACKAGES) postgresql redis-server chromium poppler-utils
VENV_903 := .venv-903
DFE_VALIDATOR := tests/returns/dfe_validator_requirements.txt

$(BIN)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

$(DIST)/.built: node_modules/.installed $(wildcard static/src/*)
	mkdir -p $(DIST)/assets
	npx sass --no-source-map --load-path=. --load-path=node_modules --style=compressed \
		--quiet-deps --silence-deprecation=global-builtin static/src/app.scss $(DIST)/app.css
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js $(DIST)/
	cp node_modules/@ministryofjustice/frontend/moj/moj-frontend.min.js $(DIST)/
	cp static/src/timeout.mjs $(DIST)/
	cp static/src/progress.mjs $(DIST)/
	cp -r node_modules/@ministryofjustice/frontend/moj/assets/images $(DIST)/assets/
	# The footer styles name this file; the page never shows it (no crest on a council service).
	cp node_modules/govuk-frontend/dist/govuk/assets/images/govuk-crest.svg $(DIST)/assets/images/
	touch $@

# The DfE's own 903 rules (the public validator), which the suite checks the 903 export against.
$(VENV_903)/.installed: $(DFE_VALIDATOR)
	test -x $(VENV_903)/bin/python || $(PYTHON) -m venv $(VENV_903)
	$(VENV_903)/bin/python -m pip install --quiet -r $(DFE_VALIDATOR)
	touch $@

install: $(BIN)/.installed
dfe-validator: $(VENV_903)/.installed
frontend: $(DIST)/.built

# Installs what is missing (as root or with sudo), or stops naming the command to run.
system-run:
	@scripts/system-packages $(RUN_PACKAGES)
system-test:
	@scripts/system-packages $(TEST_PACKAGES)

run: system-run install frontend
	DEBUG=true $(PY) manage.py migrate --noinput
	DEBUG=true $(PY) manage.py seed_demo
	DEBUG=true $(PY) manage.py runserver 0.0.0.0:$(PORT)

lint: install
	$(BIN)/ruff check .
	DEBUG=true $(PY) manage.py makemigrations --check --dry-run

# Here the 903 check against the DfE's validator fails rather than skips if it cannot run.
test: export REQUIRE_DFE_VALIDATOR := 1
test: system-test install frontend lint dfe-validator
	$(BIN)/pytest

# Speed and memory at the scale DESIGN.md plans for, on a throwaway PostgreSQL; the table of
# results goes to test-artifacts/bench.md. BENCH_YOUNG_PEOPLE and BENCH_CONTACTS change the scale.
bench: system-test install
	$(BIN)/pytest benchmarks -o python_files='bench_*.py' -o python_functions='bench_*' -q

clean:
	rm -rf $(VENV) $(VENV_903) node_modules $(DIST) staticfiles db.sqlite3 private-documents
