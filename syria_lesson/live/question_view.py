"""One question, live: the kind's controls plus what every question shares:
saving (after checking whose answers these are), restoring, and a status line
that always names the student and says any failure in plain words."""

from __future__ import annotations

import errno
import functools
from collections.abc import Callable

from syria_lesson import kinds
from syria_lesson.core.html import html
from syria_lesson.data import Content, given_content
from syria_lesson.live import session
from syria_lesson.live.session import WrongStudent
from syria_lesson.live.worksheet import answer_text, frames_html, rubric_html, short_prompt


def plain_failure(err: BaseException, doing: str = "saved") -> str:
    """A failure in words a student can act on; their text stays in the box."""
    if isinstance(err, (WrongStudent, ValueError)) and not isinstance(err, UnicodeError):
        return str(err)
    if isinstance(err, PermissionError):
        reason = "the answers folder is read-only on this computer"
    elif isinstance(err, OSError) and err.errno == errno.ENOSPC:
        reason = "the disk is full"
    elif isinstance(err, OSError):
        reason = f"the computer could not write the file ({err.strerror or err.__class__.__name__})"
    else:
        reason = f"something unexpected went wrong ({err.__class__.__name__})"
    return (f"Not {doing}: {reason}. Your text is still here: press Save to try again, and if it still fails, "
            "copy your text somewhere safe and tell your teacher.")


def alert(message: str):
    return html('<strong role="alert">{}</strong>', message)


def status(message: str):
    return html('<span role="status">{}</span>', message)


class QuestionView:
    """One question, live: the kind's controls plus saving, restoring and status."""

    def __init__(self, q: dict, label: str = "", *, content: Content | None = None):
        import ipywidgets as w

        self.q = q
        self.content = given_content(content)
        self.kind = kinds.kind_of(q)
        self.short_prompt = short_prompt(q)
        self.status = w.HTML()
        self.feedback_box = w.HTML()
        self._loading = False
        self.controls = self.kind.controls(q, self)
        self._handlers: list[tuple[object, Callable]] = []
        for control in self.controls.watched:  # autosave: every finished edit is saved
            handler = self._autosave
            control.observe(handler, names="value")
            self._handlers.append((control, handler))
        save = w.Button(description="Save", icon="save", tooltip="Save this answer")
        save.on_click(self.guarded(lambda _=None: self.save()))
        head = [w.HTML(html('<p class="sl-q-meta">{}</p>', label or self.kind.label))]
        if q.get("rubric"):
            head.append(w.HTML(str(rubric_html(q["rubric"], content=self.content))))
        head.append(w.HTML(html("<p><strong>{}</strong></p>", q["prompt"])))
        self.earlier = w.HTML()
        if q.get("beside"):
            head.append(self.earlier)
        extra = []
        if q.get("frames"):
            frames = w.HTML(str(frames_html(q["frames"], content=self.content)))
            starters = w.Accordion(children=[frames], titles=("Sentence starters",))
            starters.selected_index = None
            extra.append(starters)
        self.widget = w.VBox([*head, *self.controls.widgets, *extra, w.HBox([save, self.status]), self.feedback_box],
                             layout=w.Layout(border="1px solid #999", padding="0.5em", margin="0.5em 0"))
        session.SESSION.register(q["id"], self)
        self.reload()

    # -- what kinds may call

    def feedback(self, content) -> None:
        self.feedback_box.value = str(content)

    def guarded(self, action: Callable) -> Callable:
        """Run a button's action; any failure is shown here, in plain words."""
        @functools.wraps(action)
        def run(*args):
            try:
                return action(*args)
            except Exception as err:  # noqa: BLE001 - the edge: nothing may fail silently
                self.status.value = str(alert(plain_failure(err)))
        return run

    # -- saving and restoring

    def _autosave(self, change=None) -> None:
        if not self._loading:
            self.guarded(self.save)()

    def save(self) -> None:
        value = self.controls.get()
        if value is None:
            why = self.controls.incomplete()
            if why:
                self.status.value = str(status(why))
            return
        book = session.SESSION.check_student()
        stamp = book.save(self.q["id"], value)
        message = status(f"Saved for {book.name} at {stamp}")
        if book.warning:
            message = alert(book.warning) + html("<br>") + message
        why = None if self.kind.is_answered(self.q, value) else self.controls.incomplete()
        if why:  # saved, so nothing is lost, but not an answer yet
            message += html("<br>") + alert(why)
        self.status.value = str(message)
        session.SESSION.changed()

    def reload(self) -> None:
        """Show the current student's saved answer, or clear the widget."""
        book = session.SESSION.ensure_book()
        self._loading = True
        try:
            if book is not None:
                book.refresh_if_changed()  # another lesson may have saved since
            value = book.get(self.q["id"]) if book else None
            if value is not None and not self.kind.is_valid(self.q, value):
                self.controls.set(None)
                self.status.value = str(alert(
                    "Your earlier answer to this question could not be restored (the question has changed "
                    "since). It is kept in your answers file; your teacher can see it."))
                return
            self.feedback("")
            self.controls.set(value)
            if self.q.get("beside"):
                self.show_earlier(book)
            self.status.value = (str(status(f"Saved for {book.name} at {book.saved_at(self.q['id'])}"))
                                 if value is not None else "")
            if book is not None and book.warning:
                self.status.value = str(alert(book.warning))
        except Exception as err:  # noqa: BLE001 - a bad stored value must never break the lesson
            self.status.value = str(alert(plain_failure(err, doing="restored")))
        finally:
            self._loading = False

    def show_earlier(self, book) -> None:
        """The student's own answer to the question this one returns to."""
        earlier = self.content.question(self.q["beside"])
        value = book.get(earlier["id"]) if book else None
        self.earlier.value = str(html('<div class="sl-earlier"><p><strong>Your answer in lesson {}:</strong></p>'
                                      "<blockquote>{}</blockquote></div>", earlier["lesson"],
                                      answer_text(earlier, value)))

    def detach(self) -> None:
        """Stop listening (the cell was run again and a new view replaces this one)."""
        for control, handler in self._handlers:
            control.unobserve(handler, names="value")
        self._handlers = []
        self.widget.close()
