"""Lesson 05: the author's questions and predictions, tested by what came after."""

from __future__ import annotations

from .display import show_html
from .html import html, table
from .timeline import format_date, number_events

VERDICT_LABELS = {
    "right": "Right",
    "wrong": "Wrong",
    "mixed": "Partly right",
    "overtaken": "Overtaken by events",
    "open": "Still open",
}


def verdict_rows() -> list[dict]:
    from .data import load_all

    content = load_all()
    numbers = number_events(content.events)
    titles = {e["id"]: e["title"] for e in content.events}
    rows = []
    for item in content.predictions:
        events = "; ".join(f"{numbers[e]}. {titles[e]}" for e in item.get("events") or [])
        rows.append({"claim": f"{item['claim']} (paragraph {item['paragraph']}; {item['kind']})",
                     "outcome": item["outcome"], "events": events,
                     "verdict": f"{VERDICT_LABELS[item['verdict']]} (as of {format_date(str(item['as_of']))})"})
    return rows


def show_verdicts() -> None:
    rows = verdict_rows()
    columns = [("claim", "What the article said (our paraphrase)"), ("outcome", "What happened"),
               ("events", "Events (numbers as in the timeline)"), ("verdict", "Verdict")]
    show_html(table(rows, columns, "The article's questions and predictions, tested by later events"),
              "\n".join(f"- {r['claim']} -> {r['verdict']}" for r in rows))


def verdict_counts() -> dict[str, int]:
    from .data import load_all

    counts = {k: 0 for k in VERDICT_LABELS}
    for item in load_all().predictions:
        counts[item["verdict"]] += 1
    return counts


def show_verdict_summary() -> None:
    counts = verdict_counts()
    text = ", ".join(f"{VERDICT_LABELS[k].lower()}: {v}" for k, v in counts.items() if v)
    show_html(html("<p><strong>Tally of verdicts</strong> — {}.</p>", text), "Tally of verdicts: " + text)
