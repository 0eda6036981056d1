"""The positions table's cells: which ones students predict, and the table as rows,
as HTML and as a pandas frame. The lesson's widgets are in __init__, the
figure in figure and the reading after the predictions in reveal."""

from __future__ import annotations

from syria_lesson.core import editions
from syria_lesson.core.editions import Edition
from syria_lesson.core.html import Markup, html, table
from syria_lesson.core.vocab import BASES
from syria_lesson.data import Content, given_content
from syria_lesson.kinds.predict import cell_label, source_html
from syria_lesson.live import session
from syria_lesson.live.worksheet import number, shows_thought

BLANK = "▢"  # a cell left for the student's own prediction



def sides(*, content: Content | None = None) -> tuple[str, str]:
    """The two signatories' actor ids (Washington's, Moscow's), from data/article.yaml."""
    content = given_content(content)
    chosen = content.article["meta"]["sides"]
    return chosen["washington"], chosen["moscow"]


def predicted(lesson_id: str, *, content: Content | None = None) -> dict[tuple[str, str], dict]:
    """(actor, topic) -> the lesson's predict question for that cell."""
    content = given_content(content)
    return {tuple(q["cell"]): q for q in content.lesson_questions(lesson_id) if q["kind"] == "predict"}


def _answered(q: dict) -> bool:
    book = session.SESSION.ensure_book()
    return bool(book) and shows_thought(q, book.get(q["id"]))


def hidden_cells(lesson_id: str | None, live: bool = False, *,
                 content: Content | None = None, edition: Edition | None = None) -> dict[tuple[str, str], int]:
    """The cells to leave blank, each with its question's number in the lesson:
    on paper and in the student edition every predicted cell, none in the
    instructor edition; live (JupyterLab), those the student has not answered."""
    content = given_content(content)
    edition = editions.given(edition)
    if not lesson_id or (not live and edition.shows_readings):
        return {}
    return {cell: number(q, content.questions) for cell, q in predicted(lesson_id, content=content).items()
            if not (live and _answered(q))}


def blank_label(question_number: int, short: bool = False) -> str:
    return f"{BLANK} question {question_number}" if short else f"{BLANK} your prediction (question {question_number})"


def _label(actor_id: str, topic_id: str, hidden: dict, *, content: Content | None = None) -> str:
    content = given_content(content)
    if (actor_id, topic_id) in hidden:
        return blank_label(hidden[(actor_id, topic_id)], short=True)
    return cell_label(content.position(actor_id, topic_id))


def matrix_frame(hidden: dict | None = None, *, content: Content | None = None):
    """Actors as rows, topics as columns, each cell 'symbol word [basis]'."""
    content = given_content(content)
    import pandas as pd

    content, hidden = content, hidden or {}
    data = {t["title"]: [_label(a["id"], t["id"], hidden, content=content) for a in content.actors] for t in content.topics}
    return pd.DataFrame(data, index=pd.Index([a["short_name"] for a in content.actors], name="Actor"))


def styled_matrix(hidden: dict | None = None, uuid: str = "positions", *, content: Content | None = None):
    """The matrix as a styled pandas table: words and symbols carry the
    meaning; a light background repeats it."""
    frame = matrix_frame(hidden, content=content)
    tints = {"+": "#D6E6F2", "−": "#F6D9CA", "±": "#F8E8C4", "?": "#F0DCEA", "·": "#FFFFFF", BLANK: "#FFFFFF"}

    def tint(value: str) -> str:
        style = f"background-color: {tints.get(value[:1], '#FFFFFF')}; color: #000000"
        return style + ("; border: 2px dashed #000000; font-style: italic" if value.startswith(BLANK) else "")

    blanks = f" {BLANK}: a cell you predict yourself, in the question named." if hidden else ""
    return (frame.style.map(tint)
            .set_caption("Positions in November 2017. Each column is a yes/no question (see 'The seven questions'). "
                         "Symbols: + supports (yes), − opposes (no), ± conditional, "
                         "? ambiguous, · not stated. Basis: [A] the article, [R] the public record, "
                         "[A+R] both." + blanks)
            .set_table_attributes('class="sl-table sl-matrix"')
            .set_uuid(uuid))


