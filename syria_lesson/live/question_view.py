"""One question, live: the kind's controls plus what every question shares:
saving (after checking whose answers these are), restoring, and a status line
that always names the student and says any failure in plain words.

Nothing a student types is lost if the kernel stops: text is saved as it is
typed, a second after the first key (not when the box loses focus); every
control an autosaving kind shows is saved; text a save refused (no name yet,
another student's name) stays in the box, whatever name is typed next, and is
saved for that name; half an emoji is kept (escaped in the file) instead of
stopping the update on its way from the browser; when two windows of one
lesson type into a box at once, both texts are kept and the clash is said
(``live.controls.Windows``).
"""

from __future__ import annotations

import asyncio
import errno
import functools
from collections.abc import Callable

from syria_lesson import kinds
from syria_lesson.core.html import html
from syria_lesson.data import Content, given_content
from syria_lesson.live import session
from syria_lesson.live.controls import Windows, keep_unsendable_text, name_controls, value_controls
from syria_lesson.live.files import printable
from syria_lesson.live.session import WrongStudent
from syria_lesson.live.worksheet import answer_text, frames_html, number, rubric_html, short_prompt


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
    if doing != "saved":  # the name bar, the export, a restore: no Save button, maybe no text
        return f"Not {doing}: {reason}. Try again in a moment; if it still fails, tell your teacher."
    return (f"Not {doing}: {reason}. Your text is still here: press Save to try again, and if it still fails, "
            "copy your text somewhere safe and tell your teacher.")


