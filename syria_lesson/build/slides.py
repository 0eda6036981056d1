"""``make slides``: a PowerPoint deck per lesson for the projector, made from the
lesson plan (``data/lessons/``), in ``build/slides/``: the lesson's question,
its objectives, each step of the plan with its minutes, its words for the
class (``slide``) and its tasks, then the map or timeline the step uses, each pause with its discussion prompt, and the
module's question to close.

Two decks per lesson with the same slides: ``student/`` (nothing but the
slides) and ``instructor/``, whose speaker notes carry the teacher's directions
(each step's ``step``), the teaching notes and the model answers
(``instructor/notes/``). The instructor decks are teacher material."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pptx.util import Inches, Pt

from syria_lesson.build import slides_html
from syria_lesson.build.formats import Figure, lesson_title, objectives, per_lesson
from syria_lesson.build.slide_outline import outline
from syria_lesson.core import paths
from syria_lesson.data import Content, given_content

DECKS = ("student", "instructor")
TITLE, CONTENT, TITLE_ONLY = 0, 1, 5  # the default template's layouts: a title slide, a title and a body, a title
LEFT_OUT = "the key points, the self-study and two-class versions of the plan"


def _size(lines: list[str]) -> Pt:
    words = sum(len(line.split()) for line in lines)
    return Pt(28 if words < 40 else 22 if words < 80 else 18 if words < 130 else 15)


def _body(slide, lines: list[str], levels: list[int] | None = None) -> None:
    frame = slide.placeholders[1].text_frame
    frame.word_wrap = True
    size = _size(lines)
    for number, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.level = (levels or [0] * len(lines))[number]
        paragraph.font.size = size if paragraph.level == 0 else Pt(size.pt - 4)


def _slide(deck, layout: int, title: str, lines: list[str] | None = None, levels: list[int] | None = None,
           notes: list[str] | None = None):
    slide = deck.slides.add_slide(deck.slide_layouts[layout])
    for shape in slide.placeholders:  # the default template's boxes are laid out for 4:3: widen them
        top, height = shape.top, shape.height  # inherited from the layout until set here
        shape.left, shape.top, shape.width, shape.height = Inches(0.7), top, deck.slide_width - Inches(1.4), height
    slide.shapes.title.text = title
    slide.shapes.title.text_frame.paragraphs[0].font.size = Pt(36 if len(title) < 50 else 28)
    if lines:
        _body(slide, lines, levels)
    if notes:
        slide.notes_slide.notes_text_frame.text = "\n\n".join(notes)
    return slide


def _figure_slide(deck, shown: Figure) -> None:
    """The map or timeline a step uses, as large as the slide allows, with its alt text (``descr``,
    which PowerPoint and LibreOffice read aloud and show as the picture's description)."""
    slide = _slide(deck, TITLE_ONLY, shown.caption)
    slide.shapes.title.text_frame.paragraphs[0].font.size = Pt(24)
    title = slide.shapes.title
    title.top, title.height = Inches(0.2), Inches(0.9)
    top = Inches(1.2)
    box_w, box_h = deck.slide_width - Inches(1.0), deck.slide_height - top - Inches(0.2)
    picture = slide.shapes.add_picture(str(shown.png), 0, top, height=box_h)
    if picture.width > box_w:  # wider than the slide: fit the width instead
        picture.width, picture.height = box_w, int(picture.height * box_w / picture.width)
    picture.left = (deck.slide_width - picture.width) // 2
    picture.name = shown.name
    picture._element.nvPicPr.cNvPr.set("descr", shown.alt)


def deck(content: Content, lesson_id: str, instructor: bool) -> Presentation:
    out = Presentation()
    out.slide_width, out.slide_height = Inches(13.333), Inches(7.5)  # 16:9, as projectors are today
    for shown in outline(content, lesson_id, instructor):
        if shown.layout == "figure":
            _figure_slide(out, shown.figure)
        elif shown.layout == "title":
            first = _slide(out, TITLE, shown.title, notes=shown.notes)
            first.placeholders[1].text = "\n".join(shown.lines)
        else:
            _slide(out, CONTENT, shown.title, shown.lines, shown.levels, notes=shown.notes)
    return out


def slide_count(content: Content, lesson_id: str) -> int:
    """Title, objectives (where the notebook states them), one per step and one per figure a step
    uses, the closing question."""
    steps = content.plan(lesson_id)["plan"]
    return 1 + bool(objectives(content, lesson_id)) + len(steps) + sum(bool(s.get("figure")) for s in steps) + 1


def write(content: Content, name: str, lesson_id: str, path: Path) -> None:
    """The lesson's deck as PowerPoint (``path``) and as HTML beside it (same name, ``.html``)."""
    instructor = name == "instructor"
    deck(content, lesson_id, instructor).save(path)
    page = slides_html.render(outline(content, lesson_id, instructor), lesson_title(content, lesson_id), instructor)
    path.with_suffix(".html").write_text(page, encoding="utf-8")


def build_slides(out: Path | None = None, content: Content | None = None) -> list[Path]:
    out = out or paths.ROOT / "build" / "slides"
    content = given_content(content)
    written = per_lesson(out, DECKS, content, ".pptx", lambda name, lesson, path: write(content, name, lesson, path))
    print(f"wrote {len(written)} decks in {out}, each as .pptx and as self-contained .html: student/ (no speaker "
          "notes) and instructor/ (the plan's directions, teaching notes and model answers as speaker notes: "
          "teacher material)")
    print(f"make slides: left out: {LEFT_OUT}")
    return written
