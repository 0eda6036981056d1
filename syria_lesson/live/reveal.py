"""Our reading, shown only after the student's own attempt.

``after(questions, title, reading)`` places the module's reading of a set of
tasks (a table of claim kinds, the positions matrix, our verdicts):

- in JupyterLab it stays hidden until the current student has answered every
  one of those questions with a reason of a sentence (``kinds.base.MIN_WORDS``
  words: clicks alone, or one letter, never open it), and hides again when
  another student starts;
- in the student handout (the committed notebook) it is a short note, with
  none of the reading in it;
- in the instructor edition it is printed in full.
"""

from __future__ import annotations

from collections.abc import Callable

from syria_lesson.core import editions
from syria_lesson.core.display import show
from syria_lesson.core.editions import Edition
from syria_lesson.core.html import Markup, box, html
from syria_lesson.data import Content, given_content
from syria_lesson.kinds.base import MIN_WORDS
from syria_lesson.live import session
from syria_lesson.live.worksheet import shows_thought


def _waiting(count: int, done: int) -> Markup:
    return html('<p class="sl-reveal-wait" role="status"><strong>Our reading comes here once you have answered '
                "the {} questions above, each with your reason in a sentence of at least {} words</strong> ({} done "
                "so far). Answer them first: the point is your own reading.</p>", count, MIN_WORDS, done)


PAPER_NOTE = Markup('<p class="sl-reveal-wait"><em>The module\'s own reading of these questions is not printed '
                    "here: your teacher has it. In JupyterLab it appears once you have answered.</em></p>")


def after(question_ids: list[str], title: str, reading: Callable[[], Markup], plain: str = "", *,
          content: Content | None = None, edition: Edition | None = None) -> None:
    content, edition = given_content(content), editions.given(edition)
    import ipywidgets as w

    if edition.paper:
        return
    questions = [content.question(qid) for qid in question_ids]
    panel = w.HTML()

    def render() -> None:
        book = session.SESSION.ensure_book()
        values = book.all() if book else {}
        done = sum(shows_thought(q, values.get(q["id"])) for q in questions)
        panel.value = str(box(title, reading(), "reveal") if done == len(questions) else _waiting(len(questions), done))

    render()
    session.SESSION.listen(f"reveal:{title}", render)
    if edition.shows_readings:
        static = box(f"{title} (instructor edition: students see this in JupyterLab after answering)", reading(),
                     "instructor")
        text = plain or title
    else:
        static, text = box(title, PAPER_NOTE, "reveal"), f"{title}: shown in JupyterLab after you answer."
    # Which tasks this reading answers, for the test that every reveal comes after its tasks.
    show(panel, html('<div class="sl-reveal-of" data-after="{}">{}</div>', " ".join(question_ids), static), text)
