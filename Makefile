# Two commands for a fresh machine:
#   make run    create .venv, install the app and open the GUI on your workspace
#   make test   bring .venv up to date with the test tools, then lint and test headless
# Packaging (see README, "Building the app"):
#   make wheel  build dist/quote_annotator-VERSION-py3-none-any.whl
#   make bundle build the one-folder app for this machine in dist/quote-annotator/
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ifeq ($(OS),Windows_NT)
BIN := $(VENV)/Scripts
endif

.PHONY: run test lint screenshot bench clean wheel bundle bundle-check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime-installed $@

run: $(VENV)/.runtime-installed
	$(BIN)/python app.py

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

test: $(VENV)/.dev-installed
	scripts/ensure_qt_runtime.sh $(BIN)/python
	$(MAKE) --no-print-directory lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

screenshot: $(VENV)/.dev-installed
	scripts/ensure_qt_runtime.sh $(BIN)/python
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshot.py --out docs/screenshot.png
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshot_agreement.py --out docs/agreement.png

# bench/corpus.py runs here at 2,000 articles (a minute or two); without --articles it
# imports 100,000 (half an hour on 2 cores), as does bench/scale.py.
bench: $(VENV)/.dev-installed
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/io.py
	$(BIN)/python bench/locking.py
	$(BIN)/python bench/durability.py
	$(BIN)/python bench/fuzz_import.py
	$(BIN)/python bench/efficiency.py
	$(BIN)/python bench/ui_latency.py
	$(BIN)/python bench/article_scroll.py
	$(BIN)/python bench/corpus.py --articles 2000

wheel: $(VENV)/.dev-installed
	rm -rf build/lib
	$(BIN)/python -m pip wheel --no-deps --no-build-isolation --wheel-dir dist .

bundle: $(VENV)/.dev-installed
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist \
		--workpath build/pyinstaller packaging/quote-annotator.spec
	dist/quote-annotator/quote-annotator --version

# Builds the bundle in a temporary folder and runs it headless (also part of make test).
bundle-check: $(VENV)/.dev-installed
	scripts/ensure_qt_runtime.sh $(BIN)/python
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/test_packaging_bundle.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .import_linter_cache
	rm -rf build dist *.egg-info
