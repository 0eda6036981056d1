"""Lesson 00: the war in brief, from ``data/primer.yaml``.

Each section is a heading, a short plain text (the whole primer stays under
500 words, at about a U.S. grade 8-9 reading level: ``tests/test_lesson_00.py``
measures it) and its sources. The sources are compact: each section ends with
the numbers of its sources, in small print, and ``sources()`` lists them
(a reference cell right after the primer).
"""

from __future__ import annotations

from syria_lesson.core import editions
from syria_lesson.core.display import show_html
from syria_lesson.core.editions import Edition
from syria_lesson.core.html import Markup, html, join, link
from syria_lesson.data import documents

WORD_LIMIT = 500


def sections() -> list[dict]:
    return documents.load_primer()


def plain_text(items: list[dict] | None = None) -> str:
    """What a student reads: every heading and text, as sentences."""
    return "\n\n".join(f"{s['heading']}\n{' '.join(s['text'].split())}" for s in (items or sections()))


def word_count(items: list[dict] | None = None) -> int:
    return len(plain_text(items).split())


def numbered(items: list[dict]) -> list[tuple[dict, list[int]]]:
    """Each section with the numbers of its sources in the primer's source list."""
    out, n = [], 0
    for section in items:
        numbers = list(range(n + 1, n + 1 + len(section["sources"])))
        n += len(section["sources"])
        out.append((section, numbers))
    return out


def section_html(section: dict, numbers: list[int], *, edition: Edition | None = None) -> Markup:
    edition = editions.given(edition)
    refs = join((html('<a href="#primer-source-{}">{}</a>', n, n) for n in numbers), Markup(", "))
    # In the lesson the primer sits under its own heading; the worksheet keeps no headings but the title.
    level = 2 if edition.paper else 3
    return html('<section class="sl-primer-section" aria-label="{}"><h{}>{}</h{}><p>{} '
                '<small class="sl-primer-refs">(Sources: {})</small></p></section>',
                section["heading"], level, section["heading"], level, " ".join(section["text"].split()), refs)


def primer_html(items: list[dict] | None = None, *, edition: Edition | None = None) -> Markup:
    return html('<div class="sl-primer">{}</div>', join(section_html(s, n, edition=edition) for s, n in numbered(items or sections())))


def show(*, edition: Edition | None = None) -> None:
    """The primer, section by section; each section ends with the numbers of its sources."""
    items = sections()
    text = "\n\n".join(f"{s['heading']}\n{' '.join(s['text'].split())} (Sources: {', '.join(map(str, n))})"
                       for s, n in numbered(items))
    show_html(primer_html(items, edition=edition), text)


def sources_html(items: list[dict] | None = None) -> Markup:
    rows = []
    for section, numbers in numbered(items or sections()):
        for n, src in zip(numbers, section["sources"]):
            rows.append(html('<li id="primer-source-{}" value="{}">{}, {}. <em>({})</em></li>', n, n,
                             link(src["url"], src["title"]), src["date"], section["heading"]))
    return html('<p><small><strong>Sources of “The war in brief”</strong>, numbered as in the text:</small></p>'
                '<ol class="sl-primer-sources" style="font-size:85%">{}</ol>', join(rows))


def sources() -> None:
    """The primer's sources, numbered as in the text, in small print (a reference cell)."""
    items = sections()
    show_html(sources_html(items), "\n".join(f"{n}. {src['title']}, {src['date']}. {src['url']}"
                                           for s, numbers in numbered(items) for n, src in zip(numbers, s["sources"])))


def all_sources() -> list[tuple[str, str]]:
    """(title, url) of every source the primer cites, for the lesson's source list."""
    return [(src["title"], src["url"]) for s in sections() for src in s["sources"]]
