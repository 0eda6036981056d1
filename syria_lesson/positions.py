"""Lesson 03: who holds which position on which question, and how we know."""

from __future__ import annotations

from .display import show, show_html
from .html import Markup, html, link, plain_table, table

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


def _content():
    from .data import load_all

    return load_all()


def sides() -> tuple[str, str]:
    """The two signatories' actor ids (Washington's, Moscow's), from data/article.yaml."""
    chosen = _content().article["meta"]["sides"]
    return chosen["washington"], chosen["moscow"]


def cell_label(position: dict) -> str:
    word, symbol, _ = STANCES[position["stance_code"]]
    mark = BASIS_MARK[position["basis"]]
    return f"{symbol} {word}" + (f" [{mark}]" if mark else "")


def matrix_frame():
    """Actors as rows, topics as columns, each cell 'symbol word [basis]'."""
    import pandas as pd

    content = _content()
    data = {t["title"]: [cell_label(content.position(a["id"], t["id"])) for a in content.actors]
            for t in content.topics}
    return pd.DataFrame(data, index=pd.Index([a["short_name"] for a in content.actors], name="Actor"))


def styled_matrix():
    """The matrix as a styled pandas table: words and symbols carry the
    meaning; a light background repeats it."""
    frame = matrix_frame()
    tints = {"+": "#D6E6F2", "−": "#F6D9CA", "±": "#F8E8C4", "?": "#F0DCEA", "·": "#FFFFFF"}

    def tint(value: str) -> str:
        return f"background-color: {tints.get(value[:1], '#FFFFFF')}; color: #000000"

    return (frame.style.map(tint)
            .set_caption("Positions in November 2017. Each column is a yes/no question (see 'One topic, every actor'). "
                         "Symbols: + supports (yes), − opposes (no), ± conditional, "
                         "? ambiguous, · not stated. Basis: [A] the article, [R] the public record, "
                         "[A+R] both.")
            .set_table_attributes('class="sl-table sl-matrix"')
            .set_uuid("positions"))


def show_matrix() -> None:
    show_html(styled_matrix().to_html(), matrix_frame().to_string())


