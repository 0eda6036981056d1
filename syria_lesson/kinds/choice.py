"""Choosing one option: a poll (``choice``, no right answer) or a self-check
(``selfcheck``: one right option, and feedback on every option)."""

from __future__ import annotations

from syria_lesson.core.html import html, join
from syria_lesson.core.validate import Invalid, text
from syria_lesson.kinds.base import (
    BECAUSE_TEXT,
    BOX,
    Controls,
    Kind,
    because_line,
    options_text,
    reason_area,
    reason_wanted,
    shuffled,
    verdict_html,
)


def _options(value):
    if not isinstance(value, list) or len(value) < 2:
        raise Invalid("needs a list of at least two options", "list the options, one per line, each after '- '")
    return value


class Choice(Kind):
    name = "choice"
    label = "Choose one"
    reason_in = None  # the answer (the option chosen) is all there is

    def check(self, where, item):
        for number, option in enumerate(where.field(item, "options", _options) or [], start=1):
            if not isinstance(option, str) or not option.strip():
                where.problem("", option, "is not text", "write each option as plain text after '- '",
                              place=f"{where.place}, option {number}")

    def shown(self, q) -> list[str]:
        """The options in the order a student sees them."""
        return [options_text(o) for o in q["options"]]

    def paper(self, q):
        items = join(html("<li>{} {}</li>", BOX, o) for o in self.shown(q))
        return html('<ul class="sl-options" style="list-style:none">{}</ul>', items)

    def paper_text(self, q):
        return [f"  [ ] {o}" for o in self.shown(q)]

    def is_valid(self, q, value):
        return isinstance(value, str)

    def is_answered(self, q, value):
        return self.is_valid(q, value) and value in self.shown(q)

    def controls(self, q, ui):
        import ipywidgets as w

        options = self.shown(q)
        radio = w.RadioButtons(options=options, value=None, description="Choose",
                               layout=w.Layout(width="100%"), style={"description_width": "initial"})

        def set_(value):
            radio.value = value if value in options else None

        return Controls([radio], lambda: radio.value, set_, [radio])


class SelfCheck(Choice):
    name = "selfcheck"
    label = "Self-check: choose one"
    reason_in = "reason"

    def check(self, where, item):
        texts = []
        for number, option in enumerate(where.field(item, "options", _options) or [], start=1):
            place = f"{where.place}, option {number}"
            if not isinstance(option, dict):
                where.problem("", option, "has no feedback", "write each option as {text: ..., feedback: ...}", place)
                continue
            texts.append(where.field(option, "text", text(300), place=place))
            where.field(option, "feedback", text(800), place=place)
        answer = where.field(item, "answer", text(300))
        if answer and texts and answer not in texts:
            where.problem("answer", answer, "is not one of the options", "copy the text of the right option exactly")

    def paper(self, q):
        return super().paper(q) + because_line()  # the screen asks for a reason before it checks

    def paper_text(self, q):
        return super().paper_text(q) + [BECAUSE_TEXT]

    def shown(self, q):
        # Shuffled: in the file the right option is usually first.
        texts = [options_text(o) for o in q["options"]]
        return shuffled(texts, q["id"], right=q["answer"])

    def is_valid(self, q, value):
        return isinstance(value, dict) and isinstance(value.get("choice"), str)

    def is_answered(self, q, value):
        return self.is_valid(q, value) and value["choice"] in self.shown(q)

    def text(self, q, value):
        reason = f". Because: {value['reason']}" if (value.get("reason") or "").strip() else ""
        return value["choice"] + (" (right)" if value.get("correct") else " (not right yet)") + reason

    def feedback(self, q, choice: str):
        option = next(o for o in q["options"] if o["text"] == choice)
        return verdict_html(choice == q["answer"], option["feedback"])

    def answer_positions(self, q):
        return [self.shown(q).index(q["answer"])]

    def secrets(self, q):
        return [o["feedback"] for o in q["options"]]

    def reading(self, q):
        right = next(o for o in q["options"] if o["text"] == q["answer"])
        others = join(html("<li>{}: {}</li>", o["text"], o["feedback"]) for o in q["options"] if o is not right)
        return html("<p><strong>Answer:</strong> {}. {}</p><p>The other options:</p><ul>{}</ul>",
                    right["text"], right["feedback"], others)

    def controls(self, q, ui):
        import ipywidgets as w

        base = super().controls(q, ui)
        radio = base.widgets[0]
        reason = reason_area()
        check = w.Button(description="Check", tooltip="Check your choice")

        def get():
            if radio.value is None:
                return None
            return {"choice": radio.value, "correct": radio.value == q["answer"], "reason": reason.value}

        def on_check(_=None):
            # A choice and a reason: clicking through the options never earns the feedback.
            if radio.value is None:
                ui.feedback("Choose an option first.")
                return
            wanted = reason_wanted(reason.value, "press Check")
            if wanted:
                ui.feedback(wanted)
                return
            ui.feedback(self.feedback(q, radio.value))
            ui.save()

        def set_(value):
            value = value if isinstance(value, dict) else {}
            base.set(value.get("choice"))
            reason.value = value.get("reason") or ""
            ui.feedback(self.feedback(q, radio.value) if radio.value and self.shows_thought(q, value) else "")

        check.on_click(ui.guarded(on_check))
        # A self-check is saved when the student presses Check, not on every click of an option.
        return Controls([radio, reason, check], get, set_, [])
