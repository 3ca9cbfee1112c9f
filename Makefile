# `make run` serves the database `crm`; `make test` runs the test suite.
# Both create .venv and install the project the first time (and again
# whenever pyproject.toml or setup.cfg change). `make test` also installs
# Debian's chromium for the browser tests when it is missing: no test tool
# may download a browser of its own here.

PYTHON ?= python3
VENV := .venv
# every installable addon present
ADDONS ?= base,crm,sale_crm,document
# the browser Playwright drives (tests/web); checked itself, not a stamp,
# so a machine that lost it gets it back
CHROMIUM := /usr/bin/chromium

.PHONY: run test chromium

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml setup.cfg | $(VENV)/bin/python
	$(VENV)/bin/pip install -q -e '.[test]'
	touch $@

# as root apt-get runs as is; otherwise through sudo when there is one
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	    if ! command -v apt-get >/dev/null 2>&1; then \
	        echo "The browser tests need $(CHROMIUM), and apt-get is not available to install it: install Chromium there by hand." >&2; \
	        exit 1; \
	    fi; \
	    if [ "$$(id -u)" = 0 ]; then sudo=; \
	    elif command -v sudo >/dev/null 2>&1; then sudo=sudo; \
	    else echo "The browser tests need $(CHROMIUM): run 'apt-get update && apt-get install -y chromium' as root." >&2; exit 1; fi; \
	    echo "installing chromium (apt-get) for the browser tests"; \
	    $$sudo apt-get update -qq && \
	    $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || exit 1; \
	fi

run: $(VENV)/.installed
	./odoo-bin --data-dir .data -d crm -i $(ADDONS)

test: $(VENV)/.installed chromium
	$(VENV)/bin/python -m pytest
