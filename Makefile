# Two commands do all the set-up on a fresh machine with Python 3 and make:
#   make run    create .venv, install margin (only what the app needs), open the app on the seed article
#   make test   the same, plus the test extras (spaCy, pyarrow, datasets, ...), then the test suite
# and `make serve` adds the serve extra and serves the app to web browsers.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
APP    := $(VENV)/.installed-app
SERVE  := $(VENV)/.installed-serve
TESTS  := $(VENV)/.installed-test
# Install into the venv with this Python's own pip when it can drive another interpreter
# (pip >= 22.3: --python): a venv made without pip opens in a fraction of a second, where
# installing pip into it costs 10-30 s. Else the venv gets a pip of its own (>= 21.3 for
# editable installs from pyproject.toml). $(2): pip's own options.
pip_install = if $(PYTHON) -c 'import pip, sys; sys.exit(tuple(map(int, pip.__version__.split(".")[:2])) < (22, 3))' 2>/dev/null; then \
	  $(PYTHON) -m pip --python $(PY) install --quiet $(2) $(1); \
	else { $(PY) -m pip --version >/dev/null 2>&1 || $(PY) -m ensurepip --default-pip >/dev/null; } \
	  && $(PY) -m pip install --quiet 'pip>=21.3' && $(PY) -m pip install --quiet $(2) $(1); fi
# Bytecode: the app's own dependencies and tui/ are compiled once at install (about 1.5 s),
# because Python cannot cache what it compiles where PYTHONDONTWRITEBYTECODE is set (this
# machine, many container images): there every `margin` start compiled textual, rich and
# tui again, 0.5 s of CPU of a 0.8 s import (docs/bench.md, "startup"). The extras
# (serve, test: spaCy, pyarrow, datasets, ...) are installed without it (compiling them all
# costs ~30 s for modules the app never imports), except what `--dask` imports
# (distributed and what it pulls in), which is compiled as `pip install 'margin[dask]'`
# would have done: bench/batch times the command, and its import is 0.85 s uncompiled
# against 0.44 s.
warm_bytecode = $(PY) -c 'import sys; sys.dont_write_bytecode = False; import $(1)'

.PHONY: run serve test fuzz bench bench-quick clean chromium

$(APP): pyproject.toml
	$(PYTHON) -m venv --without-pip $(VENV)
	$(call pip_install,-e .)
	$(PY) -m compileall -q tui >/dev/null
	touch $@

$(SERVE): $(APP)
	$(call pip_install,-e '.[serve]',--no-compile)
	touch $@

$(TESTS): $(APP)
	$(call pip_install,-e '.[test]',--no-compile)
	$(call warm_bytecode,distributed)
	touch $@

run: $(APP)
	$(VENV)/bin/margin annotate $(DOC)

serve: $(SERVE)
	$(VENV)/bin/margin serve $(DOC)

test: $(TESTS) chromium
	$(PY) -m mypy
	$(VENV)/bin/lint-imports
	$(PY) -m pytest -n 2 -p no:cacheprovider $(PYTEST_ARGS)

# The property tests with fresh random examples (`make test` always tries the same ones):
# FUZZ=10 runs ten times as many as the default; a counterexample is printed to reproduce.
fuzz: $(TESTS)
	MARGIN_EXPLORE=$(or $(FUZZ),1) $(PY) -m pytest -n 2 -p no:cacheprovider $(PYTEST_ARGS) $$(grep -rl "from hypothesis" tests)

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
