"""Glossary and source lists, shared by every lesson."""

from __future__ import annotations

from syria_lesson.core.dates import long_date
from syria_lesson.core.display import show_html
from syria_lesson.core.html import html, join, link, table
from syria_lesson.data import load_all
from syria_lesson.lessons.article import citation_text, sourcing, statement
from syria_lesson.lessons.primer import all_sources


def glossary(lesson: str | None = None) -> None:
    """The glossary (the terms a lesson uses, or all of them)."""
    terms = [t for t in load_all().glossary if lesson is None or lesson in t["used_in"]]
    rows = [{"term": t["term"], "definition": t["definition"],
             "lessons": ", ".join(t["used_in"]), "source": link(t["source_url"], t["source_title"])} for t in terms]
    show_html(table(rows, [("term", "Term"), ("definition", "Meaning"), ("lessons", "Lessons"),
                           ("source", "Check it")], "Glossary"),
              "\n".join(f"{t['term']}: {t['definition']}" for t in terms))


def record_checked_text() -> str:
    """'The record was last checked on 1 December 2026': the date is the latest
    day any event row was checked against its source, never typed in prose."""
    return f"The record was last checked on {long_date(load_all().record_checked)}."


def record_checked() -> None:
    text = record_checked_text()
    show_html(html('<p class="sl-record-checked"><strong>{}</strong> Events after that day are not in the '
                   "timeline; <code>docs/updating.md</code> shows a teacher how to add them.</p>", text), text)


def lesson_sources(lesson: str) -> list[tuple[str, str]]:
    """(title, url) of every source the lesson's content cites, article first."""
    content = load_all()
    found: dict[str, str] = {content.article["meta"]["url"]: citation_text()}

    def add(url, title):
        if url and url not in found:
            found[url] = title

    if lesson == "00":
        for title, url in all_sources():
            add(url, title)
    if lesson == "01":
        for title, url in statement.sources() + sourcing.all_sources():
            add(url, title)
        for term in content.key_terms():
            add(term["source_url"], term["source_title"])
        for term in content.article.get("vague_terms") or []:
            for side in ("washington", "moscow"):
                add(term[side].get("source_url"), term[side].get("source_title"))
    if lesson == "02":
        for e in content.events:
            if e["article_link"] != "later":
                add(e["source_url"], e["source_title"])
    if lesson == "05":
        for e in content.events:
            if e["article_link"] == "later":
                add(e["source_url"], e["source_title"])
    if lesson == "03":
        for p in content.positions:
            add(p.get("source_url"), p.get("source_title"))
    for t in content.glossary:
        if lesson in t["used_in"]:
            add(t["source_url"], t["source_title"])
    return [(title, url) for url, title in found.items()]


def sources(lesson: str) -> None:
    items = lesson_sources(lesson)
    body = join(html("<li>{}. {}</li>", title, link(url, url)) for title, url in items)
    show_html(html('<section class="sl-sources" aria-label="Sources"><ol>{}</ol></section>', body),
              "\n".join(f"- {title}. {url}" for title, url in items))
