"""Lesson 03: who holds which position on which question, and how we know.

The cells that lesson 03 asks students to predict (its ``predict`` questions)
are the module's reading, so every table here can leave them blank, marked
"your prediction (question N)":

- the student edition and the worksheet leave every predicted cell blank;
- in JupyterLab a cell fills in once the current student has answered its
  question (and empties again when another student starts);
- the instructor edition shows every cell.

The whole table comes after the predictions, in ``after_predictions``. The
figure is drawn in ``positions_figure``.
"""

from __future__ import annotations

from syria_lesson.core import paths
from syria_lesson.core.display import show
from syria_lesson.core.html import Markup, html, join, link, plain_table, table

# Each stance has a word, a symbol and a colour: print and colour-blind
# readers get the word and the symbol; the colour only repeats them.
STANCES = {
    "supports": ("Supports", "+", "#0072B2"),
    "opposes": ("Opposes", "−", "#D55E00"),
    "conditional": ("Conditional", "±", "#E69F00"),
    "ambiguous": ("Ambiguous", "?", "#CC79A7"),
    "not_stated": ("Not stated", "·", "#FFFFFF"),
}
BASIS_LABELS = {
    "article": "the article",
    "record": "the public record",
    "article_and_record": "the article and the record",
    "not_stated": "neither says",
}
BASIS_MARK = {"article": "A", "record": "R", "article_and_record": "A+R", "not_stated": ""}
BLANK = "▢"  # a cell left for the student's own prediction


def _content():
    from syria_lesson.data import load_all

    return load_all()


def sides() -> tuple[str, str]:
    """The two signatories' actor ids (Washington's, Moscow's), from data/article.yaml."""
    chosen = _content().article["meta"]["sides"]
    return chosen["washington"], chosen["moscow"]


def cell_label(position: dict) -> str:
    word, symbol, _ = STANCES[position["stance_code"]]
    mark = BASIS_MARK[position["basis"]]
    return f"{symbol} {word}" + (f" [{mark}]" if mark else "")


# ---------------------------------------------------------------- the cells students predict


def predicted(lesson_id: str) -> dict[tuple[str, str], dict]:
    """(actor, topic) -> the lesson's predict question for that cell."""
    return {tuple(q["cell"]): q for q in _content().lesson_questions(lesson_id) if q["kind"] == "predict"}


def _answered(q: dict) -> bool:
    from syria_lesson.live import session
    from syria_lesson.live.worksheet import is_answered

    book = session.SESSION.ensure_book()
    return bool(book) and is_answered(q, book.get(q["id"]))


def hidden_cells(lesson_id: str | None, live: bool = False) -> dict[tuple[str, str], int]:
    """The cells to leave blank, each with its question's number in the lesson:
    on paper and in the student edition every predicted cell, none in the
    instructor edition; live (JupyterLab), those the student has not answered."""
    from syria_lesson.live.worksheet import number

    if not lesson_id or (not live and paths.edition() == "instructor"):
        return {}
    content = _content()
    return {cell: number(q, content.questions) for cell, q in predicted(lesson_id).items()
            if not (live and _answered(q))}


def blank_label(question_number: int, short: bool = False) -> str:
    return f"{BLANK} question {question_number}" if short else f"{BLANK} your prediction (question {question_number})"


def _label(actor_id: str, topic_id: str, hidden: dict) -> str:
    if (actor_id, topic_id) in hidden:
        return blank_label(hidden[(actor_id, topic_id)], short=True)
    return cell_label(_content().position(actor_id, topic_id))


def _live(purpose: str, lesson_id: str | None, render) -> object:
    """A widget showing ``render(hidden)``, redrawn whenever the student saves or changes."""
    import ipywidgets as w

    from syria_lesson.live import session

    panel = w.HTML()

    def redraw() -> None:
        panel.value = str(render(hidden_cells(lesson_id, live=True)))

    redraw()
    if lesson_id:
        session.SESSION.listen(f"positions:{purpose}", redraw)
    return panel


# ---------------------------------------------------------------- the matrix


def matrix_frame(hidden: dict | None = None):
    """Actors as rows, topics as columns, each cell 'symbol word [basis]'."""
    import pandas as pd

    content, hidden = _content(), hidden or {}
    data = {t["title"]: [_label(a["id"], t["id"], hidden) for a in content.actors] for t in content.topics}
    return pd.DataFrame(data, index=pd.Index([a["short_name"] for a in content.actors], name="Actor"))


def styled_matrix(hidden: dict | None = None, uuid: str = "positions"):
    """The matrix as a styled pandas table: words and symbols carry the
    meaning; a light background repeats it."""
    frame = matrix_frame(hidden)
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


def show_matrix(lesson_id: str | None = None) -> None:
    """The matrix; with a lesson id, its predicted cells are held back (see the module's docstring)."""
    static = hidden_cells(lesson_id)
    panel = _live("matrix", lesson_id, lambda hidden: styled_matrix(hidden).to_html())
    show(panel, styled_matrix(static).to_html(), matrix_frame(static).to_string())


# ---------------------------------------------------------------- comparing


def _differs(a: dict, b: dict) -> bool:
    return "not_stated" not in (a["stance_code"], b["stance_code"]) and a["stance_code"] != b["stance_code"]


def relation(a: dict, b: dict) -> str:
    """How two actors' positions on one topic relate."""
    if a["stance_code"] == "not_stated" or b["stance_code"] == "not_stated":
        return "one or both silent"
    if a["stance_code"] == b["stance_code"] and a["stance_code"] != "ambiguous":
        return "agree"
    return "diverge"


