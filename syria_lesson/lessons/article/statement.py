"""Lesson 01: the Da Nang joint statement in full, from ``data/joint_statement.yaml``.

The text is shown paragraph by paragraph, numbered, with how well each
paragraph's wording is attested. Where no copy of the English wording was
found, the data file holds a gap marker (``[GAP: ...]``): it is shown as a
gap, never filled in. What is known of a missing paragraph's content (from
translations and reports) is shown apart from the text, marked as not the
statement's own words.
"""

from __future__ import annotations

import re

from syria_lesson.core import editions
from syria_lesson.core.dates import long_date
from syria_lesson.core.display import show_html
from syria_lesson.core.editions import Edition
from syria_lesson.core.html import Markup, html, join, link, table
from syria_lesson.core.vocab import STATEMENT_STATUS
from syria_lesson.data import documents

GAP = re.compile(r"\[GAP:\s*([^\]]*)\]")


def document() -> dict:
    return documents.load_statement()


def pieces(text: str) -> list[tuple[str, str]]:
    """A paragraph's text as ("text", words) and ("gap", what is missing) pieces, in order."""
    out, at = [], 0
    clean = " ".join(text.split())
    for match in GAP.finditer(clean):
        if clean[at:match.start()].strip():
            out.append(("text", clean[at:match.start()].strip()))
        out.append(("gap", match.group(1).strip()))
        at = match.end()
    if clean[at:].strip():
        out.append(("text", clean[at:].strip()))
    return out


def gap_count(doc: dict | None = None) -> int:
    return sum(kind == "gap" for p in (doc or document())["paragraphs"] for kind, _ in pieces(p["text"]))


def _gap_html(what: str) -> Markup:
    return html('<span class="sl-gap" style="border:1px dashed #555;padding:0 0.3em;font-style:italic">'
                "[gap: {}]</span>", what)


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    cut = re.search(r"^.*?[a-z)]\. ", text)
    return cut.group(0).strip() if cut else text


def text_html(para: dict) -> Markup:
    """A paragraph's words, its gaps marked as gaps; a sentence cut off by a gap ends in '...'."""
    parts = pieces(para["text"])
    out = []
    for number, (kind, words) in enumerate(parts):
        if kind == "gap":
            out.append(_gap_html(words) + Markup(" "))
            continue
        cut = number + 1 < len(parts) and not words.endswith((".", "!", "?", ";", ":"))
        out.append(html("{}{} ", words, "\u2026" if cut else ""))
    return join(out)


def paragraph_html(para: dict) -> Markup:
    """A paragraph as shown in the statement's table: its words, and any note on what is missing."""
    extra = Markup("")
    if para.get("missing"):
        extra += html('<p style="font-size:90%"><em>Not the statement\'s words.</em> '
                      "{}</p>", _first_sentence(para["missing"]))
    if para.get("only_in"):
        extra += html('<p style="font-size:90%"><em>Only in the {}.</em></p>', para["only_in"])
    return text_html(para) + extra


def statement_html(doc: dict | None = None, *, edition: Edition | None = None) -> Markup:
    doc, edition = doc or document(), editions.given(edition)
    rows = [{"n": p["n"], "text": paragraph_html(p), "status": html("<small>{}</small>", STATEMENT_STATUS.label(p["status"]))}
            for p in doc["paragraphs"]]
    head = html('<p><strong>{}</strong>. Approved and released on {} in Da Nang, Vietnam.</p>',
                doc["title"], long_date(doc["date"]))
    why = html("<p>{}</p>", " ".join(doc.get("how_to_check", "").split()))
    shown = table(rows, [("n", "No."), ("text", "Text"), ("status", "Wording found")],
                  caption="The joint statement, paragraph by paragraph", css_class="sl-statement")
    gaps = gap_count(doc)
    source = html("<p><small>{} The {} places where no copy of the wording was found are marked as gaps: we have "
                  "not filled them in. The paragraph numbers are ours.</small></p>",
                  " ".join(doc.get("text_source_short", "").split()), gaps)
    rights = (html("<p><small><strong>Copyright (instructor edition).</strong> {}</small></p>",
                   " ".join(doc.get("copyright_short", "").split())) if edition.shows_readings
              else html("<p><small>{}</small></p>", " ".join(doc.get("credit", "").split())))
    # Which copy each sentence comes from is a table to check against, not to read through:
    # it is in about(), the reference cell at the end of the lesson, where `why` points.
    return head + why + source + shown + rights


def _copy_html(copy: dict) -> Markup:
    weaker = html(" <em>Weaker copy: {}.</em>", copy["why_weaker"]) if copy.get("why_weaker") else Markup("")
    return link(copy["url"], copy["name"]) + weaker