def _differs(a: dict, b: dict) -> bool:
    return "not_stated" not in (a["stance_code"], b["stance_code"]) and a["stance_code"] != b["stance_code"]


def relation(a: dict, b: dict) -> str:
    """How two actors' positions on one topic relate."""
    if a["stance_code"] == "not_stated" or b["stance_code"] == "not_stated":
        return "one or both silent"
    if a["stance_code"] == b["stance_code"] and a["stance_code"] != "ambiguous":
        return "agree"
    return "diverge"


def stance_text(position: dict) -> str:
    """The position in a sentence; nothing for a 'not stated' cell, whose label and source say it all
    (its sentence is the same in every such cell)."""
    return "" if position["stance_code"] == "not_stated" else position["stance"]


def _cell(position: dict, hidden: dict) -> Markup:
    key = (position["actor"], position["topic"])
    if key in hidden:
        return html("<strong>{}</strong>", blank_label(hidden[key]))
    return html("<strong>{}</strong><br>{}<br><small>{}</small>", cell_label(position), stance_text(position),
                source_html(position))


def comparison_rows(actor_a: str, actor_b: str, hidden: dict | None = None, *, content: Content | None = None) -> list[dict]:
    content = given_content(content)
    content, hidden = content, hidden or {}
    rows = []
    for topic in content.topics:
        a, b = content.position(actor_a, topic["id"]), content.position(actor_b, topic["id"])
        held = (actor_a, topic["id"]) in hidden or (actor_b, topic["id"]) in hidden
        rows.append({"topic": topic["title"], "relation": "compare with your prediction" if held else relation(a, b),
                     "a": _cell(a, hidden), "b": _cell(b, hidden)})
    return rows


def comparison_html(actor_a: str, actor_b: str, hidden: dict | None = None, *, content: Content | None = None) -> Markup:
    content = given_content(content)
    name_a, name_b = content.actor(actor_a)["short_name"], content.actor(actor_b)["short_name"]
    return table(comparison_rows(actor_a, actor_b, hidden, content=content),
                 [("topic", "Topic"), ("relation", "Relation"), ("a", name_a), ("b", name_b)],
                 f"{name_a} and {name_b} compared")


def topic_rows(topic_id: str, hidden: dict | None = None, *, content: Content | None = None) -> list[dict]:
    content = given_content(content)
    content, hidden = content, hidden or {}
    rows = []
    for a in content.actors:
        p = content.position(a["id"], topic_id)
        held = (a["id"], topic_id) in hidden
        rows.append({"actor": a["short_name"],
                     "stance": _cell(p, hidden) if held else html("<strong>{}</strong> {}", cell_label(p), stance_text(p)),
                     "basis": "" if held else BASES.label(p["basis"]), "source": "" if held else source_html(p)})
    return rows


def topic_html(topic_id: str, hidden: dict | None = None, *, content: Content | None = None) -> Markup:
    content = given_content(content)
    topic = content.topic(topic_id)
    return table(topic_rows(topic_id, hidden, content=content), [("actor", "Actor"), ("stance", "Position"), ("basis", "Basis"),
                                                ("source", "Source")], f"{topic['title']}: {topic['question']}")


KEY = ("+ supports (yes), − opposes (no), ± conditional, ? ambiguous, · not stated; "
       "[A] the article, [R] the public record, [A+R] both")


def excerpt_html(actor_ids: list[str], topic_ids: list[str], hidden: dict | None = None, *,
                 content: Content | None = None) -> Markup:
    """A few rows (actors) and columns (topics) of the positions table, as the whole table
    labels its cells, the predicted ones blank: what a task on paper needs of the table."""
    content = given_content(content)
    hidden = hidden or {}
    topics = [content.topic(t) for t in topic_ids]
    rows = [{"actor": content.actor(a)["short_name"], **{t["id"]: _label(a, t["id"], hidden, content=content) for t in topics}}
            for a in actor_ids]
    columns = [("actor", "Actor")] + [(t["id"], t["title"]) for t in topics]
    blanks = f" {BLANK}: your own prediction, from the question named." if hidden else ""
    return table(rows, columns, f"From the positions table, November 2017. {KEY}.{blanks}", css_class="sl-table sl-matrix sl-excerpt")
