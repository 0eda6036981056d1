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

import datetime as dt
import functools
import queue
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
from jinja2 import Environment, FileSystemLoader, select_autoescape

from syria_lesson.build.execute import execute_many, strip_widget_views
from syria_lesson.build.exporter import TEMPLATES, exporter
from syria_lesson.build.page_images import Figures
from syria_lesson.core.dates import long_date
from syria_lesson.core.editions import get as get_edition
from syria_lesson.core.editions import handouts as handout_editions
from syria_lesson.core.html import Markup, html
from syria_lesson.data import load_all
from syria_lesson.lessons.reference import record_checked_text

START, END = "<!-- sl:lesson-start -->", "<!-- sl:lesson-end -->"
WHOLE = "all_lessons"  # the page with every lesson of an edition
WORKSHEET_TAG = "worksheet"
EXTENSION_HEADING = ('<div class="sl-ws-extension"><h2>Extension tasks</h2><p>For when you have finished the '
                     "tasks above.</p></div>")
WORKSHEET_HEADER = ('<div class="sl-ws-header"><span>Name: ______________________</span>'
                    "<span>Class: ________</span><span>Date: ____________</span></div>")


def title_of(nb, path: Path) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if match:
                return match.group(1).strip()
    return path.stem


@functools.lru_cache(maxsize=1)
def handout_css() -> str:
    return (TEMPLATES / "handout" / "handout.css").read_text(encoding="utf-8")


def _module() -> dict:
    return load_all().module


def _footer() -> str:
    return " ".join(_module()["licence"].split()) + " " + record_checked_text()


def body_class(edition: str) -> str:
    """The page's edition classes: a core-only worksheet is styled as a worksheet."""
    return " ".join(dict.fromkeys(f"sl-edition-{e}" for e in (get_edition(edition).kernel, edition)))


def handout_html(nb, path: Path, edition: str, built: str) -> str:
    module = _module()
    resources = {"metadata": {"name": title_of(nb, path)},
                 "sl": {"css": handout_css(), "edition": edition, "edition_label": get_edition(edition).label,
                        "body_class": body_class(edition),
                        "lesson": title_of(nb, path), "module": module["title"], "built": built,
                        "licence": _footer()}}
    body, _ = exporter().from_notebook_node(nb, resources=resources)
    return body


CITES_A_PARAGRAPH = re.compile(r"\b[Pp]aragraphs? \d")


def _shown(cell) -> str:
    """What a cell shows: its markdown, or its outputs' HTML."""
    if cell.cell_type == "markdown":
        return cell.source
    return " ".join(str(o.get("data", {}).get("text/html", "")) for o in cell.get("outputs", []))


def op_ed_line() -> str:
    """Where a class set reads the op-ed: a worksheet prints only short excerpts of it, so a task that
    cites its paragraph N sends the student to the article at its source (the address from the data)."""
    meta = load_all().article["meta"]
    return str(html('<p class="sl-ws-source" style="font-size:85%;margin:0 0 0.4rem"><strong>The op-ed:</strong> '
                    "{}, <em>{}</em>, {}: read it at {} (paragraphs numbered 1\u2013{}, body only).</p>",
                    meta["author"], meta["outlet"], long_date(meta["date"]), meta["url"],
                    meta["paragraphs"]))


def worksheet_notebook(nb, extension: bool = True):
    """The class-set worksheet of a lesson: its title, name and date lines, and
    only the cells tagged ``worksheet`` (the tasks, short excerpts a task needs,
    the figures and map it uses). Reference tables stay in the full handout. A
    worksheet that cites a paragraph of the op-ed says where to read it.
    With ``extension=False``, the core tasks only."""
    title = next((line for cell in nb.cells if cell.cell_type == "markdown"
                  for line in cell.source.splitlines() if line.startswith("# ")), "# Worksheet")
    kept = [cell for cell in nb.cells if WORKSHEET_TAG in cell.get("metadata", {}).get("tags", [])]
    core = [cell for cell in kept if "extension" not in cell.metadata.get("tags", [])]
    extra = [cell for cell in kept if "extension" in cell.metadata.get("tags", [])] if extension else []
    out = nbformat.v4.new_notebook(metadata=nb.metadata)
    source = op_ed_line() if any(CITES_A_PARAGRAPH.search(_shown(c)) for c in core + extra) else ""
    out.cells = [nbformat.v4.new_markdown_cell(f"{title}\n\n{WORKSHEET_HEADER}{source}")] + core
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
    module = _module()
    env = Environment(loader=FileSystemLoader(TEMPLATES / "handout"), autoescape=select_autoescape(default=True))
    lessons = [{"stem": stem, "title": title, "body": Markup(demote(lesson_body(page)))} for stem, title, page in pages]
    return env.get_template("all_lessons.html.j2").render(
        module=module["title"], edition=edition, edition_label=get_edition(edition).label, built=built,
        body_class=body_class(edition),
        css=Markup(handout_css()), lessons=lessons, licence=_footer())


HANDOUT_EDITIONS = tuple(e.name for e in handout_editions())  # the web edition has a builder of its own


def build_handouts(notebooks_for, out: Path, editions=HANDOUT_EDITIONS) -> list[Path]:
    """Write the editions into ``out``; ``notebooks_for(edition)`` lists the notebooks.

    Every notebook that needs a fresh run (the instructor edition's, the
    worksheets') is run in one pool of kernels, in a thread of its own. This
    thread meanwhile makes the student edition from the committed notebooks,
    then the pages of each notebook run as soon as it comes back; a run serves
    every edition made from it (both worksheet editions)."""
    built = dt.date.today().isoformat()
    paths = {edition: notebooks_for(edition) for edition in editions}
    runs: dict[str, list[Path]] = {}  # what each run (edition of the kernel) executes
    for edition in editions:
        if not get_edition(edition).from_committed:
            runs.setdefault(get_edition(edition).kernel, paths[edition])
    jobs = [(path, run_as) for run_as, notebooks in runs.items() for path in notebooks]
    place = [(run_as, index) for run_as, notebooks in runs.items() for index in range(len(notebooks))]
    figures = Figures()
    pages: dict[str, list] = {edition: [None] * len(paths[edition]) for edition in editions}

    def render(edition: str, index: int, nb) -> None:
        path = paths[edition][index]
        if get_edition(edition).paper:
            nb = worksheet_notebook(nb, extension=get_edition(edition).extension)
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
            if get_edition(edition).from_committed:
                for index, path in enumerate(paths[edition]):
                    nb = nbformat.read(path, as_version=4)
                    strip_widget_views(nb)
                    render(edition, index, nb)
        for _ in jobs:
            job, nb = next_finished()
            run_as, index = place[job]
            for edition in editions:
                if get_edition(edition).kernel == run_as:
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
