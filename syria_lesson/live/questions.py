"""Questions in a lesson, live: the name bar, question widgets, progress and export.

Every function here shows a live widget in JupyterLab *and* a static face for
paper (``display.show``). What is specific to a question kind is in
``syria_lesson.kinds``; what every question shares (saving, restoring, the
status line that names the student and any failure) is ``question_view``.
"""

from __future__ import annotations

import asyncio

from syria_lesson import kinds
from syria_lesson.core import editions
from syria_lesson.core.display import show, show_html
from syria_lesson.core.editions import Edition
from syria_lesson.core.html import box, html, lines
from syria_lesson.data import Content, given_content, load_instructor_notes
from syria_lesson.live import answers, session
from syria_lesson.live.exports import export
from syria_lesson.live.question_view import QuestionView, alert, plain_failure, status
from syria_lesson.live.worksheet import is_answered, number, short_prompt, tier_label, worksheet_html, worksheet_text


def _content(*, content: Content | None = None, edition: Edition | None = None):
    content = given_content(content)
    edition = editions.given(edition)
    notes = load_instructor_notes(content.questions) if edition.shows_readings else None
    return content, notes


# ---------------------------------------------------------------- the name bar


def _on_paper_only(*, edition: Edition | None = None) -> bool:
    """The class-set worksheet has a header with name and date lines, and no live parts."""
    edition = editions.given(edition)
    return edition.paper


NAME_CHECK_SECONDS = 3.0  # how often the bar looks whether another lesson changed the name


