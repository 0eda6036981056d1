"""``make docx``: each lesson's worksheet as a Word file a teacher can edit and
print (Google Docs imports it too), in ``build/docx/``: ``worksheet/`` (every
task, the extension tasks on pages of their own after the core) and
``worksheet-core/`` (the core tasks only), as the PDF worksheets are split.

Each task: its kind and number, the prompt, the rubric and sentence starters
where it has them, its options as tick boxes (the kind's paper face, as text)
and ruled lines to write on; the map or timeline the lesson's plan uses, before
the first task it serves (a timeline that serves an activity, not a task, on
the full worksheet's last page). No answers: these are student handouts."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK
from docx.image.image import Image
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from syria_lesson import kinds
from syria_lesson.build.formats import Figure, figures_before, lesson_title, per_lesson
from syria_lesson.core import paths
from syria_lesson.core.dates import format_date
from syria_lesson.data import Content, given_content
from syria_lesson.lessons import document_set
from syria_lesson.live.worksheet import number

EDITIONS = {"worksheet": "Worksheet", "worksheet-core": "Worksheet, core tasks only"}
BOX = "\u2610"
LEFT_OUT = ("the reading material (the reading guide, the lateral-reading steps, the statement; lesson 06's document "
            "set is printed) that the HTML "
            "and PDF worksheets carry beside the tasks; on the core worksheets, the timelines (reference beside an "
            "activity: the full worksheet has them on its last page), so the core keeps the PDF's four pages")
WIDTH = Cm(17.0)  # A4 less the margins
HEIGHT = Cm(18.0)  # a tall timeline leaves room on its page for its heading and caption


def _rule(paragraph) -> None:
    """A line to write on: an empty paragraph with a bottom border, a line's height apart. Word and
    LibreOffice draw the borders of a run of alike paragraphs round the group, so each also has the
    border "between" them, or only the last line would show."""
    borders = OxmlElement("w:pBdr")
    for side in ("w:bottom", "w:between"):
        line = OxmlElement(side)
        for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "1"), ("w:color", "777777")):
            line.set(qn(key), value)
        borders.append(line)
    paragraph._p.get_or_add_pPr().append(borders)
    paragraph.paragraph_format.line_spacing = Pt(26)  # exact: room for handwriting
    paragraph.paragraph_format.space_before = Pt(0)
    paragraph.paragraph_format.space_after = Pt(0)


def _lines(document, count: int) -> None:
    for _ in range(count):
        _rule(document.add_paragraph())


def _small(paragraph, size: float = 9) -> None:
    for run in paragraph.runs:
        run.font.size = Pt(size)


def _rubric(document, rubric: dict) -> None:
    document.add_paragraph().add_run(f"{rubric['title']}. {rubric['levels']}").italic = True
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, label in zip(table.rows[0].cells, ["Criterion", "4", "3", "2", "1"]):
        cell.text = label
    for criterion in rubric["criteria"]:
        cells = table.add_row().cells
        cells[0].text = f"{criterion['name']} ({criterion['looks_for']})"
        for cell, level in zip(cells[1:], ("4", "3", "2", "1")):
            cell.text = str(criterion["descriptors"].get(level) or criterion["descriptors"].get(int(level)) or "")
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                _small(paragraph, 8)


def face(q: dict) -> list[str]:
    """The kind's face on paper as lines of text, with tick boxes (none for an open question)."""
    if q["kind"] == "open":
        return []
    return [line.strip().replace("[ ]", BOX) for line in kinds.kind_of(q).paper_text(q)]


def add_figure(document, shown: Figure) -> None:
    """A figure the lesson's plan uses (the map, a timeline), with its alt text in the picture's
    description (``descr``, read by screen readers in Word and LibreOffice) and its title as caption."""
    image = Image.from_file(str(shown.png))
    width = min(WIDTH, int(HEIGHT * image.px_width / image.px_height))
    picture = document.add_paragraph()
    picture.paragraph_format.keep_with_next = True
    shape = picture.add_run().add_picture(str(shown.png), width=width)
    shape._inline.docPr.set("descr", shown.alt)
    shape._inline.docPr.set("name", shown.name)
    caption = document.add_paragraph()
    caption.add_run(f"Figure: {shown.caption}").italic = True
    _small(caption)


