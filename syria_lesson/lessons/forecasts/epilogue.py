"""Lesson 05: the author's questions and predictions, tested by what came after.

Students give their own verdict on each prediction first (the ``verdict``
questions of lesson 05). The module's verdict table comes only after all of
them, through ``reveal.after``: in JupyterLab once the student has answered,
in the instructor edition in full, and never in the student edition.
"""

from __future__ import annotations

from syria_lesson import kinds
from syria_lesson.core import editions
from syria_lesson.core.dates import format_date, long_date
from syria_lesson.core.display import show_html
from syria_lesson.core.editions import Edition
from syria_lesson.core.html import Markup, html, table
from syria_lesson.core.vocab import VERDICTS
from syria_lesson.data import Content, given_content
from syria_lesson.data.events import number_events
from syria_lesson.lessons.forecasts.paper import fixed_table
from syria_lesson.live import reveal

__all__ = ["verdict_rows", "verdicts_html", "verdict_summary_html", "verdict_questions",
           "reveal_verdicts", "verdict_sheet", "show_verdicts", "show_verdict_summary", "latest_source", "show_latest_source"]



def verdict_rows(*, content: Content | None = None) -> list[dict]:
    content = given_content(content)
    numbers = number_events(content.events)
    titles = {e["id"]: e["title"] for e in content.events}
    rows = []
    for item in content.predictions:
        events = "; ".join(f"{numbers[e]}. {titles[e]}" for e in item.get("events") or [])
        rows.append({"claim": f"{item['claim']} (paragraph {item['paragraph']}; {item['kind']})",
                     "outcome": item["outcome"], "events": events,
                     "verdict": f"{VERDICTS.label(item['verdict'])} (as of {format_date(str(item['as_of']))})"})
    return rows


COLUMNS = [("claim", "What the article said (our paraphrase)"), ("outcome", "What happened"),
           ("events", "Events (numbers as in the timeline)"), ("verdict", "Verdict")]


def verdicts_html(*, content: Content | None = None) -> Markup:
    return table(verdict_rows(content=content), COLUMNS, "The article's questions and predictions, tested by later events")


def verdict_counts(*, content: Content | None = None) -> dict[str, int]:
    content = given_content(content)
    counts = {k: 0 for k in VERDICTS.codes}
    for item in content.predictions:
        counts[item["verdict"]] += 1
    return counts


def verdict_summary_html(*, content: Content | None = None) -> Markup:
    text = ", ".join(f"{VERDICTS.label(k).lower()}: {v}" for k, v in verdict_counts(content=content).items() if v)
    return html("<p><strong>Tally of our verdicts</strong>: {}. Verdicts are judgements: where yours differs, "
                "your reason matters more than the label.</p>", text)


def verdict_questions(tier: str = "core", *, content: Content | None = None) -> list[str]:
    """The ids of lesson 05's verdict questions of one tier (the core ones are those the module's verdicts wait for)."""
    content = given_content(content)
    return [q["id"] for q in content.lesson_questions("05") if q["kind"] == "verdict" and q["tier"] == tier]


def reveal_verdicts(*, content: Content | None = None, edition: Edition | None = None) -> None:
    """The module's verdict table, after the student's own verdicts."""
    plain = "The module's verdicts: " + "; ".join(f"{r['claim'][:60]}… {r['verdict']}" for r in verdict_rows(content=content))
    reveal.after(verdict_questions(content=content), "The module's verdicts",
                 lambda: verdict_summary_html(content=content) + verdicts_html(content=content),
                 plain=plain, content=content, edition=edition)


def verdict_sheet(tier: str = "core", *, content: Content | None = None, edition: Edition | None = None) -> None:
    """The verdicts of one tier on one compact sheet, for the class-set worksheet only (in JupyterLab and the
    full handout each is its own question, just above): for each prediction a verdict to circle and a reason
    to write, and the events to weigh in each row. The extension verdicts go on the full worksheet's
    extension page, numbered on from the core ones."""
    content = given_content(content)
    edition = editions.given(edition)
    if not edition.paper:
        return
    questions = [content.question(qid) for qid in verdict_questions(tier, content=content)]
    first = 1 if tier == "core" else len(verdict_questions(content=content)) + 1
    key = ", ".join(f"{label[0]} = {label.lower()}" for label in (v.label for v in VERDICTS))
    # each row carries the events it weighs, in small type: the sheet needs no other page, in four pages
    rows = [[str(n), html('{}<br><span style="font-size:9px">{}</span>', q["prompt"], kinds.excerpt_text(q)),
             "R  W  P  O  S", ""] for n, q in enumerate(questions, start=first)]
    grid = fixed_table(rows, [("No.", 4), ("The author, in our words, and the events to weigh", 64), ("Circle one", 9),
                              ("Because (an event, its number and its date)", 23)],
                       f"{'My' if tier == 'core' else 'More'} verdicts. Circle one: {key}", "sl-verdict-sheet", "11px",
                       ids=[q["id"] for q in questions])
    note = html("<p><small>Each row lists the events to weigh, with their numbers and dates.</small></p>")
    show_html(note + grid, "My verdicts: " + "; ".join(q["prompt"] for q in questions))


def show_verdicts(*, content: Content | None = None) -> None:
    """The whole verdict table at once (for the instructor's own use; lessons use ``reveal_verdicts``)."""
    rows = verdict_rows(content=content)
    show_html(verdicts_html(content=content), "\n".join(f"- {r['claim']} -> {r['verdict']}" for r in rows))


def show_verdict_summary(*, content: Content | None = None) -> None:
    summary = verdict_summary_html(content=content)
    show_html(summary, "Tally of verdicts")


def latest_source(*, content: Content | None = None) -> str:
    """The date of the latest source the verdicts rest on, from the data (never typed in prose)."""
    content = given_content(content)
    return max(str(item["as_of"]) for item in content.predictions)


def show_latest_source(*, content: Content | None = None) -> None:
    """'The latest source we used is dated ...': computed, so it stays true when the data changes."""
    text = (f"The latest source behind this lesson's verdicts is dated {long_date(latest_source(content=content))}. "
            "Where a matter was still open at a source's date, the timeline says so: check whether anything "
            "has changed since.")
    show_html(html("<p>{}</p>", text), text)
