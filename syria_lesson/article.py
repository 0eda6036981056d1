"""Lesson 01: the op-ed, part by part, from ``data/article.yaml``."""

from __future__ import annotations

from .display import box, esc, link, show_html, table

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


def citation() -> None:
    meta = _article()["meta"]
    html = (f'<p class="sl-citation">{esc(meta["author"])}, “{esc(meta["title"])}” (op-ed), '
            f'<em>{esc(meta["outlet"])}</em>, 17 November 2017. '
            f'{link(meta["url"], "Read the article on the Moscow Times website")}.</p>')
    show_html(box("The source", html, "note"),
              f'{meta["author"]}, "{meta["title"]}", {meta["outlet"]}, 17 November 2017. {meta["url"]}')


def outline() -> None:
    """The article's parts with their paragraph ranges."""
    parts = _article()["parts"]
    rows = [{"n": n, "title": p["title"], "paras": _span(p)}
            for n, p in enumerate(parts, start=1)]
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


def part_html(part: dict) -> str:
    quotes = "".join(
        f'<li>“{esc(q["text"])}” (Gvosdev, paragraph {esc(q["paragraph"])})</li>' for q in part.get("quotes") or [])
    claims = [{"claim": c["text"], "kind": CLAIM_KIND_LABELS[c["kind"]], "para": c["paragraph"],
               "evidence": c["evidence"]} for c in part.get("claims") or []]
    html = f'<p><strong>In our words:</strong> {esc(part["summary"])}</p>'
    if quotes:
        html += f"<p><strong>In the author's words</strong> (short quotations):</p><ul>{quotes}</ul>"
    if claims:
        html += table(claims, [("claim", "Claim (paraphrased)"), ("kind", "Kind"), ("para", "Para."),
                               ("evidence", "Evidence the author gives")], f"Claims in part: {part['title']}")
    return html


def part_text(part: dict) -> str:
    lines = [part["summary"]]
    lines += [f'"{q["text"]}" (paragraph {q["paragraph"]})' for q in part.get("quotes") or []]
    lines += [f"- {CLAIM_KIND_LABELS[c['kind']]}: {c['text']} Evidence: {c['evidence']}"
              for c in part.get("claims") or []]
    return "\n".join(lines)


def part(part_id: str) -> None:
    item = next(p for p in _article()["parts"] if p["id"] == part_id)
    show_html(part_html(item), part_text(item))


def author_questions() -> None:
    items = _article().get("author_questions") or []
    html = "".join(f'<li>{esc(q["text"])} (paragraph {esc(q["paragraph"])})</li>' for q in items)
    show_html(box("The author's own questions", f"<ol>{html}</ol>", "note"),
              "\n".join(f"- {q['text']} (paragraph {q['paragraph']})" for q in items))


def _reading(reading: dict) -> str:
    basis = "the article's claim" if reading["basis"] == "article" else "the public record"
    html = f"{esc(reading['reading'])} <em>(Basis: {basis}"
    if reading["basis"] == "record":
        html += f"; {link(reading['source_url'], reading['source_title'])}, {esc(reading['source_date'])}"
    return html + ")</em>"


def vague_terms() -> None:
    rows = []
    for term in _article().get("vague_terms") or []:
        rows.append({"term": f"<strong>{esc(term['term'])}</strong> (paragraph {esc(term['paragraph'])})",
                     "article": esc(term.get("article_says", "")),
                     "statement": esc(term.get("statement_text", "")),
                     "washington": _reading(term["washington"]), "moscow": _reading(term["moscow"])})
    columns = [("term", "Vague term"), ("article", "What the article says"),
               ("statement", "What the Da Nang statement says"),
               ("washington", "Washington's reading"), ("moscow", "Moscow's reading")]
    show_html(table(rows, columns, "Words both sides signed, read two ways",
                    html_columns=tuple(k for k, _ in columns)),
              "\n".join(f"{t['term']}: W: {t['washington']['reading']} M: {t['moscow']['reading']}"
                        for t in _article().get("vague_terms") or []))
