"""The timeline explorer (lessons 02 and 05), one event's card, and lesson 02's
reading of the op-ed's phrases.

Which paragraph of the article an event is linked to is our reading: lesson 02
asks students to match the article's phrases to events first. So the explorer
can hold that link back (``hold_back``, a question id):

- the student edition and the worksheet leave it out;
- in JupyterLab it appears once the current student has answered the question
  (and goes again when another student starts);
- the instructor edition prints it.
"""

from __future__ import annotations

from syria_lesson.core import editions
from syria_lesson.core.dates import when
from syria_lesson.core.display import show, show_html
from syria_lesson.core.editions import Edition
from syria_lesson.core.html import Markup, html, join, link, plain_table, table
from syria_lesson.core.validate import date_start
from syria_lesson.core.vocab import ARTICLE_LINKS, CATEGORIES, TRACKS
from syria_lesson.data import Content, given_content
from syria_lesson.data.events import explorer_events, number_events
from syria_lesson.lessons.timeline.table import by_thread_html, events_table_html, table_rows
from syria_lesson.live import reveal, session
from syria_lesson.live.worksheet import shows_thought

HELD_BACK = ("Which paragraph of the article each event is linked to is left out here until you have matched "
             "the article's phrases to the events yourself.")


def answered(question_id: str | None, *, content: Content | None = None) -> bool:
    """Whether the current student has answered this question (True when there is nothing to wait for)."""
    content = given_content(content)
    if question_id is None:
        return True

    book = session.SESSION.ensure_book()
    return bool(book) and shows_thought(content.question(question_id), book.get(question_id))


def static_paragraphs(hold_back: str | None, *, edition: Edition | None = None) -> bool:
    """Whether a static face (handout, paper) shows the paragraph links."""
    edition = editions.given(edition)
    return hold_back is None or edition.shows_readings


def event_card(event: dict, numbers: dict[str, int], paragraphs: bool = True) -> Markup:
    para = f" (paragraph {event['article_paragraph']})" if paragraphs and event.get("article_paragraph") else ""
    return html('<div class="sl-card"><p><strong>{}. {}</strong></p><p>{} · {} · {}</p><p>{}</p>'
                "<p>Parties: {}</p><p>In the article: {}{}</p><p>Source ({}): {}</p></div>",
                numbers[event["id"]], event["title"], when(event), TRACKS.label(event["track"]),
                CATEGORIES.label(event["category"]), event["summary"], ", ".join(event["parties"]),
                ARTICLE_LINKS.label(event["article_link"]), para, event["source_kind"],
                link(event["source_url"], event["source_title"]))


def explorer(name: str, hold_back: str | None = None, *, content: Content | None = None, edition: Edition | None = None) -> None:
    content = given_content(content)
    import ipywidgets as w

    all_events = content.events
    numbers = number_events(all_events)
    events = explorer_events(name, all_events)
    years = sorted({date_start(e["date"]).year for e in events})
    any_ = ("All", "")
    track = w.Dropdown(options=[any_] + [(TRACKS.label(t), t) for t in TRACKS.codes
                                         if any(e["track"] == t for e in events)], description="Track")
    category = w.Dropdown(options=[any_] + [(CATEGORIES.label(c), c) for c in CATEGORIES.codes
                                            if any(e["category"] == c for e in events)], description="Kind")
    linked = w.Dropdown(options=[any_] + [(ARTICLE_LINKS.label(k), k) for k in ARTICLE_LINKS.codes
                                          if any(e["article_link"] == k for e in events)],
                        description="In article", style={"description_width": "initial"})
    period = w.SelectionRangeSlider(options=years, index=(0, len(years) - 1), description="Years",
                                    layout=w.Layout(width="28em"))
    order = w.Dropdown(options=[("Date", "date"), ("Track", "track"), ("Kind", "category")], description="Sort by")
    result = w.HTML()
    detail_pick = w.Dropdown(description="Read event", style={"description_width": "initial"},
                             layout=w.Layout(width="40em"))
    detail = w.HTML()

    def chosen() -> list[dict]:
        lo, hi = period.value
        rows = [e for e in events
                if (not track.value or e["track"] == track.value)
                and (not category.value or e["category"] == category.value)
                and (not linked.value or e["article_link"] == linked.value)
                and lo <= date_start(e["date"]).year <= hi]
        if order.value != "date":
            rows.sort(key=lambda e: (e[order.value], date_start(e["date"])))
        return rows

    def render(_=None) -> None:
        rows = chosen()
        shown = answered(hold_back, content=content)
        note = Markup("") if shown else html('<p class="sl-reveal-wait">{}</p>', HELD_BACK)
        result.value = str(html('<p role="status">{} of {} events</p>', len(rows), len(events)) + note
                           + events_table_html(rows, numbers, "Events matching the filters", shown, content=content))
        picked = detail_pick.value
        detail_pick.options = [(f"{numbers[e['id']]}. {e['title']}", e["id"]) for e in rows]
        if picked in {e["id"] for e in rows}:
            detail_pick.value = picked
        render_detail()

    def render_detail(_=None) -> None:
        event = next((e for e in events if e["id"] == detail_pick.value), None)
        detail.value = "" if event is None else str(event_card(event, numbers, answered(hold_back, content=content)))

    for control in (track, category, linked, period, order):
        control.observe(render, names="value")
    detail_pick.observe(render_detail, names="value")
    render()
    if hold_back:
        session.SESSION.listen(f"explorer:{name}", render)
    widget = w.VBox([w.HBox([track, category]), w.HBox([linked, order]), period, result, detail_pick, detail])
    paragraphs = static_paragraphs(hold_back, edition=edition)
    note = Markup("") if paragraphs else html('<p class="sl-reveal-wait"><em>{}</em></p>', HELD_BACK)
    show(widget, note + by_thread_html(events, numbers, "Events by thread", paragraphs, content=content),
         plain_table(table_rows(events, numbers, paragraphs, content=content),
                     [("no", "No."), ("when", "Date"), ("title", "Event"), ("link_label", "In the article?"),
                      ("source", "Source")]))


