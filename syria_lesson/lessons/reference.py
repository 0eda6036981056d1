"""Glossary and source lists, shared by every lesson."""

from __future__ import annotations

from syria_lesson.core import editions
from syria_lesson.core.dates import long_date
from syria_lesson.core.display import show_html
from syria_lesson.core.editions import Edition
from syria_lesson.core.html import Markup, html, join, link, table
from syria_lesson.core.validate import DataError, Problem, date_start
from syria_lesson.data import Content, given_content
from syria_lesson.lessons.article import citation_text, sourcing, statement
from syria_lesson.lessons.primer import all_sources


def glossary(lesson: str | None = None, *, later: bool | None = None, content: Content | None = None) -> None:
    """The glossary (the terms a lesson uses, or all of them). Before the forecasts each term is
    defined as of November 2017; its later history comes in lesson 05 and the whole glossary.
    ``later=False`` keeps the whole glossary as of November 2017 (the reference's first part)."""
    content = given_content(content)
    terms = [t for t in content.glossary if lesson is None or lesson in t["used_in"]]
    if later is False and lesson is None:  # the reference's Part 1: only the terms of lessons 00-04
        terms = [t for t in terms if not all(shows_later(used) for used in t["used_in"])]
    later = shows_later(lesson) if later is None else later
    rows = [{"term": t["term"], "definition": _definition(t, later), "lessons": ", ".join(t["used_in"]),
             "source": join((link(u, s) for s, u in _term_sources(t, later)), Markup("<br>"))} for t in terms]
    show_html(table(rows, [("term", "Term"), ("definition", "Meaning"), ("lessons", "Lessons"),
                           ("source", "Check it")], "Glossary"),
              "\n".join(f"{t['term']}: {_definition(t, later)}" for t in terms))


def glossary_later(*, content: Content | None = None) -> None:
    """What became of the glossary's terms after November 2017: the reference's part for after the forecasts."""
    content = given_content(content)
    # a term met only after the forecasts (lesson 05), with its meaning; every other term's later history
    only_later = [t for t in content.glossary if all(shows_later(used) for used in t["used_in"])]
    terms = only_later + [t for t in content.glossary if t.get("later") and t not in only_later]
    rows = [{"term": t["term"], "later": _definition(t, True) if t in only_later else t["later"],
             "source": join((link(u, s) for s, u in _term_sources(t, True)), Markup("<br>")) if t in only_later
             else (link(t["later_source_url"], t["later_source_title"]) if t.get("later_source_url") else "")}
            for t in terms]
    show_html(table(rows, [("term", "Term"), ("later", "After November 2017"), ("source", "Check it")],
                    "The glossary's terms after November 2017"),
              "\n".join(f"{t['term']}: {t['later']}" for t in terms))


def sources_by_lesson(*, content: Content | None = None) -> None:
    """Every lesson's sources, lesson by lesson, for the reference."""
    content = given_content(content)
    parts = []
    for lesson in content.module["lessons"]:
        items = lesson_sources(lesson["id"], content=content)
        parts.append(html('<h3>Lesson {}: {}</h3><ol>{}</ol>', lesson["id"], lesson["title"],
                          join(html("<li>{}. {}</li>", title, link(url, url)) for title, url in items)))
    show_html(html('<section class="sl-sources" aria-label="Sources, lesson by lesson">{}</section>', join(parts)),
              "\n".join(f"- {title}. {url}" for lesson in content.module["lessons"]
                        for title, url in lesson_sources(lesson["id"], content=content)))


def shows_later(lesson: str | None) -> bool:
    """Whether a lesson may name what happened after the forecasts: lesson 05 and the reference."""
    return lesson is None or lesson >= "05"


def _definition(term: dict, later: bool) -> str:
    return f"{term['definition']} Later: {term['later']}" if later and term.get("later") else term["definition"]


def _term_sources(term: dict, later: bool) -> list[tuple[str, str]]:
    out = [(term["source_title"], term["source_url"])]
    if later and term.get("later_source_url"):
        out.append((term["later_source_title"], term["later_source_url"]))
    return out


def record_checked_text(*, content: Content | None = None) -> str:
    """The record's two dates, both computed from data/events.csv, never typed in prose: the
    day of its latest event, and the latest day any row was checked (when the sources were
    last searched)."""
    content = given_content(content)
    return (f"The timeline's latest event is dated {long_date(content.latest_event_date)}; "
            f"its sources were last searched on {long_date(content.record_checked)}.")