def figure():
    """The matrix as a grid of symbols (shapes, not only colours)."""
    import matplotlib.pyplot as plt

    content = _content()
    actors, topics = content.actors, content.topics
    fig, ax = plt.subplots(figsize=(1.35 * len(topics) + 3, 0.48 * len(actors) + 1.6))
    for y, actor in enumerate(actors):
        for x, topic in enumerate(topics):
            position = content.position(actor["id"], topic["id"])
            word, symbol, colour = STANCES[position["stance_code"]]
            ax.add_patch(plt.Rectangle((x - 0.5, y - 0.5), 1, 1, facecolor=colour, alpha=0.35,
                                       edgecolor="#888888"))
            ax.text(x, y, symbol + ("\n" + BASIS_MARK[position["basis"]] if BASIS_MARK[position["basis"]] else ""),
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


def alt_text() -> str:
    content = _content()
    counts = {code: sum(p["stance_code"] == code for p in content.positions) for code in STANCES}
    bases = {b: sum(p["basis"] == b for p in content.positions) for b in BASIS_LABELS}
    us, ru = sides()
    gaps = [t["title"] for t in content.topics if _differs(content.position(us, t["id"]), content.position(ru, t["id"]))]
    return (f"A grid of {len(content.actors)} actors (rows) by {len(content.topics)} topics (columns). Each cell "
            "shows a symbol for the stance and a letter for the basis. "
            + ", ".join(f"{counts[c]} cells {STANCES[c][0].lower()}" for c in STANCES) + ". "
            + f"{bases['article'] + bases['article_and_record']} cells rest on the article, "
            + f"{bases['record'] + bases['article_and_record']} on the public record, "
            + f"{bases['not_stated']} on neither. "
            + (f"{content.actor(us)['name']} and {content.actor(ru)['name']} differ on: " + ", ".join(gaps) + "."
               if gaps else ""))


def figure_key() -> str:
    """What the matrix figure is drawn from: actors, topics, every cell, and the drawing code."""
    from .display import code_of, drawn_from

    content = _content()
    cells = [[p["actor"], p["topic"], p["stance_code"], p["basis"]] for p in content.positions]
    return drawn_from([[a["id"], a["short_name"]] for a in content.actors],
                      [[t["id"], t["title"]] for t in content.topics], sorted(cells), code_of("positions"))


def show_figure_matrix() -> None:
    from . import paths
    from .display import show_saved

    show_saved(paths.figures_dir() / "positions.png", figure_key(), figure, alt_text(),
               caption="Figure: the actor–position matrix. Also saved as figures/positions.png.")


def save_figure(folder) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from .display import save_png

    fig = figure()
    save_png(fig, folder / "positions.png", figure_key())
    with matplotlib.rc_context({"svg.hashsalt": "syria-lesson", "svg.fonttype": "none"}):
        fig.savefig(folder / "positions.svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    plt.close(fig)


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


def _cell(position: dict) -> Markup:
    return html("<strong>{}</strong><br>{}<br><small>{}</small>", cell_label(position), position["stance"],
                source_html(position))


def comparison_rows(actor_a: str, actor_b: str) -> list[dict]:
    content = _content()
    rows = []
    for topic in content.topics:
        a, b = content.position(actor_a, topic["id"]), content.position(actor_b, topic["id"])
        rows.append({"topic": topic["title"], "relation": relation(a, b), "a": _cell(a), "b": _cell(b)})
    return rows


def comparison_html(actor_a: str, actor_b: str) -> Markup:
    content = _content()
    name_a, name_b = content.actor(actor_a)["short_name"], content.actor(actor_b)["short_name"]
    return table(comparison_rows(actor_a, actor_b),
                 [("topic", "Topic"), ("relation", "Relation"), ("a", name_a), ("b", name_b)],
                 f"{name_a} and {name_b} compared")


def topic_rows(topic_id: str) -> list[dict]:
    content = _content()
    return [{"actor": a["short_name"], "stance": html("<strong>{}</strong> {}", cell_label(p), p["stance"]),
             "basis": BASIS_LABELS[p["basis"]], "source": source_html(p)}
            for a in content.actors for p in [content.position(a["id"], topic_id)]]


def topic_html(topic_id: str) -> Markup:
    topic = _content().topic(topic_id)
    return table(topic_rows(topic_id), [("actor", "Actor"), ("stance", "Position"), ("basis", "Basis"),
                                        ("source", "Source")], f"{topic['title']}: {topic['question']}")


def compare(actor_a: str | None = None, actor_b: str | None = None) -> None:
    """Pick two actors; static face: the two signatories compared."""
    import ipywidgets as w

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
        result.value = str(comparison_html(pick_a.value, pick_b.value))

    pick_a.observe(render, names="value")
    pick_b.observe(render, names="value")
    render()
    rows = comparison_rows(actor_a, actor_b)
    show(w.VBox([w.HBox([pick_a, pick_b]), result]), comparison_html(actor_a, actor_b),
         plain_table(rows, [("topic", "Topic"), ("relation", "Relation")]))


def by_topic(topic_id: str | None = None) -> None:
    """Pick a topic and read every actor's position; static face: every topic."""
    import ipywidgets as w

    content = _content()
    first = topic_id or content.topics[0]["id"]
    pick = w.Dropdown(options=[(t["title"], t["id"]) for t in content.topics], value=first, description="Topic")
    result = w.HTML()

    def render(_=None):
        result.value = str(topic_html(pick.value))

    pick.observe(render, names="value")
    render()
    static = Markup("").join(topic_html(t["id"]) for t in content.topics)
    show(w.VBox([pick, result]), static,
         "\n".join(f"{t['title']}: {t['question']}" for t in content.topics))


def actor_intros() -> None:
    content = _content()
    rows = [{"name": a["name"], "group": a["group"], "intro": a["intro"],
             "in_article": "yes" if a["in_article"] == "yes" else "no"} for a in content.actors]
    show_html(table(rows, [("name", "Actor"), ("group", "Side"), ("intro", "Who they are"),
                           ("in_article", "In the article?")], "The actors"),
              plain_table(rows, [("name", "Actor"), ("group", "Side")]))


def topic_questions() -> None:
    """The seven topics as the yes/no questions the stance codes answer."""
    content = _content()
    rows = [{"title": t["title"], "question": t["question"],
             "paras": ", ".join(str(p) for p in t.get("article_paragraphs") or []) or "not in the article"}
            for t in content.topics]
    show_html(table(rows, [("title", "Topic"), ("question", "The question (+ means yes)"),
                           ("paras", "Article paragraphs")], "The topics"),
              plain_table(rows, [("title", "Topic"), ("question", "Question")]))
