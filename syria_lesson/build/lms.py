"""``make lms``: the questions for a school's learning management system, in
``build/lms/``:

- ``syria_moodle_questions.xml``: a Moodle XML question bank, one category per
  lesson; self-checks and claim sorts as multiple choice with feedback on every
  option, the written tasks as essays with the model answer as the grader's
  information;
- ``syria_lessons.imscc``: an IMS Common Cartridge 1.3 (``build/cartridge.py``);
- ``canvas_qti_lesson_NN.zip``: a Canvas quiz per lesson (``build/canvas_qti.py``);
- ``README.md``: what is in them, and every question they leave out, and why.

The packages hold the answer keys (the LMS hides them from students until they
answer): they are teacher material, never published on the student site.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from syria_lesson import kinds
from syria_lesson.build import canvas_qti, cartridge
from syria_lesson.build.formats import choice_prompt, essay_lines, holds, left_out_lines, options, pairs, report
from syria_lesson.core import paths
from syria_lesson.core.html import html, join
from syria_lesson.data import Content, given_content, load_instructor_notes

MOODLE = "syria_moodle_questions.xml"
TOP = "Syria 2017"  # the parent category in the course's question bank


def _text(parent: ET.Element, tag: str, value: str, html_format: bool = True, **attrs) -> ET.Element:
    element = ET.SubElement(parent, tag, {**({"format": "html"} if html_format else {}), **attrs})
    ET.SubElement(element, "text").text = value
    return element


def _plain_field(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, tag).text = value


def _category(quiz: ET.Element, path: str, info: str) -> None:
    question = ET.SubElement(quiz, "question", type="category")
    _text(question, "category", f"$course$/top/{path}", html_format=False)
    _text(question, "info", info)


def _common(question: ET.Element, q: dict, text: str, general: str = "") -> None:
    _text(question, "name", q["id"], html_format=False)
    _text(question, "questiontext", text)
    _text(question, "generalfeedback", general)
    _plain_field(question, "defaultgrade", "1")
    _plain_field(question, "hidden", "0")
    _plain_field(question, "idnumber", q["id"])
    tags = ET.SubElement(question, "tags")  # the standards the task serves (data/standards.csv)
    for code in q.get("standards") or []:
        ET.SubElement(ET.SubElement(tags, "tag"), "text").text = code


def grader_info(q: dict, note: dict) -> str:
    """What a teacher marking a written task sees: our reading, the model answer, the teaching note."""
    parts = []
    reading = kinds.kind_of(q).reading(q)
    if reading:
        parts.append(html("<p><strong>The module's reading:</strong></p>{}", reading))
    if note.get("model_answer"):
        parts.append(html("<p><strong>Model answer:</strong> {}</p>", note["model_answer"]))
    if note.get("note"):
        parts.append(html("<p><strong>Teaching note:</strong> {}</p>", note["note"]))
    return str(join(parts))


def _choice(quiz: ET.Element, q: dict) -> None:
    question = ET.SubElement(quiz, "question", type="multichoice")
    _common(question, q, str(html("<p>{}</p>", choice_prompt(q))))
    _plain_field(question, "penalty", "0.3333333")
    _plain_field(question, "single", "true")
    # Kept in the order students see everywhere else, which spreads the right answer over the positions.
    _plain_field(question, "shuffleanswers", "false")
    _plain_field(question, "answernumbering", "abc")
    _text(question, "correctfeedback", "<p>Right.</p>")
    _text(question, "partiallycorrectfeedback", "")
    _text(question, "incorrectfeedback", "<p>Not quite. Read why, then try again.</p>")
    for option in options(q):
        answer = _text(question, "answer", str(html("{}", option.text)), fraction="100" if option.right else "0")
        _text(answer, "feedback", str(html("<p>{}</p>", option.feedback)))


def _matching(quiz: ET.Element, q: dict) -> None:
    """Moodle's matching type: each item (a subquestion) with its one right option; the options
    are the right ones of all items, shuffled by Moodle. Why each pair matches is the general
    feedback (the type has no feedback per item)."""
    found = pairs(q)
    question = ET.SubElement(quiz, "question", type="matching")
    why = join(html("<li><strong>{}</strong>: {}</li>", pair.text, pair.note) for pair in found)
    _common(question, q, str(html("<p>{}</p>", q["prompt"])), str(html("<ul>{}</ul>", why)))
    _plain_field(question, "penalty", "0.3333333")
    _plain_field(question, "shuffleanswers", "true")
    _text(question, "correctfeedback", "<p>All right.</p>")
    _text(question, "partiallycorrectfeedback", "<p>Some are right. Read why each pair matches.</p>")
    _text(question, "incorrectfeedback", "<p>Not yet. Read why each pair matches.</p>")
    for pair in found:
        sub = _text(question, "subquestion", str(html("<p>{}</p>", pair.text)))
        ET.SubElement(ET.SubElement(sub, "answer"), "text").text = pair.answer


def _essay(quiz: ET.Element, q: dict, note: dict) -> None:
    question = ET.SubElement(quiz, "question", type="essay")
    body = html("<p>{}</p>", q["prompt"]) + join(html("<p>{}</p>", line) for line in essay_lines(q))
    _common(question, q, str(body))
    _plain_field(question, "penalty", "0")
    _plain_field(question, "responseformat", "editor")
    _plain_field(question, "responserequired", "1")
    _plain_field(question, "responsefieldlines", str(max(5, q.get("lines") or kinds.kind_of(q).default_lines)))
    _plain_field(question, "attachments", "0")
    _plain_field(question, "attachmentsrequired", "0")
    _text(question, "graderinfo", grader_info(q, note))
    _text(question, "responsetemplate", "")


def moodle_xml(content: Content, notes: dict) -> ET.ElementTree:
    quiz = ET.Element("quiz")
    _category(quiz, TOP, f"<p>{content.module['title']}</p>")
    for lesson in content.module["lessons"]:
        plan = content.plan(lesson["id"])
        _category(quiz, f"{TOP}/Lesson {lesson['id']} {lesson['title']}", str(html("<p>{}</p>",
                                                                                      plan["supporting_question"])))
        for q in content.lesson_questions(lesson["id"]):
            if holds(q) == "choice":
                _choice(quiz, q)
            elif holds(q) == "match":
                _matching(quiz, q)
            elif holds(q) == "essay":
                _essay(quiz, q, notes.get(q["id"], {}))
    tree = ET.ElementTree(quiz)
    ET.indent(tree)
    return tree


def counts(content: Content) -> dict[str, dict[str, int]]:
    """Per lesson: how many questions the LMS packages hold, as choices and essays, and how many they leave out."""
    out = {}
    for lesson in content.module["lessons"]:
        how = [holds(q) for q in content.lesson_questions(lesson["id"])]
        out[lesson["id"]] = {"choice": how.count("choice"), "match": how.count("match"), "essay": how.count("essay"),
                             "left_out": how.count("")}
    return out


def readme(content: Content) -> str:
    rows = "\n".join(f"| {lid} | {c['choice']} | {c['match']} | {c['essay']} | {c['left_out']} |"
                     for lid, c in counts(content).items())
    missing = "\n".join(left_out_lines(content)) or "Nothing: every question is in every package."
    return f"""# The lessons' questions for a learning management system

