"""Putting items in order."""

from __future__ import annotations

from syria_lesson.core.html import html, join
from syria_lesson.kinds.base import Controls, Kind
from syria_lesson.kinds.choice import Choice


class Ranking(Kind):
    name = "ranking"
    label = "Put these in order (1 = first)"
    reason_in = None  # the order is the answer

    check = Choice.check

    def paper(self, q):
        items = join(html("<li>____ {}</li>", o) for o in q["options"])
        return html('<ul class="sl-options" style="list-style:none">{}</ul>', items)

    def paper_text(self, q):
        return [f"  ____ {o}" for o in q["options"]]

    def is_valid(self, q, value):
        return isinstance(value, list) and all(isinstance(v, str) for v in value)

    def is_answered(self, q, value):
        return self.is_valid(q, value) and sorted(value) == sorted(q["options"])

    def text(self, q, value):
        return "; ".join(f"{n}. {item}" for n, item in enumerate(value, start=1))

    def controls(self, q, ui):
        import ipywidgets as w

        options = list(q["options"])
        choices = [("–", 0)] + [(str(n), n) for n in range(1, len(options) + 1)]
        drops = []
        for option in options:
            drop = w.Dropdown(options=choices, value=0, description="Rank", layout=w.Layout(width="6em"))
            drop.tooltip = f"Rank of: {option}"
            drops.append(drop)
        rows = [w.HBox([drop, w.Label(option)]) for drop, option in zip(drops, options)]

        def get():
            ranks = [d.value for d in drops]
            if sorted(ranks) != list(range(1, len(options) + 1)):
                return None
            return [option for _, option in sorted(zip(ranks, options))]

        def set_(value):
            complete = isinstance(value, list) and sorted(value) == sorted(options)
            for drop, option in zip(drops, options):
                drop.value = value.index(option) + 1 if complete else 0

        def incomplete():
            if any(d.value for d in drops):
                return "Give each item a different rank, then press Save."
            return None

        return Controls(rows, get, set_, drops, incomplete)
