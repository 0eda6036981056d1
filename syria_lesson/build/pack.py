"""``make teacher-pack``: the teacher's formats in one zip, for a teacher without
Python, in ``build/teacher-pack/syria-lesson-teacher-pack.zip``:

- ``instructor-pdf/a4/``, ``instructor-pdf/letter/``: the instructor edition
  (``make pdf``);
- ``slides/``: the decks, PowerPoint and HTML, student and instructor (``make slides``);
- ``lms/``: the Moodle XML bank and the Common Cartridge (``make lms``);
- ``docx/``: the worksheets as Word files (``make docx``);
- ``answer-keys/``: a one-page answer key per lesson (``build/answer_key.py``);
- ``README.txt``: what is inside, what each format leaves out, and that the pack
  is teacher material.

The pack is made from what the other builds wrote in ``build/``; a part that is
missing stops it with one line naming the command that makes it (``make
teacher-pack`` runs them all first). The publish workflow attaches the zip to
each release; it is never on the student site.
"""

from __future__ import annotations

import textwrap
import zipfile
from dataclasses import dataclass
from pathlib import Path

from syria_lesson.build import lms, slides, worksheet_docx
from syria_lesson.build.answer_key import answer_keys
from syria_lesson.build.formats import left_out_lines
from syria_lesson.core import paths
from syria_lesson.data import Content, given_content

NAME = "syria-lesson-teacher-pack.zip"
KEYS = "answer-keys"


@dataclass(frozen=True)
class Part:
    folder: str      # in the zip
    source: str      # under build/
    pattern: str     # one glob, or several separated by spaces
    command: str     # what makes it
    about: str       # for the README


PARTS = (
    Part("instructor-pdf/a4", "pdf/A4/instructor", "*.pdf", "make pdf",
         "the instructor edition on A4 paper: each lesson with model answers, the module's reading of every "
         "task, teaching notes and the rubrics' anchor answers (all_lessons.pdf is all of them in one file)"),
    Part("instructor-pdf/letter", "pdf/Letter/instructor", "*.pdf", "make pdf",
         "the same on US Letter paper"),
    Part("slides/student", "slides/student", "*.pptx *.html", "make slides",
         "a deck per lesson for the projector, without speaker notes, as PowerPoint (.pptx) and as a web page "
         "that works offline in any browser (.html: arrow keys to move, prints one slide a page)"),
    Part("slides/instructor", "slides/instructor", "*.pptx *.html", "make slides",
         "the same decks with the plan's directions, the teaching notes and model answers as speaker notes "
         "(presenter view; in the .html, press N)"),
    Part("lms", "lms", "*", "make lms",
         f"{lms.MOODLE} (a Moodle XML question bank), {lms.cartridge.NAME} (an IMS Common Cartridge 1.3 for "
         "Canvas, Moodle, Schoology, Blackboard and D2L), canvas_qti_lesson_NN.zip (a Canvas quiz per lesson) "
         "and README.md (how to import them)"),
    Part("docx/worksheet", "docx/worksheet", "*.docx", "make docx",
         "each lesson's worksheet as a Word file to edit and print, all tasks (Google Docs opens them too)"),
    Part("docx/worksheet-core", "docx/worksheet-core", "*.docx", "make docx",
         "the same, core tasks only"),
)


class Missing(SystemExit):
    """A part of the pack has not been built: one line saying which command builds it."""


def gather(build: Path) -> dict[str, Path]:
    """Every file of the pack's parts, by its name in the zip. Raises ``Missing``."""
    found = {}
    for part in PARTS:
        files = sorted(p for pattern in part.pattern.split() for p in (build / part.source).glob(pattern) if p.is_file())
        if not files:
            raise Missing(f"The teacher pack needs {part.folder}/ from {build / part.source}, which is empty or "
                          f"missing: run `{part.command}` first (`make teacher-pack` runs every build it needs).")
        found.update({f"{part.folder}/{p.name}": p for p in files})
    return found


def _wrap(text: str, indent: str = "    ") -> str:
    """Plain text for any editor: lines of at most 78 characters."""
    return textwrap.fill(text, 78, initial_indent=indent, subsequent_indent=indent + ("  " if text[:2] == "- " else ""),
                         break_long_words=False, break_on_hyphens=False)


def _listing(names: list[str], folder: str) -> str:
    inside = [n.removeprefix(folder + "/") for n in names if n.startswith(folder + "/")]
    return _wrap(", ".join(inside))


def readme(content: Content, names: list[str]) -> str:
    """README.txt: teacher material; what is inside; what each format leaves out."""
    parts = "\n".join(f"{part.folder}/\n{_wrap(part.about + '.')}\n{_listing(names, part.folder)}\n" for part in PARTS)
    keys = _listing(names, KEYS)
    lms_out = "\n".join(_wrap(line) for line in left_out_lines(content)) or "    Nothing."
    return f"""The teacher pack of
{_wrap(content.module['title'], "")}
{'=' * 60}

TEACHER MATERIAL: NEVER POST THIS PACK, OR ANY FILE IN IT, TO STUDENTS.
It holds the answer keys, the model answers, the module's reading of every
task and the teaching notes. Keep it off class websites, shared drives and
LMS pages that students can open. The LMS packages hold answer keys too:
import them into your course yourself (the LMS hides the answers from
students until they answer); do not hand out the files. Students get the
student edition, published on the module's site: the handouts, the
worksheets and the lessons in the browser.


What is inside
--------------

{parts}
{KEYS}/
    a one-page answer key per lesson for classes on paper: each task's right
    answer or the module's reading. Open one in a browser and print it.
{keys}

README.txt
    this file.


What each format leaves out
---------------------------

Instructor PDFs: nothing; they are the whole instructor edition.

LMS packages (lms/README.md has the counts per lesson). These questions are a
kind the packages cannot hold; use the worksheet for them:
{lms_out}

{_wrap(f"Slides: {slides.LEFT_OUT}.", "")}

{_wrap(f"Word worksheets: {worksheet_docx.LEFT_OUT}. They hold no answers.", "")}

Answer keys: the written tasks have no single right answer; their model
answers and rubrics are in the instructor PDFs.


Where it comes from
-------------------

The module's release page (the teacher pack is attached to each release), or
`make teacher-pack` in a copy of the module. Every file is made from the same
data as the lessons, so a new release brings every format up to date.
"""


def build_pack(out: Path | None = None, build: Path | None = None, content: Content | None = None) -> Path:
    """Write the zip from what the other builds wrote in ``build`` (``build/`` by default)."""
    build = build or paths.ROOT / "build"
    out = out or build / "teacher-pack"
    content = given_content(content)
    files = gather(build)
    keys = {f"{KEYS}/{name}": text for name, text in answer_keys(content).items()}
    names = sorted([*files, *keys])
    out.mkdir(parents=True, exist_ok=True)
    target = out / NAME
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as pack:
        pack.writestr("README.txt", readme(content, names))
        for name, path in sorted(files.items()):
            pack.write(path, name)
        for name, text in sorted(keys.items()):
            pack.writestr(name, text)
    print(f"wrote {target} ({target.stat().st_size // 1024} KB, {len(names) + 1} files): teacher material, "
          "never for students")
    for line in left_out_lines(content):
        print("  left out of the LMS packages (listed in README.txt): " + line.removeprefix("- "))
    return target
