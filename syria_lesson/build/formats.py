"""What the teacher's own formats share (issue 27): which question kinds each
format holds and how, each choice question's options with their feedback and
right answer, the prompt as plain text, each lesson's objectives, and the list
of what a format leaves out, which every build prints and every pack's README
carries, so nothing is dropped silently.

The formats themselves: ``lms`` (the Moodle XML bank), ``cartridge`` (the IMS
Common Cartridge), ``slides`` (PowerPoint decks), ``worksheet_docx`` (Word
worksheets), ``teacher_pack`` (the zip).
"""

from __future__ import annotations

import html as html_lib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from syria_lesson import kinds
from syria_lesson.core import paths
from syria_lesson.data import Content
from syria_lesson.kinds.classify import LABELS, NUDGE

# How each LMS format holds each kind: "choice" (one right option, feedback on every option),
# "match" (items each with one right option: Moodle's and Canvas's matching type; in the Common
# Cartridge, whose QTI profile has no matching type, one multiple-choice item per item), "essay"
# (written answer; any choices or items a kind asks for are written into the prompt), or why not.
WRITTEN = ("open", "scale", "verdict", "forecast", "predict", "ranking")
CANNOT = {
    "match": "a matching task whose items have more than one right option (the op-ed's phrases point to several "
             "events) is not in the LMS packages: the matching types of Moodle and Canvas take one right option "
             "per item. Use the DOCX or PDF worksheet",
    "choice": "a poll has no right answer to mark: use the LMS's own poll (Moodle's Choice activity, a Canvas survey)",
}
LMS_FORMATS = ("Moodle XML", "Common Cartridge", "Canvas QTI")
WRONG_MATCH = "Look again: read the option's words closely, and the text around it."


def holds(q: dict) -> str:
    """How the LMS formats hold a question: "choice", "match", "essay" or "" (left out; see ``CANNOT``)."""
    if q["kind"] in ("selfcheck", "classify"):
        return "choice"
    if q["kind"] == "match":
        return "match" if all(len(item["answers"]) == 1 for item in q["match_items"]) else ""
    if q["kind"] in WRITTEN:
        return "essay"
    return ""


@dataclass(frozen=True)
class Pair:
    id: str
    text: str
    answer: str  # the right option's label
    note: str  # why, shown once the item is right


def pairs(q: dict) -> list[Pair]:
    """A matching task held by the LMS formats: each item with its one right option."""
    labels = {c["id"]: c["label"] for c in q["match_choices"]}
    return [Pair(i["id"], i["text"], labels[i["answers"][0]], i["note"]) for i in q["match_items"]]


def match_options(q: dict, pair: Pair) -> list[Option]:
    """One item of a matching task as a multiple-choice question (the Common Cartridge's way)."""
    return [Option(c["label"], c["label"] == pair.answer, pair.note if c["label"] == pair.answer else WRONG_MATCH)
            for c in q["match_choices"]]


@dataclass(frozen=True)
class Option:
    text: str
    right: bool
    feedback: str


def options(q: dict) -> list[Option]:
    """A choice question's options in the order students see them, each with its feedback."""
    kind = kinds.kind_of(q)
    if q["kind"] == "selfcheck":
        feedback = {o["text"]: o["feedback"] for o in q["options"]}
        return [Option(t, t == q["answer"], feedback[t]) for t in kind.shown(q)]
    if q["kind"] == "classify":
        code = {label: c for c, label in LABELS.items()}
        return [Option(t, t == q["answer"], claim_reading(q) if t == q["answer"] else NUDGE[code[t]])
                for t in kind.shown(q)]
    raise ValueError(f"{q['id']} ({q['kind']}) is not a choice question")


def claim_reading(q: dict) -> str:
    """Our reading of a claim, in words: its kind and why, and each candidate word's verdict."""
    claim = q["claim_data"]
    words = kinds.kind_of(q).words(q)
    out = f"{LABELS[claim['kind']]}. {claim['why']}"
    if words:
        out += " Vague words: " + "; ".join(f"“{w['text']}”: {'vague' if w['vague'] else 'not vague'}. {w['why']}"
                                            for w in words)
    return out


