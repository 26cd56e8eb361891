# One by One: every command sets itself up (a .venv with the pinned packages).
#   make serve   build the figures and serve the site with live reload
#   make test    the whole test suite, with coverage over snippets/
#   make build   the static site into site/
#   make clean   remove everything generated

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SERVE_ADDR ?= 127.0.0.1:8000

# Pinned sitemap dates and other timestamps: same commit, same bytes.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1767225600)
export SOURCE_DATE_EPOCH
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
export PYTHONHASHSEED := 0

.PHONY: serve test build clean lock setup build-time permalinks screenshots bench \
	bench-gemm bench-weight bench-lighthouse bench-build bench-test bench-animation \
	bench-load

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed, found " + sys.version' 
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

serve: $(STAMP)
	$(BIN)/mkdocs serve --strict --dev-addr $(SERVE_ADDR)

build: $(STAMP)
	$(BIN)/mkdocs build --strict --clean --site-dir site

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 --cov --cov-report=term-missing

# Full-page screenshots of every page in both palettes, for a person to
# look at, into test-artifacts/screenshots/ (the page tests, with pictures).
screenshots: $(STAMP)
	OBO_SCREENSHOTS=1 $(BIN)/python -m pytest -n 2 -q -o addopts="" \
		tests/browser/test_pages.py -k test_page_offline_clean_accessible

# Add the pages and anchors this build publishes to permalinks.txt.
permalinks: build
	$(BIN)/python tools/permalinks.py site --update

# Measurements, printed (never part of the tests). bench-lighthouse needs
# Node and npm; the others only the set-up. See benchmarks/*.py.
bench: bench-gemm bench-weight bench-load bench-animation bench-build bench-lighthouse bench-test

bench-gemm: $(STAMP)
	$(BIN)/python benchmarks/gemm.py

bench-weight: $(STAMP)
	$(BIN)/python benchmarks/page_weight.py

bench-load: $(STAMP)
	$(BIN)/python benchmarks/load_work.py

bench-animation: $(STAMP)
	$(BIN)/python benchmarks/animation_cost.py

bench-lighthouse: $(STAMP)
	$(BIN)/python benchmarks/lighthouse.py

bench-build: $(STAMP)
	$(BIN)/python benchmarks/build_time.py

bench-test: $(STAMP)
	$(BIN)/python benchmarks/test_time.py

# How long a clean build and a no-change rebuild take (part of make bench).
build-time: bench-build

# Re-resolve the newest versions allowed by pyproject.toml and pin them.
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet "setuptools>=69" -e ".[site,test]"
	{ echo "# Exact versions of every package the site builds and tests with (Python 3.11+)."; \
	  echo "# Regenerate with 'make lock' after changing the dependencies in pyproject.toml."; \
	  .lock-venv/bin/python -m pip freeze --all --exclude-editable | grep -v '^pip=='; } > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf site .cache docs/figures test-artifacts .coverage .pytest_cache
	find . -name __pycache__ -type d -prune -not -path './$(VENV)/*' -exec rm -rf {} +
	rm -rf $(VENV)
