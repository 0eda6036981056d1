"""Paper stands alone: every reference a worksheet makes resolves to something printed on it.

A class set has no screens and no full handout: when a task or its lead-in says "the actors
table", "the map", "paragraph 5 of the statement" or "the sources above", that thing must be
on the same worksheet (both editions: all tasks, and core tasks only). A paragraph of the op-ed
is read at its source, so a worksheet that cites one must print the op-ed's address. Things that
exist only on screen (the explorer, a Check button, the Reference notebook, the full lesson) may
be named only beside what to use on paper instead ("or, on paper, the list below").

The worksheets are built in this process (tests/worksheet_pages.py): seconds, not a kernel run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
import worksheet_pages as wp

from syria_lesson.data import load_all
from syria_lesson.lessons.article.statement import document, pieces

# ---------------------------------------------------------------- the references, as data


@dataclass(frozen=True)
class Reference:
    name: str      # how a failure names it
    pattern: str   # a regex over one sentence of the worksheet (case-insensitive)
    needs: str     # what must be printed: "printed:<regex>", "op-ed", "statement", "before", "after", "screen"
    what: str      # what a student would need to find, for the message


REFERENCES = (
    # Things a worksheet may print: each needs its printed form somewhere on the sheet.
    Reference("the actors table", r"\bactors? table\b", r"printed:From the actors table",
              "an excerpt of the actors table (the actor's entry)"),
    Reference("the positions table", r"\bpositions table\b|\bthe rows for\b|\bcells?\b|\busing the table\b",
              r"printed:From the positions table", "an excerpt of the positions table (the rows the task uses)"),
    Reference("the timeline", r"\b(?:the|from the|in the) timeline\b",
              r"printed:numbered as in the timeline", "the timeline's events the task uses, with their numbers"),
    Reference("the map", r"\b(?:the|on the) map\b", r"printed:\[Figure: [^\]]*\bmap\b", "the map"),
    Reference("under the map", r"\b(?:under|below) the map\b", r"printed:\[Figure: [^\]]*\bmap\b[^\]]*names the sources",
              "the map's sources, printed under it (in the figure: its alt text says so)"),
    Reference("the table", r"(?<!at )\bthe table\b", r"printed:\S", "a table"),  # any table: see _resolve
    Reference("the joint statement", r"\bthe statement itself\b|\bstatement paragraph\b|\bstatement, paragraph",
              "statement", "the statement's paragraphs"),
    Reference("paragraph N", r"\bparagraphs? \d+", "op-ed", "the op-ed's paragraph (read at its source)"),
    Reference("something above", r"\b(?:the|your|these)\s+((?:[\w'-]+\s+){0,3}?[\w'-]+)\s+above\b", "before",
              "what the sentence names, earlier on the sheet"),
    Reference("something below", r"\b(?:the|your|these)\s+((?:[\w'-]+\s+){0,3}?[\w'-]+)\s+(?:are\s+listed\s+)?below\b",
              "after", "what the sentence names, later on the sheet"),
    Reference("at the end", r"\bat the end\b(?! of)", r"after:Extension tasks", "the extension tasks, later on the sheet"),
    # Things that exist only on screen, or only in a full handout: never on a class set.
    Reference("the explorer", r"\bexplorer\b", "screen", "the timeline explorer exists only on screen"),
    Reference("a button", r"\bpress\s+(?:the\s+)?[*“\"]?(?-i:[A-Z])|\bclick|\bbutton\b", "screen", "a button exists only on screen"),
    Reference("the Reference", r"\bthe \*{0,2}Reference\b", "screen", "the Reference is a handout of its own"),
    Reference("the events table", r"\bevents table\b", "screen", "the events table is in the full handout only"),
    Reference("the full lesson", r"\bfull lesson\b|\bhandout\b|\bstudent edition\b", "screen",
              "the full lesson is not on the class set"),
    Reference("the module's verdicts", r"\bmodule's own verdicts\b", r"printed:The module's verdicts",
              "the module's verdicts"),
)
# A sentence that says what to use instead on paper, or that speaks of the screen only, may name the screen.
ON_PAPER = re.compile(r"\bon paper\b|\bon screen\b|\bin JupyterLab\b", re.I)
SAME = {"task": ("task", "question")}  # how a sheet names a thing the sentence names otherwise
STOP = {"the", "your", "these", "of", "and", "are", "listed", "four", "three", "two", "short", "this", "that"}


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) of a worksheet's text: split after . ? ! and before a task's label."""
    out, at = [], 0
    for match in re.finditer(r"(?<=[.?!])\s+(?=[A-Z0-9(“\"'])|(?=\b(?:Self-check|Sort the claim|Write your answer|"
                             r"Predict the position|Match each one|Give a score)\b)", text):
        out.append((at, text[at:match.start()].strip()))
        at = match.end()
    out.append((at, text[at:].strip()))
    return [(offset, s) for offset, s in out if s]


