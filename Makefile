# The two commands of the README: `make lab` and `make test`.
# Needs only Python 3.11+ and make; everything else goes into .venv.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LAB_ARGS ?=
START_PAGE := 00_start_here.ipynb
PYTEST_ARGS ?=
# JupyterLab refuses to run as root unless told; add the flag only for root.
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

.PHONY: install lab test lint format clean guide

install: $(STAMP)

# Reinstalls only when the dependencies (pyproject.toml) change.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "The kit needs Python 3.11 or newer; '$(PYTHON)' is older. Run: make PYTHON=python3.12 ..."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || \
	  { echo "Could not create $(VENV). On Debian/Ubuntu, install the venv module: sudo apt install python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

# .lab/overrides.json: classroom defaults (start the kernel without asking,
# no news or update checks: classrooms are often offline).
# Served from the repository folder, so the start page can link to exercises/ too.
lab: install
	$(BIN)/jupyter lab "--ServerApp.root_dir=$(CURDIR)" \
	  --LabApp.default_url=/lab/tree/notebooks/$(START_PAGE) \
	  "--LabApp.app_settings_dir=$(CURDIR)/.lab" $(ROOT_FLAG) $(LAB_ARGS)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

# The instructor guide as a web page: runs notebooks/instructor/guide.ipynb and writes
# guide.html (and the printable handout.html) beside it. Commit both.
guide: install
	$(BIN)/python tools/render_guide.py

format: install
	$(BIN)/ruff check --fix . && $(BIN)/ruff format .

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
