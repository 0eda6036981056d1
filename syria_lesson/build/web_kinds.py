"""Each question kind's browser face for the web edition: its form controls
(HTML, bound by templates/web/web_kinds.js), the public data the script needs
to say what a saved value means, and the module's reading, sealed.

No right answer is written in plain: a right option is a SHA-256 digest of the
question id and the option (``digest``), which the page compares with the
digest of the student's choice; feedback, explanations and readings are
sealed (``seal``: XOR with a SHA-256 key stream, then base64), so they are in
neither the page's text nor its source as words, and reach the page's DOM
only after the attempt JupyterLab asks for. This stops reading the key off
the page (view source, find in page); it does not stop a student who runs the
script's own functions by hand, any more than the student release's data
files do.
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from syria_lesson import kinds
from syria_lesson.core.html import Markup, html, join
from syria_lesson.core.vocab import BASES, STANCES, VERDICTS
from syria_lesson.data import Content
from syria_lesson.kinds.base import MIN_WORDS
from syria_lesson.live.worksheet import frames_html, number, rubric_html, short_prompt

SEALED_KINDS = ("selfcheck", "classify", "match", "predict", "verdict")
REASON = f"Because ... (a sentence: at least {MIN_WORDS} words)"  # the kernel's reason box (kinds.base.reason_area)


# ---------------------------------------------------------------- digests and seals


def digest(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def _stream(key: str, length: int) -> bytes:
    out = b""
    block = 0
    while len(out) < length:
        out += hashlib.sha256(f"{key}:{block}".encode()).digest()
        block += 1
    return out[:length]


def seal(key: str, text: str) -> str:
    data = str(text).encode("utf-8")
    return base64.b64encode(bytes(a ^ b for a, b in zip(data, _stream(key, len(data))))).decode("ascii")


def unseal(key: str, sealed: str) -> str:
    data = base64.b64decode(sealed)
    return bytes(a ^ b for a, b in zip(data, _stream(key, len(data)))).decode("utf-8")


# ---------------------------------------------------------------- public data (sl-questions.js)


def vocabulary() -> dict:
    return {"stances": {s.code: s.as_option for s in STANCES}, "bases": {b.code: b.as_option for b in BASES},
            "verdicts": {v.code: v.label for v in VERDICTS}}


def public(q: dict, content: Content) -> dict[str, Any]:
    """What the script needs to save, restore, check and describe an answer: no reading, no plain key."""
    kind = kinds.kind_of(q)
    out: dict[str, Any] = {"id": q["id"], "lesson": q["lesson"], "kind": q["kind"], "prompt": q["prompt"],
                           "number": number(q, content.questions), "short": short_prompt(q),
                           "thought": kind.thought_rule(q)}  # what opens our reading, as the kernel decides it
    if q.get("beside"):
        out["beside"] = q["beside"]
    if q["kind"] in ("choice", "selfcheck", "classify"):
        out["options"] = kind.shown(q)
    if q["kind"] == "ranking":
        out["options"] = list(q["options"])
    if q["kind"] in ("selfcheck", "classify"):
        out["right"] = digest(q["id"], q["answer"])
    if q["kind"] == "classify":
        out["words"] = [w["text"] for w in kind.words(q)]
    if q["kind"] == "scale":
        out["min"], out["max"] = q["scale"]["min"], q["scale"]["max"]
    if q["kind"] == "match":
        out["items"] = [{"id": i["id"], "text": i["text"]} for i in q["match_items"]]
        out["choices"] = [{"id": c["id"], "label": c["label"]} for c in q["match_choices"]]
        out["right"] = {i["id"]: [digest(q["id"], i["id"], a) for a in i["answers"]] for i in q["match_items"]}
    if q["kind"] == "predict":
        out["right"] = digest(q["id"], q["position"]["stance_code"])
    return out


def sealed(q: dict) -> dict[str, str]:
    """The feedback and readings of one question, each sealed under its own key (question id / slot)."""
    kind = kinds.kind_of(q)
    plain: dict[str, Any] = {}
    if q["kind"] == "selfcheck":
        plain = {f"option:{o}": kind.feedback(q, o) for o in kind.shown(q)}
    elif q["kind"] == "classify":
        for label in kind.shown(q):
            plain[f"first:{label}"] = kind.feedback(q, {"kind": label, "attempts": 1})
            plain[f"final:{label}"] = kind.feedback(q, {"kind": label, "attempts": 2})
    elif q["kind"] == "match":
        for item in q["match_items"]:
            wrong = next((c["id"] for c in q["match_choices"] if c["id"] not in item["answers"]), "")
            plain[f"right:{item['id']}"] = kind.item_feedback(q, item, item["answers"][0], 1)
            plain[f"hint:{item['id']}"] = kind.item_feedback(q, item, wrong, 1)
            plain[f"final:{item['id']}"] = kind.item_feedback(q, item, wrong, 2)
    elif q["kind"] in ("predict", "verdict"):
        plain = {"reading": kind.reading(q)}
    return {slot: seal(f"{q['id']}/{slot}", str(text)) for slot, text in plain.items()}


# ---------------------------------------------------------------- the face: form controls


def _field_id(q: dict, field: str) -> str:
    return f"q-{q['id']}-{field}"


def _radios(q: dict, field: str, legend: str, options: list[tuple[Any, str]]) -> Markup:
    name = _field_id(q, field)
    items = join(html('<label class="sl-opt"><input type="radio" name="{}" value="{}" data-field="{}"> {}</label>',
                      name, value, field, text) for value, text in options)
    return html('<fieldset class="sl-field"><legend>{}</legend>{}</fieldset>', legend, items)


def _select(q: dict, field: str, label: str, options: list[tuple[str, str]], **data: str) -> Markup:
    ident = _field_id(q, field + "".join(f"-{v}" for v in data.values()))
    attrs = join(html(' data-{}="{}"', k, v) for k, v in data.items())
    items = join(html('<option value="{}">{}</option>', value, text) for value, text in [("", "– choose –"), *options])
    return html('<p class="sl-field"><label for="{}">{}</label> <select id="{}" data-field="{}"{}>{}</select></p>',
                ident, label, ident, field, attrs, items)


def _text(q: dict, field: str, label: str, placeholder: str, rows: int = 4) -> Markup:
    ident = _field_id(q, field)
    return html('<p class="sl-field sl-text"><label for="{}">{}</label><textarea id="{}" data-field="{}" rows="{}" '
                'placeholder="{}"></textarea></p>', ident, label, ident, field, rows, placeholder)


def _button(action: str, label: str) -> Markup:
    return html('<button type="button" class="sl-button" data-action="{}">{}</button>', action, label)


def controls(q: dict) -> Markup:
    """The kind's form controls, with the same accessible names as its JupyterLab widget."""
    kind, k = kinds.kind_of(q), q["kind"]
    if k == "open":
        return _text(q, "text", "Your answer", "Type your answer here", rows=6)
    if k in ("choice", "selfcheck"):
        out = _radios(q, "choice", "Choose", [(o, o) for o in kind.shown(q)])
        if k == "choice":
            return out
        return out + _text(q, "reason", "Because", REASON, rows=2) + _button("check", "Check")
    if k == "scale":
        s = q["scale"]
        marks = [(n, f"{n} ({s.get('low', '')})" if n == s["min"] else f"{n} ({s.get('high', '')})"
                  if n == s["max"] else str(n)) for n in range(s["min"], s["max"] + 1)]
        return _radios(q, "score", "Score", marks) + _text(q, "reason", "Reason", "Why?", rows=3)
    if k == "ranking":
        ranks = [(str(n), str(n)) for n in range(1, len(q["options"]) + 1)]
        rows = join(html('<li>{}</li>', _rank(q, n, option, ranks)) for n, option in enumerate(q["options"]))
        return html('<p>Give each a different rank (1 = first):</p><ul class="sl-ranks">{}</ul>', rows)
    if k == "classify":
        out = _radios(q, "kind", "What kind of claim?", [(o, o) for o in kind.shown(q)])
        if kind.words(q):
            boxes = join(html('<label class="sl-opt"><input type="checkbox" data-field="vague" value="{}"> “{}”</label>',
                              w["text"], w["text"]) for w in kind.words(q))
            out += html('<fieldset class="sl-field"><legend>Tick the words that are vague (undefined, open to two '
                        "readings)</legend>{}</fieldset>", boxes)
        return (out + _text(q, "reason", "Because", "Why this kind? " + REASON, rows=2)
                + _button("check", "Check"))
    if k == "match":
        options = [(c["id"], c["label"]) for c in q["match_choices"]]
        items = join(html('<div class="sl-match-item"><p><strong>{}</strong></p>{}<div class="sl-note" '
                          'data-note="{}" aria-live="polite"></div></div>', i["text"],
                          _select(q, "match", "Matches", options, item=i["id"]), i["id"])
                     for i in q["match_items"])
        return (items + _text(q, "reason", "Because", "Which match were you least sure of, and why? (a sentence: "
                                                      f"at least {MIN_WORDS} words)", rows=2) + _button("check", "Check"))
    if k == "predict":
        return (_select(q, "stance", "Position", [(s.code, s.as_option) for s in STANCES])
                + _select(q, "basis", "How we know", [(b.code, b.as_option) for b in BASES])
                + _text(q, "reason", "Reason", f"Your reason, in a sentence (at least {MIN_WORDS} words)", rows=2)
                + _button("compare", "Compare with the table"))
    if k == "verdict":
        return (_select(q, "verdict", "Verdict", [(v.code, v.label) for v in VERDICTS])
                + _text(q, "reason", "Because", f"Because ... (name an event and its date; at least {MIN_WORDS} words)",
                      rows=2)
                + _button("compare", "Compare with the module"))
    if k == "forecast":
        ident = _field_id(q, "probability")
        return (html('<p class="sl-field"><label for="{}">How likely (%)</label> <input type="text" id="{}" '
                     'data-field="probability" inputmode="numeric" size="6" placeholder="0 to 100" '
                     'autocomplete="off"></p>', ident, ident)
                + _text(q, "reason", "Because", "Because ... (evidence from before 20 November 2017)", rows=2))
    raise ValueError(f"the web edition has no face for the kind {k!r}")