def statement_paragraph_printed(n: int, text: str) -> bool:
    """Paragraph ``n`` of the joint statement, numbered, with its first words, and the statement's heading."""
    para = next((p for p in document()["paragraphs"] if p["n"] == n), None)
    if para is None or "joint statement" not in text.lower():
        return False
    first = next((words for kind, words in pieces(para["text"]) if kind == "text"), "")
    start = " ".join(first.split()[:5]) if first else "[gap"
    return re.search(rf"\b{n}\. {re.escape(start)}", text) is not None


def statement_quote(sentence: str) -> int | None:
    """The statement paragraph a sentence quotes: “words” (paragraph N), when the words are that paragraph's."""
    for quote, number in re.findall(r"[“\"]([^”\"]{6,})[”\"][^“\"]{0,30}?\(paragraph (\d+)\)", sentence):
        para = next((p for p in document()["paragraphs"] if p["n"] == int(number)), None)
        if para and quote.lower() in " ".join(para["text"].split()).lower():
            return int(number)
    return None


def dangling(text: str, page_html: str = "", article_url: str | None = None) -> list[str]:
    """Every reference in a worksheet's printed ``text`` that nothing on it resolves, as sentences
    naming the reference, the sentence and what is missing. ``page_html`` (the page) is used for tables."""
    article_url = article_url or load_all().article["meta"]["url"]
    found = []
    for offset, sentence in sentences(text):
        paper_alternative = ON_PAPER.search(sentence) is not None
        for ref in REFERENCES:
            for match in re.finditer(ref.pattern, sentence, re.I):
                problem = _resolve(ref, match, sentence, offset, text, page_html, article_url, paper_alternative)
                if problem and f"{ref.name!r} in {sentence[:160]!r}: {problem}" not in found:
                    found.append(f"{ref.name!r} in {sentence[:160]!r}: {problem}")
    return found


def _resolve(ref, match, sentence, offset, text, page_html, article_url, paper_alternative) -> str | None:
    missing = f"not on the worksheet ({ref.what})"
    if ref.needs == "screen":
        return None if paper_alternative else f"{ref.what}, and the sentence gives nothing to use on paper"
    if ref.needs.startswith("printed:"):
        if ref.name == "the table":
            return None if "<table" in page_html or not page_html else missing
        return None if re.search(ref.needs[len("printed:"):], text, re.I) else missing
    if ref.needs.startswith("after:"):
        return None if re.search(ref.needs[len("after:"):], text[offset + len(sentence):], re.I) else missing
    if ref.needs == "statement":
        numbers = [int(n) for n in re.findall(r"statement, paragraph (\d+)|paragraph (\d+) of the statement",
                                              sentence, re.I) for n in n if n]
        if not numbers:
            return None if "joint statement" in text.lower() else missing
        absent = [n for n in numbers if not statement_paragraph_printed(n, text)]
        return f"statement paragraph(s) {absent} not printed" if absent else None
    if ref.needs == "op-ed":
        tail = sentence[match.end(): match.end() + 20].lower()
        head = sentence[max(0, match.start() - 12): match.start()].lower()
        if "of the statement" in tail or "statement, " in head or "statement " in head:
            return None  # the statement's own paragraph: checked by the statement reference
        quoted = statement_quote(sentence)
        if quoted is not None:
            return None if statement_paragraph_printed(quoted, text) else (
                f"quotes the statement's paragraph {quoted}, which is not printed")
        return None if article_url in text else f"the op-ed's address ({article_url}) is not printed on the worksheet"
    if ref.needs in ("before", "after"):
        words = [w.lower().rstrip("s") for w in re.findall(r"[\w'-]+", match.group(1)) if w.lower() not in STOP]
        if not words:
            return None
        region = text[:offset] if ref.needs == "before" else text[offset + len(sentence):]
        region = region.lower()
        if any(re.search(rf"\b{re.escape(name)}", region) for w in words for name in SAME.get(w, (w,))):
            return None
        return f"nothing named {' / '.join(words)!r} is {'above' if ref.needs == 'before' else 'below'} it"
    raise ValueError(ref.needs)


