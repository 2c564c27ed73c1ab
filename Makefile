# Didar — two commands for a new user: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup run test lint lexicons bench bench-100k clean

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

bench: setup  ## throughput, memory, SHACL cost and query latency at 10,000 articles (under 10 minutes)
	$(BIN)/python -m benchmarks.bench

bench-100k: setup  ## the same, and the store grown to 100,000 articles: load rate, compaction, latency (about 18 minutes)
	$(BIN)/python -m benchmarks.bench --scales 10000,100000

lexicons: setup  ## regenerate ontology/states.ttl and ontology/places.ttl
	$(BIN)/python scripts/build_lexicons.py

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache
