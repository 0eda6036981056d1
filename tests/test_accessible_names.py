"""Every control of a live question has an accessible name that says which
question it belongs to, and no two controls in a lesson share one (issue 25):
a screen reader must not meet 22 buttons called "Save"."""

from collections import Counter

import pytest

from syria_lesson.data import load_all
from syria_lesson.live import controls as live_controls
from syria_lesson.live import questions
from syria_lesson.live.worksheet import number


def accessible_names(view) -> list[str]:
    """What a screen reader says for each control: a button's text, a field's label."""
    controls = live_controls.value_controls([view.widget]) + live_controls._buttons([view.widget])
    return [c.description for c in controls]


@pytest.mark.parametrize("lesson", sorted({q["lesson"] for q in load_all().questions}))
def test_every_control_names_its_question_and_no_two_share_a_name(kernel, lesson):
    import ipywidgets as w

    content = load_all()
    names = []
    for q in content.lesson_questions(lesson):
        view = questions.QuestionView(q, content=content)
        own = accessible_names(view)
        assert own, q["id"]
        tag = f"question {number(q, content.questions)}"
        for control in live_controls.value_controls([view.widget]) + live_controls._buttons([view.widget]):
            if isinstance(control, w.Checkbox):  # a word to tick, read back by the classify kind: not renamed
                continue
            assert tag in control.description.lower(), f"{q['id']}: {control.description!r} names no question"
        names += own
    shared = {name: n for name, n in Counter(names).items() if n > 1}
    assert not shared, f"lesson {lesson}: controls share a name: {shared}"
