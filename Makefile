# khabar — two commands set everything up: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
SHARED ?= ../shared
SEED   := $(SHARED)/seed/000_788df9d9dddd1a7a.txt

.PHONY: setup demo test lint typecheck bench clean

# The venv is rebuilt when pyproject.toml changes; the stamp file records a finished install.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

setup: $(VENV)/.installed

demo: setup
	@echo "== khabar on the seed page: structure =="
	$(VENV)/bin/khabar show $(SEED)
	@echo
	@echo "== khabar on the bundled examples: records to out/demo.jsonl =="
	@mkdir -p out
	$(VENV)/bin/khabar process $(SEED) examples/*.txt examples/*.jsonl -o out/demo.jsonl --rejects out/demo.rejects.jsonl
	$(VENV)/bin/khabar summary out/demo.jsonl

test: setup
	$(PY) -m pytest -q
	$(VENV)/bin/ruff check src tests scripts benchmarks
	$(VENV)/bin/mypy

lint: setup
	$(VENV)/bin/ruff check src tests benchmarks scripts
	$(VENV)/bin/mypy

bench: setup
	$(PY) benchmarks/textdump.py

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache .hypothesis
