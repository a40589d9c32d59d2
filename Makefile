# Quick start: `make run` (set up and run on the built-in defaults), `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench bench-domains install models clean

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

# Benchmarks run in their own environment, with the peers (VADER, TextBlob, scikit-learn) installed there.
BENCH := .venv-bench
bench:
	test -x $(BENCH)/bin/python || $(PYTHON) -m venv $(BENCH) || python3 -m venv $(BENCH)
	$(BENCH)/bin/python -m pip install --quiet -e '.[bench]'
	$(BENCH)/bin/python benchmarks/train.py
	$(BENCH)/bin/python benchmarks/throughput.py
	$(BENCH)/bin/python benchmarks/accuracy.py

# Accuracy across domains (leave-one-domain-out, in-domain CV, length bands): ~25 min on 2 cores.
bench-domains:
	test -x $(BENCH)/bin/python || $(PYTHON) -m venv $(BENCH) || python3 -m venv $(BENCH)
	$(BENCH)/bin/python -m pip install --quiet -e '.[bench]'
	$(BENCH)/bin/python benchmarks/domains.py --out domains.json
	$(BENCH)/bin/python benchmarks/capabilities.py

# Rebuild the shipped lexicons and models from ../shared/data (see lexicons/README.md, sentiment/models/README.md).
DATA ?= $(or $(SENTIMENT_DATA),../shared/data)/corpora
SENTENCES = $(DATA)/sst/stsa.binary.train $(DATA)/sentence-polarity-v1.0/rt-polarity.pos $(DATA)/sentence-polarity-v1.0/rt-polarity.neg
models: $(STAMP)
	$(PY) lexicons/build/shipped_lexicons.py $(dir $(DATA))
	$(PY) lexicons/build/default_lexicon.py $(dir $(DATA))
	$(PY) tools/build_models.py $(dir $(DATA))
	$(VENV)/bin/sentiment train $(SENTENCES) --label-map 0=neg,1=pos --features extended --min-df 2 --tune --cv 10 \
	  -o sentiment/models/extended.zip

clean:
	rm -rf $(VENV) $(BENCH) build *.egg-info .pytest_cache
