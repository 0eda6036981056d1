"""Lesson 03's figure: the actor–position matrix as a grid of symbols, its alt
text, and the files ``figures/positions.png`` and ``.svg``."""

from __future__ import annotations

import base64
import functools

from syria_lesson.core import paths
from syria_lesson.core.display import code_of, drawn_from, figure_png, save_png, saved_png, show_saved
from syria_lesson.core.html import Markup, html
from syria_lesson.core.vocab import BASES, STANCES
from syria_lesson.data import Content, given_content
from syria_lesson.lessons.positions.cells import sides


def figure(*, content: Content | None = None):
    """The matrix as a grid of symbols (shapes, not only colours)."""
    content = given_content(content)
    import matplotlib.pyplot as plt

    actors, topics = content.actors, content.topics
    fig, ax = plt.subplots(figsize=(1.35 * len(topics) + 3, 0.48 * len(actors) + 1.6))
    for y, actor in enumerate(actors):
        for x, topic in enumerate(topics):
            position = content.position(actor["id"], topic["id"])
            stance, mark = STANCES[position["stance_code"]], BASES[position["basis"]].symbol
            ax.add_patch(plt.Rectangle((x - 0.5, y - 0.5), 1, 1, facecolor=stance.colour, alpha=0.35,
                                       edgecolor="#888888"))
            ax.text(x, y, stance.symbol + ("\n" + mark if mark else ""),
                    ha="center", va="center", fontsize=11, fontweight="bold")
    # Printed, the figure shrinks to about 60%: type sizes allow for that.
    ax.tick_params(labelsize=11)
    ax.set_xticks(range(len(topics)), [t["title"] for t in topics], rotation=30, ha="right")
    ax.set_yticks(range(len(actors)), [a["short_name"] for a in actors])
    ax.set_xlim(-0.5, len(topics) - 0.5)
    ax.set_ylim(len(actors) - 0.5, -0.5)
    ax.set_title("Who holds which position (Nov 2017). Each column is a yes/no question.\n"
                 "+ yes (supports)  − no (opposes)  ± conditional  ? ambiguous  · not stated;  "
                 "A = from the article, R = from the public record", loc="left", fontsize=11)
    fig.tight_layout()
    return fig


def alt_text(*, content: Content | None = None) -> str:
    """What the grid shows, in words: the counts, and the two signatories' rows
    read out cell by cell (the comparison itself is left to the reader, as it is
    to a sighted one)."""
    content = given_content(content)
    counts = {code: sum(p["stance_code"] == code for p in content.positions) for code in STANCES.codes}
    bases = {b: sum(p["basis"] == b for p in content.positions) for b in BASES.codes}

    def row(actor_id: str) -> str:
        cells = [f"{t['title']} {STANCES.label(content.position(actor_id, t['id'])['stance_code']).lower()}"
                 for t in content.topics]
        return f"{content.actor(actor_id)['name']}: " + "; ".join(cells) + "."

    return (f"A grid of {len(content.actors)} actors (rows) by {len(content.topics)} topics (columns). Each cell "
            "shows a symbol for the stance and a letter for the basis. "
            + ", ".join(f"{counts[c]} cells {STANCES.label(c).lower()}" for c in STANCES.codes) + ". "
            + f"{bases['article'] + bases['article_and_record']} cells rest on the article, "
            + f"{bases['record'] + bases['article_and_record']} on the public record, "
            + f"{bases['not_stated']} on neither. The two signatories' rows read: "
            + " ".join(row(actor) for actor in sides(content=content)))


def figure_key(*, content: Content | None = None) -> str:
    """What the matrix figure is drawn from: actors, topics, every cell, and the drawing code."""
    content = given_content(content)
    cells = [[p["actor"], p["topic"], p["stance_code"], p["basis"]] for p in content.positions]
    return drawn_from([[a["id"], a["short_name"]] for a in content.actors],
                      [[t["id"], t["title"]] for t in content.topics], sorted(cells),
                      code_of("lessons/positions/__init__.py", "lessons/positions/figure.py"))


def _saved():
    return paths.figures_dir() / "positions.png"


def show_figure_matrix(*, content: Content | None = None) -> None:
    show_saved(_saved(), figure_key(content=content), figure, alt_text(content=content),
               caption="Figure: the actor–position matrix.")


@functools.lru_cache(maxsize=1)  # the same for every student: made once per kernel, not on every save
def img_html(*, content: Content | None = None) -> Markup:
    """The figure as an image inside HTML (for a reveal box), with its alt text:
    the saved figure when it is current, else drawn now."""
    png = saved_png(_saved(), figure_key(content=content))
    if png is None:
        import matplotlib.pyplot as plt

        fig = figure(content=content)
        png = figure_png(fig)
        plt.close(fig)
    data = base64.b64encode(png).decode("ascii")
    return html('<figure class="sl-figure"><img src="data:image/png;base64,{}" alt="{}" style="max-width:100%">'
                "<figcaption>Figure: the actor–position matrix, every cell.</figcaption></figure>", data, alt_text(content=content))


def save_figure(folder, *, content: Content | None = None) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = figure(content=content)
    save_png(fig, folder / "positions.png", figure_key(content=content))
    with matplotlib.rc_context({"svg.hashsalt": "syria-lesson", "svg.fonttype": "none"}):
        fig.savefig(folder / "positions.svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    plt.close(fig)
