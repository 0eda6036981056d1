# The module's commands. Each creates its own virtual environment (.venv) on
# first use, so nothing is installed into the system Python.
#
#   make lab        set up, then open the lessons in JupyterLab
#   make test       set up, then run every test (what CI runs)
#   make handouts   build the HTML handouts into build/handouts/
#   make notebooks  re-run the notebooks after editing data/ (then commit them)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RUN    := $(BIN)/python

.PHONY: lab test handouts notebooks figures release lint clean

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

test: $(VENV)/.dev
	$(RUN) -m ruff check syria_lesson tests conftest.py
	$(BIN)/nbqa ruff notebooks instructor --extend-ignore=E402,F401
	$(RUN) -m pytest

handouts: $(VENV)/.dev
	$(RUN) -m syria_lesson.build handouts

notebooks: $(VENV)/.dev
	$(RUN) -m syria_lesson.build notebooks

figures: $(VENV)/.dev
	$(RUN) -m syria_lesson.build figures

release: $(VENV)/.dev
	$(RUN) -m syria_lesson.build release

lint: $(VENV)/.dev
	$(RUN) -m ruff check syria_lesson tests conftest.py
	$(BIN)/nbqa ruff notebooks instructor --extend-ignore=E402,F401

clean:
	rm -rf build
