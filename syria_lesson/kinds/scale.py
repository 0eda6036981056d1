"""A score on a scale, with a reason."""

from __future__ import annotations

from syria_lesson.core.html import html, join
from syria_lesson.core.validate import integer
from syria_lesson.kinds.base import BOX, Controls, Kind


class Scale(Kind):
    name = "scale"
    label = "Give a score and a reason"
    default_lines = 3

    def check(self, where, item):
        scale = item.get("scale")
        if not isinstance(scale, dict):
            where.problem("scale", scale, "is missing", "add scale: {min: 1, max: 5, low: '...', high: '...'}")
            return
        low = where.field(scale, "min", integer(0, 10))
        high = where.field(scale, "max", integer(1, 10))
        if low is not None and high is not None and low >= high:
            where.problem("scale", scale, "has min not below max", "make min smaller than max, e.g. 1 and 5")

    def paper(self, q):
        scale = q["scale"]
        marks = join(html("{} {} ", BOX, n) for n in range(scale["min"], scale["max"] + 1))
        out = html('<p class="sl-scale">{} &nbsp; {} &nbsp; {}</p>', scale.get("low", ""), marks, scale.get("high", ""))
        if q.get("reason", True):
            out += html("<p>Reason:</p>")
        return out

    def paper_text(self, q):
        scale = q["scale"]
        return [f"  Score {scale['min']}-{scale['max']}: ____  Reason: ____"]

    def is_valid(self, q, value):
        return isinstance(value, dict) and (value.get("score") is None or isinstance(value.get("score"), int))

    def is_answered(self, q, value):
        return self.is_valid(q, value) and value.get("score") is not None

    def text(self, q, value):
        reason = value.get("reason") or ""
        return f"{value['score']} / {q['scale']['max']}" + (f". Reason: {reason}" if reason else "")

    def partial(self, q, value):
        return f"Reason: {value['reason']}" if (value.get("reason") or "").strip() else None

    def controls(self, q, ui):
        import ipywidgets as w

        scale = q["scale"]
        values = list(range(scale["min"], scale["max"] + 1))
        tips = [scale.get("low", "") if v == values[0] else scale.get("high", "") if v == values[-1] else str(v)
                for v in values]
        score = w.ToggleButtons(options=values, value=None, description="Score", tooltips=tips)
        hint = w.HTML(html("<span>{} = {}; {} = {}</span>", scale["min"], scale.get("low", ""),
                           scale["max"], scale.get("high", "")))
        reason = w.Textarea(description="Reason", placeholder="Why?", continuous_update=False,
                            layout=w.Layout(width="100%", height="6em"))

        def get():
            # A reason without a score is still the student's writing: it is saved too.
            if score.value is None and not reason.value.strip():
                return None
            return {"score": score.value, "reason": reason.value}

        def set_(value):
            value = value if isinstance(value, dict) else {}
            score.value = value.get("score") if value.get("score") in values else None
            reason.value = value.get("reason") or ""

        return Controls([score, hint, reason], get, set_, [score, reason])