def _rank(q: dict, n: int, option: str, ranks: list[tuple[str, str]]) -> Markup:
    ident = _field_id(q, f"rank-{n}")
    items = join(html('<option value="{}">{}</option>', v, t) for v, t in [("", "–"), *ranks])
    return html('<select id="{}" data-field="rank" data-option="{}" aria-label="Rank of: {}">{}</select> '
                '<label for="{}">{}</label>', ident, option, option, items, ident, option)


def face(q: dict, label: str, content: Content) -> Markup:
    """One question, live in the browser: what the JupyterLab widget shows, as a form."""
    kind = kinds.kind_of(q)
    extension = " sl-extension" if q.get("tier") == "extension" else ""
    parts = [html('<p class="sl-q-meta">{}</p>', label)]
    if q.get("rubric"):
        parts.append(rubric_html(q["rubric"], content=content))
    parts.append(html('<p class="sl-q-prompt" id="q-{}-prompt"><strong>{}</strong></p>', q["id"], q["prompt"]))
    parts.append(kinds.excerpt_html(q))
    if q.get("beside"):
        parts.append(html('<div class="sl-earlier" data-earlier="{}"></div>', q["beside"]))
    parts.append(controls(q))
    if q.get("frames"):
        parts.append(html("<details><summary>Sentence starters</summary>{}</details>",
                          frames_html(q["frames"], content=content)))
    parts.append(Markup('<p class="sl-status" role="status" aria-live="polite"></p>'
                        '<div class="sl-feedback" aria-live="polite"></div>'))
    return html('<div class="sl-question sl-web-q{}" id="q-{}" data-q="{}" data-kind="{}" role="group" '
                'aria-labelledby="q-{}-prompt">{}</div>{}', extension, q["id"], q["id"], q["kind"], q["id"],
                join(parts), kind.paper_after(q))
