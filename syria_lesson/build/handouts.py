"""HTML handouts: one page per lesson and one page with every lesson, per edition.

The student edition is made from the committed notebooks (they are the
student edition); the instructor edition from a fresh run with the teaching
notes switched on. No page loads anything from the network: no scripts,
inline CSS. A figure that is on more than one page of an edition (every
lesson's figures are also on its all-lessons page) is written once, as
``<edition>/img/<hash>.png`` beside the pages, and each page links to it by a
relative URL; a figure on one page only stays inside it as a data URL. Copy
an edition's ``img/`` folder along with its pages.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import re
import shutil
from pathlib import Path

from syria_lesson.core.html import CELL, Markup

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
START, END = "<!-- sl:lesson-start -->", "<!-- sl:lesson-end -->"
WHOLE = "all_lessons"  # the page with every lesson of an edition
EDITION_LABELS = {"student": "Student edition", "instructor": "Instructor edition (contains model answers)",
                  "worksheet": "Worksheet", "worksheet-core": "Worksheet, core tasks only"}
# The core-only class set is the worksheet without its extension tasks: the same run, fewer cells.
RUN_AS = {"worksheet-core": "worksheet"}
WORKSHEET_TAG = "worksheet"
EXTENSION_HEADING = ('<div class="sl-ws-extension"><h2>Extension tasks</h2><p>For when you have finished the '
                     "tasks above.</p></div>")
IMAGES = "img"  # beside the pages of an edition: build/handouts/<edition>/img/<hash>.png
_PNG = "data:image/png;base64,"
# A PNG data URL in a text/html output (a figure inside a static face), up to its closing quote.
_PNG_URL = re.compile(re.escape(_PNG) + r"([A-Za-z0-9+/=\s]+)(?=[\"'])")
_TOKEN = "sl-figure-"
_TOKEN_URL = re.compile(re.escape(_PNG + _TOKEN) + r"([0-9a-f]{16})")
WORKSHEET_HEADER = ('<div class="sl-ws-header"><span>Name: ______________________</span>'
                    "<span>Class: ________</span><span>Date: ____________</span></div>")


def title_of(nb, path: Path) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if match:
                return match.group(1).strip()
    return path.stem


# What nbconvert's HTMLExporter adds to a page in a last pass, done here by pattern (see exporter()).
_FOCUSABLE = re.compile(r'<div(?= class="(?:[^"]*\s)?(?:jp-Cell-inputWrapper|jp-OutputArea-output)(?:\s[^"]*)?")')
_NO_ALT = re.compile(r"<img\b(?![^>]*\salt=)")
NO_ALT = "No description has been provided for this image"  # nbconvert's words, which the browser tests flag


# A table the package builds (class sl-table) aligns each cell left and top inline, for
# JupyterLab (core.html.CELL); the handout's stylesheet does the same for every .sl-table
# cell, so on a page the attribute is dropped: 3,500 of them, 150 KB, on the instructor
# edition's all-lessons page.
_SL_TABLE = re.compile(r'<table class="sl-table[ "].*?</table>', re.S)


def _finish(page: str) -> str:
    page = _SL_TABLE.sub(lambda table: table.group(0).replace(f" {CELL}", ""), page)
    return _NO_ALT.sub(f'<img alt="{NO_ALT}"', _FOCUSABLE.sub('<div tabindex="0"', page))


@functools.lru_cache(maxsize=1)
def exporter():
    # Building the exporter compiles the Jinja templates; do it once per run.
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
    from traitlets.config import Config

    class HandoutExporter(HTMLExporter):
        """nbconvert's HTMLExporter (pinned in requirements-dev.txt) without its
        last pass, which parses and re-writes the whole page with BeautifulSoup,
        over half the time a page takes, to add alt text to images without any
        and tabindex="0" to cells and outputs (``_finish`` adds the same two by
        pattern), and without a schema check after each preprocessor."""

        def from_notebook_node(self, nb, resources=None, **kw):
            info = nb.metadata.get("language_info", {})
            lexer = info.get("pygments_lexer", info.get("name", None))
            self.register_filter("highlight_code", self.filters.get(
                "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)))
            resources = self._init_resources(resources)
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources))
            page, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            return _finish(page), resources

        def _validate_preprocessor(self, nbc, preprocessor):
            """nbconvert validates the whole notebook against its schema after each
            of its dozen preprocessors, enabled or not: over a third of a page's
            time. Only the tag remover is enabled here; the notebooks were
            checked by nbformat as it reads them, and their outputs come from nbclient."""

    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_input_tags = {"remove-input"}
    config.TagRemovePreprocessor.remove_cell_tags = {"remove-cell"}
    config.HTMLExporter.exclude_anchor_links = True
    return HandoutExporter(config=config, template_name="handout", extra_template_basedirs=[str(TEMPLATES)])


@functools.lru_cache(maxsize=1)
def handout_css() -> str:
    return (TEMPLATES / "handout" / "handout.css").read_text(encoding="utf-8")


def _module() -> dict:
    from syria_lesson.data import load_all

    return load_all().module


def _footer() -> str:
    from syria_lesson.lessons.reference import record_checked_text

    return " ".join(_module()["licence"].split()) + " " + record_checked_text()


def body_class(edition: str) -> str:
    """The page's edition classes: a core-only worksheet is styled as a worksheet."""
    return " ".join(dict.fromkeys(f"sl-edition-{e}" for e in (RUN_AS.get(edition, edition), edition)))


