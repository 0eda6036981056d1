"""Reading the data files: CSV with the standard ``csv`` module, YAML with the
safe loader, each value checked by a checker from ``validate``.

Row numbers are the ones a spreadsheet shows (the header is row 1), so a
message can send a teacher straight to the cell.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import yaml

from syria_lesson.core import paths, sealed
from syria_lesson.core.validate import Checker, Column, DataError, Invalid, Problem


def display_name(path: Path) -> str:
    """'data/events.csv' rather than an absolute path: shorter, and the same
    on every machine. Files in a subfolder keep it: 'data/map/syr.topo.json'."""
    path = Path(path)
    for base in (paths.data_dir(), paths.instructor_dir()):
        try:
            return f"{base.name}/{path.resolve().relative_to(base.resolve()).as_posix()}"
        except ValueError:
            continue
    return f"{path.parent.name}/{path.name}"


def read_text(path: Path) -> str:
    name = display_name(path)
    if sealed.present(path) is None:
        raise DataError([Problem(name, "", "", None, "is missing",
                                 f"restore {name} (see data/README.md for what it holds)")])
    raw = sealed.read_bytes(path)  # the student release keeps files that hold answers sealed
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise DataError([Problem(name, f"line {line}", "", None,
                                 "is not saved as UTF-8 text",
                                 "save the file as 'CSV UTF-8' (spreadsheet) or UTF-8 (text editor)")]) from None


def read_csv(path: Path, columns: list[Column]) -> tuple[list[dict], list[Problem]]:
    """Rows as dicts of checked values, and the problems found.

    Row numbers are the ones a spreadsheet shows: the header is row 1.
    """
    name = display_name(path)
    content = read_text(path)
    problems: list[Problem] = []
    if not content.strip():
        raise DataError([Problem(name, "", "", None, "is empty",
                                 "restore the header row and at least one data row")])
    try:
        table = list(csv.reader(io.StringIO(content, newline="")))
    except csv.Error as err:
        raise DataError([Problem(name, "", "", None, f"cannot be read as CSV ({err})",
                                 "check that every quoted field has a closing double quote")]) from None
    header = [h.strip() for h in table[0]]
    expected = [c.name for c in columns]
    missing = [c for c in expected if c not in header]
    unknown = [h for h in header if h not in expected]
    if missing or unknown:
        for column in missing:
            problems.append(Problem(name, "row 1", column, None, "is missing from the header",
                                    "the header must be: " + ",".join(expected)))
        for column in unknown:
            problems.append(Problem(name, "row 1", column, None, "is not a known column",
                                    "the header must be: " + ",".join(expected)))
        raise DataError(problems)
    index = {h: i for i, h in enumerate(header)}
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue  # a blank line in the file
        if len(cells) != len(header):
            problems.append(Problem(
                name, f"row {number}", "", None,
                f"has {len(cells)} fields but the header has {len(header)}",
                "a field that contains a comma must be in double quotes; remove any extra comma"))
            continue
        row: dict[str, Any] = {"_row": number}
        for column in columns:
            raw = cells[index[column.name]].strip()
            if raw == "":
                if column.required:
                    problems.append(Problem(name, f"row {number}", column.name, None, "is empty",
                                            f"fill in '{column.name}' (see data/README.md)"))
                row[column.name] = None
                continue
            try:
                row[column.name] = column.check(raw)
            except Invalid as err:
                problems.append(Problem(name, f"row {number}", column.name, raw, err.problem, err.fix))
                row[column.name] = None
        rows.append(row)
    if not rows and not problems:
        problems.append(Problem(name, "", "", None, "has a header but no rows",
                                "add at least one row below the header"))
    return rows, problems


def unique(rows: list[dict], column: str, name: str) -> list[Problem]:
    seen: dict[Any, int] = {}
    problems = []
    for row in rows:
        value = row.get(column)
        if value is None:
            continue
        if value in seen:
            problems.append(Problem(name, f"row {row['_row']}", column, value,
                                    f"is used twice (also in row {seen[value]})",
                                    f"give each row its own '{column}'"))
        else:
            seen[value] = row["_row"]
    return problems


# ---------------------------------------------------------------- YAML


# libyaml's loader when the wheel has it: the same safe loader, ten times faster.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    name = display_name(path)
    content = read_text(path)
    try:
        value = yaml.load(content, Loader=SAFE_LOADER)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else ""
        reason = getattr(err, "problem", None) or "is not valid YAML"
        raise DataError([Problem(name, where, "", None, f"cannot be read: {reason}",
                                 "check the indentation and put text with a colon in quotes")]) from None
    if value is None:
        raise DataError([Problem(name, "", "", None, "is empty", "restore its content (see data/README.md)")])
    return value


def check_field(problems: list[Problem], name: str, where: str, item: dict, field: str,
                checker: Checker, required: bool = True) -> Any:
    """Check one field of a YAML mapping, recording a problem if it is wrong."""
    raw = item.get(field)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if required:
            problems.append(Problem(name, where, field, None, "is missing",
                                    f"add '{field}:' (see data/README.md)"))
        return None
    try:
        return checker(raw if not isinstance(raw, str) else raw.strip())
    except Invalid as err:
        problems.append(Problem(name, where, field, raw, err.problem, err.fix))
        return None
    except (TypeError, AttributeError):
        problems.append(Problem(name, where, field, raw, "has the wrong form",
                                "see data/README.md for what this field holds"))
        return None
