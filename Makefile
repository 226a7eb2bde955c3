# The set-up contract: `make run` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test install install-test compile extract update status lint format check bench clean

run: install compile
	$(BIN)/helpsite check
	$(BIN)/helpsite serve --host 127.0.0.1 --port 8000

test: install-test compile
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/helpsite check
	$(BIN)/python -m pytest

install: $(VENV)/.installed-run
install-test: $(VENV)/.installed-test

$(VENV)/.installed-run: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed-run
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Compiled catalogs are build products: never committed, always rebuilt.
compile: install
	$(BIN)/helpsite locales compile

# Translators' workflow (locales/README.md): extract source strings, merge them into catalogs.
extract: install
	$(BIN)/helpsite locales extract

update: install
	$(BIN)/helpsite locales update

status: install
	$(BIN)/helpsite locales status

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install
	$(BIN)/helpsite check

bench: install-test compile
	$(BIN)/python bench/site_bench.py
	@test ! -f bench/qr_bench.py || $(BIN)/python bench/qr_bench.py

clean:
	rm -rf $(VENV) locales/*/LC_MESSAGES/*.mo .pytest_cache .ruff_cache .hypothesis