# ---------------------------------------------------------------- the worksheets


def _cases():
    return [(path.stem, edition) for path in wp.lesson_notebooks() for edition in wp.EDITIONS]


@pytest.mark.parametrize("stem, edition", _cases())
def test_every_reference_on_a_worksheet_resolves_on_it(stem, edition):
    page = wp.page(stem, edition)
    problems = dangling(wp.printed(page), page)
    assert problems == [], f"{edition}/{stem}: references that send a student off the sheet:\n  " + "\n  ".join(problems)


def test_the_worksheets_are_the_ones_the_build_makes():
    """The in-process worksheet keeps the tasks the lesson's plan puts on paper: every core task of
    a lesson on both editions, every extension task on the full one (so the check above reads them all)."""
    content = load_all()
    for path in wp.lesson_notebooks():
        lesson = path.stem[:2]
        core, full = (wp.printed(wp.page(path.stem, e)) for e in ("worksheet-core", "worksheet"))
        for q in content.lesson_questions(lesson):
            label = f"lesson {lesson}, question "
            assert label in full, path.stem
            start = " ".join(q["prompt"].split()[:6])
            if f"ask(\"{q['id']}\")" not in path.read_text(encoding="utf-8"):
                continue  # a question on a sheet of its own (forecasts, verdicts)
            assert start in full, f"{q['id']} is not on the full worksheet of {path.stem}"
            if q["tier"] == "core":
                assert start in core, f"{q['id']} is not on the core worksheet of {path.stem}"


# ---------------------------------------------------------------- the checker finds what it should

URL = "https://example.org/op-ed"
SHEET = ("Write your answer · lesson 09, question 1 The joint statement, 11 November 2017. "
         "1. President Trump and President Putin today, meeting on the margins of the APEC conference. "
         "[Figure: A map of Syria] Source A. Moscow: the Kremlin. ")


def test_a_planted_dangling_reference_is_found():
    planted = SHEET + "Self-check: choose one · lesson 09, question 2 Read Turkey's entry in the actors table. Who agreed?"
    (problem,) = dangling(planted, "<p></p>", URL)
    assert "'the actors table'" in problem and "Turkey's entry" in problem


def test_resolved_references_pass_and_each_kind_of_dangling_one_is_named():
    fine = SHEET + ("Find it on the map. Use the sources above. Check the statement itself: is paragraph 1 of the "
                    f"statement about ISIS? Read paragraph 3 of the op-ed at {URL}.")
    assert dangling(fine, "<p></p>", URL) == []
    cases = {
        "Read paragraph 10 of the op-ed.": "the op-ed's address",
        "Read the statement, paragraph 5.": "[5] not printed",
        'How do you read "foreign forces and foreign fighters" (paragraph 5)?': "paragraph 5, which is not printed",
        "Check its entry in the explorer (thread: Astana).": "only on screen",
        "Choose a kind, then press Check.": "only on screen",
        "The Reference has the whole timeline.": "handout of its own",
        "Three more are in the full lesson.": "not on the class set",
        "Compare the rows for Russia and Turkey.": "positions table",
        "Give its number in the timeline.": "timeline's events",
        "Six more are at the end, for those who finish early.": "extension tasks",
        "Use the four extracts below.": "nothing named 'extract' is below it",
        "The sources are listed under the map.": "map's sources",
        "Sort it, then press *Check*.": "only on screen",
    }
    for sentence, expected in cases.items():
        problems = dangling(SHEET + sentence, "<p></p>", URL)
        assert len(problems) == 1 and expected in problems[0], (sentence, problems)


def test_a_screen_reference_beside_its_paper_alternative_passes():
    ok = SHEET + "Use the explorer, or on paper the events below. The events (numbered as in the timeline): 1. Geneva"
    assert dangling(ok, "<p></p>", URL) == []


def test_a_real_worksheet_with_a_planted_reference_fails():
    """The check on a real worksheet page: the lesson 03 worksheet, with a dangling sentence planted in it."""
    page = wp.page("03_actors_and_positions", "worksheet-core")
    text = wp.printed(page)
    planted = text + " Write your answer · lesson 03, question 99 Look Hezbollah up in the events table."
    assert len(dangling(planted, page)) == len(dangling(text, page)) + 1
