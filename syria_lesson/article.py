"""Lesson 01: the op-ed, part by part, from ``data/article.yaml``."""

from __future__ import annotations

from .display import show_html
from .html import Markup, box, html, join, link, table
from .timeline import long_date

CLAIM_KIND_LABELS = {
    "reported_fact": "Reported fact",
    "interpretation": "Interpretation",
    "prediction": "Prediction",
    "opinion": "Opinion",
}
CLAIM_KIND_HELP = {
    "reported_fact": "something that happened or was said, which a reader can check against the record",
    "interpretation": "the author's explanation of what facts mean or why they happened",
    "prediction": "a claim about what will happen",
    "opinion": "a judgement of value: good or bad, right or wrong, hopeful or not",
}


def _article():
    from .data import load_all

    return load_all().article


def citation_text() -> str:
    meta = _article()["meta"]
    return f'{meta["author"]}, "{meta["title"]}" (op-ed), {meta["outlet"]}, {long_date(meta["date"])}'


def citation() -> None:
    meta = _article()["meta"]
    body = html('<p class="sl-citation">{}, “{}” (op-ed), <em>{}</em>, {}. {}.</p>', meta["author"], meta["title"],
                meta["outlet"], long_date(meta["date"]), link(meta["url"], "Read the article on the Moscow Times website"))
    show_html(box("The source", body, "note"), f"{citation_text()}. {meta['url']}")


def outline() -> None:
    """The article's parts with their paragraph ranges."""
    parts = _article()["parts"]
    rows = [{"n": n, "title": p["title"], "paras": _span(p)} for n, p in enumerate(parts, start=1)]
    columns = [("n", "Part"), ("title", "What it does"), ("paras", "Paragraphs")]
    show_html(table(rows, columns, "The article in parts"),
              "\n".join(f"{r['n']}. {r['title']} (paragraphs {r['paras']})" for r in rows))


def claim_kinds() -> None:
    rows = [{"kind": CLAIM_KIND_LABELS[k], "meaning": CLAIM_KIND_HELP[k]} for k in CLAIM_KIND_LABELS]
    show_html(table(rows, [("kind", "Kind of claim"), ("meaning", "What it is")], "Four kinds of claim"),
              "\n".join(f"{r['kind']}: {r['meaning']}" for r in rows))


def _span(part: dict) -> str:
    first, last = part["paragraphs"]
    return str(first) if first == last else f"{first}–{last}"


def part_html(part: dict) -> Markup:
    quotes = join(html("<li>“{}” (Gvosdev, paragraph {})</li>", q["text"], q["paragraph"])
                  for q in part.get("quotes") or [])
    claims = [{"claim": c["text"], "kind": CLAIM_KIND_LABELS[c["kind"]], "para": c["paragraph"],
               "evidence": c["evidence"]} for c in part.get("claims") or []]
    out = html("<p><strong>In our words:</strong> {}</p>", part["summary"])
    if quotes:
        out += html("<p><strong>In the author's words</strong> (short quotations):</p><ul>{}</ul>", quotes)
    if claims:
        out += table(claims, [("claim", "Claim (paraphrased)"), ("kind", "Kind"), ("para", "Para."),
                              ("evidence", "Evidence the author gives")], f"Claims in part: {part['title']}")
    return out


def part_text(part: dict) -> str:
    lines = [part["summary"]]
    lines += [f'"{q["text"]}" (paragraph {q["paragraph"]})' for q in part.get("quotes") or []]
    lines += [f"- {CLAIM_KIND_LABELS[c['kind']]}: {c['text']} Evidence: {c['evidence']}"
              for c in part.get("claims") or []]
    return "\n".join(lines)


def _part(part_id: str) -> dict:
    for item in _article()["parts"]:
        if item["id"] == part_id:
            return item
    from .validate import DataError, Problem

    raise DataError([Problem("data/article.yaml", "parts", "id", part_id, "is not a part of the article",
                             "use one of: " + ", ".join(p["id"] for p in _article()["parts"]))])


def part(part_id: str) -> None:
    item = _part(part_id)
    show_html(part_html(item), part_text(item))


def author_questions() -> None:
    items = _article().get("author_questions") or []
    body = join(html("<li>{} (paragraph {})</li>", q["text"], q["paragraph"]) for q in items)
    show_html(box("The author's own questions", html("<ol>{}</ol>", body), "note"),
              "\n".join(f"- {q['text']} (paragraph {q['paragraph']})" for q in items))


def _reading(reading: dict) -> Markup:
    basis = "the article's claim" if reading["basis"] == "article" else "the public record"
    source = (html("; {}, {}", link(reading["source_url"], reading["source_title"]), reading["source_date"])
              if reading["basis"] == "record" else "")
    return html("{} <em>(Basis: {}{})</em>", reading["reading"], basis, source)


def vague_terms() -> None:
    terms = _article().get("vague_terms") or []
    rows = [{"term": html("<strong>{}</strong> (paragraph {})", t["term"], t["paragraph"]),
             "article": t.get("article_says", ""), "statement": t.get("statement_text", ""),
             "washington": _reading(t["washington"]), "moscow": _reading(t["moscow"])} for t in terms]
    columns = [("term", "Vague term"), ("article", "What the article says"),
               ("statement", "What the Da Nang statement says"),
               ("washington", "Washington's reading"), ("moscow", "Moscow's reading")]
    show_html(table(rows, columns, "Words both sides signed, read two ways"),
              "\n".join(f"{t['term']}: W: {t['washington']['reading']} M: {t['moscow']['reading']}" for t in terms))
