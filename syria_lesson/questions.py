"""Question widgets: each question from ``data/questions.yaml`` as a live,
labelled widget that saves to the student's answer file, with a worksheet
version of the same question as its static face.

Pure functions (``worksheet_html``, ``export_markdown``, ``export_html``,
``is_answered``) hold the logic, so tests need no widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import answers, paths
from .display import box, esc, show, show_html

KIND_LABELS = {
    "open": "Write your answer",
    "choice": "Choose one",
    "scale": "Give a score and a reason",
    "ranking": "Put these in order (1 = first)",
    "selfcheck": "Self-check: choose one",
}
DEFAULT_LINES = {"open": 6, "scale": 3, "choice": 0, "ranking": 0, "selfcheck": 0}
BOX = "\u2610"  # an empty check box, for paper


# ---------------------------------------------------------------- static faces


def _lines(count: int) -> str:
    line = '<div class="sl-line" style="border-bottom:1px solid #555;height:2em"></div>'
    return f'<div class="sl-lines" role="img" aria-label="space to write">{line * count}</div>'


def _option_text(option: Any) -> str:
    return option["text"] if isinstance(option, dict) else str(option)


def worksheet_html(question: dict, notes: dict | None = None) -> str:
    """A question as it appears on paper: the prompt and room to answer.

    ``notes`` (instructor edition only) adds the teaching note, the model
    answer and, for self-checks, the right option with its explanation.
    """
    kind = question["kind"]
    lines = question.get("lines") or DEFAULT_LINES[kind]
    parts = [
        f'<p class="sl-q-meta">{esc(KIND_LABELS[kind])} · <span class="sl-q-level">{esc(question["level"])}</span>'
        f' · <span class="sl-q-id">{esc(question["id"])}</span></p>',
        f'<p class="sl-q-prompt"><strong>{esc(question["prompt"])}</strong></p>',
    ]
    if kind in ("choice", "selfcheck"):
        items = "".join(f"<li>{BOX} {esc(_option_text(o))}</li>" for o in question["options"])
        parts.append(f'<ul class="sl-options" style="list-style:none">{items}</ul>')
    elif kind == "ranking":
        items = "".join(f"<li>____ {esc(o)}</li>" for o in question["options"])
        parts.append(f'<ul class="sl-options" style="list-style:none">{items}</ul>')
    elif kind == "scale":
        scale = question["scale"]
        marks = " ".join(f"{BOX} {n}" for n in range(scale["min"], scale["max"] + 1))
        parts.append(f'<p class="sl-scale">{esc(scale.get("low", ""))} &nbsp; {marks} &nbsp; '
                     f'{esc(scale.get("high", ""))}</p>')
        if question.get("reason", True):
            parts.append("<p>Reason:</p>")
    if lines:
        parts.append(_lines(lines))
    if notes is not None:
        parts.append(instructor_html(question, notes.get(question["id"], {})))
    return f'<div class="sl-question" id="q-{esc(question["id"])}">{"".join(parts)}</div>'


def instructor_html(question: dict, note: dict) -> str:
    body = []
    if question["kind"] == "selfcheck":
        right = next(o for o in question["options"] if o["text"] == question["answer"])
        body.append(f'<p><strong>Answer:</strong> {esc(right["text"])}. {esc(right["feedback"])}</p>')
    if note.get("note"):
        body.append(f'<p><strong>Teaching note:</strong> {esc(note["note"])}</p>')
    if note.get("model_answer"):
        body.append(f'<p><strong>Model answer:</strong> {esc(note["model_answer"])}</p>')
    if not body:
        return ""
    return box("For the instructor", "".join(body), kind="instructor")


def worksheet_text(question: dict) -> str:
    text = [f"[{question['id']}] {question['prompt']}"]
    if question["kind"] in ("choice", "selfcheck", "ranking"):
        text += [f"  [ ] {_option_text(o)}" for o in question["options"]]
    if question["kind"] == "scale":
        scale = question["scale"]
        text.append(f"  Score {scale['min']}-{scale['max']}: ____  Reason: ____")
    if question["kind"] == "open":
        text.append("  Answer: ____")
    return "\n".join(text)


# ---------------------------------------------------------------- answers as text


def is_answered(question: dict, value: Any) -> bool:
    if value is None:
        return False
    kind = question["kind"]
    if kind == "open":
        return bool(str(value).strip())
    if kind == "scale":
        return isinstance(value, dict) and value.get("score") is not None
    if kind == "ranking":
        return isinstance(value, list) and len(value) == len(question["options"])
    if kind == "selfcheck":
        return isinstance(value, dict) and bool(value.get("choice"))
    return bool(value)


def answer_text(question: dict, value: Any) -> str:
    """A saved answer as plain text (not escaped: callers escape for their format)."""
    if not is_answered(question, value):
        return "(not answered)"
    kind = question["kind"]
    if kind == "scale":
        reason = value.get("reason") or ""
        return f"{value['score']} / {question['scale']['max']}" + (f". Reason: {reason}" if reason else "")
    if kind == "ranking":
        return "; ".join(f"{n}. {item}" for n, item in enumerate(value, start=1))
    if kind == "selfcheck":
        return value["choice"] + (" (right)" if value.get("correct") else " (not right yet)")
    return str(value)


def _md_escape(value: str) -> str:
    """Make student text inert in Markdown: HTML is escaped, and characters
    that start Markdown syntax are backslash-escaped."""
    value = esc(value)
    for ch in "\\`*_{}[]#|~!":
        value = value.replace(ch, "\\" + ch)
    return value


def export_markdown(name: str, questions: list[dict], values: dict[str, Any]) -> str:
    out = ["# Answers: U.S.-Russia diplomacy over Syria", "", f"Student: {_md_escape(name)}", ""]
    for q in questions:
        out += [f"## {esc(q['id'])}", "", f"**Question.** {_md_escape(q['prompt'])}", "",
                f"**Answer.** {_md_escape(answer_text(q, values.get(q['id'])))}", ""]
    return "\n".join(out)


def export_html(name: str, questions: list[dict], values: dict[str, Any]) -> str:
    items = []
    for q in questions:
        answer = esc(answer_text(q, values.get(q["id"]))).replace("\n", "<br>")
        items.append(f'<section><h2>{esc(q["id"])}</h2><p><strong>Question.</strong> {esc(q["prompt"])}</p>'
                     f'<p><strong>Answer.</strong> {answer}</p></section>')
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f'<title>Answers of {esc(name)}</title>'
            '<style>body{font-family:sans-serif;max-width:45em;margin:2em auto;line-height:1.5}'
            'section{border-top:1px solid #999}</style></head><body><main>'
            f'<h1>Answers: U.S.-Russia diplomacy over Syria</h1><p>Student: {esc(name)}</p>'
            + "".join(items) + "</main></body></html>\n")


def export(book: answers.AnswerBook, questions: list[dict], folder: Path | None = None) -> tuple[Path, Path]:
    """Write the student's answers, with the questions, as Markdown and HTML."""
    folder = Path(folder) if folder else book.folder / "export"
    folder.mkdir(parents=True, exist_ok=True)
    stem = answers.file_stem(book.name)
    values = book.all()
    md = folder / f"{stem}-answers.md"
    page = folder / f"{stem}-answers.html"
    answers.write_atomic(md, export_markdown(book.name, questions, values))
    answers.write_atomic(page, export_html(book.name, questions, values))
    return md, page


