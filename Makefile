# Two commands do all the set-up on a fresh machine with Python 3 and make:
#   make run    create .venv, install margin (and its serve extra), open the app on the seed article
#   make test   the same, plus the test extras (spaCy, pyarrow, datasets, ...), then the test suite
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
APP    := $(VENV)/.installed-app
TESTS  := $(VENV)/.installed-test

.PHONY: run test bench bench-quick clean chromium

# only what the app needs: a newcomer sees the article in well under a minute
$(APP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet 'pip>=21.3'
	$(PY) -m pip install --quiet -e '.[serve]'
	touch $@

$(TESTS): $(APP)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

run: $(APP)
	$(VENV)/bin/margin annotate $(DOC)

test: $(TESTS) chromium
	$(PY) -m pytest -n 2 -p no:cacheprovider $(PYTEST_ARGS)

# The `margin serve` browser test needs Chromium: install Debian's where the machine
# allows (root + apt); elsewhere that one test is skipped with its reason.
chromium:
	@command -v chromium >/dev/null || command -v chromium-browser >/dev/null || command -v google-chrome >/dev/null \
	  || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1; } \
	  || echo "no Chromium: the margin serve browser test will be skipped"

bench: $(TESTS)
	$(PY) -m bench

bench-quick: $(TESTS)
	$(PY) -m bench --quick

clean:
	rm -rf $(VENV) build *.egg-info