def _watch_name_elsewhere(render) -> None:
    """Redraw the bar when another lesson changes the name on this computer (a look at one small
    file every few seconds, while this bar is the lesson's own; none where no event loop runs)."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return
    seen = answers.current_student()

    def look() -> None:
        nonlocal seen
        if session.SESSION.listeners.get("name_bar") is not render:
            return  # the cell was run again: a newer bar looks instead
        now = answers.current_student()
        if now != seen:
            seen = now
            render()
        loop.call_later(NAME_CHECK_SECONDS, look)

    loop.call_later(NAME_CHECK_SECONDS, look)


def name_box(*, edition: Edition | None = None) -> None:
    """Whose answers this lesson saves, with "Not you? Change". Every lesson has it."""
    import ipywidgets as w

    if _on_paper_only(edition=edition):
        return

    field = w.Text(description="Your name", placeholder="First name and last name", layout=w.Layout(width="28em"))
    start = w.Button(description="Start", button_style="primary", tooltip="Save your answers under this name")
    change = w.Button(description="Not you? Change", tooltip="Type a different name", layout=w.Layout(width="auto"))
    confirm = w.Button(description="Yes, it is me", button_style="primary", layout=w.Layout(width="auto"))
    carry = w.Button(description="Carry my answers over", layout=w.Layout(width="auto", display="none"))
    message = w.HTML()
    ask_row = w.HBox([field, start])

    def render() -> None:
        book = session.SESSION.ensure_book()
        if book is None:
            ask_row.layout.display, change.layout.display, confirm.layout.display = "", "none", "none"
            message.value = str(status("Type your name and press Start. Your answers are saved under it."))
            return
        ask_row.layout.display, change.layout.display = "none", ""
        text = html('<span role="status">Answers in this lesson are saved for <strong>{}</strong>.</span>', book.name)
        elsewhere = answers.current_student()
        old = session.SESSION.carry_from
        carry.layout.display = "none" if old is None else ""
        if old is not None:
            carry.description = f"Yes: carry over the answers saved as {old.name}"
            text += html("<br>") + status(html(
                "Did you only correct your name from <strong>{}</strong>? Then your {} earlier answers can come "
                "with it. If {} is someone else, leave them.", old.name, len(old.entries()), old.name))
        if elsewhere and answers.file_stem(elsewhere) != answers.file_stem(book.name):
            confirm.layout.display = ""
            confirm.description = f"Yes, I am {book.name}"
            text = alert(html("The name was changed in another lesson: this computer now saves answers for "
                              "<strong>{}</strong>. This lesson still shows <strong>{}</strong> and saves nothing "
                              "until you choose.", elsewhere, book.name))
        elif session.SESSION.confirmed:
            confirm.layout.display = "none"
        else:  # a fresh kernel: the name last typed on this computer, not yet confirmed here
            confirm.layout.display = ""
            confirm.description = f"Yes, I am {book.name}"
            confirm.tooltip = f"Save your answers in this lesson as {book.name}"
            text = html('<span role="status">This computer last saved answers for <strong>{}</strong>. Is that you? '
                        "Nothing is saved in this lesson until you say.</span>", book.name)
        message.value = str(text + (html("<br>") + alert(book.warning) if book.warning else ""))

    def on_start(_=None, name: str | None = None) -> None:
        try:
            session.SESSION.start(field.value if name is None else name)
        except Exception as err:  # noqa: BLE001 - shown in the bar, never only in the log
            message.value = str(alert(plain_failure(err, doing="started")))
            return
        field.value = ""
        render()

    def on_change(_=None) -> None:
        ask_row.layout.display, change.layout.display = "", "none"
        field.value = ""
        message.value = str(status("Type your own name and press Start. Your answers will be saved under it."))

    def on_confirm(_=None) -> None:
        if session.SESSION.book is not None:
            on_start(name=session.SESSION.book.name)

    def on_carry(_=None) -> None:
        try:
            count = session.SESSION.carry_over()
        except Exception as err:  # noqa: BLE001 - shown in the bar, never only in the log
            message.value = str(alert(plain_failure(err, doing="carried over")))
            return
        render()
        message.value += str(html("<br>") + status(f"{count} earlier answers carried over."))

    start.on_click(on_start)
    field.on_msg(lambda _w, content, _b: content.get("event") == "submit" and on_start())  # Enter starts
    change.on_click(on_change)
    confirm.on_click(on_confirm)
    carry.on_click(on_carry)
    session.SESSION.listen("name_bar", render)
    render()
    _watch_name_elsewhere(render)
    static = html('<div class="sl-name"><p><strong>Name:</strong></p>{}<p>In JupyterLab, type your name here once; '
                  "every lesson saves your answers under it.</p></div>", lines(1))
    show(w.VBox([w.HBox([message, confirm, change]), carry, ask_row]), static,
         "Name: ____ (in JupyterLab: type your name once; answers are saved under it)")


# ---------------------------------------------------------------- questions


def ask(question_id: str, *, content: Content | None = None, edition: Edition | None = None) -> None:
    """Show one question: live widget in JupyterLab, worksheet on paper."""
    content, notes = _content(content=content, edition=edition)
    q = content.question(question_id)
    where = f"lesson {q['lesson']}, question {number(q, content.questions)}"
    label = " · ".join(part for part in (kind_label(q), where, tier_label(q)) if part)
    view = QuestionView(q, label, content=content)
    show(view.widget, worksheet_html(q, notes, label=where, content=content), worksheet_text(q))


def kind_label(q: dict) -> str:
    return kinds.kind_of(q).label


def ask_lesson(lesson: str, *, content: Content | None = None, edition: Edition | None = None) -> None:
    """Every question of one lesson, in the order of its file (self-checks are placed one by one)."""
    content, _ = _content(content=content, edition=edition)
    for q in content.lesson_questions(lesson):
        if q["kind"] != "selfcheck":
            ask(q["id"], content=content, edition=edition)


def progress(lesson: str | None = None, *, content: Content | None = None, edition: Edition | None = None) -> None:
    """Which questions are answered, by their first words. Live: updates on every save."""
    import ipywidgets as w

    if _on_paper_only(edition=edition):
        return
    content, _ = _content(content=content, edition=edition)
    questions = [q for q in content.questions if q["kind"] != "selfcheck" and lesson in (None, q["lesson"])]
    panel = w.HTML()

    def render() -> None:
        book = session.SESSION.ensure_book()
        values = book.all() if book else {}
        done = [q for q in questions if is_answered(q, values.get(q["id"]))]
        rows = html("").join(html("<li>{}: {}</li>", "Done" if q in done else "To do", short_prompt(q))
                             for q in questions)
        who = f" by {book.name}" if book else ""
        panel.value = str(html('<p role="status"><strong>{} of {} answered{}</strong></p><ul>{}</ul>',
                               len(done), len(questions), who, rows))

    render()
    session.SESSION.listen(f"progress_{lesson}", render)
    items = html("").join(html("<li>\u2610 {}</li>", short_prompt(q)) for q in questions)
    static = html('<p><strong>Checklist:</strong> tick each question when you have answered it.</p>'
                  '<ul style="list-style:none">{}</ul>', items)
    show(panel, static, "Checklist: " + "; ".join(short_prompt(q) for q in questions))


def export_button(*, content: Content | None = None, edition: Edition | None = None) -> None:
    """Write the student's answers from every lesson, to hand in."""
    import ipywidgets as w

    if _on_paper_only(edition=edition):
        return
    content, _ = _content(content=content, edition=edition)
    button = w.Button(description="Export my answers", icon="download", layout=w.Layout(width="auto"),
                      tooltip="Write a file with your answers from every lesson, to hand in")
    message = w.HTML()

    def on_click(_=None):
        try:
            book = session.SESSION.check_student()
            page, _, _ = export(book, [q for q in content.questions if q["kind"] != "selfcheck"], content.module)
        except Exception as err:  # noqa: BLE001 - shown here, never only in the log
            message.value = str(alert(plain_failure(err, doing="exported")))
            return
        message.value = str(status(f"Answers of {book.name} from every lesson written to answers/export/{page.name}. "
                                   "Hand in that .html file (and the .json file beside it, if your teacher asks)."))

    button.on_click(on_click)
    static = html("<p><strong>To hand in:</strong> in JupyterLab, press <em>Export my answers</em>; "
                  "on paper, hand in these pages.</p>")
    show(w.HBox([button, message]), static, "To hand in: press 'Export my answers' in JupyterLab.")


def instructor_note(key: str, *, content: Content | None = None, edition: Edition | None = None) -> None:
    """A lesson-level teaching note. Shown only in the instructor edition;
    in the student edition this cell has no output at all."""
    _, notes = _content(content=content, edition=edition)
    if not notes or not notes.get(key, {}).get("note"):
        return
    text = notes[key]["note"]
    show_html(box("For the instructor", html("<p>{}</p>", text), "instructor"), "For the instructor: " + text)