# ---------------------------------------------------------------- the live session


class Session:
    """The student's answer book for this kernel, shared by every widget."""

    def __init__(self) -> None:
        self.book: answers.AnswerBook | None = None
        # Called when the student changes (widgets reload) and after each save
        # (progress views redraw). Kept apart so a reload never triggers a save loop.
        self.on_student: list[Callable[[], None]] = []
        self.on_save: list[Callable[[], None]] = []

    def ensure_book(self) -> answers.AnswerBook | None:
        if self.book is None:
            name = answers.current_student()
            if name:
                self.book = answers.AnswerBook(name)
        return self.book

    def start(self, name: str) -> answers.AnswerBook:
        name = answers.remember_student(name)
        self.book = answers.AnswerBook(name)
        for listener in self.on_student + self.on_save:
            listener()
        return self.book

    def saved(self) -> None:
        for listener in self.on_save:
            listener()


SESSION = Session()


def _content():
    from .data import load_all, load_instructor_notes

    content = load_all()
    notes = load_instructor_notes(content.questions) if paths.edition() == "instructor" else None
    return content, notes


def name_box() -> None:
    """Ask for the student's name once; other notebooks remember it."""
    import ipywidgets as w

    book = SESSION.ensure_book()
    field = w.Text(value=book.name if book else "", description="Your name",
                   placeholder="First name and last name", layout=w.Layout(width="28em"))
    button = w.Button(description="Start", button_style="primary", tooltip="Save your name for all lessons")
    status = w.HTML()

    def describe() -> None:
        current = SESSION.book
        if current is None:
            status.value = "Type your name and press <strong>Start</strong>. Your answers are saved under it."
        else:
            message = f"Answers are saved for <strong>{esc(current.name)}</strong>."
            if current.warning:
                message += f'<br><strong role="alert">{esc(current.warning)}</strong>'
            status.value = message

    def start(_=None) -> None:
        try:
            SESSION.start(field.value)
        except ValueError as err:
            status.value = f'<strong role="alert">{esc(err)}</strong>'
            return
        describe()

    button.on_click(start)
    describe()
    widget = w.VBox([w.HBox([field, button]), status])
    static = ('<div class="sl-name"><p><strong>Name:</strong></p>' + _lines(1) +
              "<p>In JupyterLab, type your name here once; every lesson saves your answers under it.</p></div>")
    show(widget, static, "Name: ____ (in JupyterLab: type your name once; answers are saved under it)")


