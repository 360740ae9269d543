# The two set-up commands: `make run` and `make test`. Everything else is for developers.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q

.PHONY: run test lint bench screenshots icons bundle bundle-check clean

# The venv and the installs are stamped, so a second `make` does not reinstall.
$(VENV)/.created:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Hearth needs Python 3.11 or newer; this is " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip
	@touch $@

# Hearth's own modules compiled now, so the first start does not compile them (#19).
$(VENV)/.installed-app: $(VENV)/.created pyproject.toml
	$(PIP) install -e .
	$(PY) -m compileall -q app
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed-app pyproject.toml
	$(PIP) install -e '.[test]'
	@touch $@

$(VENV)/.installed-bundle: $(VENV)/.installed-app pyproject.toml
	$(PIP) install -e '.[bundle]'
	@touch $@

# On Linux, first: are the system libraries Qt's X11 plugin needs installed? (it names them)
run: $(VENV)/.installed-app
	@$(PY) -m tools.display_libs
	$(VENV)/bin/hearth

# Over every core (pytest-xdist); PYTEST_ARGS="-n 0" runs it in one process.
test: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -m "not bundle" -n auto $(PYTEST_ARGS)

# ruff and mypy run as modules, so a venv that takes its packages from another's still works.
lint: $(VENV)/.installed-test
	$(PY) -m ruff check app tests bench tools packaging
	$(PY) -m ruff format --check app tests bench tools packaging
	$(PY) -m mypy
	$(VENV)/bin/lint-imports --no-cache

bench: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(PY) -m bench $(BENCH_ARGS)

screenshots: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(PY) -m tools.screenshots

# The app icon's PNGs, .ico and .icns, from resources/hearth_resources/hearth.svg (the results are committed).
icons: $(VENV)/.installed-app
	QT_QPA_PLATFORM=offscreen $(PY) -m tools.icons

# The stand-alone folder dist/Hearth/ (Hearth and hearth-cli, no Python needed to run it).
bundle: $(VENV)/.installed-bundle
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/hearth.spec
	@du -sh dist/Hearth

# Build it, then start it: the window's --smoke and the command line, from the bundle.
bundle-check: bundle $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -m bundle tests/bundle $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache bench/.cache
