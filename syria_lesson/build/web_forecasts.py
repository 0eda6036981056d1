"""Lesson 05's "Your forecasts, scored" in the web edition.

The page carries the outcomes of lesson 04's forecasts (public: lesson 05 shows
them anyway), each as 1, 0 or None (still open), as ``forecasts.OUTCOME`` reads
the record; templates/web/web_scores.js scores the student's saved forecasts
with them by the rules of ``syria_lesson.lessons.forecasts`` (Brier score,
the no-skill 0.25 beside it, the calibration picture (web_calibration.js), the seal ``forecasts.SEAL`` stored the first time
the scores are shown, later revisions listed apart and never scored). On paper
the page prints the table to score by hand, as the handout does.
"""

from __future__ import annotations

import json

from syria_lesson.core.html import Markup, html
from syria_lesson.data import Content
from syria_lesson.lessons import forecasts as fc
from syria_lesson.lessons.forecasts.paper import paper_html
from syria_lesson.lessons.forecasts.view import EXPLAIN, LATER_AUTHOR

# Under the calibration picture (templates/web/web_calibration.js), as under JupyterLab's (forecasts.view).
CALIBRATION_CAPTION = ("Points on the diagonal are well calibrated: of the things given about 70%, about 7 in 10 "
                       "happened. Points below it mean too sure things would happen; above it, not sure enough. With "
                       "a handful of forecasts each group is small, so read it as a rough picture.")


def outcomes(content: Content) -> dict:
    """What the script needs to score: the forecast questions in order, each with its outcome."""
    items = []
    for q in fc.forecast_questions(content.questions):
        outcome = q["forecast"]
        items.append({"id": q["id"], "question": outcome["question"], "happened": fc.OUTCOME[outcome["resolution"]],
                      "resolved": outcome["resolved"], "source_title": outcome["source_title"],
                      "source_url": outcome["source_url"]})
    return {"seal": fc.SEAL, "noSkill": fc.NO_SKILL, "outcomes": items, "laterAuthor": LATER_AUTHOR,
            "binEdges": list(fc.BIN_EDGES), "calibrationCaption": CALIBRATION_CAPTION,
            "problems": {"missing": fc.MISSING, "unusable": fc.NOT_A_NUMBER, "range": fc.OUT_OF_RANGE,
                         "open": fc.NOT_SETTLED}}


def _json(value) -> Markup:
    text = json.dumps(value, ensure_ascii=True, sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def panel(content: Content) -> Markup:
    """The live scores (filled in by web_scores.js), how the score works, and the table to score by hand,
    which only a printed page shows."""
    return html('<div class="sl-scores" data-scores><div class="sl-scores-live"><p role="status">Type your name '
                "at the top of this lesson to see your forecasts scored.</p></div>{}"
                '<script type="application/json" class="sl-scores-data">{}</script></div>'
                '<div class="sl-print-only">{}</div>', EXPLAIN, _json(outcomes(content)),
                paper_html(content.questions))