def ask(question_id: str) -> None:
    """Show one question: live widget in JupyterLab, worksheet on paper."""
    content, notes = _content()
    question = content.question(question_id)
    static = worksheet_html(question, notes)
    show(_question_widget(question), static, worksheet_text(question))


def ask_lesson(lesson: str) -> None:
    """Every question of one lesson, in the order of the data file."""
    content, _ = _content()
    for question in content.questions:
        if question["lesson"] == lesson and question["kind"] != "selfcheck":
            ask(question["id"])


def _question_widget(question: dict):
    import ipywidgets as w

    kind = question["kind"]
    prompt = w.HTML(f'<p><strong>{esc(question["prompt"])}</strong></p>')
    status = w.HTML()
    save_button = w.Button(description="Save", icon="save", tooltip="Save this answer")
    full = w.Layout(width="100%")
    label = f"Answer to {question['id']}"
    controls: list = []
    feedback = w.HTML()

    if kind == "open":
        area = w.Textarea(placeholder="Type your answer here", description="Your answer",
                          continuous_update=False, layout=w.Layout(width="100%", height="10em"))
        area.tooltip = label
        controls = [area]

        def value():
            return area.value

        def load(v):
            area.value = v or ""
        watched = [area]
    elif kind in ("choice", "selfcheck"):
        options = [_option_text(o) for o in question["options"]]
        radio = w.RadioButtons(options=options, value=None, description="Choose",
                               layout=full, style={"description_width": "initial"})
        controls = [radio]

        def value():
            if radio.value is None:
                return None
            if kind == "selfcheck":
                return {"choice": radio.value, "correct": radio.value == question["answer"]}
            return radio.value

        def load(v):
            choice = v.get("choice") if isinstance(v, dict) else v
            radio.value = choice if choice in options else None
        watched = [radio]
        if kind == "selfcheck":
            check = w.Button(description="Check", tooltip="Check your choice")

            def on_check(_=None):
                chosen = radio.value
                if chosen is None:
                    feedback.value = "Choose an option first."
                    return
                option = next(o for o in question["options"] if o["text"] == chosen)
                verdict = "Right." if chosen == question["answer"] else "Not quite."
                feedback.value = f'<p role="status"><strong>{verdict}</strong> {esc(option["feedback"])}</p>'
                save()
            check.on_click(on_check)
            controls.append(check)
    elif kind == "scale":
        scale = question["scale"]
        score = w.ToggleButtons(options=list(range(scale["min"], scale["max"] + 1)), value=None,
                                description="Score", tooltips=[scale.get("low", ""), "", "", "", scale.get("high", "")])
        hint = w.HTML(f'<span>{esc(scale["min"])} = {esc(scale.get("low", ""))}; '
                      f'{esc(scale["max"])} = {esc(scale.get("high", ""))}</span>')
        reason = w.Textarea(description="Reason", placeholder="Why?", continuous_update=False,
                            layout=w.Layout(width="100%", height="6em"))
        controls = [score, hint, reason]

        def value():
            return {"score": score.value, "reason": reason.value}

        def load(v):
            if isinstance(v, dict):
                score.value = v.get("score")
                reason.value = v.get("reason") or ""
        watched = [score, reason]
    elif kind == "ranking":
        options = list(question["options"])
        choices = [("–", 0)] + [(str(n), n) for n in range(1, len(options) + 1)]
        drops = [w.Dropdown(options=choices, value=0, description=str(n), layout=w.Layout(width="6em"))
                 for n, _ in enumerate(options, start=1)]
        rows = [w.HBox([drop, w.Label(option)]) for drop, option in zip(drops, options)]
        for drop, option in zip(drops, options):
            drop.description = "Rank"
            drop.tooltip = f"Rank of: {option}"
        controls = rows

        def value():
            ranks = [d.value for d in drops]
            if sorted(ranks) != list(range(1, len(options) + 1)):
                return None
            return [option for _, option in sorted(zip(ranks, options))]

        def load(v):
            if isinstance(v, list) and sorted(v) == sorted(options):
                for drop, option in zip(drops, options):
                    drop.value = v.index(option) + 1
        watched = drops
    else:  # pragma: no cover - the loader only lets known kinds through
        raise ValueError(kind)

    def save(_=None):
        book = SESSION.ensure_book()
        current = value()
        if book is None:
            status.value = '<span role="status">Type your name in the box at the top first, then press Save.</span>'
            return
        if current is None:
            if kind == "ranking":
                status.value = '<span role="status">Give each item a different rank, then press Save.</span>'
            return
        try:
            stamp = book.save(question["id"], current)
        except OSError as err:
            status.value = f'<strong role="alert">Not saved: {esc(err)}. Try again.</strong>'
            return
        status.value = f'<span role="status">Saved {esc(stamp)}</span>'
        SESSION.saved()

    def restore():
        book = SESSION.ensure_book()
        if book is not None and book.get(question["id"]) is not None:
            load(book.get(question["id"]))
            status.value = f'<span role="status">Saved {esc(book.saved_at(question["id"]))}</span>'

    restore()
    save_button.on_click(save)
    for control in watched:  # autosave: every finished edit is saved
        control.observe(lambda change: save(), names="value")
    SESSION.on_student.append(restore)
    return w.VBox([prompt, *controls, w.HBox([save_button, status]), feedback],
                  layout=w.Layout(border="1px solid #999", padding="0.5em", margin="0.5em 0"))