def handout_html(nb, path: Path, edition: str, built: str) -> str:
    module = _module()
    resources = {"metadata": {"name": title_of(nb, path)},
                 "sl": {"css": handout_css(), "edition": edition, "edition_label": EDITION_LABELS[edition],
                        "body_class": body_class(edition),
                        "lesson": title_of(nb, path), "module": module["title"], "built": built,
                        "licence": _footer()}}
    body, _ = exporter().from_notebook_node(nb, resources=resources)
    return body


def worksheet_notebook(nb, extension: bool = True):
    """The class-set worksheet of a lesson: its title, name and date lines, and
    only the cells tagged ``worksheet`` (the tasks, short excerpts a task needs,
    the figures and map it uses). Reference tables stay in the full handout.
    With ``extension=False``, the core tasks only."""
    import nbformat

    title = next((line for cell in nb.cells if cell.cell_type == "markdown"
                  for line in cell.source.splitlines() if line.startswith("# ")), "# Worksheet")
    kept = [cell for cell in nb.cells if WORKSHEET_TAG in cell.get("metadata", {}).get("tags", [])]
    core = [cell for cell in kept if "extension" not in cell.metadata.get("tags", [])]
    extra = [cell for cell in kept if "extension" in cell.metadata.get("tags", [])] if extension else []
    out = nbformat.v4.new_notebook(metadata=nb.metadata)
    out.cells = [nbformat.v4.new_markdown_cell(f"{title}\n\n{WORKSHEET_HEADER}")] + core
    if extension and any(cell.get("outputs") for cell in extra):
        # Extension tasks on a page of their own, after the class's core tasks: the class
        # set's budget is for the core, and a teacher may print the core pages only.
        out.cells.append(nbformat.v4.new_markdown_cell(EXTENSION_HEADING))
        out.cells += extra
    return out


def lesson_body(page: str) -> str:
    """What lies between the template's lesson markers."""
    return page[page.index(START) + len(START): page.index(END)]


def demote(fragment: str) -> str:
    """h1 -> h2, h2 -> h3 ... so the all-in-one page keeps a single h1."""
    return re.sub(r"<(/?)h([1-5])", lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 1, 6)}", fragment)


def all_in_one(pages: list[tuple[str, str, str]], edition: str, built: str) -> str:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    module = _module()
    env = Environment(loader=FileSystemLoader(TEMPLATES / "handout"), autoescape=select_autoescape(default=True))
    lessons = [{"stem": stem, "title": title, "body": Markup(demote(lesson_body(page)))} for stem, title, page in pages]
    return env.get_template("all_lessons.html.j2").render(
        module=module["title"], edition=edition, edition_label=EDITION_LABELS[edition], built=built,
        body_class=body_class(edition),
        css=Markup(handout_css()), lessons=lessons, licence=_footer())


