"""Lesson 05's "Your forecasts, scored": live in JupyterLab, a table to score by hand on paper.

Live, it reads the current student's saved forecasts (made in lesson 04, so
possibly in another kernel: the file is read again when it changed) and shows
their Brier score in plain words beside the no-skill forecaster and our reading
of the author, a table per outcome, and a calibration picture. It redraws on
every save in this lesson and on "Score my forecasts again".
"""

from __future__ import annotations

import base64
import re

from syria_lesson.core import editions
from syria_lesson.core.display import figure_png, show, show_html
from syria_lesson.core.editions import Edition
from syria_lesson.core.html import CELL, Markup, html, join, link, table
from syria_lesson.data import Content, given_content
from syria_lesson.lessons import forecasts as fc
from syria_lesson.lessons.forecasts import author
from syria_lesson.live import session

# Okabe-Ito colours, each with its own marker, so colour never carries meaning alone.
STUDENT_STYLE = {"color": "#0072B2", "marker": "o", "label": "You"}
AUTHOR_STYLE = {"color": "#D55E00", "marker": "s", "label": "Our reading of the author"}

EXPLAIN = Markup(
    "<p><strong>How the score works.</strong> For each outcome, take your forecast as a decimal (70% is 0.7) "
    "and the outcome as 1 if it happened, 0 if it did not. Subtract, and square the difference: "
    "(0.7 − 1)² = 0.09. Your <em>Brier score</em> is the average of these squares. "
    "<strong>Lower is better:</strong> 0 is perfect, and 1 is always confidently wrong (100% on everything "
    "that did not happen). Someone with no idea, who says 50% on everything, always gets 0.25: "
    "below 0.25 you did better than that.</p>")

AUTHOR_NOTE = Markup(
    "<p><em>Our reading of the author</em> is the module's own inference from the op-ed: the author gave no "
    "numbers, so we turned what each paragraph implies into a probability. The table shows, beside each score, "
    "the words we read it from and why; where the op-ed does not speak to an outcome, it says so, and the "
    "number is more ours than his.</p>")



def _outcome_cell(row: dict) -> Markup:
    return html("{}", row["question"])


def _what_happened(outcome: dict) -> Markup:
    return html("{} <small>Source: {}</small>", outcome["resolved"], link(outcome["source_url"], outcome["source_title"]))


def _happened_label(row: dict) -> str:
    return {1: "Yes (1)", 0: "No (0)", None: "Still open: not scored"}[row["happened"]]


def summary_html(result: dict) -> Markup:
    """The three scores in words, and what was left out and why."""
    parts = []
    n = len(result["scored"])
    if n:
        words = fc.verdict_words(result["student"], result["no_skill"])
        parts.append(html(
            '<p role="status"><strong>Your Brier score: {}</strong> on {} settled outcome{} ({}). '
            "The no-skill forecaster (50% on everything) scores {} on the same outcomes; "
            "our reading of the author scores {}{}.</p>",
            fc.fmt(result["student"]), n, "" if n == 1 else "s", words, fc.fmt(result["no_skill"]),
            fc.fmt(result["author"]), author.implied_only(result)))
    else:
        parts.append(html('<p role="status"><strong>No forecast of yours can be scored yet.</strong> The forecasts '
                          "are at the end of lesson 04: make them there, in November 2017's shoes, before you read "
                          "what happened.</p>"))
    for key, words in (("missing", "Not scored, because no forecast of yours is saved (if you typed words, go back "
                                   "to lesson 04 and type a whole number)"),
                       ("unusable", "Not scored, because the saved forecast is not a number from 0 to 100 "
                                    "(it is never counted as 0): go back to lesson 04 and type a whole number")):
        if result[key]:
            items = join(html("<li>{}</li>", _outcome_cell(r)) for r in result[key])
            parts.append(html("<p>{}:</p><ul>{}</ul>", words, items))
    if result["open"]:
        items = join(html("<li>{}</li>", _outcome_cell(r)) for r in result["open"])
        parts.append(html("<p>Not scored for anyone, because the record has not settled it yet:</p><ul>{}</ul>", items))
    return join(parts)


def rows_html(result: dict) -> Markup:
    rows = [{"outcome": _outcome_cell(r),
             "yours": "–" if r["probability"] is None else f"{r['probability']}%",
             "happened": html("<strong>{}</strong> {}", _happened_label(r), _what_happened(r["outcome"])),
             "score": fc.fmt(r["score"]) if r["score"] is not None else "not scored",
             "author": author.author_cell(r)}
            for r in result["rows"]]
    return table(rows, [("outcome", "As of 20 November 2017: how likely is it that …"), ("yours", "Your forecast"),
                        ("happened", "Did it happen? (what happened, and the source)"), ("score", "Your score"),
                        ("author", "Our reading of the author, and its score")],
                 "Your forecasts and what happened", css_class="sl-forecasts")


