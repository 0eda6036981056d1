"""``data/documents.yaml``: each party's own words, as a Reading Like a
Historian document set (lesson 06).

Every document is checked on load: its fields, its length (150 to 300 words),
its date (the role-play is set on 20 November 2017, so nothing later), its
licence, and the copy rule. A text is reproduced only where its licence allows
(a U.S. government work, or kremlin.ru under CC BY 4.0); any other source is
paraphrased, with quotations of at most 25 words each, in quotation marks.
"""

from __future__ import annotations

import re
from typing import Any

from syria_lesson.core.readers import check_field, display_name, read_yaml
from syria_lesson.core.validate import MAX_QUOTE_WORDS, DataError, Invalid, Problem, checked_day, date, date_start, ident, one_of, text, url
from syria_lesson.data.common import data_file, raise_if

FILE = "documents.yaml"
MIN_WORDS, MAX_WORDS = 150, 300
LICENCES = {"public-domain": "a U.S. government work, free to reproduce",
            "cc-by-4.0": "kremlin.ru, free to reproduce with credit (CC BY 4.0)",
            "short-quotes": "not free to reproduce: our paraphrase, with short quotations"}
FREE = ("public-domain", "cc-by-4.0")
# A quotation: text between curly or straight double quotes.
QUOTATION = re.compile(r"“([^”]*)”|\"([^\"]*)\"")


def word_count(value: Any) -> int:
    return len(str(value).split())


def _length(value: str) -> str:
    count = word_count(value)
    if count < MIN_WORDS:
        raise Invalid(f"has {count} words, fewer than {MIN_WORDS}",
                      f"give {MIN_WORDS} to {MAX_WORDS} words: enough of the source to source and read it")
    if count > MAX_WORDS:
        raise Invalid(f"has {count} words, more than {MAX_WORDS}",
                      f"cut it to at most {MAX_WORDS} words, marking each cut with […]")
    return value


def _by_day(set_on: str):
    def check(value: Any) -> str:
        value = date(str(value))
        if date_start(value) > date_start(set_on):
            raise Invalid(f"is after {set_on}, the day the role-play is set",
                          f"choose words said or published by {set_on}: no party could know later ones")
        return value

    return check


def _yes_no(value: Any) -> bool:
    if not isinstance(value, bool):
        raise Invalid("is not true or false", "write true (the source's own words) or false (our paraphrase)")
    return value


def _questions(value: Any) -> list:
    if not isinstance(value, list) or not 2 <= len(value) <= 3 or not all(isinstance(q, str) and q.strip()
                                                                           for q in value):
        raise Invalid("is not a list of two or three questions",
                      "list two or three sourcing questions, each on its own line after '- '")
    return [text(300)(q) for q in value]


SPEC = {"id": ident, "actor": ident, "heading": text(120), "speaker": text(200), "date": None,
        "date_kind": one_of("spoken", "published"), "publisher": text(200), "source_title": text(300),
        "source_url": url, "licence": one_of(*LICENCES), "text": _length, "reproduced": _yes_no,
        "gist": text(300), "sourcing_questions": _questions,
        "last_searched": lambda value: checked_day(str(value))}


def quotations(value: str) -> list[str]:
    """The quoted passages of a text, in order."""
    return [a or b for a, b in QUOTATION.findall(str(value))]


def check_document(problems: list[Problem], name: str, where: str, item: Any, actors: set[str] | None,
                   set_on: str) -> None:
    if not isinstance(item, dict):
        problems.append(Problem(name, where, "", item, "is not a document", "start each document with '- id:'"))
        return
    for field, checker in SPEC.items():
        check_field(problems, name, where, item, field, checker or _by_day(set_on))
    actor, licence = item.get("actor"), item.get("licence")
    if actors is not None and actor and actor not in actors:
        problems.append(Problem(name, where, "actor", actor, "is not an actor in data/actors.csv",
                                "use one of: " + ", ".join(sorted(actors))))
    if actor and item.get("id") and item["id"] != f"doc_{actor}":
        problems.append(Problem(name, where, "id", item["id"], f"does not match the actor {actor!r}",
                                f"name the document doc_{actor}"))
    if item.get("reproduced") is True and licence not in FREE:
        problems.append(Problem(name, where, "reproduced", True, f"is not allowed under the licence {licence!r}",
                                "reproduce only a U.S. government work (public-domain) or kremlin.ru (cc-by-4.0); "
                                "otherwise paraphrase, set reproduced: false and quote at most "
                                f"{MAX_QUOTE_WORDS} words at a time"))
    if licence == "short-quotes":
        for quote in quotations(item.get("text") or ""):
            if word_count(quote) > MAX_QUOTE_WORDS:
                problems.append(Problem(name, where, "text", quote, f"quotes {word_count(quote)} words of a source "
                                        f"that is not free to reproduce, more than {MAX_QUOTE_WORDS}",
                                        f"quote at most {MAX_QUOTE_WORDS} words in quotation marks and "
                                        "paraphrase the rest in our own words"))


def load_documents(actors: set[str] | None, set_on: str) -> list[dict]:
    """The document set, in the file's order; ``actors`` (ids of data/actors.csv) checks each ``actor``,
    ``set_on`` (the role-play's day, from data/roles.yaml) each ``date``."""
    path = data_file(FILE)
    name = display_name(path)
    doc = read_yaml(path)
    items = doc.get("documents") if isinstance(doc, dict) else None
    if not isinstance(items, list) or not items:
        raise DataError([Problem(name, "", "documents", None, "is missing",
                                 "list the documents under 'documents:' (see data/README.md)")])
    problems: list[Problem] = []
    seen: set[str] = set()
    for number, item in enumerate(items, start=1):
        where = f"document {number}" + (f" ({item.get('id')!r})" if isinstance(item, dict) else "")
        check_document(problems, name, where, item, actors, set_on)
        ident_ = item.get("id") if isinstance(item, dict) else None
        if ident_ in seen:
            problems.append(Problem(name, where, "id", ident_, "is used twice", "give each document its own id"))
        seen.add(ident_)
    raise_if(problems)
    return [{**item, "date": str(item["date"]), "last_searched": str(item["last_searched"])} for item in items]
