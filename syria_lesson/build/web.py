"""The web edition: every lesson as a plain web page that works in any browser,
offline, with nothing installed (``make web`` → build/web/).

A lesson page is the committed notebook (the student edition) as a handout
is, with each live part replaced by its browser face: a question by its form
(``web_kinds``), the name bar, the progress list and the export button by
theirs, and each "our reading, once you have answered" by a sealed reveal
that the page's script opens after the same attempt JupyterLab asks for.
The scripts (templates/web/*.js, one job each, listed in ``SCRIPTS``) save answers in the browser's storage in
the answers file's format and export the same JSON as ``live/exports.py``.
Nothing is loaded from the network: the pages, their script, stylesheet and
the questions' public data are files side by side in one folder.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import json
import re
import shutil
from pathlib import Path

import nbformat
from jinja2 import Environment, FileSystemLoader, select_autoescape
from nbconvert import HTMLExporter

from syria_lesson import kinds
from syria_lesson.build import web_forecasts, web_kinds, web_views
from syria_lesson.build.execute import strip_widget_views
from syria_lesson.build.exporter import page_config
from syria_lesson.build.handouts import handout_css, title_of
from syria_lesson.build.web_reference import REFERENCE_NOTEBOOK, REFERENCE_PAGE, anchor_headings, link_mentions, reference_anchors
from syria_lesson.core import paths
from syria_lesson.core.editions import get as get_edition
from syria_lesson.core.html import Markup, box, html
from syria_lesson.data import Content, given_content
from syria_lesson.kinds.base import MIN_WORDS
from syria_lesson.lessons.reference import record_checked_text
from syria_lesson.live import reveal
from syria_lesson.live.answers import FORMAT as ANSWERS_FORMAT
from syria_lesson.live.answers import MAX_NAME
from syria_lesson.live.exports import FORMAT as EXPORT_FORMAT
from syria_lesson.live.exports import VERSION as EXPORT_VERSION
from syria_lesson.live.worksheet import number, tier_label
from syria_lesson.teacher.handed_in import MAX_FILE

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# The page's scripts in the order each page loads them (templates/web/_bar.html.j2), then its styles.
SCRIPTS = ("web_seal.js", "web_store.js", "web_kinds.js", "web_thought.js", "web_calibration.js", "web_scores.js", "web_explore.js",
           "web_compare.js", "web_transfer.js", "web.js")
ASSETS = (*SCRIPTS, "web.css")
ASK = re.compile(r"""questions\.ask\(\s*["']([\w-]+)["']""")
REVEAL_OF = re.compile(r'class="sl-reveal-of" data-after="([^"]*)"')


def module_version() -> str:
    """The module's version (pyproject.toml): answers are kept per student and version."""
    text = (paths.ROOT / "pyproject.toml").read_text(encoding="utf-8")
    return re.search(r'^version\s*=\s*"([^"]+)"', text, re.M).group(1)


def script_json(value) -> Markup:
    """JSON that is safe inside a <script> element (no "</script>" can close it early)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                  .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _output(fragment: Markup) -> list:
    return [nbformat.v4.new_output("display_data", data={"text/html": str(fragment), "text/plain": ""})]


# ---------------------------------------------------------------- the parts that replace live widgets


def export_panel() -> Markup:
    return Markup(
        '<div class="sl-export" data-export>'
        '<p><strong>Your answers are kept in this browser only</strong>, on this device, under your name. '
        "They are lost if the browser's data is cleared, in a private window when it closes, or on another "
        "device. At the end of each lesson press <em>Export my answers</em> and keep the file (hand it in if your "
        "teacher asks); <em>Import answers</em> takes such a file back, on any device.</p>"
        '<p><button type="button" class="sl-button" data-action="export">Export my answers</button> '
        '<label class="sl-button sl-import">Import answers <input type="file" accept=".json,application/json" '
        'data-action="import"></label></p>'
        '<p class="sl-export-status" role="status" aria-live="polite"></p></div>')


def progress_panel(lesson: str) -> Markup:
    return html('<div class="sl-progress" data-progress="{}" aria-live="polite"><p>Type your name above to see '
                "your progress.</p></div>", lesson)


def reveal_panel(number: int, ids: list[str]) -> Markup:
    """A sealed reading, with what it waits for in JupyterLab's words; the script lists what is still wanted."""
    return html('<div class="sl-reveal" data-reveal="{}" data-after="{}"><div class="sl-reveal-wait" role="status">'
                "<p><strong>Our reading comes here once you have answered the {} questions above, each with your "
                'reason in a sentence of at least {} words</strong> <span class="sl-reveal-count"></span> Answer them '
                'first: the point is your own reading.</p><ul class="sl-reveal-wanted"></ul></div>'
                '<div class="sl-reveal-body" hidden></div></div>', number, " ".join(ids), len(ids), MIN_WORDS)


def capture_readings(nb) -> dict[int, tuple[list[str], str]]:
    """Cell index → (question ids, the reading as HTML) for every "our reading" cell: the cell is run
    here, in this process, with ``reveal.after`` replaced by a recorder of what it would reveal."""
    wanted = {i for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
              and any(REVEAL_OF.search(str(o.get("data", {}).get("text/html", ""))) for o in cell.get("outputs", []))}
    if not wanted:
        return {}
    found: dict[int, tuple[list[str], str]] = {}
    current: list = []

    def record(question_ids, title, reading, plain="", **_):
        current.append((list(question_ids), str(box(title, reading(), "reveal"))))

    namespace: dict = {}
    original = reveal.after
    reveal.after = record
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            for i, cell in enumerate(nb.cells):
                source = cell.source if cell.cell_type == "code" else ""
                if i in wanted or source.lstrip("# \n").startswith("Loads this lesson") or (
                        source and all(line.startswith(("#", "from ", "import ")) or not line.strip()
                                       for line in source.splitlines())):
                    current.clear()
                    exec(compile(source, f"cell {i}", "exec"), namespace)  # noqa: S102 - the module's own notebook
                    if i in wanted and current:
                        found[i] = current[0]
    finally:
        reveal.after = original
    return found


# ---------------------------------------------------------------- a lesson page


def web_notebook(nb, content: Content, reference: dict[str, str] | None = None) -> tuple[object, dict, list[str]]:
    """The notebook with its live parts replaced by browser faces; the sealed texts; the question ids.
    With ``reference`` (the reference page's anchors), each mention of the Reference is a link to it."""
    nb = copy.deepcopy(nb)
    strip_widget_views(nb)
    readings = capture_readings(nb)
    sealed: dict[str, dict[str, str]] = {}
    asked: list[str] = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown" and reference is not None:
            cell.source = link_mentions(cell.source, reference)
        if cell.cell_type != "code":
            continue
        source = cell.source
        ids = ASK.findall(source)
        if ids:  # one cell may ask several questions, each shown in turn
            faces = []
            for qid in ids:
                q = content.question(qid)
                where = f"lesson {q['lesson']}, question {number(q, content.questions)}"
                label = " · ".join(p for p in (kinds.kind_of(q).label, where, tier_label(q)) if p)
                faces.append(web_kinds.face(q, label, content))
                asked.append(q["id"])
                if q["kind"] in web_kinds.SEALED_KINDS:
                    sealed[q["id"]] = web_kinds.sealed(q)
            cell.outputs = [out for face in faces for out in _output(face)]
        elif "questions.name_box(" in source:
            cell.outputs = []  # the name bar is in the page's header, on every page
        elif "questions.export_button(" in source:
            cell.outputs = _output(export_panel())
        elif "show_scores(" in source:  # lesson 05: the forecasts of lesson 04, scored in the browser
            cell.outputs = _output(web_forecasts.panel(content))
        elif "questions.progress(" in source:
            lesson = re.search(r"""progress\(\s*["'](\w+)["']""", source)
            cell.outputs = _output(progress_panel(lesson.group(1) if lesson else ""))
        elif (view := web_views.face(source, content)) is not None:  # the explorer, the compare view
            cell.outputs = _output(view[0])
            sealed.update(view[1])
        elif i in readings:
            ids, reading = readings[i]
            key = f"reveal:{i}"
            cell.outputs = _output(reveal_panel(i, ids))
            sealed[key] = {"reading": web_kinds.seal(f"{key}/reading", reading)}
    return nb, sealed, asked


def exporter() -> HTMLExporter:
    return HTMLExporter(config=page_config(), template_name="web", extra_template_basedirs=[str(TEMPLATES)])


def page_settings(content: Content) -> dict:
    """What every page's script needs to know: where answers are kept, and the limits it checks."""
    return {"version": module_version(), "module": content.module["title"], "answersFormat": ANSWERS_FORMAT,
            "exportFormat": EXPORT_FORMAT, "exportVersion": EXPORT_VERSION, "maxName": MAX_NAME,
            "maxImport": MAX_FILE}


def footer(content: Content) -> str:
    return " ".join(content.module["licence"].split()) + " " + record_checked_text()


def lesson_page(path: Path, content: Content, built: str, html_exporter: HTMLExporter | None = None,
                reference: dict[str, str] | None = None) -> str:
    """A lesson's page (or the reference's); with ``reference``, its mentions of the Reference link to that page."""
    nb = nbformat.read(path, as_version=4)
    nb, sealed, asked = web_notebook(anchor_headings(nb) if path.name == REFERENCE_NOTEBOOK else nb, content, reference)
    title = title_of(nb, path)
    lesson = path.name[:2] if path.name[:2].isdigit() else ""
    resources = {"metadata": {"name": title},
                 "sl": {"css": handout_css(), "module": content.module["title"], "lesson": title, "built": built,
                        "edition_label": get_edition("web").label, "licence": footer(content),
                        "settings": script_json({**page_settings(content), "lesson": lesson, "asked": asked}),
                        "sealed": script_json(sealed), "scripts": SCRIPTS,
                        "reference": REFERENCE_PAGE if reference is not None else ""}}
    body, _ = (html_exporter or exporter()).from_notebook_node(nb, resources=resources)
    return body


# ---------------------------------------------------------------- the whole edition


def questions_script(content: Content) -> str:
    data = {"questions": {q["id"]: web_kinds.public(q, content) for q in content.questions},
            "order": [q["id"] for q in content.questions], **web_kinds.vocabulary()}
    return "/* The questions' public data (no reading, no plain key): made by make web. */\n" \
           f"window.SL_DATA = {script_json(data)};\n"


def index_page(content: Content, lessons: list[dict], built: str, reference: bool = False) -> str:
    env = Environment(loader=FileSystemLoader(TEMPLATES / "web"), autoescape=select_autoescape(default=True))
    return env.get_template("home.html.j2").render(
        module=content.module["title"], question=content.module["compelling_question"], lessons=lessons,
        built=built, css=Markup(handout_css()), edition_label=get_edition("web").label, licence=footer(content),
        settings=script_json({**page_settings(content), "lesson": "", "asked": []}), sealed=script_json({}), scripts=SCRIPTS,
        export=export_panel(), reference=REFERENCE_PAGE if reference else "")


def lesson_entry(content: Content, lesson: dict, page: str) -> dict:
    questions = content.lesson_questions(lesson["id"])
    plan = content.plan(lesson["id"])
    return {"id": lesson["id"], "title": lesson["title"], "page": page, "minutes": plan["minutes"],
            "question": plan.get("supporting_question", ""),
            "core": sum(q["tier"] == "core" for q in questions),
            "extension": sum(q["tier"] == "extension" for q in questions)}


def build_web(out: Path, notebooks: list[Path], content: Content | None = None) -> list[Path]:
    """Write the web edition into ``out``: index.html, one page per lesson, the reference's page (if
    ``notebooks`` holds reference.ipynb, as ``build.notebooks(include_reference=True)`` gives), the
    script, stylesheet and data."""
    content = given_content(content)
    built = dt.date.today().isoformat()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    written = []
    for name in ASSETS:
        shutil.copyfile(TEMPLATES / "web" / name, out / name)
        written.append(out / name)
    (out / "sl-questions.js").write_text(questions_script(content), encoding="utf-8")
    written.append(out / "sl-questions.js")
    by_stem = {lesson["notebook"]: lesson for lesson in content.module["lessons"]}
    html_exporter, lessons = exporter(), []
    reference = next((p for p in notebooks if p.name == REFERENCE_NOTEBOOK), None)
    anchors = reference_anchors(nbformat.read(reference, as_version=4)) if reference else None
    for path in notebooks:
        target = out / (REFERENCE_PAGE if path == reference else f"{path.stem}.html")
        target.write_text(lesson_page(path, content, built, html_exporter, anchors), encoding="utf-8")
        written.append(target)
        if path.stem in by_stem:
            lessons.append(lesson_entry(content, by_stem[path.stem], target.name))
    (out / "index.html").write_text(index_page(content, lessons, built, reference is not None), encoding="utf-8")
    written.append(out / "index.html")
    for path in written:
        print(f"web/{path.name}: {path.stat().st_size / 1024:.0f} KB")
    return written
