"""``data/roles.yaml``: the role-play of lesson 06. One role card per party
(what it wants, offers and refuses, each line with where it comes from), the
decision memo's template, and the module's reading of the table.

A role-play set on one day can only use what a party could know that day: a
line that cites a position or an event dated after ``set_on`` fails, as does
a citation of anything the data files do not hold.
"""

from __future__ import annotations

import re
from typing import Any

from syria_lesson.core.readers import check_field, display_name, read_yaml
from syria_lesson.core.validate import DataError, Invalid, Problem, date, date_start, ident, integer, text
from syria_lesson.data.common import data_file, raise_if
from syria_lesson.data.documents import check_record

FILE = "roles.yaml"
LISTS = ("wants", "offers", "refuses")
CITE = re.compile(r"^(position|event|paragraph|actor)\s+(\S+)$")
CITE_FIX = ("cite as 'position ACTOR/TOPIC', 'event ID', 'paragraph N' or 'actor ID', "
            "each naming a row of the data files")


def _actors(value: Any) -> list:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise Invalid("is not a list of actor ids", "list the party's actor ids from data/actors.csv in [brackets]")
    return [ident(v) for v in value]


def _cites(value: Any) -> list:
    if not isinstance(value, list) or not value:
        raise Invalid("is not a list of sources", "list at least one source in [brackets]: " + CITE_FIX)
    return value


LINE = {"text": text(140), "cite": _cites}
ROLE = {"id": ident, "name": text(60), "actors": _actors, "memo_to": text(80),
        "decision": text(200), **{field: LINE for field in LISTS}}
MEMO = {"title": text(60), "fields": {"label": text(30), "hint": text(120)},
        "sections": {"heading": text(40), "hint": text(160), "lines": integer(1, 12)}}
READING = {"title": text(120), "points": {"text": text(400), "cite": _cites}}


class Sources:
    """What a role card may cite: the rows of the other data files, with their dates."""

    def __init__(self, set_on: str, actors: list[dict], positions: list[dict], events: list[dict], article: dict):
        self.set_on = set_on
        self.actors = {a["id"] for a in actors}
        self.positions = {f"{p['actor']}/{p['topic']}": p for p in positions}
        self.events = {e["id"]: e for e in events}
        self.paragraphs = article["meta"]["paragraphs"]
        self.article_date = str(article["meta"]["date"])

    def problem(self, cite: Any) -> tuple[str, str] | None:
        """(what is wrong, the fix) for one citation, or None if it is sound."""
        match = CITE.match(str(cite).strip())
        if not match:
            return "is not a citation", CITE_FIX
        kind, key = match.groups()
        if kind == "position":
            row = self.positions.get(key)
            if row is None:
                return "is not a row of data/positions.csv", "write ACTOR/TOPIC, e.g. russia/foreign_forces"
            return self._late(row.get("source_date") or self.article_date)
        if kind == "event":
            if key not in self.events:
                return "is not an event in data/events.csv", "use the id of an event in data/events.csv"
            return self._late(self.events[key]["date"])
        if kind == "paragraph":
            if not key.isdigit() or not 1 <= int(key) <= self.paragraphs:
                return "is not a paragraph of the op-ed", f"use a number from 1 to {self.paragraphs}"
            return self._late(self.article_date)
        if key not in self.actors:
            return "is not an actor in data/actors.csv", "use the id of an actor in data/actors.csv"
        return None

    def _late(self, when: str) -> tuple[str, str] | None:
        if date_start(str(when)) > date_start(self.set_on):
            return (f"is dated {when}, after {self.set_on}, the day the role-play is set",
                    f"cite what the party could know by {self.set_on}: an earlier source, or none")
        return None


def _check_cites(problems: list[Problem], name: str, where: str, line: Any, sources: Sources) -> None:
    for cite in (line.get("cite") or []) if isinstance(line, dict) and isinstance(line.get("cite"), list) else []:
        found = sources.problem(cite)
        if found:
            problems.append(Problem(name, where, "cite", cite, *found))


def load_roles(actors: list[dict], positions: list[dict], events: list[dict], article: dict) -> dict:
    """``{"set_on", "roles", "memo", "reading"}``, every citation checked against the other files."""
    path = data_file(FILE)
    name = display_name(path)
    doc = read_yaml(path)
    if not isinstance(doc, dict):
        raise DataError([Problem(name, "", "", None, "is not a mapping", "start with 'set_on:' (see data/README.md)")])
    problems: list[Problem] = []
    set_on = check_field(problems, name, "", doc, "set_on", lambda value: date(str(value)))
    for field, spec in (("memo", MEMO), ("reading", READING)):
        if not isinstance(doc.get(field), dict):
            problems.append(Problem(name, "", field, None, "is missing", f"add '{field}:' (see data/README.md)"))
        else:
            check_record(problems, name, field, doc[field], spec)
    roles = doc.get("roles")
    if not isinstance(roles, list) or not roles:
        problems.append(Problem(name, "", "roles", None, "is missing", "list the roles under 'roles:'"))
        roles = []
    raise_if(problems)
    sources = Sources(str(set_on), actors, positions, events, article)
    seen: set = set()
    known = {a["id"] for a in actors}
    for number, role in enumerate(roles, start=1):
        where = f"role {number}" + (f" ({role.get('id')!r})" if isinstance(role, dict) else "")
        if check_record(problems, name, where, role, ROLE) is None:
            continue
        for actor in role.get("actors") or []:
            if actor not in known:
                problems.append(Problem(name, where, "actors", actor, "is not an actor in data/actors.csv",
                                        "use one of: " + ", ".join(sorted(known))))
        for field in LISTS:
            for line_number, line in enumerate(role.get(field) or [], start=1):
                _check_cites(problems, name, f"{where}, {field} {line_number}", line, sources)
        if role.get("id") in seen:
            problems.append(Problem(name, where, "id", role.get("id"), "is used twice", "give each role its own id"))
        seen.add(role.get("id"))
    for number, point in enumerate(doc["reading"].get("points") or [], start=1):
        _check_cites(problems, name, f"reading, points {number}", point, sources)
    raise_if(problems)
    return {**doc, "set_on": str(set_on)}