def calibration_figure(result: dict):
    """Matplotlib figure and its alt text: forecasts grouped by size against how often they came true,
    the student's on the left (circles), our reading of the author's on the right (squares)."""
    import matplotlib.pyplot as plt

    yours = fc.calibration((r["probability"], r["happened"]) for r in result["scored"])
    author = fc.calibration((r["author"], r["happened"]) for r in result["scored"])
    fig, axes = plt.subplots(1, 2, figsize=(8.6, 4.2), sharey=True)
    for ax, groups, style in ((axes[0], yours, STUDENT_STYLE), (axes[1], author, AUTHOR_STYLE)):
        (diagonal,) = ax.plot([0, 100], [0, 100], linestyle="--", color="black", linewidth=1,
                              label="Perfectly calibrated: of the things given 70%, 7 in 10 happen")
        if groups:
            ax.scatter([g["mean"] for g in groups], [g["share"] for g in groups],
                       s=[50 + 45 * g["count"] for g in groups], color=style["color"], marker=style["marker"],
                       edgecolor="black", zorder=3)
            for g in groups:
                ax.annotate(f"{g['happened']} of {g['count']}", (g["mean"], g["share"]), textcoords="offset points",
                            xytext=(0, 11 if g["share"] < 90 else -17), ha="center", fontsize=8)
        ax.set(xlim=(-5, 105), ylim=(-8, 108), xticks=range(0, 101, 20), yticks=range(0, 101, 20))
        ax.set_xlabel("Forecast (average of each group, %)")
        ax.set_title(f"{style['label']} ({'circles' if style['marker'] == 'o' else 'squares'})", loc="left",
                     fontsize=10)
        ax.grid(True, linewidth=0.3)
    axes[0].set_ylabel("How often it happened (%)")
    fig.suptitle("Calibration: forecasts against what happened", x=0.01, ha="left", fontsize=11)
    fig.legend(handles=[diagonal], loc="lower center", frameon=False, fontsize=8)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return fig, calibration_alt(yours, author)


def _groups_text(groups: list[dict]) -> str:
    return "; ".join(f"forecasts of {g['low']}-{g['high']}%: {g['count']}, averaging {g['mean']:.0f}%, "
                     f"{g['happened']} of which happened" for g in groups)


def calibration_alt(yours: list[dict], author: list[dict]) -> str:
    return ("Calibration picture, in two panels. Each point is a group of forecasts: across, their average; up, the "
            "share of them that happened; a dashed diagonal marks where a perfectly calibrated forecaster's points "
            "would lie. "
            f"Left, your forecasts (circles): {_groups_text(yours) or 'none scored'}. "
            f"Right, our reading of the author (squares): {_groups_text(author) or 'none scored'}.")


def figure_html(result: dict) -> Markup:
    import matplotlib.pyplot as plt

    if not result["scored"]:
        return Markup("")
    fig, alt = calibration_figure(result)
    png = base64.b64encode(figure_png(fig)).decode("ascii")
    plt.close(fig)
    return html('<figure><img src="data:image/png;base64,{}" alt="{}" style="max-width:46em;width:100%">'
                "<figcaption>Points on the diagonal are well calibrated: of the things you gave about 70%, about 7 in "
                "10 happened. Points below it mean you were too sure things would happen; above it, not sure "
                "enough. With a handful of forecasts each group is small, so read it as a rough picture.</figcaption>"
                "</figure>", png, alt)


def live_html(result: dict) -> Markup:
    return join([summary_html(result), EXPLAIN, figure_html(result), rows_html(result), AUTHOR_NOTE])


