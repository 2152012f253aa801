# Two entry points, both safe on a fresh machine: `make serve` and `make test`.
# Everything lands in .venv; Chromium comes from Debian's packages (never a downloaded browser).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve build validate test chromium clean

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-test.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-test.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

serve: setup
	$(BIN)/mkdocs serve

build: setup
	$(BIN)/python -m generator site --out site

validate: setup
	$(BIN)/python -m generator validate

chromium:
	@command -v chromium >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

test: setup chromium
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) site .pytest_cache
