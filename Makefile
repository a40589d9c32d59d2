# Quick start: `make run` (set up and run on the built-in defaults), `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench install clean

$(PY):
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): $(PY) pyproject.toml
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/sentiment classify --table \
	  "A stirring, funny and finally transporting film." \
	  "Apparently reassembled from the cutting-room floor of any given daytime soap." \
	  "It's hokey, but I was overcome with the urge to start dancing!"
	@echo
	$(VENV)/bin/sentiment example

test: $(STAMP)
	$(PY) -m pytest

# Benchmarks install their peers (VADER, TextBlob, scikit-learn) into the same venv.
bench: $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,bench]'
	$(PY) benchmarks/accuracy.py
	$(PY) benchmarks/throughput.py
	$(PY) benchmarks/train.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
