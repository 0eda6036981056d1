"""Dates as the module prints them, at the precision the source gives; and the
time stamps of saved answers, compared as moments in time."""

from __future__ import annotations

import datetime as dt
from typing import Any

from syria_lesson.core.validate import date_start
from syria_lesson.core.vocab import DATE_KINDS


def long_date(value: str) -> str:
    """'2017-11-17' -> '17 November 2017' (for prose)."""
    start = date_start(value)
    return {10: f"{start.day} {start:%B %Y}", 7: f"{start:%B %Y}"}.get(len(value), value)


def format_date(value: str) -> str:
    """'2017-11-11' -> '11 Nov 2017'; '2017-11' -> 'Nov 2017'; '2017' -> '2017'."""
    start = date_start(value)
    if len(value) == 10:
        return f"{start.day} {start:%b %Y}"
    if len(value) == 7:
        return f"{start:%b %Y}"
    return value


def when(event: dict) -> str:
    """An event's date, its end if it has one, and which date it is: '11 Nov 2017 (signed)'."""
    text = format_date(event["date"])
    if event.get("end_date"):
        text += " – " + format_date(event["end_date"])
    return f"{text} ({DATE_KINDS.label(event['date_kind'])})"


def moment(stamp: Any) -> dt.datetime | None:
    """A saved time stamp as a moment in time, to compare across UTC offsets (the night the
    clocks go back, two time zones); a stamp without an offset is taken as UTC. None if unreadable."""
    try:
        parsed = dt.datetime.fromisoformat(str(stamp))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=dt.UTC)


def newer_or_same(mine: Any, theirs: Any) -> bool:
    """Whether the stamp ``mine`` is as late as ``theirs`` or later; an unreadable stamp is the earliest."""
    a, b = moment(mine), moment(theirs)
    return b is None or (a is not None and a >= b)
