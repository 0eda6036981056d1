"""Checking every value in the data files.

A teacher who mistypes a date must get one plain message that says where the
mistake is and how to fix it, never a traceback from pandas. Each value is
checked by a small function (a *checker*), and every problem found is
collected into one ``DataError``. Reading the files is in ``readers``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

MAX_QUOTE_WORDS = 25


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
