# Two commands do all the set-up on a fresh machine:
#   make run   - create .venv, install requirements, build the demo store data/demo.duckdb from
#                sample_data/ (never the user's store), and serve http://localhost:8501
#   make test  - same bootstrap plus the optional Spark extra (requirements-spark.txt) and a
#                Java 17+ runtime where missing, then run the whole test suite
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)
SPARK_STAMP := $(VENV)/.spark-$(shell cksum requirements-spark.txt | cut -d' ' -f1)
PORT ?= 8501

.PHONY: run test fast lint demo bench clean-store

$(STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "Installing the requirements into $(VENV) (the first time takes many minutes: scikit-learn, implicit, DuckDB, Streamlit...); pip shows each package as it goes."
	$(PY) -m pip install --disable-pip-version-check --progress-bar on -r requirements.txt
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

# The Spark engine of the fans model: installed for the tests (so CI exercises it), not for run.
$(SPARK_STAMP): requirements-spark.txt $(STAMP)
	@echo "Installing the Spark extra for the tests (large download, several minutes)."
	$(PY) -m pip install --disable-pip-version-check --progress-bar on -r requirements-spark.txt
	@rm -f $(VENV)/.spark-*
	@touch $(SPARK_STAMP)

run: $(STAMP)
	$(PY) -m analytics demo --if-empty
	$(VENV)/bin/streamlit run app.py --server.port $(PORT)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

test: $(STAMP) $(SPARK_STAMP) lint
	$(PY) scripts/ensure_browser.py || true
	$(PY) scripts/ensure_java.py || true
	$(PY) -m pytest

fast: $(STAMP)
	$(PY) -m pytest -m "not slow and not browser"

demo: $(STAMP)
	$(PY) -m analytics demo

bench: $(STAMP)
	$(PY) benchmarks/ingest.py --quick

clean-store:
	rm -f data/creator.duckdb data/creator.duckdb.wal data/demo.duckdb data/demo.duckdb.wal