class Figures:
    """The PNG figures of a build, each encoded once.

    ``lift`` takes every figure out of a notebook before it becomes HTML,
    leaving a short token where its base64 was (an ``image/png`` output, or a
    data URL inside a ``text/html`` one), so that the pages are rendered and
    parsed without the figures' bytes. ``place`` then gives each token its
    final form for one edition: a file in ``img/`` if the figure is on more
    than one page of the edition, its data URL if it is on one page only.
    """

    def __init__(self):
        self.data: dict[str, str] = {}  # key -> base64, without line breaks

    def _key(self, b64: str) -> str:
        b64 = "".join(b64.split())
        key = hashlib.sha256(b64.encode("ascii")).hexdigest()[:16]
        self.data.setdefault(key, b64)
        return key

    def _token_url(self, match: re.Match) -> str:
        return f"{_PNG}{_TOKEN}{self._key(match.group(1))}"

    def lift(self, nb):
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                png = data.get("image/png")
                if isinstance(png, str) and not png.startswith(_TOKEN):
                    data["image/png"] = _TOKEN + self._key(png)
                page = data.get("text/html")
                if page is not None and _PNG in (page if isinstance(page, str) else "".join(page)):
                    data["text/html"] = _PNG_URL.sub(self._token_url, page if isinstance(page, str) else "".join(page))
        return nb

    def place(self, pages: dict[str, str], folder: Path) -> dict[str, str]:
        """The pages of one edition (name -> HTML with tokens), with every
        figure linked or inlined; the linked ones written to ``folder/img``."""
        used: dict[str, int] = {}
        for page in pages.values():
            for key in set(_TOKEN_URL.findall(page)):
                used[key] = used.get(key, 0) + 1
        shared = {key for key, count in used.items() if count > 1}
        if shared:
            (folder / IMAGES).mkdir(exist_ok=True)
        for key in sorted(shared):
            (folder / IMAGES / f"{key}.png").write_bytes(base64.b64decode(self.data[key]))

        def final(match: re.Match) -> str:
            key = match.group(1)
            return f"{IMAGES}/{key}.png" if key in shared else _PNG + self.data[key]

        return {name: _TOKEN_URL.sub(final, page) for name, page in pages.items()}


def build_handouts(notebooks_for, out: Path, editions=tuple(EDITION_LABELS)) -> list[Path]:
    """Write the editions into ``out``; ``notebooks_for(edition)`` lists the notebooks.

    Every notebook that needs a fresh run (the instructor edition's, the
    worksheets') is run in one pool of kernels, in a thread of its own. This
    thread meanwhile makes the student edition from the committed notebooks,
    then the pages of each notebook run as soon as it comes back; a run serves
    every edition made from it (both worksheet editions)."""
    import queue
    from concurrent.futures import ThreadPoolExecutor

    import nbformat

    from syria_lesson.build.execute import execute_many, strip_widget_views

    built = dt.date.today().isoformat()
    paths = {edition: notebooks_for(edition) for edition in editions}
    runs: dict[str, list[Path]] = {}  # what each run (edition of the kernel) executes
    for edition in editions:
        if RUN_AS.get(edition, edition) != "student":
            runs.setdefault(RUN_AS.get(edition, edition), paths[edition])
    jobs = [(path, run_as) for run_as, notebooks in runs.items() for path in notebooks]
    place = [(run_as, index) for run_as, notebooks in runs.items() for index in range(len(notebooks))]
    figures = Figures()
    pages: dict[str, list] = {edition: [None] * len(paths[edition]) for edition in editions}

    def render(edition: str, index: int, nb) -> None:
        path = paths[edition][index]
        if RUN_AS.get(edition, edition) == "worksheet":
            nb = worksheet_notebook(nb, extension=edition == "worksheet")
        pages[edition][index] = (path.stem, title_of(nb, path), handout_html(figures.lift(nb), path, edition, built))

    finished: queue.Queue = queue.Queue()
    with ThreadPoolExecutor(max_workers=1) as pool:
        # unattended: no one watches these kernels, and the pages show each widget's static face.
        running = pool.submit(execute_many, jobs, unattended=True, each=lambda i, nb: finished.put((i, nb)))

        def next_finished():
            while True:
                try:
                    return finished.get(timeout=0.1)
                except queue.Empty:
                    if running.done() and running.exception() is not None:
                        raise running.exception() from None

        for edition in editions:  # needs no kernel: made while the kernels run
            if RUN_AS.get(edition, edition) == "student":
                for index, path in enumerate(paths[edition]):
                    nb = nbformat.read(path, as_version=4)
                    strip_widget_views(nb)
                    render(edition, index, nb)
        for _ in jobs:
            job, nb = next_finished()
            run_as, index = place[job]
            for edition in editions:
                if RUN_AS.get(edition, edition) == run_as:
                    render(edition, index, nb)
        running.result()
    written = [page for edition in editions for page in write_edition(out / edition, pages[edition], edition, built, figures)]
    for path in written:
        print(f"{path.relative_to(out)}: {path.stat().st_size / 1024:.0f} KB")
    return written


def write_edition(folder: Path, pages: list[tuple[str, str, str]], edition: str, built: str,
                  figures: Figures) -> list[Path]:
    """One edition's pages, (stem, title, HTML) a notebook, the all-lessons page, and the figures they share."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    html = {stem: page for stem, _, page in pages}
    html[WHOLE] = all_in_one(pages, edition, built)
    written = []
    for stem, page in figures.place(html, folder).items():
        target = folder / f"{stem}.html"
        target.write_text(page, encoding="utf-8")
        written.append(target)
    return written
