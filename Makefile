# The module's commands. Each creates its own virtual environment (.venv) on
# first use, so nothing is installed into the system Python.
#
#   make lab        set up, then open the lessons in JupyterLab
#   make test       set up, then run every test (what CI runs)
#   make test-fast  the unit tests only (no notebooks, kernels or browser): seconds
#   make handouts   build the HTML handouts into build/handouts/
#   make pdf        print them to PDF (A4 and Letter) into build/pdf/; needs Chromium
#   make worksheets the class-set worksheets (HTML and PDF); CORE=1 for core tasks only
#   make notebooks  re-run the notebooks after editing data/ (then commit them)
#   make docs       rewrite the lesson plan and lesson tables from data/lessons/
#   make release    the student release (no instructor material) in build/student-release/
#   make lite       a JupyterLite site of the student release in build/lite/
#   make benchmark  time the notebooks, the handout build and the tests

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RUN    := $(BIN)/python

.PHONY: lab test test-fast handouts pdf worksheets docs notebooks figures release lint clean a11y-tools lite benchmark

$(VENV)/.runtime: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(RUN) -m pip install --quiet --upgrade pip
	$(RUN) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(RUN) -m pip install --quiet -r requirements-dev.txt
	touch $@

# JupyterLab with the module's own settings (jupyterlab-settings/): no news
# prompt, no update check, no extension manager or debugger in a lesson.
lab: $(VENV)/.runtime
	$(BIN)/jupyter lab "--LabApp.app_settings_dir=$(CURDIR)/jupyterlab-settings" notebooks/00_start_here.ipynb

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

# What the handouts are made from: `make pdf` rebuilds them only when one changed.
HANDOUT_INPUTS := $(filter-out syria_lesson/pdf.py,$(shell find notebooks instructor data figures syria_lesson -type f \
	\( -name '*.ipynb' -o -name '*.py' -o -name '*.yaml' -o -name '*.csv' -o -name '*.json' -o -name '*.css' \
	-o -name '*.j2' -o -name '*.png' \) -not -path '*/answers/*' -not -path '*/.ipynb_checkpoints/*' \
	-not -path '*/__pycache__/*' 2>/dev/null))
HANDOUTS_BUILT := build/handouts/.built

handouts: $(VENV)/.dev
	$(RUN) -m syria_lesson.build handouts
	@touch $(HANDOUTS_BUILT)

$(HANDOUTS_BUILT): $(VENV)/.dev $(HANDOUT_INPUTS)
	$(RUN) -m syria_lesson.build handouts
	@touch $@

# Chromium is checked first, so that without it the one line saying how to
# install it is all there is to read.
pdf: $(VENV)/.dev
	@$(RUN) -m syria_lesson.pdf --check
	@$(MAKE) --no-print-directory -s $(HANDOUTS_BUILT)
	$(RUN) -m syria_lesson.pdf

# A class set of worksheets, as web pages and PDFs: `make worksheets`, or
# `make worksheets CORE=1` for the core tasks only (build/worksheets-core/).
WORKSHEETS := build/worksheets$(if $(CORE),-core,)
worksheets: $(VENV)/.dev
	@$(RUN) -m syria_lesson.pdf --check
	SYRIA_LESSON_TIER=$(if $(CORE),core,all) $(RUN) -m syria_lesson.build worksheets --out $(WORKSHEETS)
	$(RUN) -m syria_lesson.pdf --handouts $(WORKSHEETS) --out $(WORKSHEETS)/pdf

lite: $(VENV)/.dev
	$(RUN) -m syria_lesson.lite

benchmark: $(VENV)/.dev
	$(RUN) benchmarks/run.py

notebooks: $(VENV)/.dev
	$(RUN) -m syria_lesson.build notebooks

docs: $(VENV)/.dev
	$(RUN) -m syria_lesson.build docs

figures: $(VENV)/.dev
	$(RUN) -m syria_lesson.build figures

release: $(VENV)/.dev
	$(RUN) -m syria_lesson.build release

lint: $(VENV)/.dev
	$(RUN) -m ruff check syria_lesson tests benchmarks conftest.py
	$(BIN)/nbqa ruff notebooks instructor --extend-ignore=E402,F401

clean:
	rm -rf build
