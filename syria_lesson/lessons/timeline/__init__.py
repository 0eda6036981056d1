"""The timeline (lessons 02 and 05): the events of ``data/events.csv`` as a
table grouped by thread, and an explorer widget whose static face is the full
table. The figures are drawn in ``timeline_figure``; the explorer and lesson 02's
reading of the phrases are in ``timeline_explorer``."""

from __future__ import annotations

import datetime as dt

from syria_lesson.core.display import show_html
from syria_lesson.core.html import Markup, html, link, plain_table, table
from syria_lesson.core.validate import date_start

TRACK_LABELS = {
    "us_russia": "U.S.–Russia",
    "un_geneva": "UN / Geneva",
    "astana": "Astana (Russia, Iran, Turkey)",
    "southwest": "Jordan / southwest",
    "russia_syria": "Russia–Syria bases",
    "us_syria": "U.S. forces, ISIS, sanctions",
    "turkey_kurds": "Turkey and the Kurds",
    "israel_syria": "Israel and Syria",
    "chemical": "Chemical weapons",
    "fall_of_assad": "The fall of Assad",
    "transition": "Syria's transition",
    "other": "Battlefield and politics",
}
# Okabe-Ito colours (safe for the common forms of colour blindness); every
# category also has its own marker shape, so colour never carries meaning alone.
CATEGORY_STYLE = {
    "agreement": ("#0072B2", "s", "Agreement or statement"),
    "ceasefire": ("#009E73", "^", "Ceasefire"),
    "un_resolution": ("#56B4E9", "D", "UN resolution"),
    "talks": ("#E69F00", "o", "Talks or conference"),
    "military": ("#D55E00", "X", "Military action"),
    "bases": ("#CC79A7", "P", "Bases"),
    "political": ("#000000", "v", "Political change"),
}
LINK_LABELS = {
    "explicit": "named in the article",
    "allusion": "alluded to in the article",
    "context": "context (not in the article)",
    "later": "after the article",
}
DATE_KIND_LABELS = {"signed": "signed", "announced": "announced", "in_force": "in force",
                    "held": "held", "began": "began", "occurred": "occurred"}


def _article_date() -> dt.date:
    from syria_lesson.data import load_all

    return date_start(load_all().article["meta"]["date"])


def long_date(value: str) -> str:
    """'2017-11-17' -> '17 November 2017' (for prose)."""
    start = date_start(value)
    return {10: f"{start.day} {start:%B %Y}", 7: f"{start:%B %Y}"}.get(len(value), value)


def format_date(value: str) -> str:
    """'2017-11-11' -> '11 Nov 2017'; '2017-11' -> 'Nov 2017'; '2017' -> '2017'."""
    start = date_start(value)
    if len(value) == 10:
        return f"{start.day} {start:%b %Y}"
    if len(value) == 7:
        return f"{start:%b %Y}"
    return value


def when(event: dict) -> str:
    text = format_date(event["date"])
    if event.get("end_date"):
        text += " – " + format_date(event["end_date"])
    return f"{text} ({DATE_KIND_LABELS[event['date_kind']]})"


def number_events(events: list[dict]) -> dict[str, int]:
    """Each event's number in figures and tables (1 = earliest)."""
    return {event["id"]: n for n, event in enumerate(events, start=1)}


def select(events: list[dict], start: str | None = None, end: str | None = None) -> list[dict]:
    lo = date_start(start) if start else dt.date.min
    hi = date_start(end) if end else dt.date.max
    return [e for e in events if lo <= date_start(e["date"]) <= hi]


def relied_on(event: dict) -> bool:
    return event["article_link"] in ("explicit", "allusion")


# ---------------------------------------------------------------- in the notebook


def show_timeline(name: str = "timeline_2012_2018") -> None:
    """One of the timeline figures (``data/module.yaml``), with its alt text."""
    from syria_lesson.core import paths
    from syria_lesson.core.display import show_saved
    from syria_lesson.data import load_all
    from syria_lesson.lessons.timeline.figure import alt_text, figure, figure_events, figure_key, figures

    events = load_all().events
    numbers = number_events(events)
    chosen = figure_events(name, events)
    title = figures()[name]["title"]
    show_saved(paths.figures_dir() / f"{name}.png", figure_key(chosen, numbers, title),
               lambda: figure(chosen, numbers, title)[0], alt_text(chosen, numbers, title),
               caption=f"Figure: {title}. Numbers refer to the event table. Also saved as figures/{name}.png and .svg.")


TABLE_COLUMNS = [("no", "No."), ("when", "Date (which date)"), ("title_html", "Event"),
                 ("track_label", "Track"), ("category_label", "Kind"),
                 ("link_label", "In the article?"), ("source_html", "Source")]


