"""The decks of `make slides`, opened with python-pptx: one slide for the title,
the objectives, each step of the plan (with its minutes), each pause (with its
prompt) and the module's question; speaker notes in the instructor decks only.
The slow test has LibreOffice convert a deck to PDF and counts its pages."""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import html as lxml_html
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader

from syria_lesson.build import formats, slide_outline, slides
from syria_lesson.data import load_instructor_notes


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("slides")
    slides.build_slides(out)
    return out


def _texts(slide) -> str:
    return " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def _lessons(content):
    return [lesson["id"] for lesson in content.module["lessons"]]


@pytest.mark.parametrize("name", slides.DECKS)
def test_each_deck_follows_its_plan(built, content, name):
    for lesson_id in _lessons(content):
        deck = Presentation(str(built / name / f"lesson_{lesson_id}.pptx"))
        plan = content.plan(lesson_id)
        assert len(deck.slides) == slides.slide_count(content, lesson_id) == 2 + bool(
            formats.objectives(content, lesson_id)) + len(plan["plan"]) + len(formats.step_figures(content, lesson_id))
        texts = [_texts(s) for s in deck.slides if not _pictures(s)]
        assert plan["supporting_question"] in texts[0] and f"{plan['minutes']} minutes" in texts[0]
        for aim in formats.objectives(content, lesson_id):
            assert aim in texts[1]
        steps = texts[1 + bool(formats.objectives(content, lesson_id)):-1]
        clock = 0
        for text, step in zip(steps, plan["plan"], strict=True):
            assert f"{clock}–{clock + step['minutes']} min" in text
            assert step["slide"] in text
            for task in slide_outline.task_names(content, lesson_id, step):
                assert task in text
            if step.get("pause"):
                assert "Pause to discuss" in text
            clock += step["minutes"]
        assert content.module["compelling_question"].strip() in texts[-1]


def _pictures(slide) -> list:
    return [shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]


@pytest.mark.parametrize("name", slides.DECKS)
def test_each_figure_follows_its_step_with_its_alt_text(built, content, name):
    used = 0
    for lesson_id in _lessons(content):
        pres = Presentation(str(built / name / f"lesson_{lesson_id}.pptx"))
        deck = list(pres.slides)
        for step, shown in formats.step_figures(content, lesson_id):
            at = next(n for n, s in enumerate(deck) if step["slide"] in _texts(s))
            pictures = _pictures(deck[at + 1])
            assert len(pictures) == 1, (lesson_id, shown.name)
            assert pictures[0].image.blob == shown.png.read_bytes()
            assert pictures[0]._element.nvPicPr.cNvPr.get("descr") == shown.alt
            assert shown.caption in _texts(deck[at + 1]) and shown.caption.startswith(shown.alt[:20])
            box = pictures[0]
            assert 0 <= box.left and box.left + box.width <= pres.slide_width, "on the slide"
            assert 0 <= box.top and box.top + box.height <= pres.slide_height
            used += 1
        assert sum(len(_pictures(s)) for s in deck) == len(formats.step_figures(content, lesson_id))
    assert used >= 4, "lessons 00, 02, 03 and 05 use the map or a timeline"


def test_speaker_notes_only_for_the_instructor(built, content):
    notes = load_instructor_notes(content.questions)
    for lesson_id in _lessons(content):
        student = Presentation(str(built / "student" / f"lesson_{lesson_id}.pptx"))
        assert not any(s.has_notes_slide and s.notes_slide.notes_text_frame.text.strip() for s in student.slides)
        instructor = Presentation(str(built / "instructor" / f"lesson_{lesson_id}.pptx"))
        spoken = " ".join(s.notes_slide.notes_text_frame.text for s in instructor.slides if s.has_notes_slide)
        assert formats.plain(notes[f"lesson_{lesson_id}"]["note"])[:80] in spoken
        asked = [t for step in content.plan(lesson_id)["plan"] for t in step.get("tasks") or []]
        for task in asked:
            if notes.get(task, {}).get("model_answer"):
                assert formats.plain(notes[task]["model_answer"])[:60] in spoken, task
        everything = " ".join(_texts(s) for s in student.slides)
        for task in asked:
            assert not notes.get(task, {}).get("model_answer") or \
                formats.plain(notes[task]["model_answer"])[:60] not in everything


def _runs(text: str, n: int = 6) -> set[str]:
    words = formats.plain(text).lower().replace("’", "'").split()
    return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}


