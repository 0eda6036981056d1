"""The short documents and teaching aids in ``data/``: the primer, the joint
statement, the corroboration set, the lateral-reading guide, the key terms,
sentence frames, rubrics and forecasts. Each is a YAML file checked against
a small schema: a mapping from field to checker, ``?`` marking optional fields.
"""

from __future__ import annotations

from typing import Any

from syria_lesson.core import vocab
from syria_lesson.core.readers import check_field, display_name, read_yaml
from syria_lesson.core.validate import DataError, Invalid, Problem, date, ident, integer, one_of, quote_words, text, url
from syria_lesson.data.common import data_file, raise_if

Spec = dict[str, Any]


def check_record(problems: list[Problem], name: str, where: str, item: Any, spec: Spec) -> dict | None:
    if not isinstance(item, dict):
        problems.append(Problem(name, where, "", item, "is not a mapping", "write its fields as 'name: value' lines"))
        return None
    for key, checker in spec.items():
        field, required = key.rstrip("?"), not key.endswith("?")
        if isinstance(checker, dict):  # a nested list of records
            for number, sub in enumerate(item.get(field) or [], start=1):
                check_record(problems, name, f"{where}, {field} {number}", sub, checker)
            if required and not item.get(field):
                problems.append(Problem(name, where, field, None, "is missing", f"add '{field}:' with at least one item"))
        else:
            check_field(problems, name, where, item, field, checker, required=required)
    return item


def load_list(filename: str, key: str, spec: Spec, label: str = "item") -> list[dict]:
    """A file whose ``key`` holds a list of records, each checked against ``spec``."""
    path = data_file(filename)
    name = display_name(path)
    doc = read_yaml(path)
    items = doc.get(key) if isinstance(doc, dict) else None
    if not isinstance(items, list) or not items:
        raise DataError([Problem(name, "", key, None, "is missing", f"the file needs a list under '{key}:'")])
    problems: list[Problem] = []
    seen: set = set()
    for number, item in enumerate(items, start=1):
        where = f"{label} {number}" + (f" ({item.get('id') or item.get('term')!r})" if isinstance(item, dict) else "")
        check_record(problems, name, where, item, spec)
        ident_ = (item.get("id") or item.get("term")) if isinstance(item, dict) else None
        if ident_ is not None and ident_ in seen:
            problems.append(Problem(name, where, "id", ident_, "is used twice", "give each one its own id"))
        seen.add(ident_)
    raise_if(problems)
    return items


SOURCE = {"title": text(300), "url": url, "date": text(200)}


def words(limit: int):
    def check(value: str) -> str:
        count = len(str(value).split())
        if count > limit:
            raise Invalid(f"has {count} words, more than {limit}", f"shorten it to at most {limit} words")
        return value

    return check


def load_primer() -> list[dict]:
    return load_list("primer.yaml", "sections", {"id": ident, "heading": text(120), "text": words(120),
                                                 "sources": SOURCE}, "section")


# How well each paragraph's wording is attested in the copies checked.


def load_statement() -> dict:
    path = data_file("joint_statement.yaml")
    name = display_name(path)
    doc = read_yaml(path)
    problems: list[Problem] = []
    check_record(problems, name, "", doc, {"title": text(200), "date": date, "source_url": url,
                                           "copyright": text(3000)})
    paragraphs = doc.get("paragraphs") if isinstance(doc, dict) else None
    if not isinstance(paragraphs, list) or not paragraphs:
        raise DataError([Problem(name, "", "paragraphs", None, "is missing", "list the paragraphs under 'paragraphs:'")])
    check_record(problems, name, "", doc, {"copies_checked": COPY, "weaker_reprints?": {
        "title": text(300), "url": url, "why": text(400)}})
    copies = {c.get("id") for c in doc.get("copies_checked") or [] if isinstance(c, dict)}
    problems += [Problem(name, f"copies_checked {c.get('id')!r}", "why_weaker", None, "is missing for a reprint",
                         "say why this copy is weaker than a news outlet's, and why it is used")
                 for c in doc.get("copies_checked") or [] if isinstance(c, dict) and c.get("kind") == "reprint"
                 and not c.get("why_weaker")]
    for number, para in enumerate(paragraphs, start=1):
        where = f"paragraph {number}"
        check_record(problems, name, where, para, {"n": integer(1, 50), "text": text(3000),
                                                   "status": one_of(*vocab.STATEMENT_STATUS.codes),
                                                   "sentences": {"starts": text(120), "copy?": text(40),
                                                                 "note?": text(400)}})
        if isinstance(para, dict) and para.get("n") != number:
            problems.append(Problem(name, where, "n", para.get("n"), f"is not {number}",
                                    "number the paragraphs 1, 2, 3 ... in order"))
        problems += _sentence_copies(name, where, para, copies)
    raise_if(problems)
    return doc


# A copy of the statement: `kind` says how far to trust it; a reprint says why it is weaker.
COPY = {"id": ident, "name": text(60), "kind": one_of("news", "government", "reprint"), "title": text(300), "url": url,
        "covers": text(400), "spelling?": text(200), "why_weaker?": text(300)}


