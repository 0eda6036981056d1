"""Our reading of every task (the right option's explanation, a claim's kind
and why, the matching, a cell of the positions table, our verdict) never
reaches the student edition, and the instructor edition prints it."""

import leaks
import pytest

from syria_lesson import build, kinds
from syria_lesson.data import load_all

pytestmark = pytest.mark.slow  # builds every edition's handouts

LESSONS = {lesson["id"]: lesson["notebook"] for lesson in load_all().module["lessons"]}


def secrets(lesson: str) -> list[tuple[str, str]]:
    """(question id, the first dozen words of one secret) for a lesson whose plan is written."""
    content = load_all()
    return [(q["id"], leaks.distinctive_prefix(text)) for q in content.lesson_questions(lesson)
            for text in kinds.kind_of(q).secrets(q) if len(text.split()) >= 6]


@pytest.mark.parametrize("lesson", sorted(LESSONS))
def test_our_reading_is_not_in_the_student_edition(handouts, lesson):
    found = secrets(lesson)
    if not found:
        pytest.skip(f"lesson {lesson} has no task with a reading of ours to keep back")
    pages = {edition: leaks.readable(handouts / edition / f"{LESSONS[lesson]}.html") for edition in ("student", "worksheet")}
    notebook = leaks.readable(next(p for p in build.notebooks() if p.stem == LESSONS[lesson]))
    for qid, prefix in found:
        for where, text in {**pages, "committed notebook": notebook}.items():
            assert prefix not in text, f"{qid}: our reading ({prefix!r}) is in the {where} of lesson {lesson}"


@pytest.mark.parametrize("lesson", sorted(LESSONS))
def test_the_instructor_edition_prints_our_reading(handouts, lesson):
    found = secrets(lesson)
    if not found:
        pytest.skip(f"lesson {lesson} has no task with a reading of ours to keep back")
    page = leaks.readable(handouts / "instructor" / f"{LESSONS[lesson]}.html")
    missing = [qid for qid, prefix in found if prefix not in page]
    assert not missing, f"lesson {lesson}: the instructor edition lacks the reading of {missing}"
