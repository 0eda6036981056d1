"""What a live question does to its kind's controls: finds every control that
holds input, names each for a screen reader, lets half an emoji through, and
tells apart the browser windows that type into one box.

Two windows of one lesson (two browser tabs on one notebook) share each
control: text typed in one is sent to the other, which shows it in place of
its own. When two windows type into a box at once, the kernel sees each
window's text arrive in turn (each message names the window's session), and
the view keeps both texts and says so (``QuestionView``): the box shows the
latest, the other window's text is shown under it and saved in the answer's
history. A window carrying on from the other's text is no clash.
"""

from __future__ import annotations

import time

from syria_lesson.live.files import printable

CLASH_SECONDS = 10.0  # another window's change this recent: someone is typing there


def value_controls(widgets) -> list:
    """Every control that holds a student's input, inside boxes too."""
    import ipywidgets as w

    found = []
    for widget in widgets:
        if isinstance(widget, w.Box):
            found += value_controls(widget.children)
        elif isinstance(widget, w.ValueWidget) and not isinstance(widget, (w.HTML, w.HTMLMath, w.Label)):
            found.append(widget)
    return found


def name_controls(widgets, tag: str) -> None:
    """Give every control an accessible name that says which question it
    belongs to ("Save question 3", "Question 3: How likely (%)"), so a screen
    reader can tell the 22 Save buttons of a lesson apart. Where one question
    has several controls of one name (ranks, matches), the kind's tooltip,
    which names the item, is used instead."""
    import ipywidgets as w

    # A check box's description is its word, which the classify kind reads back as the answer: left as it is.
    controls = [c for c in value_controls(widgets) if getattr(c, "description", "") and not isinstance(c, w.Checkbox)]
    buttons = _buttons(widgets)
    names = [c.description for c in controls]
    for control in controls:
        base = control.description
        if names.count(base) > 1 and control.tooltip:
            base = control.tooltip
        control.description = f"{tag.capitalize()}: {base}"
        control.style.description_width = "initial"
    for button in buttons:
        button.description = (f"{button.description} {tag}" if button.description in ("Save", "Check")
                              else f"{button.description} ({tag})")
        button.layout.width = "auto"


def _buttons(widgets) -> list:
    import ipywidgets as w

    found = []
    for widget in widgets:
        if isinstance(widget, w.Box):
            found += _buttons(widget.children)
        elif isinstance(widget, w.Button):
            found.append(widget)
    return found


def keep_unsendable_text(widget) -> None:
    """Half an emoji (a lone surrogate, pasted) cannot be sent to the browser,
    and ipywidgets' echo of it would fail before the value is even set, dropping
    the whole edit. The kernel keeps the text as it is (the file stores it
    escaped); the browser is sent U+FFFD in the half emoji's place."""
    send = widget._send

    def _send(msg, buffers=None):
        return send(printable(msg), buffers=buffers)

    widget._send = _send


class Windows:
    """Which browser window last changed each watched control of one question."""

    def __init__(self) -> None:
        self.sender: str | None = None  # the window whose message is being handled
        self.last: dict[int, tuple[str, float]] = {}

    def watch(self, control) -> None:
        """Note the window (its session) of every message from the browser to ``control``."""
        previous = getattr(control.comm, "_msg_callback", None) or control._handle_msg

        def handle(msg):
            self.sender = (msg.get("header") or {}).get("session") or None
            try:
                return previous(msg)
            finally:
                self.sender = None

        control.comm.on_msg(handle)

    def clash(self, control, old, new) -> bool:
        """Whether this change replaces text another window typed a moment ago, without carrying on from it."""
        window = self.sender
        if window is None:  # the kernel's own change, which every window is sent
            self.last.pop(id(control), None)
            return False
        now = time.monotonic()
        before = self.last.get(id(control))
        self.last[id(control)] = (window, now)
        if before is None or before[0] == window or now - before[1] > CLASH_SECONDS:
            return False
        old, new = str(old or ""), str(new or "")
        return bool(old.strip()) and not (new.startswith(old) or old.startswith(new))
