"""Lesson 05's "Your forecasts, scored": live in JupyterLab, a table to score by hand on paper.

Live, it reads the current student's saved forecasts (made in lesson 04, so
possibly in another kernel: the file is read again when it changed) and shows
their Brier score in plain words beside the no-skill forecaster, a table per
outcome, and a calibration picture. It redraws on every save in this lesson and
on "Score my forecasts again".

The first time it shows a confirmed student the outcomes, it seals their
forecasts (``fc.SEAL``, stored in their answers file): a forecast changed or
first made after that is shown as a later revision and never scored. Our
reading of the author, scored, waits for the student's verdicts
(``syria_lesson.lessons.forecasts.author``).
"""

from __future__ import annotations

import base64
import datetime as dt

from syria_lesson.core import editions
from syria_lesson.core.display import figure_png, show, show_html
from syria_lesson.core.editions import Edition
from syria_lesson.core.html import Markup, html, join, link, table
from syria_lesson.data import Content, given_content
from syria_lesson.lessons import forecasts as fc
from syria_lesson.lessons.forecasts.paper import fixed_table, paper_html, paper_text
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

LATER_AUTHOR = ("How the author would have scored comes after your own verdicts on his predictions "
                "(section 3).")


def _outcome_cell(row: dict) -> Markup:
    return html("{}", row["question"])


def _what_happened(outcome: dict) -> Markup:
    return html("{} <small>Source: {}</small>", outcome["resolved"], link(outcome["source_url"], outcome["source_title"]))


def _happened_label(row: dict) -> str:
    return {1: "Yes (1)", 0: "No (0)", None: "Still open: not scored"}[row["happened"]]


def _pct(value) -> str:
    return "no forecast" if value is None else f"{value}%"


def summary_html(result: dict) -> Markup:
    """The student's score and the no-skill forecaster's in words, what was left out and why, and any
    forecast revised after the seal."""
    parts = []
    n = len(result["scored"])
    if n:
        words = fc.verdict_words(result["student"], result["no_skill"])
        parts.append(html(
            '<p role="status"><strong>Your Brier score: {}</strong> on {} settled outcome{} ({}). '
            "The no-skill forecaster (50% on everything) scores {} on the same outcomes. {}</p>",
            fc.fmt(result["student"]), n, "" if n == 1 else "s", words, fc.fmt(result["no_skill"]), LATER_AUTHOR))
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
    if result["later"]:
        parts.append(later_html(result["later"]))
    return join(parts)


def later_html(later: list[dict]) -> Markup:
    """The forecasts changed after the outcomes were shown: kept apart, never scored."""
    items = join(html("<li>{}: before you saw the outcomes, {} (this is what is scored); changed later to {} "
                      "(not scored)</li>", r["question"], _pct(r["original"]), _pct(r["now"])) for r in later)
    return html('<div class="sl-later"><p><strong>Later revisions, kept apart.</strong> Your forecasts were sealed '
                "on {} at {}, when this lesson first showed you what happened. A forecast changed or made after "
                "that is shown here and never scored: hindsight is not forecasting.</p><ul>{}</ul></div>",
                later[0]["sealed"][:10], later[0]["sealed"][11:16], items)


def rows_html(result: dict) -> Markup:
    revised = {r["id"]: r for r in result["later"]}
    rows = [{"outcome": _outcome_cell(r),
             "yours": html("{}{}", "–" if r["probability"] is None else f"{r['probability']}%",
                           html("<br><small>changed later to {}: not scored</small>", _pct(revised[r["id"]]["now"]))
                           if r["id"] in revised else ""),
             "happened": html("<strong>{}</strong> {}", _happened_label(r), _what_happened(r["outcome"])),
             "score": fc.fmt(r["score"]) if r["score"] is not None else "not scored"}
            for r in result["rows"]]
    return table(rows, [("outcome", "As of 20 November 2017: how likely is it that …"), ("yours", "Your forecast"),
                        ("happened", "Did it happen? (what happened, and the source)"), ("score", "Your score")],
                 "Your forecasts and what happened", css_class="sl-forecasts")


def calibration_figure(result: dict, *, author: bool = True):
    """Matplotlib figure and its alt text: forecasts grouped by size against how often they came true,
    the student's (circles) and, with ``author``, our reading of the author's beside it (squares)."""
    import matplotlib.pyplot as plt

    yours = fc.calibration((r["probability"], r["happened"]) for r in result["scored"])
    theirs = fc.calibration((r["author"], r["happened"]) for r in result["scored"]) if author else None
    panels = [(yours, STUDENT_STYLE)] + ([(theirs, AUTHOR_STYLE)] if author else [])
    fig, axes = plt.subplots(1, len(panels), figsize=(4.3 * len(panels), 4.2), sharey=True, squeeze=False)
    axes = axes[0]
    for ax, (groups, style) in zip(axes, panels):
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
    return fig, calibration_alt(yours, theirs)


