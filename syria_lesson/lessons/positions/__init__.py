"""Lesson 03: who holds which position on which question, and how we know.

The cells that lesson 03 asks students to predict (its ``predict`` questions)
are the module's reading, so every table here can leave them blank, marked
"your prediction (question N)":

- the student edition and the worksheet leave every predicted cell blank;
- in JupyterLab a cell fills in once the current student has answered its
  question (and empties again when another student starts);
- the instructor edition shows every cell.

The whole table comes after the predictions, in ``after_predictions``. This
module holds what a notebook calls; the table's cells are built in ``cells``,
the figure in ``figure`` and the reading after the predictions in ``reveal``.
"""

from __future__ import annotations

from syria_lesson.core.display import show
from syria_lesson.core.editions import Edition
from syria_lesson.core.html import join, plain_table
from syria_lesson.data import Content, given_content
from syria_lesson.lessons.positions.cells import (
    BLANK,
    blank_label,
    comparison_html,
    comparison_rows,
    hidden_cells,
    matrix_frame,
    predicted,
    relation,
    sides,
    stance_text,
    styled_matrix,
    topic_html,
    topic_rows,
)
from syria_lesson.lessons.positions.figure import alt_text as text
from syria_lesson.lessons.positions.figure import save_figure as save
from syria_lesson.lessons.positions.reveal import after_predictions as reveal_them
from syria_lesson.live import session

# What a notebook calls, and the table's parts that a student may use in code.
__all__ = ["show_matrix", "compare", "by_topic", "after_predictions", "alt_text", "save_figure",
           "BLANK", "blank_label", "comparison_html", "comparison_rows", "hidden_cells", "matrix_frame",
           "predicted", "relation", "sides", "stance_text", "topic_html", "topic_rows"]

# ---------------------------------------------------------------- the cells students predict


def _live(purpose: str, lesson_id: str | None, render, *, content: Content | None = None, edition: Edition | None = None) -> object:
    """A widget showing ``render(hidden)``, redrawn whenever the student saves or changes."""
    import ipywidgets as w

    panel = w.HTML()

    def redraw() -> None:
        panel.value = str(render(hidden_cells(lesson_id, live=True, content=content, edition=edition)))

    redraw()
    if lesson_id:
        session.SESSION.listen(f"positions:{purpose}", redraw)
    return panel


# ---------------------------------------------------------------- the matrix


def show_matrix(lesson_id: str | None = None, *, content: Content | None = None, edition: Edition | None = None) -> None:
    """The matrix; with a lesson id, its predicted cells are held back (see the module's docstring)."""
    static = hidden_cells(lesson_id, content=content, edition=edition)
    panel = _live("matrix", lesson_id, lambda hidden: styled_matrix(hidden, content=content).to_html(), content=content, edition=edition)
    show(panel, styled_matrix(static, content=content).to_html(), matrix_frame(static, content=content).to_string())


# ---------------------------------------------------------------- comparing


def compare(actor_a: str | None = None, actor_b: str | None = None, lesson_id: str | None = None, *,
            content: Content | None = None, edition: Edition | None = None) -> None:
    """Pick two actors; static face: the two signatories compared."""
    content = given_content(content)
    import ipywidgets as w

    default_a, default_b = sides(content=content)
    actor_a, actor_b = actor_a or default_a, actor_b or default_b
    options = [(a["name"], a["id"]) for a in content.actors]
    pick_a = w.Dropdown(options=options, value=actor_a, description="First actor",
                        style={"description_width": "initial"})
    pick_b = w.Dropdown(options=options, value=actor_b, description="Second actor",
                        style={"description_width": "initial"})
    result = w.HTML()

    def render(_=None):
        hidden = hidden_cells(lesson_id, live=True, content=content, edition=edition)
        result.value = str(comparison_html(pick_a.value, pick_b.value, hidden, content=content))

    pick_a.observe(render, names="value")
    pick_b.observe(render, names="value")
    render()
    if lesson_id:
        session.SESSION.listen("positions:compare", render)
    static = hidden_cells(lesson_id, content=content, edition=edition)
    show(w.VBox([w.HBox([pick_a, pick_b]), result]), comparison_html(actor_a, actor_b, static, content=content),
         plain_table(comparison_rows(actor_a, actor_b, static, content=content), [("topic", "Topic"), ("relation", "Relation")]))


def by_topic(topic_id: str | None = None, lesson_id: str | None = None, *,
             content: Content | None = None, edition: Edition | None = None) -> None:
    """Pick a topic and read every actor's position; static face: every topic."""
    content = given_content(content)
    import ipywidgets as w

    first = topic_id or content.topics[0]["id"]
    pick = w.Dropdown(options=[(t["title"], t["id"]) for t in content.topics], value=first, description="Topic")
    result = w.HTML()

    def render(_=None):
        result.value = str(topic_html(pick.value, hidden_cells(lesson_id, live=True, content=content, edition=edition), content=content))

    pick.observe(render, names="value")
    render()
    if lesson_id:
        session.SESSION.listen("positions:by_topic", render)
    static = hidden_cells(lesson_id, content=content, edition=edition)
    show(w.VBox([pick, result]), join(topic_html(t["id"], static, content=content) for t in content.topics),
         "\n".join(f"{t['title']}: {t['question']}" for t in content.topics))


# ---------------------------------------------------------------- elsewhere: the reveal and the figure


def after_predictions(lesson_id: str, *, content: Content | None = None, edition: Edition | None = None) -> None:
    """The module's reading of the predicted cells and the whole table, once the
    student has made every prediction (in ``positions_reveal``)."""
    reveal_them(lesson_id, content=content, edition=edition)


def alt_text(*, content: Content | None = None) -> str:
    return text(content=content)


def save_figure(folder, *, content: Content | None = None) -> None:
    save(folder, content=content)
