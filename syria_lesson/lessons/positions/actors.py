"""Lesson 03: who is in this story (the actors, by side, and in full) and the
seven questions they take positions on; on paper, the excerpts of the actors
and positions tables that a task beside them needs."""

from __future__ import annotations

from syria_lesson.core import editions
from syria_lesson.core.display import show_html
from syria_lesson.core.editions import Edition
from syria_lesson.core.html import html, join, plain_table, table
from syria_lesson.data import Content, given_content
from syria_lesson.lessons.positions.cells import excerpt_html, hidden_cells


def by_side(*, content: Content | None = None) -> None:
    """The actors in one short table, by side: who is in this story."""
    content = given_content(content)
    groups: dict[str, list[str]] = {}
    for a in content.actors:
        groups.setdefault(a["group"], []).append(a["short_name"] + ("" if a["in_article"] == "yes" else "*"))
    rows = [{"side": side, "actors": ", ".join(names)} for side, names in groups.items()]
    caption = f"The {len(content.actors)} actors, by side (* not named in the article)"
    show_html(table(rows, [("side", "Side"), ("actors", "Actors")], caption),
              caption + "\n" + plain_table(rows, [("side", "Side"), ("actors", "Actors")]))


def entries(actor_ids: list[str], *, content: Content | None = None, edition: Edition | None = None) -> None:
    """On paper only: the actors table's entry (two or three sentences) for the actors a task beside
    it asks about. A class set has no Reference to look them up in; on screen this shows nothing."""
    content = given_content(content)
    if not editions.given(edition).paper:
        return
    chosen = [content.actor(a) for a in actor_ids]
    items = join(html("<p><strong>{}</strong> ({}). {}</p>", a["name"], a["group"], a["intro"]) for a in chosen)
    show_html(html('<div class="sl-excerpt" style="font-size:90%"><p><strong>From the actors table</strong>:</p>{}</div>',
                   items), "From the actors table: " + " ".join(f"{a['name']}: {a['intro']}" for a in chosen))


def intros(*, content: Content | None = None) -> None:
    content = given_content(content)
    rows = [{"name": a["name"], "group": a["group"], "intro": a["intro"],
             "in_article": "yes" if a["in_article"] == "yes" else "no"} for a in content.actors]
    show_html(table(rows, [("name", "Actor"), ("group", "Side"), ("intro", "Who they are"),
                           ("in_article", "In the article?")], "The actors"),
              plain_table(rows, [("name", "Actor"), ("group", "Side")]))


def questions(*, content: Content | None = None) -> None:
    """The seven topics as the yes/no questions the stance codes answer."""
    content = given_content(content)
    rows = [{"title": t["title"], "question": t["question"],
             "paras": ", ".join(str(p) for p in t.get("article_paragraphs") or []) or "not in the article"}
            for t in content.topics]
    show_html(table(rows, [("title", "Topic"), ("question", "The question (+ means yes)"),
                           ("paras", "Article paragraphs")], "The seven questions"),
              plain_table(rows, [("title", "Topic"), ("question", "Question")]))




def positions(actors: list[str] | None = None, topic: str | None = None, lesson_id: str | None = None, *,
              content: Content | None = None, edition: Edition | None = None) -> None:
    """On paper only: the rows (``actors``, every topic) or the column (``topic``, every actor) of the
    positions table that a task beside it uses, its predicted cells blank. A class set has no table
    to turn to; on screen the whole table is in the lesson, so this shows nothing there."""
    content = given_content(content)
    if not editions.given(edition).paper:
        return
    actor_ids = actors or [a["id"] for a in content.actors]
    topic_ids = [topic] if topic else [t["id"] for t in content.topics]
    face = excerpt_html(actor_ids, topic_ids, hidden_cells(lesson_id, content=content, edition=edition), content=content)
    show_html(face, "From the positions table: " + ", ".join(content.actor(a)["short_name"] for a in actor_ids))