# ---------------------------------------------------------------- paper


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
    """Score yourself by hand: what happened and its source, our reading of the author, and blank columns."""
    rows = []
    for n, q in enumerate(fc.forecast_questions(questions), start=1):
        o = q["forecast"]
        happened = fc.OUTCOME[o["resolution"]]
        mark = {1: "Yes: 1.", 0: "No: 0.", None: "Open: do not score."}[happened]
        author = (f"{o['author_probability']}%" if happened is None else
                  f"{o['author_probability']}% → {fc.fmt((o['author_probability'] / 100 - happened) ** 2)}")
        extension = " (extension)" if q["tier"] == "extension" else ""
        rows.append([str(n), html("{}{}", o.get("short") or o["question"], extension),
                     html("<strong>{}</strong> {} <em>Source: {}.</em>", mark, first_sentence(o["resolved"]),
                          short_source(o["source_title"])),
                     author, "", ""])
    score, count = fc.author_score(questions)
    steps = html(
        "<p><strong>Score yourself.</strong> Copy each forecast from lesson 04 into <em>My %</em>. For each "
        "outcome marked 1 or 0: write your forecast as a decimal (70% = 0.7), subtract the 1 or the 0, and "
        "multiply the answer by itself: (0.7 − 1)² = 0.09. Add up your scores and divide by how many you scored. "
        "Leave out outcomes marked open and any you did not forecast (a blank is not 0). Lower is better: 0 is "
        "perfect; saying 50% on everything always scores 0.25. Our reading of the author (the module's inference "
        "from the op-ed, not his numbers) scores {} on these {} outcomes.</p>", fc.fmt(score), count)
    grid = fixed_table(rows, [("No.", 4), ("Outcome", 20), ("What happened (and the source)", 53),
                              ("Author (our reading) → score", 9), ("My %", 7), ("My score", 7)],
                       "Forecasts from lesson 04: what happened", "sl-forecasts sl-score-by-hand", "11px")
    return join([steps, grid, html("<p><strong>My Brier score:</strong> ______ on ____ outcomes.</p>")])


def forecast_sheet(*, content: Content | None = None, edition: Edition | None = None) -> None:
    """Lesson 04's core forecasts on one compact sheet, for the class-set worksheet only (in JupyterLab and
    the full handout each forecast is its own question, just above)."""
    content = given_content(content)
    edition = editions.given(edition)
    if not edition.paper:
        return
    # The core forecasts: the extension ones are in JupyterLab and the full handout (on a class-set
    # worksheet, three more rows would cost the lesson a fifth page).
    questions = [q for q in fc.forecast_questions(content.questions) if q["lesson"] == "04" and q["tier"] == "core"]
    rows = [[str(n), q["forecast"]["question"], "____ %", ""] for n, q in enumerate(questions, start=1)]
    show_html(fixed_table(rows, [("No.", 4), ("As of 20 November 2017: how likely is it that …", 60),
                                 ("My forecast (0-100)", 11), ("Because (a few words)", 25)],
                          "My forecasts, as of 20 November 2017 (three more, for early finishers, are in the full lesson)",
                          "sl-forecast-sheet", "11px", ids=[q["id"] for q in questions]),
              "My forecasts: " + "; ".join(q["forecast"]["question"] + " ____ %" for q in questions))


def paper_text(questions: list[dict]) -> str:
    lines = ["Score yourself: (forecast as a decimal - outcome)^2, averaged; 0 is perfect, 50% on everything scores 0.25."]
    for q in fc.forecast_questions(questions):
        o = q["forecast"]
        lines.append(f"- {o['question']} -> {o['resolution']}. {o['resolved']} (author, our reading: "
                     f"{o['author_probability']}%) My forecast: ____ My score: ____")
    return "\n".join(lines)


def show_scores(*, content: Content | None = None, edition: Edition | None = None) -> None:
    """The lesson 05 cell: live scores, or the table to score by hand."""
    content = given_content(content)
    edition = editions.given(edition)
    import ipywidgets as w

    questions = content.questions
    if edition.paper:
        show_html(paper_html(questions), paper_text(questions))
        return
    panel = w.HTML()
    again = w.Button(description="Score my forecasts again", icon="refresh", layout=w.Layout(width="auto"),
                     tooltip="Read your saved forecasts again (after changing one in lesson 04)")

    def render(_=None) -> None:
        book = session.SESSION.ensure_book()
        if book is None:
            panel.value = str(html('<p role="status">Type your name at the top of this lesson to see your forecasts '
                                   "scored.</p>") + EXPLAIN)
            return
        book.refresh_if_changed()  # the forecasts were saved in lesson 04
        panel.value = str(live_html(fc.score(questions, book.all())))

    def guarded(_=None) -> None:
        try:
            render()
        except Exception as err:  # noqa: BLE001 - shown here, never only in the log
            panel.value = str(html('<p role="alert"><strong>Your forecasts could not be scored ({}).</strong> '
                                   "Your answers are not changed. Press the button to try again, or score "
                                   "yourself by hand with the table in the printed lesson.</p>",
                                   err.__class__.__name__))

    again.on_click(guarded)
    guarded()
    session.SESSION.listen("forecast_scores", guarded)
    show(w.VBox([panel, again]), paper_html(questions), paper_text(questions))
