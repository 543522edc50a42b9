# Two commands for a fresh machine:
#   make run    create .venv, install the app and open the GUI on your workspace
#   make test   bring .venv up to date with the test tools, then lint and test headless
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ifeq ($(OS),Windows_NT)
BIN := $(VENV)/Scripts
endif

.PHONY: run test lint screenshot bench clean

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

bench: $(VENV)/.dev-installed
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/io.py
	$(BIN)/python bench/efficiency.py
	$(BIN)/python bench/ui_latency.py
	$(BIN)/python bench/article_scroll.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .import_linter_cache
