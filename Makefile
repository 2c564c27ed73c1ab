# Didar — two commands for a new user: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup run test lint lexicons bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)  ## create .venv and install Didar with its development tools

run: setup  ## build the graph from seeds/, validate it, print the meetings
	$(BIN)/didar build seeds/ --store build/store -o build/graph.ttl --table
	$(BIN)/didar validate build/graph.ttl

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: setup lint  ## lint, type-check and run the tests
	$(BIN)/pytest -n auto  # one worker per core (pytest-xdist)

bench: setup  ## throughput, memory, SHACL cost, load rate and query latency (a few minutes)
	$(BIN)/python -m benchmarks.bench

lexicons: setup  ## regenerate ontology/states.ttl and ontology/places.ttl
	$(BIN)/python scripts/build_lexicons.py

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache
