# The two commands a newcomer needs: `make run` and `make test`.
# Everything else here is what those two are made of.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest-xdist workers for make test / test-fast: one per CPU, at most 8 (each takes a Redis
# db index of its own: docs/testing.md, "Time it takes"). TEST_WORKERS=0: one process.
TEST_WORKERS ?= logical
PYTEST := $(BIN)/pytest -n $(TEST_WORKERS) --maxprocesses 8

.DEFAULT_GOAL := help
.PHONY: help install run test test-fast lint format migrate seed browser-deps check clean bench bench-load

help:
	@echo "make run    set up (virtualenv, install, migrate, demo content) and serve on http://$(HOST):$(PORT)"
	@echo "make test   set up and run the whole test suite (SQLite; PostgreSQL when DATABASE_URL says so)"
	@echo "make lint   ruff check + ruff format --check"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

migrate: install
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate --noinput

seed: migrate
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py seed_demo --if-empty
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py make_renditions  # the demo's pictures (docs/images.md)

run: seed
	@echo ""
	@echo "  Portal:  http://$(HOST):$(PORT)/"
	@echo "  Admin:   http://$(HOST):$(PORT)/admin/  (demo accounts are listed above)"
	@echo ""
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	$(PYTEST) $(PYTEST_ARGS)

test-fast: install
	$(PYTEST) -m "not browser and not slow" $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install
	DEBUG=1 $(BIN)/python manage.py check
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

# Served benchmarks (PostgreSQL + Redis: DATABASE_URL/REDIS_URL, else throw-away ones);
# not run in CI. docs/performance.md says how to read them.
bench: install
	$(BIN)/python bench/serve.py $(BENCH_ARGS)

bench-load: install
	$(BIN)/python bench/load.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles .coverage htmlcov
