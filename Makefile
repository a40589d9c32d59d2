# Quick start: `make run` (set up and run on the built-in defaults), `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test
# pip's output goes to this log, shown only when an install fails.
PIP_LOG := $(VENV)/pip.log
QUIET_PIP = > $(PIP_LOG) 2>&1 || { cat $(PIP_LOG); exit 1; }

.PHONY: run test wheel-check bench bench-domains install models clean

$(PY):
	@echo "Setting up $(VENV) (once)..."
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || python3 -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip $(QUIET_PIP)

# `make run` needs only the runtime dependencies (numpy, scipy, pandas, click).
$(RUN_STAMP): $(PY) pyproject.toml
	@$(PY) -m pip install --quiet --disable-pip-version-check -e . $(QUIET_PIP)
	@touch $(RUN_STAMP)

$(TEST_STAMP): $(PY) pyproject.toml
	@echo "Installing the test dependencies..."
	@$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]' $(QUIET_PIP)
	@touch $(TEST_STAMP) $(RUN_STAMP)

install: $(TEST_STAMP)

run: $(RUN_STAMP)
	@$(VENV)/bin/sentiment classify --table \
	  "A stirring, funny and finally transporting film." \
	  "Apparently reassembled from the cutting-room floor of any given daytime soap." \
	  "It's hokey, but I was overcome with the urge to start dancing!"
	@echo
	@$(VENV)/bin/sentiment example

# The suite (hypothesis derandomized, no example database: tests/conftest.py), then the wheel as users install it.
test: $(TEST_STAMP)
	$(PY) -m pytest -n 2
	$(PY) tools/wheel_check.py

# Build the wheel, install it into a fresh virtual environment outside the checkout, use it from an empty folder.
wheel-check: $(PY)
	$(PY) tools/wheel_check.py

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

# Rebuild the shipped lexicons and models from ../shared/data (see sentiment/shipped_lexicons/README.md, sentiment/models/README.md).
DATA ?= $(or $(SENTIMENT_DATA),../shared/data)/corpora
SENTENCES = $(DATA)/sst/stsa.binary.train $(DATA)/sentence-polarity-v1.0/rt-polarity.pos $(DATA)/sentence-polarity-v1.0/rt-polarity.neg
models: $(TEST_STAMP)
	$(PY) tools/lexicons/shipped_lexicons.py $(dir $(DATA))
	$(PY) tools/lexicons/default_lexicon.py $(dir $(DATA))
	$(PY) tools/build_models.py $(dir $(DATA))
	$(VENV)/bin/sentiment train $(SENTENCES) --label-map 0=neg,1=pos --features extended --min-df 2 --tune --cv 10 \
	  -o sentiment/models/extended.zip
	$(PY) tools/pack_model.py sentiment/models/extended.zip  # LZMA: keeps the wheel under 3 MB
	$(PY) tools/pack_model.py --smallest sentiment/models/general.zip  # LZMA only where it pays (see the tool)

clean:
	rm -rf $(VENV) $(BENCH) build *.egg-info .pytest_cache
