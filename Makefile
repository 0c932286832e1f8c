# khabar — two commands set everything up: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
SHARED ?= ../shared
SEED   := $(SHARED)/seed/000_788df9d9dddd1a7a.txt

.PHONY: setup demo test lint typecheck bench bench-textdump bench-html clean

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
	@echo "== khabar on the bundled examples: records to out/demo.jsonl and the archive out/demo.db =="
	@mkdir -p out
	$(VENV)/bin/khabar process $(SEED) examples/*.txt examples/*.jsonl -o out/demo.jsonl --rejects out/demo.rejects.jsonl --archive out/demo.db
	$(VENV)/bin/khabar summary out/demo.jsonl
	@echo
	@echo "== searching the archive =="
	$(VENV)/bin/khabar search "ادلب" --archive out/demo.db
	$(VENV)/bin/khabar search "محطة تحلية" --archive out/demo.db

test: setup
	$(PY) -m pytest -q
	$(VENV)/bin/ruff check src tests scripts benchmarks
	$(VENV)/bin/mypy

lint: setup
	$(VENV)/bin/ruff check src tests benchmarks scripts
	$(VENV)/bin/mypy

bench: bench-textdump bench-html

bench-textdump: setup
	$(PY) benchmarks/textdump.py

# khabar's HTML path against trafilatura, jusText, resiliparse and readability on ../shared/data/html_bench
bench-html: setup
	$(PY) benchmarks/htmlpages.py

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache .hypothesis