def add_question(document, q: dict, content: Content) -> None:
    kind = kinds.kind_of(q)
    meta = f"{kind.label} · question {number(q, content.questions)}" + (" · Extension" if q["tier"] == "extension" else "")
    head = document.add_paragraph()
    head.add_run(meta).italic = True
    _small(head)
    head.paragraph_format.space_before = Pt(12)
    head.paragraph_format.keep_with_next = True
    if q.get("rubric"):
        _rubric(document, content.rubrics()[q["rubric"]])
    prompt = document.add_paragraph()
    prompt.add_run(q["prompt"]).bold = True
    prompt.paragraph_format.keep_with_next = True
    if q.get("excerpt"):  # one small paragraph: the evidence a task needs, within the page budget
        excerpt = document.add_paragraph(kinds.excerpt_text(q))
        _small(excerpt)
        excerpt.paragraph_format.keep_with_next = True
    if q.get("beside"):
        document.add_paragraph("First copy your earlier answer here:")
        _lines(document, 2)
    for line in face(q):
        paragraph = document.add_paragraph(line)
        paragraph.paragraph_format.left_indent = Cm(0.6)
        paragraph.paragraph_format.space_after = Pt(2)
    if q.get("frames"):
        document.add_paragraph("Sentence starters (use them if they help):")
        for frame in content.frames()[q["frames"]]["frames"]:
            document.add_paragraph(frame, style="List Bullet")
    _lines(document, q.get("lines") or kind.default_lines)


def add_documents(document, content: Content) -> None:
    """Each party's own words, as the PDF worksheet prints them: a lesson's tasks source and use them,
    so the Word worksheet carries them too, in small type."""
    document.add_heading("The documents", level=2)
    names = document_set.parties(content)
    for n, item in enumerate(document_set.ordered(content)):
        head = document.add_paragraph()
        head.add_run(f"Document {document_set.letter(n)}. {names.get(item['actor'], '')}: {item['heading']}").bold = True
        head.paragraph_format.keep_with_next = True
        lines = [f"Source: {item['speaker']}, {format_date(str(item['date']))}. {item['publisher']}.",
                 *(part.strip() for part in str(item["text"]).split("\n") if part.strip()), f"Gist: {item['gist']}",
                 *(f"{k}. {question}" for k, question in enumerate(item["sourcing_questions"], start=1))]
        for line in lines:  # tight, small type: seven documents and the tasks within the core's four pages
            paragraph = document.add_paragraph(line)
            paragraph.paragraph_format.space_after = Pt(1)
            _small(paragraph, 8.5)


def worksheet(content: Content, lesson_id: str, edition: str) -> Document:
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)  # A4; Word and Docs switch paper on print
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    document.styles["Normal"].font.size = Pt(11)
    document.add_heading(f"{lesson_title(content, lesson_id)}: {EDITIONS[edition]}", level=1)
    document.add_paragraph(content.plan(lesson_id)["supporting_question"]).runs[0].italic = True
    document.add_paragraph("Name: ______________________________    Date: ______________")
    if "documents" in (content.plan(lesson_id).get("sources") or []):
        add_documents(document, content)
    questions = content.lesson_questions(lesson_id)
    core = [q for q in questions if q["tier"] == "core"]
    extension = [q for q in questions if q["tier"] == "extension"] if edition == "worksheet" else []
    shown = figures_before(content, lesson_id, [q["id"] for q in core + extension])
    for q in core:
        for each in shown.get(q["id"], []):
            add_figure(document, each)
        add_question(document, q, content)
    if extension:
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        document.add_heading("Extension tasks, for those who finish early", level=2)
        for q in extension:
            for each in shown.get(q["id"], []):
                add_figure(document, each)
            add_question(document, q, content)
    if edition == "worksheet" and shown.get(""):  # reference figures: the full worksheet only, on a last page
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        document.add_heading("For reference", level=2)
        for each in shown[""]:
            add_figure(document, each)
    footer = section.footer.paragraphs[0]
    footer.text = content.module["licence"].strip()
    _small(footer, 7)
    return document


def build_docx(out: Path | None = None, content: Content | None = None) -> list[Path]:
    out = out or paths.ROOT / "build" / "docx"
    content = given_content(content)
    written = per_lesson(out, EDITIONS, content, ".docx",
                         lambda edition, lesson, path: worksheet(content, lesson, edition).save(path))
    print(f"wrote {len(written)} worksheets in {out}: worksheet/ (all tasks) and worksheet-core/ (core tasks only)")
    print(f"make docx: left out: {LEFT_OUT}")
    return written
