"""What a student must not meet before forecasting (lesson 04): the outcomes after
20 November 2017, as dates and as key words. Shared by tests/test_spoilers.py."""

from __future__ import annotations

import re

from syria_lesson.core.dates import date_start, long_date

CUTOFF = "2017-11-20"
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE = re.compile(rf"\b(?:\d{{1,2}} )?(?:{MONTHS}) (?:20[12]\d)\b")
WORD = re.compile(r"[A-Za-z][A-Za-z'-]{4,}")
COMMON = set("""about after again against along among another around because before being between both
could during every first found further given however independent into itself later least little their
there these those three through under until which while would years other still since where whose
without within month months president government forces said says statement agreed agree agreement
talks syria syrian russia russian united states""".split())


def later_events(content) -> list[dict]:
    return [e for e in content.events if date_start(e["date"]).isoformat() > CUTOFF]


def allowed_dates(content) -> set[str]:
    """Dates a forecast itself names (its deadline): asking is not telling. And the day of the
    record's latest event, which lesson 00 states as the timeline's end without naming the event
    (that event's key words are still looked for)."""
    return {long_date(str(o["by"])) for o in content.forecasts()} | {long_date(content.latest_event_date)}


def outcome_dates(content) -> dict[str, set[str]]:
    """Each later event and forecast outcome, and the dates that would give it away."""
    out = {}
    for e in later_events(content):
        out[e["id"]] = {long_date(e["date"])}
    for o in content.forecasts():
        out[o["id"]] = {d for d in DATE.findall(" ".join(str(o["resolved"]).split()))
                        if date_start_of(d) > CUTOFF}
    return out


def date_start_of(text: str) -> str:
    parts = text.split()
    year, month = parts[-1], MONTHS.split("|").index(parts[-2]) + 1
    return f"{year}-{month:02d}-{int(parts[0]) if len(parts) == 3 else 1:02d}"


# Names that existed before the forecasts, though the record's early events do not spell them out.
KNOWN_IN_2017 = {"hayat", "tahrir", "al-sham"}


def key_words(text: str, known: set[str]) -> set[str]:
    """Words of an outcome that the record up to November 2017 never uses: names (a capital
    letter) or long words, so that everyday words ('record', 'going') do not count."""
    words = {w.lower() for w in WORD.findall(text) if w[0].isupper() or len(w) >= 8}
    return words - known - COMMON - KNOWN_IN_2017


def known_words(content) -> set[str]:
    """Every word of the record up to the forecasts: the events before the cut-off, and the
    forecasts' own questions (a question names its subject; it does not give the answer)."""
    texts = [f"{e['title']} {e['summary']}" for e in content.events if date_start(e["date"]).isoformat() <= CUTOFF]
    texts += [str(o["question"]) + " " + str(o["short"]) for o in content.forecasts()]
    texts += [f"{a['name']} {a['short_name']}" for a in content.actors]  # names, not what became of them
    texts += [t["term"] for t in content.glossary]
    return {w.lower() for t in texts for w in WORD.findall(t)}


def outcome_words(content) -> dict[str, set[str]]:
    known = known_words(content)
    out = {e["id"]: key_words(e["title"], known) for e in later_events(content)}
    out.update({o["id"]: key_words(str(o["resolved"]), known) for o in content.forecasts()})
    return {k: v for k, v in out.items() if len(v) >= 2}


def spoilers(text: str, dates: dict[str, set[str]], words: dict[str, set[str]], allowed: set[str]) -> list[str]:
    """Where ``text`` gives an outcome away: one of its dates, or two of its key words in one sentence."""
    found = []
    flat = " ".join(text.split())
    for outcome, ds in dates.items():
        for d in ds - allowed:
            if re.search(rf"(?<!\d ){re.escape(d)}\b", flat):
                found.append(f"{outcome}: date {d!r}")
    for sentence in re.split(r"(?<=[.!?])\s+|\n", text):
        present = {w.lower() for w in WORD.findall(sentence)}
        for outcome, ws in words.items():
            hit = ws & present
            if len(hit) >= 2:
                found.append(f"{outcome}: {sorted(hit)} in “{sentence.strip()[:140]}”")
    return found
