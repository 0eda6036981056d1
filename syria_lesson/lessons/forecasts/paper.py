"""Lesson 05's forecasts on paper: the table to score yourself by hand, and the compact tables that
the class-set worksheets share (``fixed_table``)."""

from __future__ import annotations

import re

from syria_lesson.core.html import CELL, Markup, html, join
from syria_lesson.lessons import forecasts as fc


def fixed_table(rows: list[list], columns: list[tuple[str, int]], caption: str, css: str = "",
                size: str = "12px", ids: list[str] | None = None) -> Markup:
    """A compact table for paper: fixed column widths (per cent), a caption, header cells with scope.
    ``ids``: the question each row asks, as the row's anchor (``q-<id>``, as a question box has)."""
    cols = join(html('<col style="width:{}%">', width) for _, width in columns)
    head = join(html(f'<th scope="col" {CELL}>{{}}</th>', label) for label, _ in columns)
    anchors = ids or [None] * len(rows)
    body = join(html('<tr{}>{}</tr>', html(' id="q-{}"', qid) if qid else "",
                     join(html(f'<th scope="row" {CELL}>{{}}</th>' if i == 0 else f"<td {CELL}>{{}}</td>", cell)
                          for i, cell in enumerate(row)))
                for row, qid in zip(rows, anchors))
    return html('<table class="sl-table {}" style="table-layout:fixed;font-size:{}">'
                "<caption>{}</caption><colgroup>{}</colgroup><thead><tr>{}</tr></thead><tbody>{}</tbody></table>",
                css, size, caption, cols, head, body)


def first_sentence(text: str) -> str:
    """What happened, in its first sentence after the Yes or No (the rest is in JupyterLab and the handout)."""
    sentences = re.split(r"(?<!U\.S)(?<!\b[A-Z])\. ", text)
    if sentences[0] in ("Yes", "No", "Not settled in the record") and len(sentences) > 1:
        sentences = sentences[1:]
    return sentences[0].rstrip(".") + "."


def short_source(title: str) -> str:
    """'Headline (Publisher, 6 July 2018)' -> 'Publisher, 6 July 2018': a citation that fits a printed table."""
    match = re.search(r"\(([^()]*)\)\s*$", title)
    if not match:
        return title
    inside = match.group(1)
    return f"{title.split(':')[0]}, {inside}" if inside[:1].isdigit() and ":" in title else inside


def paper_html(questions: list[dict]) -> Markup:
    """Score yourself by hand: what happened and its source, and blank columns (the author's score comes
    after the verdicts: ``forecasts.author``)."""
    rows = []
    for n, q in enumerate(fc.forecast_questions(questions), start=1):
        o = q["forecast"]
        mark = {1: "Yes: 1.", 0: "No: 0.", None: "Open: do not score."}[fc.OUTCOME[o["resolution"]]]
        extension = " (extension)" if q["tier"] == "extension" else ""
        rows.append([str(n), html("{}{}", o.get("short") or o["question"], extension),
                     html("<strong>{}</strong> {} <em>Source: {}.</em>", mark, first_sentence(o["resolved"]),
                          short_source(o["source_title"])), "", ""])
    steps = html(
        "<p><strong>Score yourself.</strong> Copy each forecast from lesson 04 into <em>My %</em>. For each "
        "outcome marked 1 or 0: write your forecast as a decimal (70% = 0.7), subtract the 1 or the 0, and "
        "multiply the answer by itself: (0.7 − 1)² = 0.09. Add up your scores and divide by how many you scored. "
        "Leave out outcomes marked open and any you did not forecast (a blank is not 0). Lower is better: 0 is "
        "perfect; saying 50% on everything always scores 0.25.</p>")
    grid = fixed_table(rows, [("No.", 4), ("Outcome", 22), ("What happened (and the source)", 60),
                              ("My %", 7), ("My score", 7)],
                       "Forecasts from lesson 04: what happened", "sl-forecasts sl-score-by-hand", "11px")
    return join([steps, grid, html("<p><strong>My Brier score:</strong> ______ on ____ outcomes.</p>")])


def paper_text(questions: list[dict]) -> str:
    lines = ["Score yourself: (forecast as a decimal - outcome)^2, averaged; 0 is perfect, 50% on everything scores 0.25."]
    for q in fc.forecast_questions(questions):
        o = q["forecast"]
        lines.append(f"- {o['question']} -> {o['resolution']}. {o['resolved']} My forecast: ____ My score: ____")
    return "\n".join(lines)
