"""Whose answers this kernel saves, and every live widget that shows them.

On a shared lab computer the danger is one student's text saved as another's.
So the session:

- always knows one student (or none), whom every lesson names at the top;
- in a fresh kernel, adopts the name last typed on this computer only to show
  it: nothing is saved until the student confirms it is theirs ("Yes, I am …"),
  so the next student never saves as the previous one by missing the name;
- when the student changes, reloads every question widget from the new
  student's file, clearing those the new student has not answered, except a
  box holding input no save has taken yet: that stays, and is saved for the
  name just typed;
- before each save, checks that the student it saves for is still the one
  this computer remembers (another lesson may have changed it); if not, it
  saves nothing and says so;
- keeps one view per question and one listener per purpose, however often a
  cell is run, so saves never multiply and an old widget never writes;
- when a name is corrected ("Ana Lopez" -> "Ana López") and the corrected
  name has no answers yet, offers to carry the earlier name's answers over
  (only for a name that looks like a typo fixed, never for another person's).
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Callable

from syria_lesson.live import answers


class WrongStudent(Exception):
    """The computer now saves for someone else: saving here would mix them up."""


class Session:
    def __init__(self) -> None:
        self.book: answers.AnswerBook | None = None
        self.confirmed = False  # the student typed or confirmed their name in this kernel
        self.carry_from: answers.AnswerBook | None = None  # the name just corrected, whose answers may come over
        self.views: dict[str, object] = {}              # question id -> its live view
        self.listeners: dict[str, Callable[[], None]] = {}  # purpose -> redraw (the name bar, progress ...)

    # -- the student

    @property
    def student(self) -> str | None:
        return self.book.name if self.book else None

    def ensure_book(self) -> answers.AnswerBook | None:
        """The book of the student this computer remembers, when none is open yet."""
        if self.book is None:
            name = answers.current_student()
            if name:
                try:
                    self.book = answers.AnswerBook(name)
                except ValueError:  # a remembered name that is no longer acceptable
                    return None
        return self.book

    def start(self, name: str) -> answers.AnswerBook:
        """Save answers for ``name`` from now on, here and in the other lessons."""
        name = answers.remember_student(name)
        before, self.book = self.book, answers.AnswerBook(name)
        self.confirmed = True
        self.carry_from = (before if before is not None and corrected(before.name, name) and before.entries()
                           and not self.book.entries() else None)
        for view in list(self.views.values()):
            view.reload(keep_unsaved=True)
        self.changed()
        return self.book

    def check_student(self) -> answers.AnswerBook:
        """The book to save to; WrongStudent if another lesson changed the student."""
        book = self.ensure_book()
        if book is None:
            raise WrongStudent("Type your name at the top of this lesson first, then save again.")
        remembered = answers.current_student()
        if remembered is not None and answers.file_stem(remembered) != answers.file_stem(book.name):
            raise WrongStudent(
                f"Not saved: this computer now saves answers for {remembered} (the name was changed in "
                f"another lesson), but this lesson still shows {book.name}. If you are {book.name}, press "
                "“Not you? Change” at the top and type your name again. Your text is still here.")
        if not self.confirmed:
            raise WrongStudent(
                f"Not saved yet: this computer last saved answers for {book.name}. Is that you? Press "
                f"“Yes, I am {book.name}” at the top of this lesson, or “Not you? Change” and type your own "
                "name. Your text is still here, and is saved as soon as you do.")
        return book

    def carry_over(self) -> int:
        """Copy the answers saved under the name just corrected to the corrected name (those it
        lacks); the earlier file stays as it is. Returns how many were copied."""
        old, book = self.carry_from, self.check_student()
        self.carry_from = None
        if old is None:
            return 0
        old.refresh()
        copied = [qid for qid, entry in old.entries().items() if book.get(qid) is None]
        for qid in copied:
            book.save(qid, old.entries()[qid]["value"])
        for view in list(self.views.values()):
            view.reload()
        self.changed()
        return len(copied)

    # -- the widgets

    def register(self, qid: str, view) -> None:
        """Keep one view per question: the old one stops listening and is closed."""
        old = self.views.pop(qid, None)
        if old is not None:
            old.detach()
        self.views[qid] = view

    def listen(self, purpose: str, redraw: Callable[[], None]) -> None:
        self.listeners[purpose] = redraw

    def changed(self) -> None:
        for redraw in list(self.listeners.values()):
            redraw()


def corrected(old: str, new: str) -> bool:
    """Whether ``new`` looks like ``old`` with a typo fixed ("Ana Lopez" -> "Ana López"), not another name."""
    def plain(name: str) -> str:
        folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
        return "".join(ch for ch in folded.casefold() if ch.isalnum())

    a, b = plain(old), plain(new)
    return old != new and bool(a) and (a == b or difflib.SequenceMatcher(None, a, b).ratio() >= 0.85)


SESSION = Session()