**Teacher material: these files hold the answer keys.** The LMS hides the right answers and the
feedback from students until they answer; do not share the files themselves with students.

- `{MOODLE}`: a Moodle XML question bank (Site administration is not needed: in a course, More >
  Question bank > Import > Moodle XML format). One category per lesson, under "{TOP}".
- `{cartridge.NAME}`: an IMS Common Cartridge 1.3 for Canvas, Moodle, Schoology, Blackboard and
  D2L (Canvas: Settings > Import course content > Common Cartridge 1.x package). One module per
  lesson: a page with the lesson's question, objectives and tasks (and the standards it serves in
  its metadata), and a self-check quiz.
- `{canvas_qti.name("NN")}`: one Canvas quiz per lesson (Canvas: Settings > Import course content >
  QTI .zip file). It arrives as an unpublished practice quiz with unlimited attempts.

Self-checks and claim sorts are multiple choice, with the feedback of every option. A matching
task whose items have one right option each (the key terms) is a matching question in Moodle and
Canvas (why each pair matches is its general feedback); the cartridge's QTI profile has no
matching type, so there it is one multiple-choice question per term. The written tasks, and the
ranking (it has no right order to mark), are essays; choices they ask for (a score, a verdict, a
probability, a position, the items to rank) are written into the prompt. In the Moodle bank the
grader's information holds the module's reading and the model answer; the cartridge and the
Canvas quizzes have no place for them (use the instructor PDFs). Each Moodle question is tagged
with the standards it serves (`docs/teachers.md` has the table).

Google Classroom imports no quizzes: post the cartridge's pages (or the DOCX worksheets of
`make docx`) as assignments, and mark by hand.

## Questions per lesson

| Lesson | Multiple choice | Matching | Essays | Left out |
| --- | --- | --- | --- | --- |
{rows}

## Left out, and why

{missing}
"""


def build_lms(out: Path | None = None, content: Content | None = None) -> list[Path]:
    out = out or paths.ROOT / "build" / "lms"
    content = given_content(content)
    notes = load_instructor_notes(content.questions)
    out.mkdir(parents=True, exist_ok=True)
    written = [out / MOODLE, out / cartridge.NAME, out / "README.md"]
    moodle_xml(content, notes).write(written[0], encoding="UTF-8", xml_declaration=True)
    cartridge.write(written[1], content)
    written[2].write_text(readme(content), encoding="utf-8")
    written += canvas_qti.write(out, content)
    report("make lms", content)
    for path in written:
        print(f"wrote {path.relative_to(paths.ROOT) if path.is_relative_to(paths.ROOT) else path}")
    return written


__all__ = ["build_lms", "moodle_xml", "counts", "readme", "grader_info"]