def progress(lesson: str | None = None) -> None:
    """Which questions are answered. Live: updates on every save."""
    import ipywidgets as w

    content, _ = _content()
    questions = [q for q in content.questions if q["kind"] != "selfcheck" and (lesson is None or q["lesson"] == lesson)]
    panel = w.HTML()

    def render() -> None:
        book = SESSION.ensure_book()
        values = book.all() if book else {}
        done = [q for q in questions if is_answered(q, values.get(q["id"]))]
        rows = "".join(f"<li>{'Done' if q in done else 'To do'}: {esc(q['id'])}</li>" for q in questions)
        panel.value = (f'<p role="status"><strong>{len(done)} of {len(questions)} answered</strong></p>'
                       f"<ul>{rows}</ul>")

    render()
    SESSION.on_save.append(render)
    items = "".join(f"<li>{BOX} {esc(q['id'])}</li>" for q in questions)
    static = f'<p><strong>Checklist:</strong> tick each question when you have answered it.</p><ul style="list-style:none">{items}</ul>'
    show(panel, static, "Checklist: " + ", ".join(q["id"] for q in questions))


def export_button() -> None:
    """Write the student's answers to hand in."""
    import ipywidgets as w

    content, _ = _content()
    button = w.Button(description="Export my answers", icon="download", tooltip="Write a file to hand in")
    status = w.HTML()

    def on_click(_=None):
        book = SESSION.ensure_book()
        if book is None:
            status.value = "Type your name in the box at the top first."
            return
        md, page = export(book, [q for q in content.questions if q["kind"] != "selfcheck"])
        status.value = (f'<span role="status">Written: answers/export/{esc(page.name)} and {esc(md.name)}. '
                        "Hand in the .html file.</span>")

    button.on_click(on_click)
    static = ("<p><strong>To hand in:</strong> in JupyterLab, press <em>Export my answers</em>; "
              "on paper, hand in these pages.</p>")
    show(w.HBox([button, status]), static, "To hand in: press 'Export my answers' in JupyterLab.")


def instructor_note(key: str) -> None:
    """A lesson-level teaching note. Shown only in the instructor edition;
    in the student edition this cell has no output at all."""
    _, notes = _content()
    if not notes or not notes.get(key, {}).get("note"):
        return
    text = notes[key]["note"]
    show_html(box("For the instructor", f"<p>{esc(text)}</p>", "instructor"), "For the instructor: " + text)