def _sentence_copies(name: str, where: str, para: Any, copies: set) -> list[Problem]:
    """Each sentence's `copy` and `also` name copies in `copies_checked`."""
    problems = []
    for number, sentence in enumerate((para.get("sentences") or []) if isinstance(para, dict) else [], start=1):
        if not isinstance(sentence, dict):
            continue
        named = ([sentence["copy"]] if sentence.get("copy") else []) + list(sentence.get("also") or [])
        for copy_id in named:
            if copy_id not in copies:
                problems.append(Problem(name, f"{where}, sentences {number}", "copy" if copy_id == sentence.get("copy")
                                        else "also", copy_id, "is not the id of a copy in copies_checked",
                                        "use one of: " + ", ".join(sorted(c for c in copies if c))))
    return problems


def load_corroboration() -> list[dict]:
    return load_list("corroboration.yaml", "items", {
        "id": ident, "speaker": text(200), "side": text(40), "date": date, "date_kind": text(40),
        "source_title": text(300), "source_url": url, "excerpt?": quote_words, "paraphrase": text(1200),
        "gist": text(300)})


def load_lateral_reading() -> dict:
    path = data_file("lateral_reading.yaml")
    name = display_name(path)
    doc = read_yaml(path)
    problems: list[Problem] = []
    check_record(problems, name, "", doc, {"steps": {"do": text(300), "look_at": text(400)}})
    reveal = doc.get("reveal") if isinstance(doc, dict) else None
    if not isinstance(reveal, dict) or not {"author", "outlet"} <= set(reveal):
        problems.append(Problem(name, "", "reveal", None, "needs 'author:' and 'outlet:'",
                                "write what the module found about the author and the paper under reveal:"))
    raise_if(problems)
    return doc


def load_key_terms() -> list[dict]:
    return load_list("key_terms.yaml", "terms", {"term": text(60), "plain": words(30), "example": text(300),
                                                 "source_title": text(300), "source_url": url}, "term")


def load_frames() -> dict[str, dict]:
    path = data_file("frames.yaml")
    name = display_name(path)
    doc = read_yaml(path)
    frames = doc.get("frames") if isinstance(doc, dict) else None
    if not isinstance(frames, dict) or not frames:
        raise DataError([Problem(name, "", "frames", None, "is missing", "write frames: then one entry per task")])
    problems: list[Problem] = []
    for key, entry in frames.items():
        check_record(problems, name, f"frames {key!r}", entry, {"task": text(300)})
        if not (isinstance(entry, dict) and isinstance(entry.get("frames"), list) and entry["frames"]):
            problems.append(Problem(name, f"frames {key!r}", "frames", None, "has no sentence frames",
                                    "list the frames, one per line, each after '- '"))
    raise_if(problems)
    return frames


LEVELS_OF = ("4", "3", "2", "1")


def load_rubrics() -> dict[str, dict]:
    path = data_file("rubrics.yaml")
    name = display_name(path)
    doc = read_yaml(path)
    rubrics = doc.get("rubrics") if isinstance(doc, dict) else None
    if not isinstance(rubrics, dict) or not rubrics:
        raise DataError([Problem(name, "", "rubrics", None, "is missing", "write rubrics: then one entry per task")])
    problems: list[Problem] = []
    for key, rubric in rubrics.items():
        where = f"rubric {key!r}"
        check_record(problems, name, where, rubric, {"title": text(120), "levels": text(200),
                                                     "criteria": {"id": ident, "name": text(60), "looks_for": text(300)}})
        for number, criterion in enumerate((rubric or {}).get("criteria") or [], start=1):
            descriptors = criterion.get("descriptors") if isinstance(criterion, dict) else None
            if not (isinstance(descriptors, dict) and set(map(str, descriptors)) == set(LEVELS_OF)):
                problems.append(Problem(name, f"{where}, criterion {number}", "descriptors", descriptors,
                                        "does not describe levels 4, 3, 2 and 1",
                                        "write descriptors: {4: ..., 3: ..., 2: ..., 1: ...}"))
    raise_if(problems)
    return rubrics


def load_forecasts(event_ids: set[str]) -> list[dict]:
    items = load_list("forecasts.yaml", "outcomes", {
        "id": ident, "question": text(300), "by": date, "resolution": one_of("yes", "no", "open"),
        "resolved": text(600), "source_title": text(300), "source_url": url, "checked": date,
        "author_probability": integer(0, 100), "author_paragraph": integer(1, 50), "author_why": text(600),
        "author_basis": one_of("implied", "extrapolated"), "author_words?": quote_words, "author_paraphrase?": text(300)},
        "outcome")
    problems = [Problem("data/forecasts.yaml", f"outcome {o['id']!r}", "author_words", None,
                        "is missing, and so is author_paraphrase",
                        "quote the op-ed's words the probability was read from (at most 25 words, from "
                        "author_paragraph), or paraphrase them in author_paraphrase")
                for o in items if not (o.get("author_words") or o.get("author_paraphrase"))]
    raise_if(problems)
    problems = [Problem("data/forecasts.yaml", f"outcome {o['id']!r}", "events", e, "is not an event in data/events.csv",
                        "use the id of an event in data/events.csv")
                for o in items for e in o.get("events") or [] if e not in event_ids]
    raise_if(problems)
    return items