def tests_of(event: dict, predictions: list[dict]) -> str:
    """Which of the article's claims a later event tests: its paragraph, and the
    predictions that list it (``data/predictions.yaml``, where the link is stored)."""
    paragraphs = {event["article_paragraph"]} if event.get("article_paragraph") else set()
    paragraphs |= {p["paragraph"] for p in predictions if event["id"] in (p.get("events") or [])}
    if not paragraphs:
        return ""
    return "; tests paragraph" + ("s " if len(paragraphs) > 1 else " ") + ", ".join(str(n) for n in sorted(paragraphs))


def table_rows(events: list[dict], numbers: dict[str, int], paragraphs: bool = True) -> list[dict]:
    """One row per event. ``paragraphs=False`` leaves out which paragraph of the
    article an event is linked to: that link is our reading, which lesson 02
    holds back until the students have matched the phrases themselves."""
    from syria_lesson.data import load_all

    predictions = load_all().predictions
    rows = []
    for e in events:
        if not paragraphs:
            para = ""
        elif e["article_link"] == "later":
            para = tests_of(e, predictions)
        else:
            para = f", paragraph {e['article_paragraph']}" if e.get("article_paragraph") else ""
        rows.append({
            "no": numbers[e["id"]],
            "when": when(e),
            "title_html": html("<strong>{}</strong><br>{}", e["title"], e["summary"]),
            "title": e["title"],
            "track_label": TRACK_LABELS[e["track"]],
            "category_label": CATEGORY_STYLE[e["category"]][2],
            "link_label": LINK_LABELS[e["article_link"]] + para,
            "source_html": link(e["source_url"], e["source_title"]),
            "source": e["source_title"],
        })
    return rows


def events_table_html(events: list[dict], numbers: dict[str, int], caption: str, paragraphs: bool = True) -> Markup:
    return table(table_rows(events, numbers, paragraphs), TABLE_COLUMNS, caption, css_class="sl-events")


def by_thread_html(events: list[dict], numbers: dict[str, int], caption: str, paragraphs: bool = True) -> Markup:
    """The events as one table per thread (track), in the order of TRACK_LABELS."""
    tables = []
    for track, label in TRACK_LABELS.items():
        chosen = [e for e in events if e["track"] == track]
        if chosen:
            tables.append(events_table_html(chosen, numbers, f"{caption}: {label} ({len(chosen)})", paragraphs))
    return Markup("").join(tables)


def events_frame(events: list[dict]):
    """The events as a pandas DataFrame, for students who want to sort and filter in code;
    its index is each event's number in the figures and tables."""
    import pandas as pd

    numbers = number_events(events)
    frame = pd.DataFrame([{
        "no": numbers[e["id"]], "date": e["date"], "date_kind": e["date_kind"], "title": e["title"],
        "track": e["track"], "category": e["category"], "article_link": e["article_link"],
        "paragraph": e.get("article_paragraph"), "source": e["source_title"]} for e in events])
    return frame.set_index("no")


def explorer_events(name: str, events: list[dict]) -> list[dict]:
    """Every event (core or not) in the period of one of the figures in
    ``data/module.yaml``: before the article, or after it."""
    # Read from module.yaml itself, not from load_all(): the matching question of lesson 02
    # asks for these events while load_all() is still building the content.
    from syria_lesson.data.misc import load_module

    spec = (load_module().get("figures") or {})[name]
    after = bool(spec.get("after_article"))
    return [e for e in select(events, spec.get("start"), spec.get("end")) if (e["article_link"] == "later") == after]


def explorer(name: str, hold_back: str | None = None) -> None:
    """Filter the events of one period (named as its figure is) by track, kind,
    years and link to the article, and read one event in full; the static face
    is the full table, by thread. With ``hold_back`` (a question id), the
    article paragraph each event is linked to stays out until that question is
    answered (see ``timeline_explorer``)."""
    from syria_lesson.lessons.timeline.explore import explorer as show_explorer

    show_explorer(name, hold_back)


def after_matching(question_id: str) -> None:
    """Our matching of the article's phrases to the events, shown once the
    student has answered the matching question (lesson 02)."""
    from syria_lesson.lessons.timeline.explore import after_matching as show_after

    show_after(question_id)


def show_events_table(later: bool = False) -> None:
    from syria_lesson.data import load_all

    all_events = load_all().events
    numbers = number_events(all_events)
    events = [e for e in all_events if (e["article_link"] == "later") == later]
    caption = "Events after the article" if later else "Events up to the Sochi congress"
    show_html(events_table_html(events, numbers, caption),
              plain_table(table_rows(events, numbers), [("no", "No."), ("when", "Date"), ("title", "Event")]))
