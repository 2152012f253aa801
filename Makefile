# Two entry points, both safe on a fresh machine: `make serve` and `make test`.
# Everything lands in .venv; Chromium comes from Debian's packages (never a downloaded browser).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

IFRAME_WORKER := 1.0.4
SHIM := .cache/iframe-worker/package/shim/index.js
# The accessibility audit the browser tests inject into each page (tests/test_accessibility.py).
AXE_CORE := 4.14.1
AXE := .cache/axe-core/package/axe.min.js
# Sortable service tables (Material's recipe), vendored into docs/assets/vendor/ by `make tablesort`.
TABLESORT := 5.7.1

.PHONY: setup serve build urls offline validate test bench chromium clean npm tablesort screenshots lock wheel zensical

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# --dirty: after an edit, only the pages it changed are built again (src/errdocs/mkdocs_plugin/incremental.py).
serve: setup
	$(BIN)/mkdocs serve --dirty

build: setup
	$(BIN)/python -m errdocs site --out site

# Add newly published URLs to the checked-in manifest; refused when the site lost one (see its header).
urls: build
	$(BIN)/python -m errdocs urls --site site --write

# The offline archive: Material's offline plugin, with the iframe-worker shim served from the site.
# npm (Debian's package, bringing Node) for the packages fetched from the npm registry.
npm:
	@command -v npm >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq npm >/dev/null; }

$(SHIM): | npm
	mkdir -p .cache/iframe-worker
	cd .cache/iframe-worker && npm pack --silent iframe-worker@$(IFRAME_WORKER) >/dev/null && tar xzf iframe-worker-$(IFRAME_WORKER).tgz

$(AXE): | npm
	mkdir -p .cache/axe-core
	cd .cache/axe-core && npm pack --silent axe-core@$(AXE_CORE) >/dev/null && tar xzf axe-core-$(AXE_CORE).tgz

# Refresh the vendored tablesort (committed, so that a build needs no npm): run after changing TABLESORT.
tablesort: npm
	mkdir -p .cache/tablesort docs/assets/vendor
	cd .cache/tablesort && npm pack --silent tablesort@$(TABLESORT) >/dev/null && tar xzf tablesort-$(TABLESORT).tgz
	cp .cache/tablesort/package/dist/tablesort.min.js .cache/tablesort/package/dist/sorts/tablesort.number.min.js \
	  docs/assets/vendor/
	cp .cache/tablesort/package/LICENCE docs/assets/vendor/tablesort.LICENCE.txt

offline: setup $(SHIM)
	$(BIN)/python -m errdocs site --config mkdocs.offline.yml --out site-offline
	rm -f errdocs-offline.zip && cd site-offline && $(CURDIR)/$(BIN)/python -m zipfile -c ../errdocs-offline.zip .

validate: setup
	$(BIN)/python -m errdocs validate

chromium:
	@command -v chromium >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

test: setup chromium $(SHIM) $(AXE)
	$(BIN)/python -m pytest

# The README's and about page's screenshots (docs/assets/screenshots/), taken in Chromium from the built site.
screenshots: build chromium
	$(BIN)/python tools/screenshots.py site

# The other engine: the generated Markdown tree and the hand-written English pages built by Zensical
# (zensical.toml) into .cache/zensical/site, with Zensical in its own environment (requirements-zensical.txt).
ZENSICAL_VENV := .cache/zensical-venv
zensical: setup
	$(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/pip install --quiet --disable-pip-version-check --require-hashes -r requirements-zensical.txt
	rm -rf .cache/zensical
	$(BIN)/python -m errdocs build --out .cache/zensical/docs
	cd docs && tar -cf - --exclude=./zh . | tar -xf - -C ../.cache/zensical/docs
	$(ZENSICAL_VENV)/bin/zensical build --strict --config-file zensical.toml

# Build speed, weight and scaling (bench/build_speed.py); `make bench BENCH=--quick` takes a few minutes.
BENCH ?= --write
bench: setup chromium
	$(BIN)/python bench/build_speed.py $(BENCH)

# Recompile the pinned tree (requirements.txt) from the hand-pinned direct dependencies (requirements.in).
PIP_TOOLS := 7.6.2
lock:
	$(PYTHON) -m venv .cache/pip-tools
	.cache/pip-tools/bin/pip install --quiet --disable-pip-version-check pip-tools==$(PIP_TOOLS)
	.cache/pip-tools/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-header --no-emit-index-url --no-emit-find-links \
	  --output-file .cache/requirements.lock requirements.in
	{ sed -n '1,2p' requirements.txt; cat .cache/requirements.lock; } > requirements.txt.new && mv requirements.txt.new requirements.txt
	.cache/pip-tools/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-header --no-emit-index-url --no-emit-find-links \
	  --output-file .cache/requirements-zensical.lock requirements-zensical.in
	{ sed -n '1,2p' requirements-zensical.txt; cat .cache/requirements-zensical.lock; } > requirements-zensical.txt.new && mv requirements-zensical.txt.new requirements-zensical.txt

# The wheel, with the catalog's data built in (setup.py), into dist/; ERRDOCS_SITE_URL sets the site address.
wheel: setup
	$(BIN)/pip wheel --quiet --disable-pip-version-check --no-deps --wheel-dir dist .

clean:
	rm -rf $(VENV) site site-offline errdocs-offline.zip .cache .pytest_cache dist build
