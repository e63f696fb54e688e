# The few commands a person types. `make run` and `make test` are the README's two commands.
.DEFAULT_GOAL := help
SHELL := /bin/bash
VENV := .venv/bin
# The run command loads the graph from DATA_DIR when given; here the real data sits beside the repo.
DATA_DIR ?= $(wildcard ../shared/data)

.PHONY: help setup run scale test lint format bench clean

help:  ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

setup:  ## install what is missing (JDK, Maven, redis-server, uv, the locked virtualenv)
	@scripts/setup.sh

run: setup  ## start Neo4j + Redis, load the graph if empty, serve the API on :8000
	DATA_DIR="$(DATA_DIR)" $(VENV)/puckpath serve

scale: setup  ## as `run`, but API_WORKERS (default 2) API processes behind nginx on :8000
	PUCKPATH_SCALE=1 scripts/setup.sh
	DATA_DIR="$(DATA_DIR)" API_WORKERS="$${API_WORKERS:-2}" $(VENV)/puckpath serve --behind-nginx

test: setup  ## start real Neo4j + Redis and run the whole test suite
	PUCKPATH_BROWSER_TESTS=1 scripts/setup.sh
	$(VENV)/pytest

lint: setup  ## ruff check, ruff format --check, mypy --strict
	$(VENV)/ruff check .
	$(VENV)/ruff format --check .
	$(VENV)/mypy

format: setup  ## apply ruff's fixes and formatting
	$(VENV)/ruff check --fix .
	$(VENV)/ruff format .

bench: setup  ## the import benchmark; the paths and battles ones need a loaded graph (bench/README.md)
	$(VENV)/python bench/import_bench.py

clean:  ## remove the virtualenv and tool folders (the Neo4j jar cache stays)
	rm -rf .venv .tools .pytest_cache .mypy_cache .ruff_cache