# ---------------------------------------------------------------- lesson 02: our matching, after the attempt


def phrase_rows(question_id: str, *, content: Content | None = None) -> list[dict]:
    """Each phrase of a matching question, the events we match it to, and why."""
    content = given_content(content)
    q = content.question(question_id)
    numbers = number_events(content.events)
    by_id = {e["id"]: e for e in content.events}
    return [{"phrase": item["text"],
             "events": join((html("{}. {}, {}", numbers[a], by_id[a]["title"], when(by_id[a])) for a in item["answers"]),
                            Markup("<br>")),
             "why": item["note"]} for item in q["match_items"]]


def phrases_html(question_id: str, *, content: Content | None = None) -> Markup:
    return table(phrase_rows(question_id, content=content), [("phrase", "The article's phrase"), ("events", "The event(s) we match it to"),
                                            ("why", "Why")],
                 "Our matching of the article's phrases to the timeline", css_class="sl-phrases")


def after_matching(question_id: str, *, content: Content | None = None, edition: Edition | None = None) -> None:
    """Our matching, once the student has matched every phrase (``reveal.after``)."""
    rows = phrase_rows(question_id, content=content)
    reveal.after([question_id], "Our matching: the deals behind the phrases",
                 lambda: html("<p>Compare it with yours. Where you chose a different event, is yours wrong, or "
                              "does the phrase fit both?</p>{}", phrases_html(question_id, content=content)),
                 plain="Our matching: " + "; ".join(f"{r['phrase']} → {Markup(r['events']).striptags()}"
                                                    for r in rows), content=content, edition=edition)


def entries(event_ids: list[str], *, content: Content | None = None, edition: Edition | None = None) -> None:
    """On paper only: the few events a task reads in the explorer, in full, beside it (a class set
    has no explorer). Their number, title, which date is which, and the summary; not whether the
    article mentions them, which a matching task asks."""
    content = given_content(content)
    if not editions.given(edition).paper:
        return
    numbers = number_events(content.events)
    by_id = {e["id"]: e for e in content.events}
    unknown = [i for i in event_ids if i not in by_id]
    if unknown:
        raise ValueError(f"explore.entries: no event {', '.join(unknown)} in data/events.csv (its column 'id')")
    chosen = sorted((by_id[i] for i in event_ids), key=lambda e: numbers[e["id"]])
    items = join(html("<li><strong>{}. {}</strong>, {}. {}</li>", numbers[e["id"]], e["title"], when(e), e["summary"])
                 for e in chosen)
    show_html(html('<div class="sl-excerpt"><p><strong>From the timeline</strong> (numbered as in the timeline): '
                   "the entries these questions use.</p>"
                   '<ul style="list-style:none;padding-left:0;margin:0;font-size:80%;line-height:1.3;columns:2;column-gap:1.2em">'
                   "{}</ul></div>", items),
              "From the timeline: " + "; ".join(f"{numbers[e['id']]}. {e['title']}, {when(e)}" for e in chosen))
