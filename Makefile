# Two commands do all the set-up on a fresh machine:
#   make run   - create .venv, install requirements, build the demo store data/demo.duckdb from
#                sample_data/ (never the user's store), and serve http://localhost:8501
#   make test  - same bootstrap, then run the whole test suite
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)
PORT ?= 8501

.PHONY: run test fast lint demo bench clean-store

$(STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements.txt
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

run: $(STAMP)
	$(PY) -m analytics demo --if-empty
	$(VENV)/bin/streamlit run app.py --server.port $(PORT)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: $(STAMP) lint
	$(PY) scripts/ensure_browser.py || true
	$(PY) -m pytest

fast: $(STAMP)
	$(PY) -m pytest -m "not slow and not browser"

demo: $(STAMP)
	$(PY) -m analytics demo

bench: $(STAMP)
	$(PY) benchmarks/ingest.py --quick

clean-store:
	rm -f data/creator.duckdb data/creator.duckdb.wal data/demo.duckdb data/demo.duckdb.wal
