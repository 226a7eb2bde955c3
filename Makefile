# The set-up contract: `make run` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

# Every dependency comes from the lock (requirements/*.txt, exact versions with hashes);
# only `make upgrade` changes it.
RUN_LOCK := requirements/run.txt
TEST_LOCK := requirements/test.txt
LOCK_INPUTS := pyproject.toml requirements/build.in
UV_COMPILE = $(BIN)/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	--no-header --annotation-style line
PIP_LOCKED = $(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps

.PHONY: run test install install-test compile extract update status lint format check bench clean upgrade

# The poster registry lives in data/ (HELPSITE_DATABASE_URL may name another): migrated,
# with demo venues and accounts (new accounts' passwords are printed once).
run: install compile
	$(BIN)/helpsite check
	mkdir -p data
	$(BIN)/helpsite db upgrade
	$(BIN)/helpsite demo
	$(BIN)/helpsite serve --host 127.0.0.1 --port 8000

test: install-test compile
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/helpsite check
	$(BIN)/python -m pytest

install: $(VENV)/.installed-run
install-test: $(VENV)/.installed-test

$(VENV)/.installed-run: $(RUN_LOCK) pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP_LOCKED) -r $(RUN_LOCK)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check
	touch $@

$(VENV)/.installed-test: $(TEST_LOCK) $(VENV)/.installed-run
	$(PIP_LOCKED) -r $(TEST_LOCK)
	$(BIN)/python -m pip check
	touch $@

# Refresh the lock to the newest releases pyproject.toml allows, merge the new CLDR plural
# rules into every catalog, say what changed, then run everything.
upgrade: install-test
	cp $(TEST_LOCK) $(VENV)/lock.before
	$(UV_COMPILE) --upgrade $(LOCK_INPUTS) -o $(RUN_LOCK)
	$(UV_COMPILE) --upgrade $(LOCK_INPUTS) --extra test -c $(RUN_LOCK) -o $(TEST_LOCK)
	$(PIP_LOCKED) -r $(TEST_LOCK)
	$(BIN)/python -m pip check
	@echo "packages changed:"; $(BIN)/python -m tools.lock $(VENV)/lock.before $(TEST_LOCK)
	$(BIN)/helpsite locales update
	$(MAKE) test

# Compiled catalogs are build products: never committed. Optional: without a fresh .mo
# the site compiles the .po in memory at start; `make compile` only saves that time.
compile: install
	$(BIN)/helpsite locales compile

# Translators' workflow (helpsite/locales/README.md): extract source strings, merge them into catalogs.
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
	$(BIN)/python bench/staff_bench.py
	$(BIN)/python bench/registry_bench.py

clean:
	rm -rf $(VENV) helpsite/locales/*/LC_MESSAGES/*.mo .pytest_cache .ruff_cache .hypothesis