def sentence_sources_html(doc: dict | None = None) -> Markup:
    """Where each sentence's words come from: the copy used, and the others that agree."""
    doc = doc or document()
    copies = {c["id"]: c for c in doc["copies_checked"]}
    rows = []
    for para in doc["paragraphs"]:
        for sentence in para.get("sentences") or []:
            used = _copy_html(copies[sentence["copy"]]) if sentence.get("copy") else Markup("<em>no copy found</em>")
            also = join((link(copies[c]["url"], copies[c]["name"]) for c in sentence.get("also") or []),
                        Markup("; "))
            note = html(" {}", sentence["note"]) if sentence.get("note") else Markup("")
            starts = sentence["starts"] + ("" if sentence["starts"].startswith("(") else "\u2026")
            rows.append({"n": para["n"], "starts": starts, "copy": used,
                         "also": also + note})
    return table(rows, [("n", "No."), ("starts", "Sentence"), ("copy", "Words taken from"),
                        ("also", "Also in, and notes")], caption="Where each sentence comes from: check it yourself",
                 css_class="sl-statement-sources")


def worksheet_html(doc: dict | None = None) -> Markup:
    """The statement on the class-set worksheet: numbered paragraphs in two columns of
    smaller type, gaps marked as gaps. How each paragraph is attested stays in the lesson."""
    doc = doc or document()
    paras = join(html("<p><strong>{}.</strong> {}</p>", p["n"], text_html(p)) for p in doc["paragraphs"])
    head = html("<p><strong>The joint statement, {}.</strong> The paragraph numbers are ours; a [gap] marks "
                "words that no copy we found gives.</p>", long_date(doc["date"]))
    return html('<section class="sl-statement-ws" aria-label="The joint statement" '
                'style="columns:2;column-gap:1.2em;font-size:11px;line-height:1.35">{}{}</section>', head, paras)


def excerpt(numbers: list[int], *, edition: Edition | None = None) -> None:
    """On paper only: the statement's paragraphs a task quotes, beside it (a class set has no
    lesson 01 to turn back to). On screen the lesson links to the whole statement instead."""
    if not editions.given(edition).paper:
        return
    doc = document()
    chosen = [p for p in doc["paragraphs"] if p["n"] in numbers]
    paras = join(html("<p><strong>{}.</strong> {}</p>", p["n"], text_html(p)) for p in chosen)
    head = html("<p><strong>From the joint statement, {}</strong> (our paragraph numbers; [gap]: no copy gives "
                "the words):</p>", long_date(doc["date"]))
    face = html('<section class="sl-statement-ws" aria-label="From the joint statement" '
                'style="columns:2;column-gap:1.2em;font-size:10.5px;line-height:1.25">{}{}</section>', head, paras)
    show_html(face, "\n".join(f"{p['n']}. {p['text']}" for p in chosen))


def show(*, edition: Edition | None = None) -> None:
    edition = editions.given(edition)
    doc = document()
    lines = [doc["title"], f"Released {long_date(doc['date'])}, Da Nang."]
    for para in doc["paragraphs"]:
        text = " ".join(w if k == "text" else f"[gap: {w}]" for k, w in pieces(para["text"]))
        lines.append(f"{para['n']}. {text} ({STATEMENT_STATUS.label(para['status'])})")
    face = worksheet_html(doc) if edition.paper else statement_html(doc, edition=edition)
    show_html(face, "\n".join(lines))


def about_html(doc: dict | None = None, *, edition: Edition | None = None) -> Markup:
    """Where the text comes from: the copies checked and the differences; for the instructor,
    the copyright note in full (with its statute and checks) and the weaker reprints set aside."""
    doc, edition = doc or document(), editions.given(edition)
    copies = join(html("<li>{}: {}.</li>", link(c["url"], c["title"]), c["covers"]) for c in doc["copies_checked"])
    differences = join(html("<li>{}</li>", d) for d in doc.get("differences") or [])
    rights = (html("<p><strong>Copyright, in full (instructor edition):</strong> {}</p>", " ".join(doc["copyright"].split()))
              if edition.shows_readings else html("<p>{}</p>", " ".join(doc.get("credit", "").split())))
    weaker = (html("<p><strong>Weaker reprints set aside (instructor edition):</strong></p><ul>{}</ul>",
                   join(html("<li>{}: {}.</li>", link(w["url"], w["title"]), w["why"])
                        for w in doc.get("weaker_reprints") or []))
              if edition.shows_readings and doc.get("weaker_reprints") else Markup(""))
    return html("<p><strong>Issued by:</strong> {}</p><p><strong>Which date:</strong> {}</p>"
                "{}<p><strong>The copies checked</strong> "
                "(used only to recover the governments' words):</p><ul>{}</ul>{}"
                "<p><strong>Where the copies differ:</strong></p><ul>{}</ul>{}",
                "; ".join(doc["issued_by"]), " ".join(doc["date_note"].split()), rights, copies, weaker, differences,
                sentence_sources_html(doc))


def about(*, edition: Edition | None = None) -> None:
    doc = document()
    show_html(about_html(doc, edition=edition), "Where the statement's text comes from: " + "; ".join(
        c["title"] for c in doc["copies_checked"]))


def sources() -> list[tuple[str, str]]:
    doc = document()
    return [(doc["title"] + " (White House archive; address not checked in a stored copy)", doc["source_url"])] + [
        (c["title"], c["url"]) for c in doc["copies_checked"]]
