# `make run` serves the database `crm`; `make test` runs the test suite.
# Both create .venv and install the project the first time (and again
# whenever pyproject.toml or setup.cfg change).

PYTHON ?= python3
VENV := .venv
# every installable addon present
ADDONS ?= base,crm

.PHONY: run test

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml setup.cfg | $(VENV)/bin/python
	$(VENV)/bin/pip install -q -e '.[test]'
	touch $@

run: $(VENV)/.installed
	./odoo-bin --data-dir .data -d crm -i $(ADDONS)

test: $(VENV)/.installed
	$(VENV)/bin/python -m pytest
