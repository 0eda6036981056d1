"""Lesson 05: our reading of the author, scored, once the student has given their verdicts.

The author gave no numbers; ``author_probability`` in ``data/forecasts.yaml`` is
the module's inference from the op-ed. Scoring it before students have judged
his predictions themselves would hand them the verdict, so it comes after the
verdict questions: in JupyterLab through ``reveal.after`` (it opens once every
verdict has a reason of a sentence), in the student handout as a note, in the
instructor edition in full, and on the class-set worksheet printed after the
verdict sheet.
"""

from __future__ import annotations

from syria_lesson.core import editions
from syria_lesson.core.display import show_html
from syria_lesson.core.editions import Edition
from syria_lesson.core.html import Markup, html, join, table
from syria_lesson.data import Content, given_content
from syria_lesson.lessons import forecasts as fc
from syria_lesson.lessons.forecasts.epilogue import verdict_questions
from syria_lesson.lessons.forecasts.view import figure_html
from syria_lesson.live import reveal, session

TITLE = "Our reading of the author, scored"

NOTE = Markup(
    "<p><em>Our reading of the author</em> is the module's own inference from the op-ed: the author gave no "
    "numbers, so we turned what each paragraph implies into a probability. The table shows, beside each score, "
    "the words we read it from and why; where the op-ed does not speak to an outcome, it says so, and the "
    "number is more ours than his. "
    "Compare it with your verdicts above: where the numbers and your verdicts disagree, which do you trust, "
    "and why?</p>")


def author_html(questions: list[dict], values: dict | None = None) -> Markup:
    """The author's score per outcome and in all; with a student's values, theirs beside it on the same
    outcomes, and both calibration pictures."""
    values = values or {}
    mine = fc.score(questions, values)
    score, count = fc.author_score(questions)
    parts = [html("<p><strong>Our reading of the author scores {}</strong> on the {} settled outcomes (the no-skill "
                  "forecaster scores 0.25).</p>", fc.fmt(score), count)]
    if mine["scored"]:
        parts.append(html("<p>On the {} outcomes you forecast and the record has settled, you score {} and our "
                          "reading of the author {}{}.</p>", len(mine["scored"]), fc.fmt(mine["student"]),
                          fc.fmt(mine["author"]), implied_only(mine)))
        parts.append(figure_html(mine, author=True))
    rows = [{"outcome": r["question"], "author": author_cell(r),
             "happened": {1: "Yes (1)", 0: "No (0)", None: "Still open"}[r["happened"]]}
            for r in mine["rows"]]
    parts.append(table(rows, [("outcome", "As of 20 November 2017: how likely is it that …"),
                              ("author", "Our reading of the author: the words it was read from, why, and its score"),
                              ("happened", "Did it happen?")],
                       TITLE, css_class="sl-forecasts"))
    return join([*parts, NOTE])


def paper_html(questions: list[dict]) -> Markup:
    """For the class-set worksheet, after the verdict sheet: the author's forecasts and scores in one
    short paragraph (numbered as in the table to score yourself)."""
    items = []
    for n, q in enumerate(fc.forecast_questions(questions), start=1):
        o = q["forecast"]
        happened = fc.OUTCOME[o["resolution"]]
        scored = "open" if happened is None else fc.fmt((o["author_probability"] / 100 - happened) ** 2)
        items.append(f"{n}. {o['author_probability']}% → {scored}")
    score, count = fc.author_score(questions)
    return html("<p><small><strong>Now that you have given your verdicts: our reading of the author scores {} on "
                "{} settled outcomes.</strong> Per outcome, numbered as in the table to score yourself: {}. It is the "
                "module's inference from the op-ed, not his numbers: compare it with your verdicts and your own "
                "score.</small></p>", fc.fmt(score), count, "; ".join(items))


def reveal_author(*, content: Content | None = None, edition: Edition | None = None) -> None:
    """The lesson 05 cell after the verdicts."""
    content, edition = given_content(content), editions.given(edition)
    questions = content.questions
    if edition.paper:
        score, count = fc.author_score(questions)
        show_html(paper_html(questions), f"Our reading of the author scores {fc.fmt(score)} on {count} outcomes.")
        return

    def reading() -> Markup:
        book = session.SESSION.book if session.SESSION.confirmed else None
        return author_html(questions, book.all() if book else None)

    reveal.after(verdict_questions(content=content), TITLE, reading, plain=TITLE, content=content, edition=edition)


# -- our reading of the author beside its score (issue 24)

def author_words(outcome: dict) -> Markup:
    """The op-ed's words the reading was taken from: a short quotation with its paragraph, or our paraphrase."""
    if outcome.get("author_words"):
        return html("\u201c{}\u201d (paragraph {})", outcome["author_words"], outcome.get("author_paragraph"))
    return html("In our words: {}", outcome.get("author_paraphrase", ""))


def author_cell(row: dict) -> Markup:
    """Our reading of the author beside its score: the words it was read from, why, and how firm it is."""
    outcome = row["outcome"]
    firm = ("" if outcome.get("author_basis", "implied") == "implied" else
            " The op-ed does not speak to this outcome: this number is more ours than his.")
    score = fc.fmt(row["author_score"]) if row["author_score"] is not None else "not scored"
    return html("{}% → {}<br><small><strong>Read from:</strong> {}<br><strong>Why this number:</strong> {}{}</small>",
                row["author"], score, author_words(outcome), " ".join(outcome["author_why"].split()), firm)


def implied_only(result: dict) -> str:
    """The author's score on the outcomes the op-ed itself speaks to (not the ones we extrapolated)."""
    implied = [r for r in result["scored"] if r["outcome"].get("author_basis", "implied") == "implied"]
    if not implied or len(implied) == len(result["scored"]):
        return ""
    return (f", or {fc.fmt(fc.brier((r['author'], r['happened']) for r in implied))} on the {len(implied)} "
            "of them the op-ed itself speaks to")