def record_gap_text(*, content: Content | None = None) -> str:
    """What a reader should assume about the months between the two dates ('' when there are none)."""
    content = given_content(content)
    latest, checked = content.latest_event_date, content.record_checked
    if (date_start(checked) - date_start(latest)).days <= GAP_DAYS:
        return f"Nothing after {long_date(checked)} is in the timeline."
    return (f"Read the months between as a gap, not a quiet time: assume that things happened after "
            f"{long_date(latest)} that the timeline does not show, because the searches did not find them "
            f"or could not confirm them from good sources. Nothing after {long_date(checked)} is in the "
            "timeline at all. Before you say how things stand now, check a current news report.")


GAP_DAYS = 31  # a latest event within a month of the last search leaves no gap worth a warning


def record_checked(*, gap: bool = True, content: Content | None = None, edition: Edition | None = None) -> None:
    """The record's two dates; with ``gap``, what to assume about the months between (lesson 05, the reference)."""
    text, gap = record_checked_text(content=content), record_gap_text(content=content) if gap else ""
    how = (Markup(" (<code>docs/updating.md</code> shows a teacher how to add events)")
           if editions.given(edition).shows_readings
           else Markup(""))  # a path in the repository is for the teacher, not the student
    show_html(html('<p class="sl-record-checked"><strong>{}</strong> {}{}</p>', text, gap, how), f"{text} {gap}")


def _primer_sources(content) -> list[tuple[str, str]]:
    return all_sources()


def _statement_sources(content) -> list[tuple[str, str]]:
    return statement.sources()


def _lateral_reading_sources(content) -> list[tuple[str, str]]:
    return sourcing.all_sources()


def _key_term_sources(content) -> list[tuple[str, str]]:
    return [(term["source_title"], term["source_url"]) for term in content.key_terms()]


def _vague_term_sources(content) -> list[tuple[str, str]]:
    return [(term[side].get("source_title"), term[side].get("source_url"))
            for term in content.article.get("vague_terms") or [] for side in ("washington", "moscow")]


def _event_sources(later: bool):
    def sources(content) -> list[tuple[str, str]]:
        return [(e["source_title"], e["source_url"]) for e in content.events if (e["article_link"] == "later") == later]

    return sources


def _position_sources(content) -> list[tuple[str, str]]:
    return [(p.get("source_title"), p.get("source_url")) for p in content.positions]


def _document_sources(content) -> list[tuple[str, str]]:
    return [(d["source_title"], d["source_url"]) for d in content.documents()]


# The lists a lesson's `sources:` (in data/lessons/lesson_NN.yaml) may name, each
# a function of the loaded content giving (title, url) pairs.
SOURCE_LISTS = {
    "primer": _primer_sources,
    "joint_statement": _statement_sources,
    "lateral_reading": _lateral_reading_sources,
    "key_terms": _key_term_sources,
    "vague_terms": _vague_term_sources,
    "events_to_article": _event_sources(later=False),
    "events_after_article": _event_sources(later=True),
    "positions": _position_sources,
    "documents": _document_sources,
}


def source_lists(lesson: str, plan: dict | None = None, *, content: Content | None = None) -> list[str]:
    """The names of the source lists a lesson cites, from its plan's ``sources:``
    (none when the field is left out), each checked against ``SOURCE_LISTS``."""
    if plan is None:  # `check` hands the plan in, before the content as a whole can load
        plan = given_content(content).plan(lesson)
    names = plan.get("sources") or []
    name = f"data/lessons/lesson_{lesson}.yaml"
    if not isinstance(names, list):
        raise DataError([Problem(name, "", "sources", names, "is not a list",
                                 "write the names in [brackets], e.g. sources: [primer, positions]")])
    bad = [Problem(name, "", "sources", item, "is not a list of sources the module knows",
                   "use some of: " + ", ".join(SOURCE_LISTS)) for item in names if item not in SOURCE_LISTS]
    if bad:
        raise DataError(bad)
    return names


def lesson_sources(lesson: str, *, content: Content | None = None) -> list[tuple[str, str]]:
    """(title, url) of every source the lesson's content cites: the article first,
    then the lists its plan names under ``sources:``, then its glossary terms'."""
    content = given_content(content)
    found: dict[str, str] = {content.article["meta"]["url"]: citation_text(content=content)}
    listed = [pair for name in source_lists(lesson, content=content) for pair in SOURCE_LISTS[name](content)]
    glossary = [pair for t in content.glossary if lesson in t["used_in"] for pair in _term_sources(t, shows_later(lesson))]
    for title, url in listed + glossary:
        if url and url not in found:
            found[url] = title
    return [(title, url) for url, title in found.items()]


def sources(lesson: str, *, content: Content | None = None) -> None:
    items = lesson_sources(lesson, content=content)
    body = join(html("<li>{}. {}</li>", title, link(url, url)) for title, url in items)
    show_html(html('<section class="sl-sources" aria-label="Sources"><ol>{}</ol></section>', body),
              "\n".join(f"- {title}. {url}" for title, url in items))