def source_html(position: dict) -> Markup:
    parts = []
    if position["basis"] in ("article", "article_and_record"):
        quote = html(" “{}”", position["quote"]) if position.get("quote") else ""
        parts.append(html("Article, paragraph {}{}", position["paragraph"], quote))
    if position["basis"] in ("record", "article_and_record"):
        parts.append(html("{} ({})", link(position["source_url"], position["source_title"]), position["source_date"]))
    if position["basis"] == "not_stated":
        parts.append(Markup("Neither the article nor a source we found states this."))
    if position.get("note"):
        parts.append(html("<em>Note: {}</em>", position["note"]))
    return Markup("<br>").join(parts)


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


def comparison_rows(actor_a: str, actor_b: str, hidden: dict | None = None) -> list[dict]:
    content, hidden = _content(), hidden or {}
    rows = []
    for topic in content.topics:
        a, b = content.position(actor_a, topic["id"]), content.position(actor_b, topic["id"])
        held = (actor_a, topic["id"]) in hidden or (actor_b, topic["id"]) in hidden
        rows.append({"topic": topic["title"], "relation": "compare with your prediction" if held else relation(a, b),
                     "a": _cell(a, hidden), "b": _cell(b, hidden)})
    return rows


def comparison_html(actor_a: str, actor_b: str, hidden: dict | None = None) -> Markup:
    content = _content()
    name_a, name_b = content.actor(actor_a)["short_name"], content.actor(actor_b)["short_name"]
    return table(comparison_rows(actor_a, actor_b, hidden),
                 [("topic", "Topic"), ("relation", "Relation"), ("a", name_a), ("b", name_b)],
                 f"{name_a} and {name_b} compared")


def topic_rows(topic_id: str, hidden: dict | None = None) -> list[dict]:
    content, hidden = _content(), hidden or {}
    rows = []
    for a in content.actors:
        p = content.position(a["id"], topic_id)
        held = (a["id"], topic_id) in hidden
        rows.append({"actor": a["short_name"],
                     "stance": _cell(p, hidden) if held else html("<strong>{}</strong> {}", cell_label(p), stance_text(p)),
                     "basis": "" if held else BASIS_LABELS[p["basis"]], "source": "" if held else source_html(p)})
    return rows


def topic_html(topic_id: str, hidden: dict | None = None) -> Markup:
    topic = _content().topic(topic_id)
    return table(topic_rows(topic_id, hidden), [("actor", "Actor"), ("stance", "Position"), ("basis", "Basis"),
                                                ("source", "Source")], f"{topic['title']}: {topic['question']}")


def compare(actor_a: str | None = None, actor_b: str | None = None, lesson_id: str | None = None) -> None:
    """Pick two actors; static face: the two signatories compared."""
    import ipywidgets as w

    from syria_lesson.live import session

    content = _content()
    default_a, default_b = sides()
    actor_a, actor_b = actor_a or default_a, actor_b or default_b
    options = [(a["name"], a["id"]) for a in content.actors]
    pick_a = w.Dropdown(options=options, value=actor_a, description="First actor",
                        style={"description_width": "initial"})
    pick_b = w.Dropdown(options=options, value=actor_b, description="Second actor",
                        style={"description_width": "initial"})
    result = w.HTML()

    def render(_=None):
        result.value = str(comparison_html(pick_a.value, pick_b.value, hidden_cells(lesson_id, live=True)))

    pick_a.observe(render, names="value")
    pick_b.observe(render, names="value")
    render()
    if lesson_id:
        session.SESSION.listen("positions:compare", render)
    static = hidden_cells(lesson_id)
    show(w.VBox([w.HBox([pick_a, pick_b]), result]), comparison_html(actor_a, actor_b, static),
         plain_table(comparison_rows(actor_a, actor_b, static), [("topic", "Topic"), ("relation", "Relation")]))


def by_topic(topic_id: str | None = None, lesson_id: str | None = None) -> None:
    """Pick a topic and read every actor's position; static face: every topic."""
    import ipywidgets as w

    from syria_lesson.live import session

    content = _content()
    first = topic_id or content.topics[0]["id"]
    pick = w.Dropdown(options=[(t["title"], t["id"]) for t in content.topics], value=first, description="Topic")
    result = w.HTML()

    def render(_=None):
        result.value = str(topic_html(pick.value, hidden_cells(lesson_id, live=True)))

    pick.observe(render, names="value")
    render()
    if lesson_id:
        session.SESSION.listen("positions:by_topic", render)
    static = hidden_cells(lesson_id)
    show(w.VBox([pick, result]), join(topic_html(t["id"], static) for t in content.topics),
         "\n".join(f"{t['title']}: {t['question']}" for t in content.topics))


# ---------------------------------------------------------------- elsewhere: the reveal and the figure


def after_predictions(lesson_id: str) -> None:
    """The module's reading of the predicted cells and the whole table, once the
    student has made every prediction (in ``positions_reveal``)."""
    from syria_lesson.lessons.positions.reveal import after_predictions as reveal_them

    reveal_them(lesson_id)


def alt_text() -> str:
    from syria_lesson.lessons.positions.figure import alt_text as text

    return text()


def save_figure(folder) -> None:
    from syria_lesson.lessons.positions.figure import save_figure as save

    save(folder)
