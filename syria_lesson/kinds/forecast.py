"""A forecast: the probability (0-100%) that a dated outcome happens, given in
November 2017's shoes. Outcomes and how they resolved are in
``data/forecasts.yaml``; lesson 05 scores them. A missing, out-of-range or
non-numeric entry gets a plain message and is never saved as a number."""

from __future__ import annotations

import re

from syria_lesson.core.html import html
from syria_lesson.core.validate import ident
from syria_lesson.kinds.base import Controls, Kind


def parse(text: str) -> tuple[int | None, str | None]:
    """(probability, None) or (None, what to do). '70', '70%' and ' 70 ' are all 70."""
    cleaned = text.strip().rstrip("%").strip()
    if not cleaned:
        return None, "Type a whole number from 0 to 100 (how likely, in per cent)."
    fraction = re.fullmatch(r"0?[.,](\d+)|1[.,]0*", cleaned)
    if fraction:  # 0.7 is a probability written as a fraction: say how to type it, never guess
        percent = round(float(cleaned.replace(",", ".")) * 100)
        return None, f"“{text.strip()}” looks like a fraction: type {percent} for {percent}% (a whole number from 0 to 100)."
    if re.fullmatch(r"\d{1,3}[.,]\d+", cleaned):
        return None, f"“{text.strip()}” is not a whole number: type a whole number from 0 to 100, such as 70."
    if not re.fullmatch(r"\d{1,3}", cleaned):
        return None, f"“{text.strip()}” is not a number: type a whole number from 0 to 100, such as 70."
    number = int(cleaned)
    if number > 100:
        return None, f"{number} is more than 100: a probability goes from 0 (it will not happen) to 100 (it will)."
    return number, None


class Forecast(Kind):
    name = "forecast"
    label = "Your forecast"
    builds_prompt = True
    default_lines = 2

    def check(self, where, item):
        where.field(item, "outcome", ident)

    def resolve(self, q, content):
        outcome = content.forecast(q["outcome"])
        prompt = q.get("prompt") or f"As of 20 November 2017: how likely is it that {outcome['question']}"
        return {**q, "forecast": outcome, "prompt": prompt}

    def paper(self, q):
        return html('<p class="sl-forecast">My forecast: ______ %  (0 = it will certainly not happen, '
                    "100 = it certainly will)</p><p>Because:</p>")

    def paper_text(self, q):
        return ["  My forecast: ____ %   Because: ____"]

    def is_valid(self, q, value):
        return isinstance(value, dict) and (value.get("probability") is None or isinstance(value.get("probability"), int))

    def is_answered(self, q, value):
        return self.is_valid(q, value) and isinstance(value.get("probability"), int) and 0 <= value["probability"] <= 100

    def text(self, q, value):
        return f"{value['probability']}%" + (f". Because: {value['reason']}" if value.get("reason") else "")

    def partial(self, q, value):
        return f"Because: {value['reason']}" if (value.get("reason") or "").strip() else None

    def controls(self, q, ui):
        import ipywidgets as w

        number = w.Text(placeholder="0 to 100", description="How likely (%)", continuous_update=False,
                        style={"description_width": "initial"}, layout=w.Layout(width="16em"))
        reason = w.Textarea(placeholder="Because ... (evidence from before 20 November 2017)", description="Because",
                            continuous_update=False, layout=w.Layout(width="100%", height="4em"))
        problem = {"text": None}

        def get():
            probability, why = parse(number.value)
            problem["text"] = why if number.value.strip() or not reason.value.strip() else None
            if probability is None and not reason.value.strip():
                return None
            return {"probability": probability, "reason": reason.value}

        def set_(value):
            value = value if isinstance(value, dict) else {}
            number.value = "" if value.get("probability") is None else str(value["probability"])
            reason.value = value.get("reason") or ""

        def incomplete():
            return problem["text"]

        return Controls([number, reason], get, set_, [number, reason], incomplete)