TYPING_PAUSE = 1.0  # seconds: while typing, text is saved at most this often, so a crash loses at most this


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
        self.unsaved = False  # input the student gave that no save has taken yet
        self._timer: asyncio.TimerHandle | None = None
        self._typed_saved = float("-inf")  # when typing was last saved (the event loop's clock)
        self.windows = Windows()  # two browser windows on this lesson: which one typed what
        self.other_window = w.HTML()  # the other window's text, kept when two windows typed at once
        self._shown = None  # the answer as the controls last held it
        self._unshowable = None  # a stored answer the controls cannot show, set aside before it is replaced
        self.controls = self.kind.controls(q, self)
        self._handlers: list[tuple[object, Callable]] = []
        watched = list(self.controls.watched)
        if watched:  # an autosaving kind: every control it shows is saved (a prediction's dropdowns too)
            watched += [c for c in value_controls(self.controls.widgets) if all(c is not x for x in watched)]
        for control in watched:
            if isinstance(control, (w.Text, w.Textarea)):
                control.continuous_update = True  # saved as it is typed, not only when the box loses focus
                self.windows.watch(control)
            keep_unsendable_text(control)
            handler = self._autosave
            control.observe(handler, names="value")
            self._handlers.append((control, handler))
        save = w.Button(description="Save", icon="save", tooltip="Save this answer")
        where = (f"question {number(q, self.content.questions)}" if any(x["id"] == q["id"] for x in self.content.questions)
                 else "this question")  # a question made up in a test
        name_controls([*self.controls.widgets, save], where)
        save.on_click(self.guarded(lambda _=None: self.save()))
        head = [w.HTML(html('<p class="sl-q-meta">{}</p>', label or self.kind.label))]
        if q.get("rubric"):
            head.append(w.HTML(str(rubric_html(q["rubric"], content=self.content))))
        head.append(w.HTML(html("<p><strong>{}</strong></p>", q["prompt"])))
        if q.get("excerpt"):
            head.append(w.HTML(str(kinds.excerpt_html(q))))
        self.earlier = w.HTML()
        if q.get("beside"):
            head.append(self.earlier)
        extra = []
        if q.get("frames"):
            frames = w.HTML(str(frames_html(q["frames"], content=self.content)))
            starters = w.Accordion(children=[frames], titles=("Sentence starters",))
            starters.selected_index = None
            extra.append(starters)
        self.widget = w.VBox([*head, *self.controls.widgets, self.other_window, *extra, w.HBox([save, self.status]), self.feedback_box],
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
        if self._loading:
            return
        self.unsaved = True
        owner = (change or {}).get("owner")
        if owner is not None and self.windows.clash(owner, change.get("old"), change.get("new")):
            self.guarded(self._keep_both)(change["old"])
        self._shown = self.controls.get()
        if getattr(owner, "continuous_update", False) and self._save_soon():
            return
        self.guarded(self.save)()

    def _save_soon(self) -> bool:
        """At most one save per TYPING_PAUSE while the student types: the first
        key after a pause is saved at once (False: save now), the keys after it
        TYPING_PAUSE later, together. False too where no event loop runs (plain Python)."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return False
        if self._timer is None:
            wait = self._typed_saved + TYPING_PAUSE - loop.time()
            if wait <= 0:
                self._typed_saved = loop.time()
                return False
            self._timer = loop.call_later(wait, self._save_pending)
        return True

    def _save_pending(self) -> None:
        self._timer = None
        self._typed_saved = asyncio.get_running_loop().time()
        if self.unsaved:
            self.guarded(self.save)()

    def _keep_both(self, theirs: str) -> None:
        """Two windows typed into this box at once: the text just replaced is shown under the box,
        and saved first, so that it stays in the answer's history when the newer text is saved."""
        self.other_window.value = str(html(
            '<div class="sl-other-window" role="alert"><p><strong>This question is open in two windows, and '
            "different text was typed in each.</strong> Both are kept: the box shows the text typed last, and "
            "the other window's text is below (it is also in your answers file). Copy what you need into the "
            'box, then close one of the windows.</p><blockquote style="white-space: pre-wrap">{}</blockquote>'
            "</div>", printable(str(theirs))))
        book = session.SESSION.check_student()
        if self._shown is not None and book.get(self.q["id"]) != self._shown:
            book.save(self.q["id"], self._shown)

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def save(self) -> None:
        self._cancel_timer()
        value = self.controls.get()
        if value is None:
            why = self.controls.incomplete()
            if why:
                self.status.value = str(status(why))
            return
        book = session.SESSION.check_student()
        if self._unshowable is not None:
            book.set_aside(self.q["id"], self._unshowable)
            self._unshowable = None
        stamp = book.save(self.q["id"], value)
        self.unsaved = False
        message = status(f"Saved for {book.name} at {stamp}")
        if book.warning:
            message = alert(book.warning) + html("<br>") + message
        why = None if self.kind.is_answered(self.q, value) else self.controls.incomplete()
        if why:  # saved, so nothing is lost, but not an answer yet
            message += html("<br>") + alert(why)
        self.status.value = str(message)
        session.SESSION.changed()

    def reload(self, keep_unsaved: bool = False) -> None:
        """Show the current student's saved answer, or clear the widget. With
        ``keep_unsaved`` (a name was just typed), input no save has taken yet
        stays and is saved for that name: it was typed by whoever is at the computer."""
        if keep_unsaved and self.unsaved and self.controls.get() is not None:
            self.guarded(self._save_kept)()
            return
        book = session.SESSION.ensure_book()
        self._loading = True
        try:
            if book is not None:
                book.refresh_if_changed()  # another lesson may have saved since
            value = book.get(self.q["id"]) if book else None
            self._unshowable = None
            if value is not None and not self.kind.is_valid(self.q, value):
                self.controls.set(None)
                self._unshowable = value
                self.status.value = str(alert(
                    "Your earlier answer to this question could not be restored (the question has changed "
                    "since). It is kept in your answers file, also when you answer again; your teacher can see it."))
                return
            self.feedback("")
            self.other_window.value = ""
            self.windows.last.clear()  # what the kernel shows now, every window is sent
            self.controls.set(value)
            self._shown = value
            if self.q.get("beside"):
                self.show_earlier(book)
            self.status.value = (str(status(f"Saved for {book.name} at {book.saved_at(self.q['id'])}"))
                                 if value is not None else "")
            if value is not None and answer_text(self.q, self.controls.get()) != answer_text(self.q, value):
                self._unshowable = value  # a score of 9 on a 1-5 scale: shown blank, so kept apart and said
                self.status.value = str(alert(
                    f"Your saved answer holds something this question cannot show: “{answer_text(self.q, value)}”. "
                    "It is kept in your answers file, also when you change this answer; your teacher can see it."))
            if book is not None and book.warning:
                self.status.value = str(alert(book.warning))
        except Exception as err:  # noqa: BLE001 - a bad stored value must never break the lesson
            self.status.value = str(alert(plain_failure(err, doing="restored")))
        finally:
            self._loading = False

    def _save_kept(self) -> None:
        book = session.SESSION.check_student()
        book.refresh_if_changed()
        replaced = book.get(self.q["id"]) is not None
        self.save()
        note = (f"What you typed here before pressing Start was kept, and saved for {book.name}"
                + (" (it replaces the earlier answer, which stays in the file's history)." if replaced else "."))
        self.status.value = str(status(note) + html("<br>")) + self.status.value

    def show_earlier(self, book) -> None:
        """The student's own answer to the question this one returns to."""
        earlier = self.content.question(self.q["beside"])
        value = book.get(earlier["id"]) if book else None
        self.earlier.value = str(html('<div class="sl-earlier"><p><strong>Your answer in lesson {}:</strong></p>'
                                      "<blockquote>{}</blockquote></div>", earlier["lesson"],
                                      answer_text(earlier, value)))

    def detach(self) -> None:
        """Stop listening (the cell was run again and a new view replaces this one)."""
        self._cancel_timer()
        for control, handler in self._handlers:
            control.unobserve(handler, names="value")
        self._handlers = []
        self.widget.close()
