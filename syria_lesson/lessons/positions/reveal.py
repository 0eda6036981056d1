"""Lesson 03's reveal: the module's reading of the cells students predicted,
with their own predictions beside it, then the whole table and its figure.
It is placed after the predictions with ``reveal.after`` (see ``positions``)."""

from __future__ import annotations

from syria_lesson.core import editions
from syria_lesson.core.editions import Edition
from syria_lesson.core.html import Markup, html, table
from syria_lesson.core.vocab import BASES, STANCES
from syria_lesson.data import Content, given_content
from syria_lesson.kinds.predict import cell_label, source_html
from syria_lesson.lessons.positions.cells import predicted, stance_text, styled_matrix
from syria_lesson.lessons.positions.figure import img_html
from syria_lesson.live import reveal, session


def yours(q: dict, value) -> str:
    """A student's prediction in words (stance, basis and reason), or '(not answered)'."""
    if not isinstance(value, dict) or value.get("stance") not in STANCES:
        return "(not answered)"
    text = STANCES[value["stance"]].as_option + (f"; {BASES[value['basis']].as_option}" if value.get("basis") in BASES else "")
    return text + (f". {value['reason'].strip()}" if (value.get("reason") or "").strip() else "")


def reading_rows(lesson_id: str, book=None, *, content: Content | None = None) -> list[dict]:
    """Each predicted cell as the module reads it; with a student's book, their prediction beside it."""
    content = given_content(content)
    rows = []
    for (actor_id, topic_id), q in predicted(lesson_id, content=content).items():
        p = content.position(actor_id, topic_id)
        row = {"cell": html("<strong>{}</strong><br>{}", content.actor(actor_id)["short_name"],
                            content.topic(topic_id)["title"]),
               "ours": html("<strong>{}</strong><br>{}", cell_label(p), stance_text(p)), "how": source_html(p)}
        if book is not None:
            row["yours"] = yours(q, book.get(q["id"]))
        rows.append(row)
    return rows


def reading_html(lesson_id: str, *, content: Content | None = None, edition: Edition | None = None) -> Markup:
    """The module's reading of the predicted cells, then the whole table and its figure."""
    edition = editions.given(edition)
    book = session.SESSION.ensure_book() if not edition.shows_readings else None
    columns = [("cell", "Actor and question")] + ([("yours", "Your prediction")] if book else []) + [
        ("ours", "The module's table"), ("how", "How we know")]
    return (table(reading_rows(lesson_id, book, content=content), columns, "The cells you predicted, as the module's table reads them")
            + html("<p>Where you differ, look at the basis: is the module's evidence stronger than yours? "
                   "The whole table, every cell:</p>") + Markup(styled_matrix(uuid="positions_all", content=content).to_html())
            + img_html(content=content))


def after_predictions(lesson_id: str, *, content: Content | None = None, edition: Edition | None = None) -> None:
    """The module's reading of the predicted cells and the whole table, once the
    student has made every prediction (``reveal.after``)."""
    content = given_content(content)
    ids = [q["id"] for q in predicted(lesson_id, content=content).values()]
    plain = "; ".join(f"{content.actor(a)['short_name']} on {content.topic(t)['title']} "
                      f"{cell_label(content.position(a, t))}" for a, t in predicted(lesson_id, content=content))
    reveal.after(ids, "The module's table, beside your predictions", lambda: reading_html(lesson_id, content=content, edition=edition),
                 plain="The module's table: " + plain, content=content, edition=edition)


