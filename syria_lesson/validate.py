"""Reading CSV and YAML files and checking every value in them.

A teacher who mistypes a date must get one plain message that says where the
mistake is and how to fix it, never a traceback from pandas. So files are read
with the standard ``csv`` module, each value is checked by a small function,
and every problem found is collected into one ``DataError``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

MAX_QUOTE_WORDS = 25
ARTICLE_PARAGRAPHS = 17


@dataclass
class Problem:
    file: str
    where: str  # "row 12" or "question 3 (id 'x')"
    column: str
    value: Any
    problem: str
    fix: str

    def __str__(self) -> str:
        place = f"{self.file}, {self.where}" if self.where else self.file
        if self.column:
            place += f", column '{self.column}'"
        shown = "" if self.value is None else f"{_short(self.value)!r} "
        return f"{place}: {shown}{self.problem}.\n  Fix: {self.fix}"


def _short(value: Any, limit: int = 60) -> Any:
    if isinstance(value, str) and len(value) > limit:
        return value[: limit - 1] + "…"
    return value


class DataError(ValueError):
    """One or more problems in the module's data files."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = problems[:12]
        lines = [str(p) for p in shown]
        if len(problems) > len(shown):
            lines.append(f"... and {len(problems) - len(shown)} more problems.")
        head = "The lesson data has a problem:" if len(problems) == 1 else (
            f"The lesson data has {len(problems)} problems:")
        super().__init__(head + "\n" + "\n".join(lines))


class Invalid(Exception):
    """Raised by a checker: what is wrong and how to fix it."""

    def __init__(self, problem: str, fix: str):
        super().__init__(problem)
        self.problem = problem
        self.fix = fix


# ---------------------------------------------------------------- checkers
# A checker takes the raw text of a cell and returns the clean value, or
# raises Invalid. Empty cells only reach a checker when the column allows them.

Checker = Callable[[str], Any]
IDENT = re.compile(r"^[a-z0-9_]+$")
DATE_FORMS = {
    "day": (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "YYYY-MM-DD"),
    "month": (re.compile(r"^\d{4}-\d{2}$"), "YYYY-MM"),
    "year": (re.compile(r"^\d{4}$"), "YYYY"),
}
DATE_FIX = "write the date as YYYY-MM-DD (day), YYYY-MM (month) or YYYY (year)"


def ident(text: str) -> str:
    if not IDENT.match(text):
        raise Invalid("is not a valid id", "use only lower-case letters, digits and _ (e.g. da_nang_2017)")
    return text


def one_of(*allowed: str) -> Checker:
    def check(text: str) -> str:
        if text not in allowed:
            raise Invalid("is not allowed", "use one of: " + ", ".join(allowed))
        return text

    return check


def text(max_chars: int | None = None) -> Checker:
    def check(value: str) -> str:
        if max_chars is not None and len(value) > max_chars:
            raise Invalid(f"is {len(value)} characters long, more than {max_chars}",
                          f"shorten it to at most {max_chars} characters")
        return value

    return check


def precision_of(value: str) -> str | None:
    for name, (pattern, _) in DATE_FORMS.items():
        if pattern.match(value):
            return name
    return None


def date(value: str) -> str:
    """A date at day, month or year precision that exists on the calendar."""
    precision = precision_of(value)
    if precision is None:
        raise Invalid("is not a date", DATE_FIX)
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        raise Invalid("is not a real date", DATE_FIX + ", with a month 01-12 and a day that exists") from None
    return value


def checked_day(value: str) -> str:
    """The day a row was last checked against its source: a full date, not in the future."""
    if precision_of(value) != "day":
        raise Invalid("is not a full date", "write the day the row was checked, as YYYY-MM-DD")
    date(value)
    if date_start(value) > dt.date.today():
        raise Invalid("is in the future", "write the day the row was really checked (today or earlier)")
    return value


def date_start(value: str) -> dt.date:
    """The first day a date at any precision can mean (2017-11 -> 1 Nov 2017)."""
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def integer(low: int, high: int) -> Checker:
    def check(value: str) -> int:
        try:
            number = int(str(value).strip())
        except ValueError:
            raise Invalid("is not a whole number", f"write a whole number from {low} to {high}") from None
        if not low <= number <= high:
            raise Invalid(f"is outside {low}-{high}", f"write a whole number from {low} to {high}")
        return number

    return check


paragraph = integer(1, ARTICLE_PARAGRAPHS)


def url(value: str) -> str:
    if not re.match(r"^https?://[^\s/]+\.[^\s]+$", value):
        raise Invalid("is not a web address", "write the full address, starting with https://")
    return value


def semilist(item: Checker) -> Checker:
    def check(value: str) -> list:
        items = [part.strip() for part in value.split(";") if part.strip()]
        return [item(part) for part in items]

    return check


def quote_words(value: str) -> str:
    words = len(value.split())
    if words > MAX_QUOTE_WORDS:
        raise Invalid(f"is a quote of {words} words, more than {MAX_QUOTE_WORDS}",
                      f"quote at most {MAX_QUOTE_WORDS} words and paraphrase the rest")
    return value


@dataclass
class Column:
    name: str
    check: Checker = text()
    required: bool = True


# ---------------------------------------------------------------- CSV


def display_name(path: Path) -> str:
    """'data/events.csv' rather than an absolute path: shorter, and the same
    on every machine."""
    return f"{path.parent.name}/{path.name}"


def read_text(path: Path) -> str:
    name = display_name(path)
    if not path.exists():
        raise DataError([Problem(name, "", "", None, "is missing",
                                 f"restore {name} (see data/README.md for what it holds)")])
    raw = path.read_bytes()
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
