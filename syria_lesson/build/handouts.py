"""HTML handouts: one page per lesson and one page with every lesson, per edition.

The student edition is made from the committed notebooks (they are the
student edition); the instructor edition from a fresh run with the teaching
notes switched on. Each page is a single file that loads nothing from the
network: no scripts, inline CSS, figures as data URLs.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import shutil
from pathlib import Path

import nbformat
from jinja2 import Environment, FileSystemLoader, select_autoescape
from nbconvert import HTMLExporter
from traitlets.config import Config

from syria_lesson.build.execute import execute_all, strip_widget_views
from syria_lesson.core.editions import get as get_edition
from syria_lesson.core.editions import handouts as handout_editions
from syria_lesson.core.html import Markup
from syria_lesson.data import load_all
from syria_lesson.lessons.reference import record_checked_text

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
START, END = "<!-- sl:lesson-start -->", "<!-- sl:lesson-end -->"
# The core-only class set is the worksheet without its extension tasks: the same run, fewer cells.
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
def exporter():
    # Building the exporter compiles the Jinja templates; do it once per run.
    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_input_tags = {"remove-input"}
    config.TagRemovePreprocessor.remove_cell_tags = {"remove-cell"}
    config.HTMLExporter.exclude_anchor_links = True
    return HTMLExporter(config=config, template_name="handout", extra_template_basedirs=[str(TEMPLATES)])


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


def worksheet_notebook(nb, extension: bool = True):
    """The class-set worksheet of a lesson: its title, name and date lines, and
    only the cells tagged ``worksheet`` (the tasks, short excerpts a task needs,
    the figures and map it uses). Reference tables stay in the full handout.
    With ``extension=False``, the core tasks only."""
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
    module = _module()
    env = Environment(loader=FileSystemLoader(TEMPLATES / "handout"), autoescape=select_autoescape(default=True))
    lessons = [{"stem": stem, "title": title, "body": Markup(demote(lesson_body(page)))} for stem, title, page in pages]
    return env.get_template("all_lessons.html.j2").render(
        module=module["title"], edition=edition, edition_label=get_edition(edition).label, built=built,
        body_class=body_class(edition),
        css=Markup(handout_css()), lessons=lessons, licence=_footer())


HANDOUT_EDITIONS = tuple(e.name for e in handout_editions())  # the web edition has a builder of its own


def build_handouts(notebooks_for, out: Path, editions=HANDOUT_EDITIONS) -> list[Path]:
    """Write the editions into ``out``; ``notebooks_for(edition)`` lists the notebooks."""
    built = dt.date.today().isoformat()
    written, runs = [], {}
    for edition in editions:
        folder = out / edition
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        paths = notebooks_for(edition)
        run_as = get_edition(edition).kernel
        if get_edition(edition).from_committed:
            executed = [nbformat.read(path, as_version=4) for path in paths]
            for nb in executed:
                strip_widget_views(nb)
        else:
            if run_as not in runs:
                runs[run_as] = execute_all(paths, edition=run_as)
            executed = runs[run_as]
        if get_edition(edition).paper:
            executed = [worksheet_notebook(nb, extension=get_edition(edition).extension) for nb in executed]
        pages = []
        for path, nb in zip(paths, executed):
            page = handout_html(nb, path, edition, built)
            target = folder / f"{path.stem}.html"
            target.write_text(page, encoding="utf-8")
            pages.append((path.stem, title_of(nb, path), page))
            written.append(target)
        whole = folder / "all_lessons.html"
        whole.write_text(all_in_one(pages, edition, built), encoding="utf-8")
        written.append(whole)
    for path in written:
        print(f"{path.relative_to(out)}: {path.stat().st_size / 1024:.0f} KB")
    return written
