"""The reference notebook: what the lessons point to instead of carrying it.

Look-up material (the glossary, the full timeline, the positions tables, the
actors, the reading guides, the source lists) lives here once, so that each
lesson fits its period. Part 1 is the record as of November 2017 and may be
opened in any lesson; Part 2 names outcomes and is for lesson 05 on."""

import nbformat
import pytest
from spoilers import allowed_dates, outcome_dates, outcome_words, spoilers
from student_text import rendered

from syria_lesson import build
from syria_lesson.core.editions import get, handouts
from syria_lesson.data import load_all

PART_2 = "## Part 2: after the forecasts"
# Position cells whose sources are dated 22 November 2017, two days after the forecasts' date (the
# Sochi summit of Iran, Russia and Turkey; the second Riyadh meeting). Known, and listed in the
# closing note: each needs a source of 20 November 2017 or before.
PENDING = {"ev_2017_riyadh2: date '22 November 2017'", "sochi_trilateral_summit: date '22 November 2017'"}
# Each call is in the reference once and in no lesson.
MOVED = ("reference.glossary(", "reference.sources", "timeline.explorer(", "positions.compare(", "positions.by_topic(",
         "actors.intros()", "article.guide(", "statement.about()", "primer.sources()")


@pytest.fixture(scope="module")
def part_1() -> str:
    text = rendered("reference")
    assert PART_2 in text
    return text.split(PART_2)[0]


def test_part_1_names_no_outcome_after_the_forecasts_date(part_1):
    content = load_all()
    found = set(spoilers(part_1, outcome_dates(content), outcome_words(content), allowed_dates(content)))
    assert found <= PENDING, f"the reference's Part 1 gives away: {sorted(found - PENDING)}"
    assert PENDING <= found, f"fixed, so remove from PENDING: {sorted(PENDING - found)}"
    # the check can fail: Part 2's text, put in Part 1, gives the outcomes away
    assert set(spoilers(rendered("reference"), outcome_dates(content), outcome_words(content),
                        allowed_dates(content))) - PENDING


def test_part_1_glossary_holds_only_the_terms_of_lessons_00_to_04(part_1):
    for term in load_all().glossary:
        only_later = all(lesson >= "05" for lesson in term["used_in"])
        shown = " ".join(term["definition"].split()[:10])
        assert (shown in " ".join(part_1.split())) != only_later, term["term"]
        if term.get("later"):
            assert " ".join(term["later"].split()[:10]) not in " ".join(part_1.split()), term["term"]


def test_look_up_material_is_in_the_reference_once_and_in_no_lesson():
    reference = "".join(c.source for c in nbformat.read(build.REFERENCE, as_version=4).cells)
    lessons = {p.stem: "".join(c.source for c in nbformat.read(p, as_version=4).cells)
               for p in build.notebooks(include_instructor=False)}
    for call in MOVED:
        assert reference.count(call) >= 1, call
        assert not [stem for stem, text in lessons.items() if call in text], call
    for stem, text in lessons.items():
        assert "**Reference**" in text, f"{stem} does not say where the reference material went"


def test_the_reference_is_a_handout_but_not_a_worksheet():
    for edition in handouts():
        wanted = build.notebooks(include_instructor=get(edition.name).shows_readings,
                                 include_reference=not get(edition.name).paper)
        assert (build.REFERENCE in wanted) == (not edition.paper), edition.name
    assert build.REFERENCE in build.notebooks(include_reference=True)  # run by make notebooks, checked for freshness
    assert build.REFERENCE not in build.notebooks()  # not a lesson: lesson lists and timings leave it out
