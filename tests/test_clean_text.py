"""Clean student text (issue 23, item 4): no authoring note reaches a student.

The student edition of every lesson, rendered afresh from the current data
(``student_text``), must carry no event or question id, no all-caps status
word (UNSETTLED…), no "general knowledge", no path in the repository, no
statute citation, and no other note meant for authors. Those belong in the
instructor edition or in data/README.md. The check is first shown failing on
a text that has each of them."""

import re

import pytest
from student_text import rendered

from syria_lesson.data import load_all

LESSONS = [lesson["id"] for lesson in load_all().module["lessons"]]
URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:com|org|net|ru|gov|int|info|news|us|uk)(?:/\S*)?")
CODE = re.compile(r"`[^`]*`")  # code a student is asked to type (lesson 02's pandas extension)
# Acronyms a student meets in the lessons; any other word in capitals of four or more letters
# is an authoring mark (UNSETTLED, TODO), unless a source's own title prints it so.
ACRONYMS = {"ISIS", "ISIL", "TASS", "OPCW", "APEC", "IRGC", "SANA", "ISSG", "UNSCR", "UNHCR", "UNDOF", "CENTCOM",
            "UNSC", "OCHA", "NDAA", "CAATSA", "SHRC", "FPRI", "NATO", "IRNA", "SOHR",
            "KEYT", "KVIA", "SOTT", "VIII", "ASKS"}  # two TV stations, a site, a chapter, a headline's capitals


def ids() -> set[str]:
    content = load_all()
    return {e["id"] for e in content.events} | {q["id"] for q in content.questions}


def source_capitals() -> set[str]:
    """Words in capitals inside the titles of sources (a headline's own type is not ours)."""
    found = set()
    content = load_all()
    for row in [*content.events, *content.positions]:
        found |= set(re.findall(r"\b[A-Z]{4,}\b", str(row.get("source_title", ""))))
    return found


CHECKS = {
    "an event or question id": lambda text, known: [i for i in re.findall(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b", text)],
    "a status word in capitals": lambda text, known: [w for w in re.findall(r"\b[A-Z]{4,}\b", text) if w not in known],
    "'general knowledge'": lambda text, known: re.findall(r"general knowledge", text, re.I),
    "a path in the repository": lambda text, known: re.findall(
        r"\b(?:data|docs|instructor|syria_lesson|notebooks|tests|figures|build)/[\w./-]+|\b[\w-]+\.(?:ya?ml|csv|py|ipynb|md)\b",
        text),
    "a statute citation": lambda text, known: re.findall(r"U\.S\.C\.|§|\busc\d", text),
    "a note to authors": lambda text, known: re.findall(r"\b(?:TODO|FIXME|TBD|XXX)\b|not checked for this|"
                                                        r"checked in the stored copy|see the \w+ row", text),
}


def problems(text: str, known_caps: set[str]) -> dict[str, list[str]]:
    text = CODE.sub(" ", URL.sub(" ", text))
    found = {name: check(text, known_caps) for name, check in CHECKS.items()}
    return {name: sorted(set(hits))[:8] for name, hits in found.items() if hits}


def test_the_check_finds_every_kind_of_authoring_note():
    broken = ("The channel kept forces apart (see ev_2018_khasham). The merger was UNSETTLED as of March. "
              "White House archive URL from general knowledge; the zones are in data/map_zones.yaml and "
              "docs/updating.md. The text is a U.S. work under 17 U.S.C. § 105. TODO: check.")
    found = problems(broken, ACRONYMS)
    assert set(found) == set(CHECKS), found
    assert problems("Russia's air base at Hmeimim; ISIS; see https://example.org/a_b.csv", ACRONYMS) == {}


@pytest.mark.parametrize("lesson", LESSONS)
def test_the_student_edition_carries_no_authoring_note(lesson):
    text = rendered(next(x["notebook"] for x in load_all().module["lessons"] if x["id"] == lesson))
    found = problems(text, ACRONYMS | source_capitals())
    assert not found, f"lesson {lesson}, student edition: {found}"


def test_the_notes_moved_out_are_kept_for_the_teacher(monkeypatch):
    """What the student edition leaves out is in the instructor edition (or data/README.md), not lost."""
    from syria_lesson.core import editions
    from syria_lesson.lessons import reference
    from syria_lesson.lessons.article import statement

    teacher, student = editions.get("instructor"), editions.get("student")
    assert "17 U.S.C." in str(statement.about_html(edition=teacher))
    assert "U.S.C." not in str(statement.about_html(edition=student))
    shown = []
    monkeypatch.setattr(reference, "show_html", lambda html, text: shown.append(str(html)))
    reference.record_checked(edition=teacher)
    reference.record_checked(edition=student)
    assert "docs/updating.md" in shown[0] and "docs/updating.md" not in shown[1]
