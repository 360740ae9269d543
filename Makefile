# The two set-up commands: `make run` and `make test`. Everything else is for developers.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q

.PHONY: run test lint bench screenshots clean

# The venv and the installs are stamped, so a second `make` does not reinstall.
$(VENV)/.created:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Hearth needs Python 3.11 or newer; this is " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip
	@touch $@

$(VENV)/.installed-app: $(VENV)/.created pyproject.toml
	$(PIP) install -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed-app pyproject.toml
	$(PIP) install -e '.[test]'
	@touch $@

run: $(VENV)/.installed-app
	$(VENV)/bin/hearth

test: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check app tests bench tools
	$(VENV)/bin/ruff format --check app tests bench tools
	$(VENV)/bin/mypy

bench: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(PY) -m bench $(BENCH_ARGS)

screenshots: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(PY) -m tools.screenshots

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache bench/.cache
