# Conflict Chronicle: every target sets up .venv with pinned dependencies first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
N      ?= 1000
PORT   ?= 8000

.PHONY: site serve test lint check bench lock clean

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

site: $(STAMP) ## Build the chronicle into site/
	$(BIN)/chronicle build

serve: $(STAMP) ## Preview at http://127.0.0.1:$(PORT), regenerating on every change
	$(BIN)/chronicle serve --port $(PORT)

check: $(STAMP) ## Validate the records without building
	$(BIN)/chronicle check

test: $(STAMP) ## Run every test
	$(BIN)/python -m pytest

lint: $(STAMP) ## ruff and mypy
	$(BIN)/ruff check generator tests site_config
	$(BIN)/ruff format --check generator tests site_config
	$(BIN)/mypy generator site_config/hooks.py

lock: ## Re-pin requirements.txt from requirements.in
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --upgrade pip
	.lock-venv/bin/pip install --quiet -r requirements.in
	(echo "# Pinned by 'make lock' from requirements.in; install with 'make' targets, not by hand."; \
	 .lock-venv/bin/pip freeze --exclude-editable) > requirements.txt
	rm -rf .lock-venv

clean:
	rm -rf build site .pytest_cache .mypy_cache .ruff_cache
