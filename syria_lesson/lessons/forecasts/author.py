"""Lesson 05: our reading of the author beside its score (issue 24): the op-ed's words each
probability was read from, why, and whether the op-ed speaks to the outcome at all."""

from __future__ import annotations

from syria_lesson.core.html import Markup, html
from syria_lesson.lessons import forecasts as fc


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