def _groups_text(groups: list[dict]) -> str:
    return "; ".join(f"forecasts of {g['low']}-{g['high']}%: {g['count']}, averaging {g['mean']:.0f}%, "
                     f"{g['happened']} of which happened" for g in groups)


def calibration_alt(yours: list[dict], author: list[dict] | None) -> str:
    panels = "in two panels" if author is not None else "in one panel"
    text = (f"Calibration picture, {panels}. Each point is a group of forecasts: across, their average; up, the "
            "share of them that happened; a dashed diagonal marks where a perfectly calibrated forecaster's points "
            "would lie. "
            f"{'Left, y' if author is not None else 'Y'}our forecasts (circles): {_groups_text(yours) or 'none scored'}.")
    if author is not None:
        text += f" Right, our reading of the author (squares): {_groups_text(author) or 'none scored'}."
    return text


def figure_html(result: dict, *, author: bool = False) -> Markup:
    import matplotlib.pyplot as plt

    if not result["scored"]:
        return Markup("")
    fig, alt = calibration_figure(result, author=author)
    png = base64.b64encode(figure_png(fig)).decode("ascii")
    plt.close(fig)
    return html('<figure><img src="data:image/png;base64,{}" alt="{}" style="max-width:{}em;width:100%">'
                "<figcaption>Points on the diagonal are well calibrated: of the things given about 70%, about 7 in "
                "10 happened. Points below it mean too sure things would happen; above it, not sure "
                "enough. With a handful of forecasts each group is small, so read it as a rough picture.</figcaption>"
                "</figure>", png, alt, 46 if author else 24)


def live_html(result: dict) -> Markup:
    return join([summary_html(result), EXPLAIN, figure_html(result), rows_html(result)])


# ---------------------------------------------------------------- paper


def forecast_sheet(tier: str = "core", *, content: Content | None = None, edition: Edition | None = None) -> None:
    """Lesson 04's forecasts of one tier on one compact sheet, for the class-set worksheet only (in JupyterLab
    and the full handout each forecast is its own question, just above). The extension forecasts go on
    the full worksheet's extension page (three more rows would cost the core worksheet a fifth page),
    numbered on from the core ones, as lesson 05's table numbers them."""
    content = given_content(content)
    edition = editions.given(edition)
    if not edition.paper:
        return
    lesson = [q for q in fc.forecast_questions(content.questions) if q["lesson"] == "04"]
    numbers = {q["id"]: n for n, q in enumerate(sorted(lesson, key=lambda q: q["tier"] != "core"), start=1)}
    questions = [q for q in lesson if q["tier"] == tier]
    rows = [[str(numbers[q["id"]]), q["forecast"]["question"], "____ %", ""] for q in questions]
    caption = "My forecasts, as of 20 November 2017" if tier == "core" else "More forecasts, as of 20 November 2017"
    show_html(fixed_table(rows, [("No.", 4), ("As of 20 November 2017: how likely is it that …", 63),
                                 ("My forecast (0-100)", 10), ("Because (a few words)", 23)],
                          caption, "sl-forecast-sheet", "10.5px", ids=[q["id"] for q in questions]),
              "My forecasts: " + "; ".join(q["forecast"]["question"] + " ____ %" for q in questions))


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
                     tooltip="Read your saved forecasts again; a change made after you saw the outcomes is shown, not scored")

    def render(_=None) -> None:
        book = session.SESSION.ensure_book()
        if book is None:
            panel.value = str(html('<p role="status">Type your name at the top of this lesson to see your forecasts '
                                   "scored.</p>") + EXPLAIN)
            return
        if not session.SESSION.confirmed:  # maybe the last student on this computer: show and seal nothing
            panel.value = str(html('<p role="status">Press “Yes, I am {}” at the top of this lesson (or type your '
                                   "own name) to see your forecasts scored.</p>", book.name) + EXPLAIN)
            return
        book.refresh_if_changed()  # the forecasts were saved in lesson 04
        values = book.all()
        if not fc.is_seal(values.get(fc.SEAL)):  # the outcomes are shown now: keep the forecasts as they stand
            now = dt.datetime.now().astimezone().isoformat(timespec="seconds")
            book.save(fc.SEAL, fc.seal(questions, values, now))
            values = book.all()
        panel.value = str(live_html(fc.score(questions, values)))

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
