# dossier: every command sets up what it needs in .venv first. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check --quiet
PORT ?= 8000
REMOTE ?= origin
BASE_PATH ?=
BUILD_FLAGS := $(if $(BASE_PATH),--base-path $(BASE_PATH))

.PHONY: build test serve deploy bench clean

$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements.txt
	$(PIP) install --no-deps -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PIP) install -r requirements-dev.txt
	touch $@

$(VENV)/.installed-bench: $(VENV)/.installed requirements-bench.txt
	$(PIP) install -r requirements-bench.txt
	touch $@

build: $(VENV)/.installed
	$(PY) -m generator build $(BUILD_FLAGS)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

test: $(VENV)/.installed-dev node_modules/.installed
	$(PY) -m pytest

bench: $(VENV)/.installed-bench
	$(PY) bench/run.py

# Removes only what the build made: build/ (if dossier's marker is in it), its leftovers, and its
# cache .cache/dossier/ (the topic engine's compiled tables); .cache/ itself only if that leaves it empty.
clean:
	@if [ -e build ] && [ ! -f build/.dossier-build.json ]; then \
	  echo "make clean: build/ was not made by dossier; not removing it" >&2; exit 1; fi
	rm -rf build build.new-* build.old-* .cache/dossier
	@if [ -d .cache ]; then rmdir .cache 2>/dev/null || true; fi

serve: $(VENV)/.installed
	$(PY) -m generator serve --port $(PORT) $(BUILD_FLAGS)

deploy: $(VENV)/.installed
	$(PY) -m generator deploy --remote $(REMOTE) $(BUILD_FLAGS)
