"""Lesson 03: who is in this story (the actors, by side, and in full) and the
seven questions they take positions on."""

from __future__ import annotations

from syria_lesson.core.display import show_html
from syria_lesson.core.html import plain_table, table
from syria_lesson.data import Content, given_content


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