def choice_prompt(q: dict) -> str:
    """The question as an LMS shows it above its options."""
    if q["kind"] == "classify":
        return f"{q['prompt']} What kind of claim is it?"
    return " ".join(part for part in (q["prompt"], kinds.excerpt_text(q)) if part)


def essay_lines(q: dict) -> list[str]:
    """What an essay shows under the prompt: the kind's choices, written out (none for open questions)."""
    if q["kind"] == "open":
        return []
    return [line.strip() for line in kinds.kind_of(q).paper_text(q)]


def plain(markup: str) -> str:
    """HTML as one line of text (our readings are Markup)."""
    text = re.sub(r"<(br|/p|/li)\s*/?>", " ", str(markup))
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", "", text))).strip()


def lesson_title(content: Content, lesson_id: str) -> str:
    return f"Lesson {lesson_id} · {content.lesson(lesson_id)['title']}"


def objectives(content: Content, lesson_id: str) -> list[str]:
    """The lesson's learning objectives, as its notebook states them (the numbered list
    under "Learning objectives"), without their Markdown marks."""
    notebook = paths.ROOT / "notebooks" / f"{content.lesson(lesson_id)['notebook']}.ipynb"
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and source.startswith("## Learning objectives"):
            items = re.split(r"\n\d+\.\s+", "\n" + source.split(":", 1)[1].strip())
            return [re.sub(r"\s+", " ", item.replace("**", "")).strip() for item in items if item.strip()]
    return []


@dataclass(frozen=True)
class Figure:
    name: str
    png: Path
    alt: str
    caption: str


def figure(name: str) -> Figure:
    """A figure of ``figures/`` with its alt text (``figures.json``) and, as its caption, the alt
    text's first sentence (its title)."""
    folder = paths.figures_dir()
    alt = json.loads((folder / "figures.json").read_text(encoding="utf-8"))[name]["alt"]
    return Figure(name, folder / f"{name}.png", alt, re.split(r"(?<=[.)])\s", alt, maxsplit=1)[0].rstrip("."))


def step_figures(content: Content, lesson_id: str) -> list[tuple[dict, Figure]]:
    """The plan's steps that use a figure (the map, a timeline), in order, each with its figure."""
    return [(step, figure(step["figure"])) for step in content.plan(lesson_id)["plan"] if step.get("figure")]


def figures_before(content: Content, lesson_id: str, asked: list[str]) -> dict[str, list[Figure]]:
    """Where a worksheet shows each figure: before the first of ``asked`` (question ids, in the
    worksheet's order) that the figure's own step sets; under "" if the step sets none of them (a
    timeline beside the explorer, an activity): reference, for the worksheet's last page."""
    out: dict[str, list[Figure]] = {}
    for step in content.plan(lesson_id)["plan"]:
        if step.get("figure"):
            where = next((qid for qid in asked if qid in (step.get("tasks") or [])), "")
            out.setdefault(where, []).append(figure(step["figure"]))
    return out


def left_out(content: Content) -> list[dict]:
    """Every question the LMS formats leave out, and why: printed by the build, listed in the READMEs."""
    return [{"lesson": q["lesson"], "id": q["id"], "kind": q["kind"], "why": CANNOT.get(q["kind"], "unknown kind")}
            for q in content.questions if not holds(q)]


def left_out_lines(content: Content) -> list[str]:
    return [f"- lesson {row['lesson']}, {row['id']} ({row['kind']}): {row['why']}" for row in left_out(content)]


def report(name: str, content: Content) -> None:
    """Say in the build's output what a format left out."""
    rows = left_out(content)
    if rows:
        print(f"{name}: {len(rows)} question(s) left out, a kind this format cannot hold:")
        for line in left_out_lines(content):
            print("  " + line)


def per_lesson(out: Path, variants, content: Content, suffix: str, write: Callable[[str, str, Path], None]) -> list[Path]:
    """One file a lesson in each variant's folder (``out/<variant>/lesson_NN<suffix>``):
    ``write(variant, lesson_id, path)`` writes it. The slides and the DOCX worksheets use it."""
    written = []
    for variant in variants:
        (out / variant).mkdir(parents=True, exist_ok=True)
        for lesson in content.module["lessons"]:
            path = out / variant / f"lesson_{lesson['id']}{suffix}"
            write(variant, lesson["id"], path)
            written.append(path)
    return written
