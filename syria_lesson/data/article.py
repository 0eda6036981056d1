"""``data/article.yaml``: the op-ed, part by part, and its facts (date,
paragraph count, the two sides) that the rest of the package reads from here."""

from __future__ import annotations

import functools
from pathlib import Path

from syria_lesson.core import sealed, vocab
from syria_lesson.core.readers import check_field, display_name, read_yaml
from syria_lesson.core.validate import DataError, Invalid, Problem, date, ident, integer, one_of, quote_words, text, url
from syria_lesson.data.common import data_file, raise_if


@functools.lru_cache(maxsize=4)
def _count(path: Path, mtime: int) -> int:
    doc = read_yaml(path)
    meta = doc.get("meta") if isinstance(doc, dict) else None
    problems: list[Problem] = []
    total = check_field(problems, display_name(path), "meta", meta if isinstance(meta, dict) else {},
                        "paragraphs", integer(1, 200))
    raise_if(problems)
    return total


def paragraph_count() -> int:
    """How many body paragraphs the article has (``meta.paragraphs``)."""
    path = data_file("article.yaml")
    kept = sealed.present(path)  # plain, or sealed in the student release
    if kept is None:
        read_yaml(path)  # raises the plain "is missing" message
    return _count(path, kept.stat().st_mtime_ns)


def paragraph(value) -> int:
    """A paragraph number of the article: 1 to ``meta.paragraphs``."""
    total = paragraph_count()
    try:
        return integer(1, total)(value)
    except Invalid as err:
        raise Invalid(err.problem, f"give the number (1-{total}) of the article paragraph") from None


def load_article() -> dict:
    path = data_file("article.yaml")
    name = display_name(path)
    doc = read_yaml(path)
    problems: list[Problem] = []
    if not isinstance(doc, dict) or not isinstance(doc.get("parts"), list):
        raise DataError([Problem(name, "", "parts", None, "is missing",
                                 "the file needs 'meta:' and a list under 'parts:'")])
    meta = doc.get("meta") or {}
    for field, checker in (("url", url), ("date", date), ("title", text(200)), ("author", text(100)),
                           ("outlet", text(100)), ("statement_event", ident)):
        check_field(problems, name, "meta", meta, field, checker)
    total = check_field(problems, name, "meta", meta, "paragraphs", integer(1, 200))
    sides = meta.get("sides")
    if not (isinstance(sides, dict) and set(sides) == {"washington", "moscow"}):
        problems.append(Problem(name, "meta", "sides", sides, "does not name the two sides",
                                "write sides: {washington: <actor id>, moscow: <actor id>}"))
    for number, part in enumerate(doc["parts"], start=1):
        where = f"part {number} (id {part.get('id')!r})"
        check_field(problems, name, where, part, "id", ident)
        check_field(problems, name, where, part, "title", text(80))
        check_field(problems, name, where, part, "summary", text(1200))
        span = part.get("paragraphs")
        if not (isinstance(span, list) and len(span) == 2 and all(isinstance(p, int) for p in span)
                and 1 <= span[0] <= span[1]):
            problems.append(Problem(name, where, "paragraphs", span, "is not a range of paragraphs",
                                    "write [first, last], e.g. [5, 6]"))
        for q, quote in enumerate(part.get("quotes") or [], start=1):
            qwhere = f"{where}, quote {q}"
            check_field(problems, name, qwhere, quote, "text", quote_words)
            check_field(problems, name, qwhere, quote, "paragraph", paragraph)
        check_field(problems, name, where, part, "gist", text(800))
        for c, claim in enumerate(part.get("claims") or [], start=1):
            cwhere = f"{where}, claim {c}"
            check_field(problems, name, cwhere, claim, "id", ident)
            check_field(problems, name, cwhere, claim, "why", text(600), required=False)
            for w, word in enumerate(claim.get("words") or [], start=1):
                wwhere = f"{cwhere}, word {w}"
                check_field(problems, name, wwhere, word, "text", quote_words)
                check_field(problems, name, wwhere, word, "why", text(400))
                if not isinstance(word, dict) or not isinstance(word.get("vague"), bool):
                    problems.append(Problem(name, wwhere, "vague", None, "is not true or false",
                                            "write vague: true if the words are undefined or open to two readings"))
            check_field(problems, name, cwhere, claim, "text", text(500))
            check_field(problems, name, cwhere, claim, "kind", one_of(*vocab.CLAIM_KINDS.codes))
            check_field(problems, name, cwhere, claim, "paragraph", paragraph)
            check_field(problems, name, cwhere, claim, "evidence", text(600))
    if total and not problems:
        problems += check_coverage(doc["parts"], total, name)
    for n, phrase in enumerate(doc.get("phrases") or [], start=1):
        pwhere = f"phrase {n} ({phrase.get('id')!r})" if isinstance(phrase, dict) else f"phrase {n}"
        for field, checker in (("id", ident), ("text", quote_words), ("paragraph", paragraph), ("note", text(800))):
            check_field(problems, name, pwhere, phrase, field, checker)
        check_field(problems, name, pwhere, phrase, "hint", text(400), required=False)
        if not (isinstance(phrase, dict) and isinstance(phrase.get("events"), list) and phrase["events"]):
            problems.append(Problem(name, pwhere, "events", None, "lists no event",
                                    "list the ids (data/events.csv) of the events the phrase points to"))
    for v, term in enumerate(doc.get("vague_terms") or [], start=1):
        where = f"vague term {v} ({term.get('term')!r})"
        check_field(problems, name, where, term, "term", text(80))
        check_field(problems, name, where, term, "paragraph", paragraph)
        for side in ("washington", "moscow"):
            reading = term.get(side) or {}
            swhere = f"{where}, {side}"
            check_field(problems, name, swhere, reading, "reading", text(800))
            basis = check_field(problems, name, swhere, reading, "basis", one_of("article", "record"))
            if basis == "record":
                check_field(problems, name, swhere, reading, "source_title", text(250))
                check_field(problems, name, swhere, reading, "source_url", url)
                check_field(problems, name, swhere, reading, "source_date", date)
    raise_if(problems)
    return doc


def check_coverage(parts: list[dict], total: int, name: str) -> list[Problem]:
    """The parts must cover paragraphs 1..total in order, with no gap or overlap."""
    problems = []
    expected = 1
    for number, part in enumerate(parts, start=1):
        first, last = part["paragraphs"]
        where = f"part {number} (id {part.get('id')!r})"
        if first != expected:
            what = "leaves out" if first > expected else "repeats"
            gap = (f"paragraphs {expected}-{first - 1}" if first > expected
                   else f"paragraphs {first}-{expected - 1}")
            problems.append(Problem(name, where, "paragraphs", part["paragraphs"],
                                    f"starts at {first}, so the outline {what} {gap}",
                                    f"start this part at paragraph {expected}"))
        expected = last + 1
    if expected != total + 1:
        problems.append(Problem(name, "last part", "paragraphs", expected - 1,
                                f"ends the outline at paragraph {expected - 1}, but the article has {total}",
                                f"make the last part end at paragraph {total}"))
    return problems