def _teacher_only(content, lesson_id: str, notes: dict) -> set[str]:
    """Every run of six words from the teacher's directions (each step's ``step``) and the teaching
    notes and model answers of the lesson, less the runs the class is meant to see anyway."""
    plan = content.plan(lesson_id)
    secret = set().union(*(_runs(step["step"]) for step in plan["plan"]))
    for key, note in notes.items():
        if key == f"lesson_{lesson_id}" or (key in {q["id"] for q in content.lesson_questions(lesson_id)}):
            for field in ("note", "model_answer"):
                secret |= _runs(note.get(field) or "")
    shown = [plan["supporting_question"], content.module["compelling_question"], *formats.objectives(content, lesson_id)]
    shown += [step["slide"] for step in plan["plan"]]
    shown += [t for step in plan["plan"] for t in slide_outline.task_names(content, lesson_id, step)]
    return secret - set().union(*(_runs(text) for text in shown))


def test_student_decks_carry_no_teacher_direction(built, content):
    """The student deck is what the class sees: not a word of the plan's directions to the teacher
    ("do not tell them who the author is") nor of the teaching notes, on a slide or in its notes."""
    notes = load_instructor_notes(content.questions)
    for lesson_id in _lessons(content):
        secret = _teacher_only(content, lesson_id, notes)
        assert secret, lesson_id
        deck = Presentation(str(built / "student" / f"lesson_{lesson_id}.pptx"))
        shown = " ".join(_texts(s) + (s.notes_slide.notes_text_frame.text if s.has_notes_slide else "")
                         for s in deck.slides)
        leaked = secret & _runs(shown)
        assert not leaked, (lesson_id, sorted(leaked)[:3])
        instructor = Presentation(str(built / "instructor" / f"lesson_{lesson_id}.pptx"))
        spoken = " ".join(s.notes_slide.notes_text_frame.text for s in instructor.slides if s.has_notes_slide)
        for step in content.plan(lesson_id)["plan"]:
            assert step["step"] in spoken, (lesson_id, step["step"])
        assert [_texts(s) for s in instructor.slides] == [_texts(s) for s in deck.slides], "the same slides"


def libreoffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        reason = "LibreOffice is missing (Debian: apt-get install -y libreoffice-impress libreoffice-writer)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 (as in CI) but {reason}", pytrace=False)
        pytest.skip(reason)
    return found


def to_pdf(program: str, source: Path, out: Path) -> Path:
    """A document converted by LibreOffice, headless, with a profile of its own (no clash with a running one)."""
    subprocess.run([program, f"-env:UserInstallation=file://{out}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), str(source)], check=True, capture_output=True, timeout=240)
    return out / f"{source.stem}.pdf"


@pytest.mark.slow
def test_libreoffice_opens_every_deck(built, content, tmp_path):
    program = libreoffice()
    for lesson_id in _lessons(content):
        pdf = to_pdf(program, built / "instructor" / f"lesson_{lesson_id}.pptx", tmp_path)
        reader = PdfReader(pdf)
        assert len(reader.pages) == slides.slide_count(content, lesson_id)
        assert content.plan(lesson_id)["supporting_question"][:40] in " ".join(reader.pages[0].extract_text().split())


@pytest.mark.parametrize("name", slides.DECKS)
def test_html_decks_hold_the_same_slides_and_nothing_from_outside(built, content, name):
    """The HTML deck beside each .pptx: the same slides in the same order, figures inside the file,
    no address outside it, notes only in the instructor deck and no teacher direction in the student's."""
    notes = load_instructor_notes(content.questions)
    for lesson_id in _lessons(content):
        page = (built / name / f"lesson_{lesson_id}.html").read_text(encoding="utf-8")
        tree = lxml_html.fromstring(page)
        sections = tree.xpath("//section[contains(concat(' ', @class, ' '), ' slide ')]")
        assert len(sections) == slides.slide_count(content, lesson_id)
        outline = slide_outline.outline(content, lesson_id, instructor=name == "instructor")
        for section, planned in zip(sections, outline, strict=True):
            text = " ".join(section.text_content().split())
            assert planned.title in text and all(line in text for line in planned.lines)
            if planned.figure:
                img = section.xpath(".//img")[0]
                assert img.get("alt") == planned.figure.alt
                assert img.get("src") == "data:image/png;base64," + base64.b64encode(planned.figure.png.read_bytes()).decode()
        addresses = tree.xpath("//@src | //@href | //link | //script[@src] | //iframe | //object")
        assert all(isinstance(a, str) and a.startswith(("data:", "#")) for a in addresses), addresses
        assert "http://" not in page and "https://" not in page and "@import" not in page and "url(" not in page
        asides = tree.xpath("//aside[contains(@class, 'notes')]")
        if name == "student":
            assert not asides
            leaked = _teacher_only(content, lesson_id, notes) & _runs(tree.text_content())
            assert not leaked, (lesson_id, sorted(leaked)[:3])
        else:
            spoken = " ".join(" ".join(a.text_content().split()) for a in asides)
            assert all(step["step"] in spoken for step in content.plan(lesson_id)["plan"])
