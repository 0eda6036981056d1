"""Lesson 06's document set: each party's own words, laid out as Reading Like
a Historian lays out a document: a heading, the source line with its date,
the text (reproduced, or our paraphrase, as its licence allows), a gist in
plain words and the sourcing questions.

On screen each document is a section of its own; on the class-set worksheet
the set runs in two columns of smaller type, each document kept whole.
"""

from __future__ import annotations

from syria_lesson.core import editions
from syria_lesson.core.dates import format_date
from syria_lesson.core.display import show_html
from syria_lesson.core.editions import Edition
from syria_lesson.core.html import Markup, html, join, link
from syria_lesson.data import Content, given_content

SAID = {"spoken": "said", "published": "published"}
FORM = {True: "the source's own words", False: "our paraphrase"}
# On paper a long document may run on into the next column (kept whole, seven would take a page
# each), and the type is as large as the set allows: seven documents of 300 words fit four A4 pages at 10px.
PAPER_STYLE = "columns:2;column-gap:1.2em;font-size:{}px;line-height:1.25"
SMALL_TYPE_AFTER = 1500  # words of text in the set


def source_line(item: dict, compact: bool = False) -> Markup:
    """Who, when, where: 'Sergei Lavrov, Foreign Minister of Russia; said 14 November 2017. The Times of Israel'."""
    where = item["publisher"] if compact else link(item["source_url"], item["source_title"])
    return html("{}; {} {}. {}", item["speaker"], SAID[item["date_kind"]], format_date(item["date"]), where)


def letter(number: int) -> str:
    return "ABCDEFGHIJ"[number]


def document_html(number: int, item: dict, parties: dict[str, str], compact: bool = False) -> Markup:
    """One document; ``compact`` (paper) sets the sourcing questions in one paragraph and names the publisher."""
    if compact:
        questions = html("<p><strong>Source it:</strong> {}</p>",
                         join((html("({}) {}", n, q) for n, q in enumerate(item["sourcing_questions"], start=1)), " "))
    else:
        questions = html("<p><strong>Source it:</strong></p><ol>{}</ol>",
                         join(html("<li>{}</li>", q) for q in item["sourcing_questions"]))
    return html('<section class="sl-doc" aria-label="Document {n}" style="border-left:3px solid #555;'
                'padding-left:0.6em;margin:0 0 {gap};break-inside:{inside}">'
                '<h3 style="{head}">Document {n}. {party}: {heading}</h3>'
                '<p class="sl-source-line" style="break-before:avoid"><small><strong>Source:</strong> {source} ({form})</small></p>'
                '<p class="sl-doc-text">{text}</p><p><strong>Gist:</strong> {gist}</p>{questions}</section>',
                n=letter(number), party=parties.get(item["actor"], ""), heading=item["heading"],
                gap="0.5em" if compact else "0.8em", inside="auto" if compact else "avoid",
                head="font-size:1.05em;margin:0.2em 0;break-after:avoid" if compact else "",
                source=source_line(item, compact), text=item["text"], form=FORM[item["reproduced"]],
                gist=item["gist"], questions=questions)


def parties(content: Content) -> dict[str, str]:
    """Actor id -> the name of the role it plays at the table."""
    return {actor: role["name"] for role in content.roles()["roles"] for actor in role["actors"]}


def ordered(content: Content) -> list[dict]:
    """The documents in the order of the roles (the table's order), whatever the file's."""
    order = {actor: n for n, role in enumerate(content.roles()["roles"]) for actor in role["actors"]}
    return sorted(content.documents(), key=lambda item: order.get(item["actor"], len(order)))


def set_html(*, content: Content | None = None, compact: bool = False) -> Markup:
    content = given_content(content)
    names = parties(content)
    return join(document_html(n, item, names, compact) for n, item in enumerate(ordered(content)))


def plain_text(content: Content) -> str:
    names = parties(content)
    return "\n\n".join(f"Document {letter(n)}. {names.get(d['actor'], '')}: {d['heading']}. {d['speaker']}, "
                       f"{format_date(d['date'])}. {d['text']} Gist: {d['gist']}"
                       for n, d in enumerate(ordered(content)))


def show(*, content: Content | None = None, edition: Edition | None = None) -> None:
    """The whole set, in the order of the table (two columns of smaller type on paper)."""
    content, edition = given_content(content), editions.given(edition)
    size = 10 if sum(len(d["text"].split()) for d in content.documents()) > SMALL_TYPE_AFTER else 11
    style = PAPER_STYLE.format(size) if edition.paper else ""
    show_html(html('<div class="sl-document-set" role="region" aria-label="The document set" style="{}">{}</div>',
                   style, set_html(content=content, compact=edition.paper)), plain_text(content))

