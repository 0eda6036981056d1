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
    "numbers, so we turned what each paragraph implies into a probability (the reasons are in the table). "
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
                          "reading of the author {}.</p>", len(mine["scored"]), fc.fmt(mine["student"]),
                          fc.fmt(mine["author"])))
        parts.append(figure_html(mine, author=True))
    rows = [{"outcome": r["question"], "author": f"{r['author']}%", "why": r["outcome"]["author_why"],
             "happened": {1: "Yes (1)", 0: "No (0)", None: "Still open"}[r["happened"]],
             "score": fc.fmt(r["author_score"]) if r["author_score"] is not None else "not scored"}
            for r in mine["rows"]]
    parts.append(table(rows, [("outcome", "As of 20 November 2017: how likely is it that …"),
                              ("author", "Our reading of the author"), ("why", "Why we read him so"),
                              ("happened", "Did it happen?"), ("score", "Its score")],
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
