"""Forecasts, scored (lesson 05 and the class view).

Students forecast dated outcomes in lesson 04 (the ``forecast`` kind, outcomes
in ``data/forecasts.yaml``). Here they are scored with the Brier score: the
average of (forecast - outcome)², a forecast of 70% counting as 0.7 and the
outcome as 1 if it happened, 0 if not. 0 is perfect; 1 is always confidently
wrong; a forecaster with no skill, who says 50% on everything, gets 0.25.

The rules, each tested in ``tests/test_lesson_05.py``:

- a forecast that is missing, out of range or typed as text is named and
  left out, never scored as 0 (which would be a perfect "no" forecast);
- an outcome still ``open`` in the record is not scored, and the student is told;
- the no-skill forecaster and our reading of the author (``author_probability``,
  the module's inference from the op-ed) are scored on the same outcomes as
  the student, so the three numbers can be compared;
- once lesson 05 has shown a student the outcomes, their forecasts are sealed
  (an entry ``forecasts_sealed`` in their answers file): a forecast changed or
  first made after that is kept apart as a later revision and never scored.

The pictures and the lesson's display are in ``syria_lesson.lessons.forecasts.view``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

NO_SKILL = 50          # per cent: the forecaster who knows nothing
BIN_EDGES = (0, 20, 40, 60, 80, 100)
OUTCOME = {"yes": 1, "no": 0, "open": None}

# Why a saved forecast is not scored, in words a student can act on.
MISSING = "no forecast saved"
NOT_A_NUMBER = "not a number from 0 to 100 (typed as text?)"
OUT_OF_RANGE = "outside 0 to 100"
NOT_SETTLED = "the record has not settled it yet"

# The entry of a student's answers file that holds their forecasts as they stood when lesson 05 first
# showed them the outcomes (not a question: nothing asks for it, and exports leave it out).
SEAL = "forecasts_sealed"


def brier(pairs: Iterable[tuple[float, int]]) -> float | None:
    """The Brier score of (probability in per cent, outcome 0 or 1) pairs; None when there are none."""
    squares = [(p / 100 - o) ** 2 for p, o in pairs]
    return sum(squares) / len(squares) if squares else None


def read_probability(value: Any) -> tuple[int | None, str | None]:
    """(the probability, None), or (None, why it cannot be scored)."""
    if value is None:
        return None, MISSING
    probability = value.get("probability") if isinstance(value, dict) else value
    if probability is None or isinstance(probability, bool) or not isinstance(probability, (int, float)):
        return None, NOT_A_NUMBER
    if not 0 <= probability <= 100:
        return None, OUT_OF_RANGE
    return probability, None


def forecast_questions(questions: list[dict]) -> list[dict]:
    return [q for q in questions if q["kind"] == "forecast"]


def seal(questions: list[dict], values: dict[str, Any], when: str) -> dict:
    """The seal to store once the outcomes are shown: every forecast saved so far, as it stands."""
    return {"sealed": when, "forecasts": {q["id"]: values[q["id"]] for q in forecast_questions(questions)
                                          if values.get(q["id"]) is not None}}


def is_seal(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("sealed"), str) and isinstance(value.get("forecasts"), dict)


def unseal(questions: list[dict], values: dict[str, Any]) -> tuple[dict[str, Any], list[dict]]:
    """(the values to score, the later revisions). With a seal in ``values``, each forecast is scored as
    sealed; a forecast saved since with another value is a revision (``original`` None when it was first
    made after the seal). Without a seal, the values as they are and no revisions."""
    the_seal = values.get(SEAL)
    if not is_seal(the_seal):
        return values, []
    originals = the_seal["forecasts"]
    scored, later = dict(values), []
    for q in forecast_questions(questions):
        now, before = values.get(q["id"]), originals.get(q["id"])
        scored[q["id"]] = before
        if now is not None and now != before:
            later.append({"id": q["id"], "question": q["forecast"]["question"], "sealed": the_seal["sealed"],
                          "original": read_probability(before)[0], "now": read_probability(now)[0]})
    return scored, later


def score(questions: list[dict], values: dict[str, Any]) -> dict:
    """One student's forecasts, scored. ``values``: question id -> saved value (and the seal, if any).

    Returns ``rows`` (one per forecast question, in order), the lists of rows
    ``scored``, ``missing``, ``unusable`` (a value that is not a forecast) and
    ``open``, the Brier scores ``student``, ``no_skill`` and ``author``
    over the scored outcomes (None when nothing is scored), and ``later``: the
    forecasts revised after the seal, kept apart and not scored."""
    values, later = unseal(questions, values)
    rows = []
    for q in forecast_questions(questions):
        outcome = q["forecast"]
        happened = OUTCOME[outcome["resolution"]]
        probability, problem = read_probability(values.get(q["id"]))
        if happened is None:
            problem = NOT_SETTLED if problem is None else f"{problem}; and {NOT_SETTLED}"
        rows.append({
            "id": q["id"], "question": outcome["question"], "outcome": outcome, "happened": happened,
            "probability": probability, "problem": problem, "author": outcome["author_probability"],
            "score": None if problem else (probability / 100 - happened) ** 2,
            "author_score": None if happened is None else (outcome["author_probability"] / 100 - happened) ** 2,
        })
    scored = [r for r in rows if r["score"] is not None]
    return {
        "rows": rows, "scored": scored,
        "missing": [r for r in rows if r["happened"] is not None and r["problem"] == MISSING],
        "unusable": [r for r in rows if r["happened"] is not None and r["problem"] in (NOT_A_NUMBER, OUT_OF_RANGE)],
        "open": [r for r in rows if r["happened"] is None],
        "student": brier((r["probability"], r["happened"]) for r in scored),
        "no_skill": brier((NO_SKILL, r["happened"]) for r in scored),
        "author": brier((r["author"], r["happened"]) for r in scored),
        "later": later,
    }


def author_score(questions: list[dict]) -> tuple[float | None, int]:
    """Our reading of the author, scored on every settled outcome: (score, how many)."""
    pairs = [(q["forecast"]["author_probability"], OUTCOME[q["forecast"]["resolution"]])
             for q in forecast_questions(questions) if OUTCOME[q["forecast"]["resolution"]] is not None]
    return brier(pairs), len(pairs)


def calibration(pairs: Iterable[tuple[float, int]], edges: tuple[int, ...] = BIN_EDGES) -> list[dict]:
    """Forecasts grouped by size (0-20%, 20-40% ...): in each group, how many,
    their average, and the share of them that happened. Empty groups are left out."""
    groups: dict[int, list[tuple[float, int]]] = {}
    for p, o in pairs:
        index = next(i for i in range(len(edges) - 1) if p < edges[i + 1] or i == len(edges) - 2)
        groups.setdefault(index, []).append((p, o))
    out = []
    for index in sorted(groups):
        members = groups[index]
        out.append({"low": edges[index], "high": edges[index + 1], "count": len(members),
                    "mean": sum(p for p, _ in members) / len(members),
                    "happened": sum(o for _, o in members), "share": 100 * sum(o for _, o in members) / len(members)})
    return out


def verdict_words(student: float | None, no_skill: float | None) -> str:
    """How a score compares with the no-skill forecaster's, in words."""
    if student is None or no_skill is None:
        return ""
    if abs(student - no_skill) < 0.005:
        return "about the same as the no-skill forecaster"
    return "better than the no-skill forecaster" if student < no_skill else "worse than the no-skill forecaster"


def fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def fmt_pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}%"


def spread(values: list[float]) -> dict:
    """Lowest, middle (median), highest and how many, of a list of forecasts."""
    ordered = sorted(values)
    n = len(ordered)
    if not n:
        return {"count": 0, "low": None, "median": None, "high": None}
    middle = ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2
    return {"count": n, "low": ordered[0], "median": middle, "high": ordered[-1]}
