"""The timeline (lessons 02 and 05): the events of ``data/events.csv`` as a
table grouped by thread, and an explorer widget whose static face is the full
table. The figures are drawn in ``timeline_figure``."""

from __future__ import annotations

import datetime as dt

from .display import show, show_html
from .html import Markup, html, link, plain_table, table
from .validate import date_start

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
    from .data import load_all

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
    from . import paths
    from .data import load_all
    from .display import show_saved
    from .timeline_figure import alt_text, figure, figure_events, figure_key, figures

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


def table_rows(events: list[dict], numbers: dict[str, int]) -> list[dict]:
    from .data import load_all

    predictions = load_all().predictions
    rows = []
    for e in events:
        if e["article_link"] == "later":
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


def events_table_html(events: list[dict], numbers: dict[str, int], caption: str) -> Markup:
    return table(table_rows(events, numbers), TABLE_COLUMNS, caption, css_class="sl-events")


def by_thread_html(events: list[dict], numbers: dict[str, int], caption: str) -> Markup:
    """The events as one table per thread (track), in the order of TRACK_LABELS."""
    tables = []
    for track, label in TRACK_LABELS.items():
        chosen = [e for e in events if e["track"] == track]
        if chosen:
            tables.append(events_table_html(chosen, numbers, f"{caption}: {label} ({len(chosen)})"))
    return Markup("").join(tables)


def events_frame(events: list[dict]):
    """The events as a pandas DataFrame, for students who want to sort and filter in code."""
    import pandas as pd

    numbers = number_events(events)
    return pd.DataFrame([{
        "no": numbers[e["id"]], "date": e["date"], "date_kind": e["date_kind"], "title": e["title"],
        "track": e["track"], "category": e["category"], "article_link": e["article_link"],
        "paragraph": e.get("article_paragraph"), "source": e["source_title"]} for e in events])


def explorer_events(name: str, events: list[dict]) -> list[dict]:
    """Every event (core or not) in the period of one of the figures in
    ``data/module.yaml``: before the article, or after it."""
    from .timeline_figure import figures

    spec = figures()[name]
    after = bool(spec.get("after_article"))
    return [e for e in select(events, spec.get("start"), spec.get("end")) if (e["article_link"] == "later") == after]


def explorer(name: str) -> None:
    """Filter the events of one period (named as its figure is) by track, kind,
    years and link to the article, and read one event in full. The static
    face is the full table."""
    import ipywidgets as w

    from .data import load_all

    all_events = load_all().events
    numbers = number_events(all_events)
    events = explorer_events(name, all_events)
    years = sorted({date_start(e["date"]).year for e in events})
    any_ = ("All", "")
    track = w.Dropdown(options=[any_] + [(TRACK_LABELS[t], t) for t in TRACK_LABELS
                                         if any(e["track"] == t for e in events)], description="Track")
    category = w.Dropdown(options=[any_] + [(CATEGORY_STYLE[c][2], c) for c in CATEGORY_STYLE
                                            if any(e["category"] == c for e in events)], description="Kind")
    linked = w.Dropdown(options=[any_] + [(LINK_LABELS[k], k) for k in LINK_LABELS
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
        result.value = str(html('<p role="status">{} of {} events</p>', len(rows), len(events))
                           + events_table_html(rows, numbers, "Events matching the filters"))
        detail_pick.options = [(f"{numbers[e['id']]}. {e['title']}", e["id"]) for e in rows]

    def render_detail(_=None) -> None:
        event = next((e for e in events if e["id"] == detail_pick.value), None)
        detail.value = "" if event is None else str(event_card(event, numbers))

    for control in (track, category, linked, period, order):
        control.observe(render, names="value")
    detail_pick.observe(render_detail, names="value")
    render()
    render_detail()
    widget = w.VBox([w.HBox([track, category]), w.HBox([linked, order]), period, result, detail_pick, detail])
    caption = "Events by thread"
    show(widget, by_thread_html(events, numbers, caption),
         plain_table(table_rows(events, numbers), [("no", "No."), ("when", "Date"), ("title", "Event"),
                                                   ("link_label", "In the article?"), ("source", "Source")]))


def event_card(event: dict, numbers: dict[str, int]) -> Markup:
    para = f" (paragraph {event['article_paragraph']})" if event.get("article_paragraph") else ""
    return html('<div class="sl-card"><p><strong>{}. {}</strong></p><p>{} · {} · {}</p><p>{}</p>'
                "<p>Parties: {}</p><p>In the article: {}{}</p><p>Source ({}): {}</p></div>",
                numbers[event["id"]], event["title"], when(event), TRACK_LABELS[event["track"]],
                CATEGORY_STYLE[event["category"]][2], event["summary"], ", ".join(event["parties"]),
                LINK_LABELS[event["article_link"]], para, event["source_kind"],
                link(event["source_url"], event["source_title"]))


def show_events_table(later: bool = False) -> None:
    from .data import load_all

    all_events = load_all().events
    numbers = number_events(all_events)
    events = [e for e in all_events if (e["article_link"] == "later") == later]
    caption = "Events after the article" if later else "Events up to the Sochi congress"
    show_html(events_table_html(events, numbers, caption),
              plain_table(table_rows(events, numbers), [("no", "No."), ("when", "Date"), ("title", "Event")]))
