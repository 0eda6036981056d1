"""Lesson 06's role-play: the role cards (one per party: who you are, what
your party wants, offers and refuses as of the day the table is set), the
decision memo's one-page template, and, after the students' own attempt, the
module's reading of where the parties could meet. Everything comes from
``data/roles.yaml``; each line of a card carries its source in the handout.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from syria_lesson.core import editions
from syria_lesson.core.dates import format_date
from syria_lesson.core.display import show_html
from syria_lesson.core.editions import Edition
from syria_lesson.core.html import Markup, box, html, join, lines, link
from syria_lesson.data import Content, given_content
from syria_lesson.live import reveal

HEADINGS = {"wants": "Wants", "offers": "Can offer", "refuses": "Will not accept"}


def site(url: str) -> str:
    """'https://www.tass.com/world/1' -> 'tass.com': a source named in one word, as a link."""
    host = urlsplit(url).netloc.lower()
    return host.removeprefix("www.").removeprefix("en.")


def cite_html(cite: str, content: Content) -> Markup:
    """A citation a student can follow in a few words: the source's site (a link) and its date, never an id."""
    kind, key = str(cite).split(None, 1)
    if kind == "position":
        actor, topic = key.split("/")
        row = content.position(actor, topic)
        if row.get("source_url"):
            return html("{}, {}", link(row["source_url"], site(row["source_url"])),
                        format_date(str(row["source_date"])))
        return html("the op-ed, paragraph {}", row["paragraph"])
    if kind == "event":
        event = next(e for e in content.events if e["id"] == key)
        return html("{}, {}", link(event["source_url"], site(event["source_url"])), format_date(event["date"]))
    if kind == "paragraph":
        return html("the op-ed, paragraph {}", key)
    return html("the actors table of lesson 03 ({})", content.actor(key)["short_name"])


def _line(line: dict, content: Content) -> Markup:
    sources = join((cite_html(c, content) for c in line["cite"]), "; ")
    return html("<li>{} <small>({})</small></li>", line["text"], sources)


def card_html(role: dict, content: Content) -> Markup:
    parts = join(html("<p><strong>{}:</strong></p><ul>{}</ul>", HEADINGS[field],
                      join(_line(line, content) for line in role[field])) for field in HEADINGS)
    return html('<section class="sl-role" aria-label="Role card: {name}" style="border:1px solid #888;'
                'padding:0.3em 0.6em;margin:0 0 0.6em;break-inside:avoid"><h3>{name}</h3>'
                "<p>You advise {to}. <strong>The decision:</strong> {decision}</p>{parts}</section>",
                name=role["name"], to=role["memo_to"],
                decision=role["decision"], parts=parts)


def cards_text(content: Content) -> str:
    out = []
    for role in content.roles()["roles"]:
        out.append(f"{role['name']}. You advise {role['memo_to']}. The decision: {role['decision']}")
        out += [f"  {HEADINGS[f]}: " + "; ".join(line["text"] for line in role[f]) for f in HEADINGS]
    return "\n".join(out)


def cards_table(content: Content) -> Markup:
    """The cards on paper: one row per party, in small type, without the sources."""
    def cell(lines: list[dict]) -> Markup:
        return join((html("• {}", line["text"]) for line in lines), Markup("<br>"))

    rows = join(html("<tr><th scope='row' style='text-align:left'>{}<br><small style='font-weight:normal'>{}</small>"
                     "</th><td>{}</td><td>{}</td><td>{}</td></tr>", role["name"], role["decision"],
                     cell(role["wants"]), cell(role["offers"]), cell(role["refuses"]))
                for role in content.roles()["roles"])
    head = join(html("<th scope='col' style='width:{}'>{}</th>", width, h)
                for width, h in zip(("22%", "28%", "25%", "25%"), ("Party, and its decision", *HEADINGS.values())))
    return html('<style>.sl-role-table td, .sl-role-table th {{vertical-align:top}}</style>'
                '<table class="sl-role-table" style="font-size:10px;line-height:1.2;width:100%"><caption>The role '
                "cards</caption><thead><tr>{}</tr></thead><tbody>{}</tbody></table>", head, rows)


def role_cards(*, content: Content | None = None, edition: Edition | None = None) -> None:
    """Every party's card, in the table's order (on paper: one table, without the sources)."""
    content, edition = given_content(content), editions.given(edition)
    if edition.paper:
        body = cards_table(content)
    else:
        body = join(card_html(role, content) for role in content.roles()["roles"])
    show_html(html('<div class="sl-role-cards" role="region" aria-label="The role cards">{}</div>', body),
              cards_text(content))


def memo_template_html(content: Content, paper: bool) -> Markup:
    """The memo's parts with their hints; on paper, a page of its own with a ruled line or lines for each."""
    memo = content.roles()["memo"]
    rule = "border-bottom:1px solid #555;height:2em;vertical-align:bottom" if paper else ""
    fields = join(html("<tr><th scope='row' style='text-align:left;width:7em'>{}</th>"
                       "<td style='{}'><small>{}</small></td></tr>", f["label"], rule, f["hint"]) for f in memo["fields"])
    level = "h4" if paper else "h3"  # on paper the template has a heading of its own (h3); on screen, a box
    sections = join(html("<{h} style='margin:0.6em 0 0'>{heading}</{h}><p style='margin:0'><small>{hint}</small></p>"
                         "{rule}", h=Markup(level), heading=s["heading"], hint=s["hint"],
                         rule=lines(s["lines"]) if paper else Markup("")) for s in memo["sections"])
    return html('<table class="sl-memo-head" style="width:100%"><caption>{}</caption><tbody>{}</tbody></table>{}',
                memo["title"], fields, sections)


def memo_template(*, content: Content | None = None, edition: Edition | None = None) -> None:
    """The one-page decision memo: its headings and hints; on paper, a page of its own with lines to write on."""
    content, edition = given_content(content), editions.given(edition)
    memo = content.roles()["memo"]
    title = f"The template: {memo['title'].lower()}"
    body = memo_template_html(content, edition.paper)
    plain = memo["title"] + ": " + "; ".join([f["label"] for f in memo["fields"]] + [s["heading"] for s in memo["sections"]])
    if edition.paper:  # a box is never split, and a page of lines would not fit one: a page of its own instead
        show_html(html('<section class="sl-memo" aria-label="{}" style="break-before:page"><h3>{}</h3>{}</section>',
                       title, title, body), plain)
    else:
        show_html(box(title, body, "note"), plain)


def reading_html(content: Content) -> Markup:
    points = content.roles()["reading"]["points"]
    return html("<ol>{}</ol>", join(_line(point, content) for point in points))


def after_the_table(question_ids: list[str], *, content: Content | None = None,
                    edition: Edition | None = None) -> None:
    """Our reading of the table, once the student has sourced the document and planned the caucus."""
    content = given_content(content)
    reading = content.roles()["reading"]
    reveal.after(question_ids, reading["title"], lambda: reading_html(content),
                 reading["title"] + ": " + " ".join(p["text"] for p in reading["points"]),
                 content=content, edition=edition)
