# The module's commands. Each creates its own virtual environment (.venv) on
# first use, so nothing is installed into the system Python.
#
#   make lab        set up, then open the lessons in JupyterLab
#   make test       set up, then run every test (what CI runs)
#   make test-fast  the unit tests only (no notebooks, kernels or browser): seconds
#   make handouts   build the HTML handouts into build/handouts/
#   make notebooks  re-run the notebooks after editing data/ (then commit them)
#   make release    the student release (no instructor material) in build/student-release/
#   make lite       a JupyterLite site of the student release in build/lite/
#   make benchmark  time the notebooks, the handout build and the tests

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RUN    := $(BIN)/python

.PHONY: lab test test-fast handouts notebooks figures release lint clean a11y-tools lite benchmark

$(VENV)/.runtime: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(RUN) -m pip install --quiet --upgrade pip
	$(RUN) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(RUN) -m pip install --quiet -r requirements-dev.txt
	touch $@

lab: $(VENV)/.runtime
	$(BIN)/jupyter lab notebooks/00_start_here.ipynb

# The accessibility checker (axe-core, from npm) that the browser tests inject
# into each handout. Where npm is missing those checks are skipped, and say so.
AXE := tests/a11y/node_modules/axe-core/axe.min.js
$(AXE): tests/a11y/package.json tests/a11y/package-lock.json
	cd tests/a11y && npm ci --no-audit --no-fund --silent
	touch $@

a11y-tools:
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory $(AXE); \
	else echo "npm not found: the accessibility checks will be skipped"; fi

test: $(VENV)/.dev a11y-tools
	$(RUN) -m ruff check syria_lesson tests benchmarks conftest.py
	$(BIN)/nbqa ruff notebooks instructor --extend-ignore=E402,F401
	$(RUN) -m pytest

test-fast: $(VENV)/.dev
	$(RUN) -m ruff check syria_lesson tests benchmarks conftest.py
	$(RUN) -m pytest tests -q -m "not slow and not browser"

handouts: $(VENV)/.dev
	$(RUN) -m syria_lesson.build handouts

lite: $(VENV)/.dev
	$(RUN) -m syria_lesson.lite

benchmark: $(VENV)/.dev
	$(RUN) benchmarks/run.py

notebooks: $(VENV)/.dev
	$(RUN) -m syria_lesson.build notebooks

figures: $(VENV)/.dev
	$(RUN) -m syria_lesson.build figures

release: $(VENV)/.dev
	$(RUN) -m syria_lesson.build release

lint: $(VENV)/.dev
	$(RUN) -m ruff check syria_lesson tests benchmarks conftest.py
	$(BIN)/nbqa ruff notebooks instructor --extend-ignore=E402,F401

clean:
	rm -rf build
