"""The corroboration set (lesson 04): what each side said about the joint
statement in the days after it, from ``data/corroboration.yaml``.

Each source is shown with who spoke, for which side, on which date (and
which date that is), a short quotation only where the text is free to quote,
our paraphrase, a one-line gist, one sourcing question and the source itself.
Students compare them in the task that follows; the module adds no reading of
its own here.
"""

from __future__ import annotations

import re

from syria_lesson.core import editions
from syria_lesson.core.dates import format_date
from syria_lesson.core.display import show_html
from syria_lesson.core.editions import Edition
from syria_lesson.core.html import Markup, html, join, link
from syria_lesson.data import documents

DATE_KINDS = {"published": "published", "held": "said at a briefing", "announced": "said"}


def _items() -> list[dict]:
    items = documents.load_corroboration()
    return sorted(items, key=lambda item: str(item["date"]))


def outlet(title: str) -> str:
    """'Putin, Trump statement ... - Kremlin (TASS)' -> 'TASS': the publisher, for the compact worksheet."""
    match = re.search(r"\(([^()]*)\)\s*$", title)
    return match.group(1) if match else title


def item_html(letter: str, item: dict, compact: bool = False) -> Markup:
    when = f"{format_date(str(item['date']))} ({DATE_KINDS.get(item['date_kind'], item['date_kind'])})"
    quoted = (html("<p><q>{}</q> <small>(quoted)</small></p><p>In our words: ", item["excerpt"]) if item.get("excerpt")
              else Markup("<p>In our words <small>(the text is not free to quote)</small>: "))
    questions = item.get("sourcing_questions") or []
    ask = html("<p><em>Source it:</em> {}</p>", questions[0]) if questions else Markup("")
    return html('<div class="sl-doc" style="border-left:3px solid #555;padding-left:0.6em;margin:0 0 0.6em;'
                'break-inside:avoid">'
                "<p><strong>Source {}. {}: {}</strong> · {}</p>{}{}</p>"
                "<p><strong>Gist:</strong> {}</p>{}<p><small>From: {}</small></p></div>",
                letter, item["side"], item["speaker"], when, quoted, item["paraphrase"], item["gist"], ask,
                outlet(item["source_title"]) if compact else link(item["source_url"], item["source_title"]))


def sources_html(compact: bool = False) -> Markup:
    items = _items()
    letters = "ABCDEFGH"
    return join(item_html(letters[n], item, compact) for n, item in enumerate(items))


def plain_text() -> str:
    return "\n".join(f"Source {'ABCDEFGH'[n]}. {i['side']}: {i['speaker']}, {i['date']}. {i['paraphrase']} "
                     f"Gist: {i['gist']} ({i['source_title']})" for n, i in enumerate(_items()))


def show(*, edition: Edition | None = None) -> None:
    """The four sources of that week, oldest first (on the class-set worksheet, in two columns of smaller type)."""
    edition = editions.given(edition)
    compact = edition.paper
    style = "columns:2;column-gap:1.2em;font-size:12px" if compact else ""
    show_html(html('<section class="sl-corroboration" aria-label="Four sources from the week of the statement" '
                   'style="{}">{}</section>', style, sources_html(compact)), plain_text())
