# Two commands do all the set-up on a fresh machine with Python 3 and make:
#   make run    create .venv, install margin, open the app on the seed article
#   make test   the same set-up, then the whole test suite
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test bench bench-quick clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/margin annotate $(DOC)

test: $(STAMP)
	$(PY) -m pytest -n 2 -p no:cacheprovider $(PYTEST_ARGS)

bench: $(STAMP)
	$(PY) -m bench

bench-quick: $(STAMP)
	$(PY) -m bench --quick

clean:
	rm -rf $(VENV) build *.egg-info
