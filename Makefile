# khabar — two commands set everything up: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
SHARED ?= ../shared
SEED   := $(SHARED)/seed/000_788df9d9dddd1a7a.txt

.PHONY: setup setup-demo browser demo test lint typecheck bench bench-textdump bench-html bench-htmlbig bench-ner bench-pipeline bench-startup bench-corpus bench-search clean

# The venv is rebuilt when pyproject.toml changes; the stamp files record a finished install. `make
# demo` installs what the demo runs (khabar with its web extra: the archive's browser UI); `make test`,
# `make bench` and `make lint` install the dev extras on top (training, benchmarks' peers, Ray, the
# browser tests).
$(VENV)/.created:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	touch $@

$(VENV)/.installed-demo: pyproject.toml $(VENV)/.created
	$(PY) -m pip install --quiet -e '.[web]'
	touch $@

$(VENV)/.installed: pyproject.toml $(VENV)/.created
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed-demo

setup: $(VENV)/.installed

setup-demo: $(VENV)/.installed-demo

demo: setup-demo
	@echo "== khabar on the seed page: structure =="
	$(VENV)/bin/khabar show $(SEED)
	@echo
	@echo "== khabar on the bundled examples: records to out/demo.jsonl and the archive out/demo.db =="
	@mkdir -p out
	$(VENV)/bin/khabar process $(SEED) examples/*.txt examples/*.jsonl -o out/demo.jsonl --rejects out/demo.rejects.jsonl --archive out/demo.db --facts
	$(VENV)/bin/khabar summary out/demo.jsonl
	@echo
	@echo "== searching the archive =="
	$(VENV)/bin/khabar search "ادلب" --archive out/demo.db
	$(VENV)/bin/khabar search "محطة تحلية" --archive out/demo.db
	@echo
	@echo "== open the archive in your browser: $(VENV)/bin/khabar serve --archive out/demo.db  (then http://127.0.0.1:8000/) =="

# The browser tests drive Debian's chromium (never a Playwright-downloaded browser); install it and the
# Arabic fonts when missing. Needs root (CI and the dev machines are); otherwise say so and go on: the
# browser tests then skip themselves.
browser:
	@if [ -x /usr/bin/chromium ] && [ -d /usr/share/fonts/truetype/noto ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >/dev/null; \
	else echo "make: not root, so chromium and fonts-noto-core are not installed; the browser tests will skip"; fi

test: setup browser
	$(PY) -m pytest -q
	$(VENV)/bin/ruff check src tests scripts benchmarks
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

lint: setup
	$(VENV)/bin/ruff check src tests benchmarks scripts
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

bench: bench-textdump bench-html bench-htmlbig bench-ner bench-pipeline bench-startup bench-corpus bench-search

bench-textdump: setup
	$(PY) benchmarks/textdump.py

# the NER tagger's tokens/s on one core, against CRFsuite decoding the same features
bench-ner: setup
	$(PY) benchmarks/ner.py

# the whole pipeline (cleaning and every fact layer) on one core: docs/s and share of time per stage, peak
# RSS, on the first 3,000 SaudiNewsNet articles (`--all` for the 31k)
bench-pipeline: setup
	$(PY) benchmarks/pipeline.py

# start-up of `khabar process` on a one-line file, without and with --facts
bench-startup: setup
	$(PY) benchmarks/startup.py

# khabar's HTML path against trafilatura, jusText, resiliparse and readability on ../shared/data/html_bench
bench-html: setup
	$(PY) benchmarks/htmlpages.py

# the HTML path on big pages (html_bench's 20 largest, the peer pages) against trafilatura, decoding included
bench-htmlbig: setup
	$(PY) benchmarks/htmlbig.py

# khabar run on all of SaudiNewsNet (local 1 and 2 workers, Ray 2 workers; profiles; clusters) and the
# planted near-duplicates; on a quiet machine: the speed figures share the cores with everything else
bench-corpus: setup
	$(PY) benchmarks/corpus.py
	$(PY) benchmarks/planted_dups.py

# the archive on all of SaudiNewsNet: indexing throughput, size, p50/p95 of 100 mixed queries
bench-search: setup
	$(PY) benchmarks/search.py

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache .hypothesis
