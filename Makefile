# Two commands do all the set-up on a fresh machine with Python 3 and make:
#   make run    create .venv, install margin, open the app on the seed article
#   make test   the same set-up, then the whole test suite
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test bench bench-quick clean chromium

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/margin annotate $(DOC)

test: $(STAMP) chromium
	$(PY) -m mypy
	$(PY) -m pytest -n 2 -p no:cacheprovider $(PYTEST_ARGS)

# The `margin serve` browser test needs Chromium: install Debian's where the machine
# allows (root + apt); elsewhere that one test is skipped with its reason.
chromium:
	@command -v chromium >/dev/null || command -v chromium-browser >/dev/null || command -v google-chrome >/dev/null \
	  || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1; } \
	  || echo "no Chromium: the margin serve browser test will be skipped"

bench: $(STAMP)
	$(PY) -m bench

bench-quick: $(STAMP)
	$(PY) -m bench --quick

clean:
	rm -rf $(VENV) build *.egg-info
