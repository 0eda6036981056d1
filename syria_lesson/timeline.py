"""The timeline: a figure drawn from ``data/events.csv``, an event table, and a
filter widget whose static face is the full table."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from . import paths
from .display import FIGURE_KEY, drawn_from, esc, link, plain_table, saved_figure_png, show, show_figure, show_html, show_png, table
from .validate import date_start

ARTICLE_DATE = dt.date(2017, 11, 17)

TRACK_LABELS = {
    "us_russia": "U.S.–Russia",
    "un_geneva": "UN / Geneva",
    "astana": "Astana (Russia, Iran, Turkey)",
    "southwest": "Jordan / southwest",
    "russia_syria": "Russia–Syria bases",
    "us_syria": "U.S. and Syria: troops, sanctions",
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


# ---------------------------------------------------------------- figure


def _label_levels(xs: list[float], min_gap: float) -> list[int]:
    """Stagger labels in one lane so that no two on a level are closer than
    ``min_gap`` (in days): a greedy interval packing."""
    last_on_level: list[float] = []
    levels = []
    for x in xs:
        for level, last in enumerate(last_on_level):
            if x - last >= min_gap:
                last_on_level[level] = x
                levels.append(level)
                break
        else:
            last_on_level.append(x)
            levels.append(len(last_on_level) - 1)
    return levels


def figure(events: list[dict], numbers: dict[str, int], title: str, mark_article: bool = True):
    """Draw the events in lanes by track. Returns (figure, ids drawn)."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    tracks = [t for t in TRACK_LABELS if any(e["track"] == t for e in events)]
    lane = {t: len(tracks) - 1 - i for i, t in enumerate(tracks)}
    fig, ax = plt.subplots(figsize=(11, 1.25 * len(tracks) + 1.8))
    first = min(date_start(e["date"]) for e in events)
    last = max(date_start(e["date"]) for e in events)
    span = max((last - first).days, 1)
    drawn = []
    for track in tracks:
        lane_events = sorted((e for e in events if e["track"] == track), key=lambda e: date_start(e["date"]))
        xs = [date_start(e["date"]).toordinal() for e in lane_events]
        levels = _label_levels(xs, min_gap=span / 28)
        ax.axhline(lane[track], color="#BBBBBB", linewidth=0.8, zorder=0)
        for event, level in zip(lane_events, levels):
            colour, marker, _ = CATEGORY_STYLE[event["category"]]
            x = date_start(event["date"])
            y = lane[track]
            strong = relied_on(event)
            ax.scatter([x], [y], s=130 if strong else 55, marker=marker,
                       facecolor=colour if strong else "white", edgecolor="black" if strong else colour,
                       linewidth=1.6, zorder=3)
            ax.annotate(str(numbers[event["id"]]), (mdates.date2num(x), y), xytext=(0, 9 + 12 * level),
                        textcoords="offset points", ha="center", va="bottom", fontsize=9.5,
                        fontweight="bold" if strong else "normal", zorder=4,
                        bbox={"boxstyle": "square,pad=0.05", "facecolor": "white", "edgecolor": "none", "alpha": 0.85})
            drawn.append(event["id"])
    if mark_article and first <= ARTICLE_DATE <= last + dt.timedelta(days=400):
        ax.axvline(ARTICLE_DATE, color="black", linestyle="--", linewidth=1.2, zorder=1)
        ax.annotate("The article\n17 Nov 2017", (mdates.date2num(ARTICLE_DATE), -0.75),
                    xytext=(-4, 0), textcoords="offset points", ha="right", va="bottom", fontsize=9.5)
    ax.set_yticks(list(lane.values()), [TRACK_LABELS[t] for t in lane])
    ax.set_ylim(-0.8, len(tracks) - 0.2)
    pad = dt.timedelta(days=max(span // 30, 10))
    ax.set_xlim(first - pad, last + pad)
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.6)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.set_title(title, loc="left", fontsize=13)
    # Printed, the 11-inch figure shrinks to about two thirds: type sizes allow for that.
    ax.tick_params(labelsize=11)
    handles = [Line2D([], [], linestyle="", marker=m, markersize=8, markerfacecolor="white",
                      markeredgecolor=c, markeredgewidth=1.6, label=label)
               for c, m, label in (CATEGORY_STYLE[k] for k in CATEGORY_STYLE if any(e["category"] == k for e in events))]
    handles.append(Line2D([], [], linestyle="", marker="o", markersize=9, markerfacecolor="#777777",
                          markeredgecolor="black", markeredgewidth=1.6,
                          label="Filled, black outline, bold number: the article names or alludes to it"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, fontsize=9.5, frameon=False)
    fig.tight_layout()
    return fig, drawn


def alt_text(events: list[dict], numbers: dict[str, int], title: str) -> str:
    first, last = events[0], events[-1]
    tracks = [TRACK_LABELS[t] for t in TRACK_LABELS if any(e["track"] == t for e in events)]
    relied = [e for e in events if relied_on(e)]
    text = (f"{title}. A timeline of {len(events)} numbered events from {format_date(first['date'])} "
            f"to {format_date(last['date'])}, drawn in {len(tracks)} horizontal lanes, one per track: "
            f"{', '.join(tracks)}. Each kind of event has its own marker shape. ")
    if relied:
        text += (f"{len(relied)} events that the article names or alludes to are drawn filled with a black "
                 "outline: " + "; ".join(f"{numbers[e['id']]} {e['title']}" for e in relied) + ". ")
    if date_start(first["date"]) <= ARTICLE_DATE <= date_start(last["date"]) + dt.timedelta(days=400):
        text += "A dashed vertical line marks the article's date, 17 November 2017. "
    text += "The numbers match the event table below the figure."
    return text


def data_hash(events: list[dict]) -> str:
    clean = [{k: v for k, v in e.items() if k != "_row"} for e in events]
    return hashlib.sha256(json.dumps(clean, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


FIGURES = {
    # name: (title, start, end)
    "timeline_2012_2018": ("U.S.–Russia diplomacy over Syria, 2012 to the Sochi congress (Jan 2018)", None, "2018-01-31"),
    "timeline_after_2017": ("What happened next: events after the article, 2017–2026", "2017-11-01", None),
}


def figure_events(name: str, events: list[dict]) -> list[dict]:
    _, start, end = FIGURES[name]
    chosen = select(events, start, end)
    if name == "timeline_after_2017":
        # The statement itself anchors the epilogue figure; the rest came after the article.
        chosen = [e for e in chosen if e["id"] == "danang_statement" or date_start(e["date"]) >= ARTICLE_DATE]
    return chosen


def figure_key(chosen: list[dict], numbers: dict[str, int], title: str) -> str:
    """What a timeline figure is drawn from: its events, their numbers, its
    title, and this module's code."""
    clean = [{k: v for k, v in e.items() if k != "_row"} for e in chosen]
    return drawn_from(clean, {e["id"]: numbers.get(e["id"]) for e in chosen}, title, Path(__file__).read_bytes())


def save_figures(events: list[dict]) -> dict:
    """Write every timeline figure to figures/ as PNG and SVG, and a manifest
    that lets a test check the files are current with the data."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    numbers = number_events(events)
    folder = paths.figures_dir()
    folder.mkdir(parents=True, exist_ok=True)
    manifest = {}
    for name, (title, _, _) in FIGURES.items():
        chosen = figure_events(name, events)
        fig, drawn = figure(chosen, numbers, title)
        fig.savefig(folder / f"{name}.png", dpi=150, bbox_inches="tight",
                    metadata={"Software": None, FIGURE_KEY: figure_key(chosen, numbers, title)})
        with matplotlib.rc_context({"svg.hashsalt": "syria-lesson", "svg.fonttype": "none"}):
            fig.savefig(folder / f"{name}.svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
        plt.close(fig)
        manifest[name] = {"events": drawn, "data_hash": data_hash(chosen),
                          "alt": alt_text(chosen, numbers, title)}
    return manifest


# ---------------------------------------------------------------- in the notebook


def show_timeline(name: str = "timeline_2012_2018") -> None:
    from .data import load_all

    events = load_all().events
    numbers = number_events(events)
    chosen = figure_events(name, events)
    title = FIGURES[name][0]
    alt = alt_text(chosen, numbers, title)
    caption = f"Figure: {title}. Numbers refer to the event table. Also saved as figures/{name}.png and .svg."
    # The saved figure, when figures/ is current: the same picture, without matplotlib in the kernel.
    png = saved_figure_png(paths.figures_dir() / f"{name}.png", figure_key(chosen, numbers, title))
    if png is not None:
        show_png(png, alt, caption)
        return
    fig, _ = figure(chosen, numbers, title)
    show_figure(fig, alt, caption)


TABLE_COLUMNS = [("no", "No."), ("when", "Date (which date)"), ("title_html", "Event"),
                 ("track_label", "Track"), ("category_label", "Kind"),
                 ("link_label", "In the article?"), ("source_html", "Source")]


def table_rows(events: list[dict], numbers: dict[str, int]) -> list[dict]:
    rows = []
    for e in events:
        para = f", paragraph {e['article_paragraph']}" if e.get("article_paragraph") else ""
        rows.append({
            "no": numbers[e["id"]],
            "when": when(e),
            "title_html": f"<strong>{esc(e['title'])}</strong><br>{esc(e['summary'])}",
            "title": e["title"],
            "track_label": TRACK_LABELS[e["track"]],
            "category_label": CATEGORY_STYLE[e["category"]][2],
            "link_label": LINK_LABELS[e["article_link"]] + para,
            "source_html": link(e["source_url"], e["source_title"]),
            "source": e["source_title"],
        })
    return rows


def events_table_html(events: list[dict], numbers: dict[str, int], caption: str) -> str:
    return table(table_rows(events, numbers), TABLE_COLUMNS, caption, html_columns=("title_html", "source_html"),
                 css_class="sl-events")


def events_frame(events: list[dict]):
    """The events as a pandas DataFrame, for students who want to sort and filter in code."""
    import pandas as pd

    numbers = number_events(events)
    return pd.DataFrame([{
        "no": numbers[e["id"]], "date": e["date"], "date_kind": e["date_kind"], "title": e["title"],
        "track": e["track"], "category": e["category"], "article_link": e["article_link"],
        "paragraph": e.get("article_paragraph"), "source": e["source_title"]} for e in events])


def explorer(start: str | None = None, end: str | None = None, later: bool = False) -> None:
    """Filter the events by track, kind, period and link to the article, and
    read one event in full. The static face is the full table."""
    import ipywidgets as w

    from .data import load_all

    all_events = load_all().events
    numbers = number_events(all_events)
    events = [e for e in select(all_events, start, end) if (e["article_link"] == "later") == later]
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
        result.value = (f'<p role="status">{len(rows)} of {len(events)} events</p>'
                        + events_table_html(rows, numbers, "Events matching the filters"))
        detail_pick.options = [(f"{numbers[e['id']]}. {e['title']}", e["id"]) for e in rows]

    def render_detail(_=None) -> None:
        event = next((e for e in events if e["id"] == detail_pick.value), None)
        detail.value = "" if event is None else event_card(event, numbers)

    for control in (track, category, linked, period, order):
        control.observe(render, names="value")
    detail_pick.observe(render_detail, names="value")
    render()
    render_detail()
    widget = w.VBox([w.HBox([track, category]), w.HBox([linked, order]), period, result, detail_pick, detail])
    caption = "All events in this lesson (in JupyterLab you can filter them)"
    show(widget, events_table_html(events, numbers, caption),
         plain_table(table_rows(events, numbers), [("no", "No."), ("when", "Date"), ("title", "Event"),
                                                   ("link_label", "In the article?"), ("source", "Source")]))


def event_card(event: dict, numbers: dict[str, int]) -> str:
    para = f" (paragraph {event['article_paragraph']})" if event.get("article_paragraph") else ""
    return (f'<div class="sl-card"><p><strong>{numbers[event["id"]]}. {esc(event["title"])}</strong></p>'
            f"<p>{esc(when(event))} · {esc(TRACK_LABELS[event['track']])} · "
            f"{esc(CATEGORY_STYLE[event['category']][2])}</p>"
            f"<p>{esc(event['summary'])}</p>"
            f"<p>Parties: {esc(', '.join(event['parties']))}</p>"
            f"<p>In the article: {esc(LINK_LABELS[event['article_link']])}{esc(para)}</p>"
            f"<p>Source ({esc(event['source_kind'])}): {link(event['source_url'], event['source_title'])}</p></div>")


def show_events_table(later: bool = False) -> None:
    from .data import load_all

    all_events = load_all().events
    numbers = number_events(all_events)
    events = [e for e in all_events if (e["article_link"] == "later") == later]
    caption = "Events after the article" if later else "Events up to the Sochi congress"
    show_html(events_table_html(events, numbers, caption),
              plain_table(table_rows(events, numbers), [("no", "No."), ("when", "Date"), ("title", "Event")]))
