"""The worksheets of `make docx`, read back with python-docx: every task of the
lesson (core only, or core then extension on a page of its own), its prompt,
its options as tick boxes, its lines to write on, and no answers. The slow test
has LibreOffice convert each to PDF and checks its pages and text."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader
from test_slides import libreoffice, to_pdf

from syria_lesson import kinds
from syria_lesson.build import formats, worksheet_docx
from syria_lesson.data import load_instructor_notes


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docx")
    worksheet_docx.build_docx(out)
    return out


def _paragraphs(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


@pytest.mark.parametrize("edition", worksheet_docx.EDITIONS)
def test_every_task_with_its_face(built, content, edition):
    notes = load_instructor_notes(content.questions)
    for lesson in content.module["lessons"]:
        texts = _paragraphs(built / edition / f"lesson_{lesson['id']}.docx")
        whole = "\n".join(texts)
        wanted = [q for q in content.lesson_questions(lesson["id"]) if edition == "worksheet" or q["tier"] == "core"]
        positions = [texts.index(q["prompt"]) for q in wanted]
        assert positions == sorted(positions), "tasks in the lesson's order"
        for q in content.lesson_questions(lesson["id"]):
            assert (q["prompt"] in texts) == (q in wanted), q["id"]
        for q in wanted:
            for line in worksheet_docx.face(q):
                assert line in texts, (q["id"], line)
            if q["kind"] in ("selfcheck", "choice"):
                for option in formats.options(q) if q["kind"] == "selfcheck" else q["options"]:
                    text = option.text if q["kind"] == "selfcheck" else option
                    assert f"{worksheet_docx.BOX} {text}" in texts
            for secret in kinds_secrets(q) + [formats.plain(notes.get(q["id"], {}).get("model_answer", ""))]:
                assert not secret or secret[:60] not in whole, q["id"]
        extension = [q for q in wanted if q["tier"] == "extension"]
        assert ("Extension tasks, for those who finish early" in texts) == bool(extension)


def test_lines_to_write_on(built, content):
    document = Document(str(built / "worksheet" / "lesson_01.docx"))
    ruled = [p for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pBdr") is not None]
    expected = sum(q.get("lines") or kinds.kind_of(q).default_lines for q in content.lesson_questions("01")) + 2 * sum(
        bool(q.get("beside")) for q in content.lesson_questions("01"))
    assert len(ruled) == expected


def kinds_secrets(q: dict) -> list[str]:
    return [formats.plain(s) for s in kinds.kind_of(q).secrets(q) if len(s) > 20]


@pytest.mark.slow
def test_libreoffice_prints_every_worksheet(built, content, tmp_path):
    program = libreoffice()
    for edition in worksheet_docx.EDITIONS:
        for lesson in content.module["lessons"]:
            pdf = to_pdf(program, built / edition / f"lesson_{lesson['id']}.docx", tmp_path / edition)
            reader = PdfReader(pdf)
            # The core tasks fit the PDF worksheets' budget (4 A4 pages); extension tasks add at most 4.
            assert 1 <= len(reader.pages) <= (4 if edition == "worksheet-core" else 8), (edition, lesson["id"])
            text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
            assert content.plan(lesson["id"])["supporting_question"][:40] in text


@pytest.mark.parametrize("edition", worksheet_docx.EDITIONS)
def test_figures_with_their_alt_text_before_their_task(built, content, edition):
    """The map or timeline each lesson's plan uses is on its worksheet, with its alt text as the
    picture's description, its title as caption, and before the first task it serves."""
    placed = 0
    for lesson in content.module["lessons"]:
        document = Document(str(built / edition / f"lesson_{lesson['id']}.docx"))
        pictures = document.inline_shapes
        texts = [p.text for p in document.paragraphs]
        asked = [q for q in content.lesson_questions(lesson["id"]) if edition == "worksheet" or q["tier"] == "core"]
        where = formats.figures_before(content, lesson["id"], [q["id"] for q in asked])
        # Every figure of the plan: before its task, or (a timeline beside an activity) on the full worksheet's last page.
        wanted = [f for _, f in formats.step_figures(content, lesson["id"])
                  if edition == "worksheet" or f not in where.get("", [])]
        assert sorted(p._inline.docPr.get("descr") for p in pictures) == sorted(f.alt for f in wanted), lesson["id"]
        blobs = [document.part.related_parts[p._inline.graphic.graphicData.pic.blipFill.blip.embed].blob for p in pictures]
        assert sorted(blobs) == sorted(f.png.read_bytes() for f in wanted)
        for before, shown in where.items():
            for each in shown:
                if not before and edition == "worksheet-core":
                    assert f"Figure: {each.caption}" not in texts
                    continue
                at = texts.index(f"Figure: {each.caption}")
                if before:
                    assert at < texts.index(content.question(before)["prompt"]), (lesson["id"], each.name)
                    step = next(s for s in content.plan(lesson["id"])["plan"] if s.get("figure") == each.name)
                    assert before in step["tasks"]
                else:
                    assert at > texts.index("For reference") and texts.index("For reference") > max(
                        texts.index(q["prompt"]) for q in asked)
                placed += 1
        for picture in pictures:
            assert picture.width <= worksheet_docx.WIDTH and picture.height <= worksheet_docx.HEIGHT
    assert placed >= (5 if edition == "worksheet" else 3), "the map in lessons 00, 02, 03; the timelines on the full worksheets"


def test_the_role_play_worksheet_carries_each_partys_own_words(built, content):
    """Lesson 06's tasks source and use the documents: its Word worksheets print them, as its PDF does."""
    for edition in worksheet_docx.EDITIONS:
        whole = "\n".join(_paragraphs(built / edition / "lesson_06.docx"))
        for item in content.documents():
            assert item["speaker"] in whole and item["gist"] in whole and item["sourcing_questions"][0] in whole
    other = "\n".join(_paragraphs(built / "worksheet" / "lesson_05.docx"))
    assert not any(item["gist"] in other for item in content.documents())  # only where the plan uses them
