"""An open question: the student writes."""

from __future__ import annotations

from syria_lesson.kinds.base import Controls, Kind


class Open(Kind):
    name = "open"
    label = "Write your answer"
    default_lines = 6
    reason_in = None  # the answer is the writing

    def paper_text(self, q):
        return ["  Answer: ____"]

    def controls(self, q, ui):
        import ipywidgets as w

        area = w.Textarea(placeholder="Type your answer here", description="Your answer",
                          continuous_update=False, layout=w.Layout(width="100%", height="10em"))
        area.tooltip = "Your answer to: " + ui.short_prompt

        def get():
            return area.value

        def set_(value):
            area.value = value or ""

        return Controls([area], get, set_, [area])
