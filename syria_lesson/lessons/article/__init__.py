"""Lesson 01: the op-ed, part by part, from ``data/article.yaml``."""

from __future__ import annotations

from syria_lesson.core.dates import long_date
from syria_lesson.core.display import show_html
from syria_lesson.core.editions import Edition
from syria_lesson.core.html import Markup, box, html, join, link, table
from syria_lesson.core.validate import DataError, Problem
from syria_lesson.core.vocab import CLAIM_KINDS
from syria_lesson.data import Content, given_content
from syria_lesson.live import reveal


def _article(*, content: Content | None = None):
    content = given_content(content)
    return content.article


def citation_text(*, content: Content | None = None) -> str:
    meta = _article(content=content)["meta"]
    return f'{meta["author"]}, "{meta["title"]}" (op-ed), {meta["outlet"]}, {long_date(meta["date"])}'


def citation(*, content: Content | None = None) -> None:
    meta = _article(content=content)["meta"]
    body = html('<p class="sl-citation">{}, “{}” (op-ed), <em>{}</em>, {}. {}.</p>', meta["author"], meta["title"],
                meta["outlet"], long_date(meta["date"]), link(meta["url"], "Read the article on the Moscow Times website"))
    show_html(box("The source", body, "note"), f"{citation_text(content=content)}. {meta['url']}")


def _paragraphs(part: dict) -> str:
    first, last = part["paragraphs"]
    return f"paragraph {first}" if first == last else f"paragraphs {first}\u2013{last}"


def part_html(part: dict) -> Markup:
    """One part of the op-ed as a reading guide: where it is, the author's own short
    quotations, and the part in plain words for those who want it. Our summary and
    the claims (with their kinds) are not here: they come after the students' attempt."""
    quotes = join(html("<li>“{}” (paragraph {})</li>", q["text"], q["paragraph"]) for q in part.get("quotes") or [])
    out = html("<h4>Part {}: {} ({})</h4>", part["number"], part["title"], _paragraphs(part))
    if quotes:
        out += html("<p><strong>In the author's words</strong> (short quotations):</p><ul>{}</ul>", quotes)
    out += html('<div class="sl-gist" style="border-left:3px solid #888;padding-left:0.6em">'
                "<p><strong>In plain words</strong> (if you want help with this part): {}</p></div>",
                " ".join(part["gist"].split()))
    return out


def part_text(part: dict) -> str:
    lines = [f"Part {part['number']}: {part['title']} ({_paragraphs(part)})"]
    lines += [f'"{q["text"]}" (paragraph {q["paragraph"]})' for q in part.get("quotes") or []]
    lines.append("In plain words: " + " ".join(part["gist"].split()))
    return "\n".join(lines)


def _numbered(part_id: str, *, content: Content | None = None) -> dict:
    for number, item in enumerate(_article(content=content)["parts"], start=1):
        if item["id"] == part_id:
            return {**item, "number": number}
    return _part(part_id, content=content)


def guide(*part_ids: str, content: Content | None = None) -> None:
    """The reading guide for one or more parts, shown beside the op-ed."""
    parts = [_numbered(p, content=content) for p in part_ids]
    show_html(join(part_html(p) for p in parts), "\n\n".join(part_text(p) for p in parts))


def claims_html(*, content: Content | None = None) -> Markup:
    """Our reading of the op-ed: each part in our words, and its claims with their kind,
    paragraph and the evidence the author gives (shown after the claim tasks)."""
    out = []
    for number, part in enumerate(_article(content=content)["parts"], start=1):
        rows = [{"claim": c["text"], "kind": CLAIM_KINDS.label(c["kind"]), "para": c["paragraph"],
                 "evidence": c["evidence"]} for c in part.get("claims") or []]
        out.append(html("<h3>Part {}: {} ({})</h3><p><strong>In our words:</strong> {}</p>",
                        number, part["title"], _paragraphs(part), " ".join(part["summary"].split())))
        if rows:
            out.append(table(rows, [("claim", "Claim (paraphrased)"), ("kind", "Kind"), ("para", "Para."),
                                    ("evidence", "Evidence the author gives, and how to check it")],
                             f"Claims in part {number}"))
    return join(out)


def _part(part_id: str, *, content: Content | None = None) -> dict:
    for item in _article(content=content)["parts"]:
        if item["id"] == part_id:
            return item

    raise DataError([Problem("data/article.yaml", "parts", "id", part_id, "is not a part of the article",
                             "use one of: " + ", ".join(p["id"] for p in _article(content=content)["parts"]))])


def part(part_id: str, *, content: Content | None = None) -> None:
    item = _numbered(part_id, content=content)
    show_html(part_html(item), part_text(item))


def author_questions(*, content: Content | None = None) -> None:
    items = _article(content=content).get("author_questions") or []
    body = join(html("<li>{} (paragraph {})</li>", q["text"], q["paragraph"]) for q in items)
    show_html(box("The author's own questions", html("<ol>{}</ol>", body), "note"),
              "\n".join(f"- {q['text']} (paragraph {q['paragraph']})" for q in items))


def _reading(reading: dict) -> Markup:
    basis = "the article's claim" if reading["basis"] == "article" else "the public record"
    source = (html("; {}, {}", link(reading["source_url"], reading["source_title"]), reading["source_date"])
              if reading["basis"] == "record" else "")
    return html("{} <em>(Basis: {}{})</em>", reading["reading"], basis, source)


def vague_terms_html(*, content: Content | None = None) -> Markup:
    terms = _article(content=content).get("vague_terms") or []
    rows = [{"term": html("<strong>{}</strong> (paragraph {})", t["term"], t["paragraph"]),
             "article": t.get("article_says", ""), "statement": t.get("statement_text", ""),
             "washington": _reading(t["washington"]), "moscow": _reading(t["moscow"])} for t in terms]
    columns = [("term", "Vague term"), ("article", "What the article says"),
               ("statement", "What the Da Nang statement says"),
               ("washington", "Washington's reading"), ("moscow", "Moscow's reading")]
    return table(rows, columns, "Words both sides signed, read two ways")


def vague_terms(*, content: Content | None = None) -> None:
    terms = _article(content=content).get("vague_terms") or []
    show_html(vague_terms_html(content=content),
              "\n".join(f"{t['term']}: W: {t['washington']['reading']} M: {t['moscow']['reading']}" for t in terms))


def reveal_claims(lesson_id: str = "01", *, content: Content | None = None, edition: Edition | None = None) -> None:
    """Our reading of the claims, shown once the student has sorted every core claim of the lesson."""
    content = given_content(content)
    ids = [q["id"] for q in content.lesson_questions(lesson_id)
           if q["tier"] == "core" and (q["kind"] == "classify" or q["id"].endswith("_find_claims"))]  # their own claims too
    reveal.after(ids, "The claims, part by part: kind, paragraph and evidence", claims_html, content=content, edition=edition)
