"""The timeline figures, drawn from ``data/events.csv`` (the core set) with
matplotlib: one lane per track, a marker shape per kind of event, and the
article's date as a dashed line. Which events each figure draws is set in
``data/module.yaml`` (``figures``)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from syria_lesson.core import paths
from syria_lesson.core.dates import format_date, long_date
from syria_lesson.core.display import code_of, drawn_from, save_png
from syria_lesson.core.validate import date_start
from syria_lesson.core.vocab import CATEGORIES, TRACKS
from syria_lesson.data import Content, given_content
from syria_lesson.data.events import number_events, relied_on, select
from syria_lesson.lessons.timeline.table import _article_date


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


def figure(events: list[dict], numbers: dict[str, int], title: str, mark_article: bool = True, *, content: Content | None = None):
    """Draw the events in lanes by track. Returns (figure, ids drawn)."""
    article_date = _article_date(content=content)
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    tracks = [t for t in TRACKS.codes if any(e["track"] == t for e in events)]
    lane = {t: len(tracks) - 1 - i for i, t in enumerate(tracks)}
    # A lane needs room for a few stacked labels; with many threads a lane is a little lower.
    lane_height = 1.25 if len(tracks) <= 7 else 0.95
    height = lane_height * len(tracks) + 1.8
    fig, ax = plt.subplots(figsize=(11, height))
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
            style = CATEGORIES[event["category"]]
            colour, marker = style.colour, style.marker
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
    if mark_article and first <= article_date <= last + dt.timedelta(days=400):
        ax.axvline(article_date, color="black", linestyle="--", linewidth=1.2, zorder=1)
        ax.annotate(f"The article\n{format_date(article_date.isoformat())}", (mdates.date2num(article_date), -0.75),
                    xytext=(-4, 0), textcoords="offset points", ha="right", va="bottom", fontsize=9.5)
    ax.set_yticks(list(lane.values()), [TRACKS.label(t) for t in lane])
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
               for c, m, label in ((s.colour, s.marker, s.label) for s in CATEGORIES if any(e["category"] == s.code for e in events))]
    handles.append(Line2D([], [], linestyle="", marker="o", markersize=9, markerfacecolor="#777777",
                          markeredgecolor="black", markeredgewidth=1.6,
                          label="Filled, black outline, bold number: the article names or alludes to it"))
    # The legend sits under the axis labels at a fixed distance in inches, whatever the figure's height.
    fig.legend(handles=handles, loc="lower center", ncol=3, fontsize=9.5, frameon=False)
    fig.tight_layout(rect=(0, 1.0 / height, 1, 1))
    return fig, drawn


def alt_text(events: list[dict], numbers: dict[str, int], title: str, *, content: Content | None = None) -> str:
    article_date = _article_date(content=content)
    first, last = events[0], events[-1]
    tracks = [TRACKS.label(t) for t in TRACKS.codes if any(e["track"] == t for e in events)]
    relied = [e for e in events if relied_on(e)]
    text = (f"{title}. A timeline of {len(events)} numbered events from {format_date(first['date'])} "
            f"to {format_date(last['date'])}, drawn in {len(tracks)} horizontal lanes, one per track: "
            f"{', '.join(tracks)}. Each kind of event has its own marker shape. ")
    if relied:
        text += (f"{len(relied)} events that the article names or alludes to are drawn filled with a black "
                 "outline: " + "; ".join(f"{numbers[e['id']]} {e['title']}" for e in relied) + ". ")
    if date_start(first["date"]) <= article_date <= date_start(last["date"]) + dt.timedelta(days=400):
        text += f"A dashed vertical line marks the article's date, {long_date(article_date.isoformat())}. "
    text += "The numbers match the event table below the figure."
    return text


def figure_key(chosen: list[dict], numbers: dict[str, int], title: str) -> str:
    """What a timeline figure is drawn from: its events, their numbers, its title, and the drawing code."""
    clean = [{k: v for k, v in e.items() if k != "_row"} for e in chosen]
    return drawn_from(clean, {e["id"]: numbers.get(e["id"]) for e in chosen}, title,
                      code_of("lessons/timeline/chart.py", "lessons/timeline/__init__.py"))


def data_hash(events: list[dict]) -> str:
    clean = [{k: v for k, v in e.items() if k != "_row"} for e in events]
    return hashlib.sha256(json.dumps(clean, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


def figures(*, content: Content | None = None) -> dict[str, dict]:
    """The timeline figures and what each draws, from ``data/module.yaml``."""
    content = given_content(content)
    return content.module.get("figures") or {}


def figure_events(name: str, events: list[dict], *, content: Content | None = None) -> list[dict]:
    content = given_content(content)
    spec = figures(content=content)[name]
    # The figures draw the core set only, so they stay readable as the record grows; the explorer has the rest.
    chosen = [e for e in select(events, spec.get("start"), spec.get("end")) if e["core"] == "yes"]
    if spec.get("after_article"):
        # The statement itself anchors the figure; the rest came after the article.

        statement = content.article["meta"]["statement_event"]
        chosen = [e for e in chosen if e["id"] == statement or date_start(e["date"]) >= _article_date(content=content)]
    return chosen


def save_figures(events: list[dict], *, content: Content | None = None) -> dict:
    """Write every timeline figure to figures/ as PNG and SVG, and a manifest
    that lets a test check the files are current with the data."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    numbers = number_events(events)
    folder = paths.figures_dir()
    folder.mkdir(parents=True, exist_ok=True)
    manifest = {}
    for name, spec in figures(content=content).items():
        title = spec["title"]
        chosen = figure_events(name, events, content=content)
        fig, drawn = figure(chosen, numbers, title, content=content)
        save_png(fig, folder / f"{name}.png", figure_key(chosen, numbers, title))
        with matplotlib.rc_context({"svg.hashsalt": "syria-lesson", "svg.fonttype": "none"}):
            fig.savefig(folder / f"{name}.svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
        plt.close(fig)
        manifest[name] = {"events": drawn, "data_hash": data_hash(chosen),
                          "alt": alt_text(chosen, numbers, title, content=content)}
    return manifest

