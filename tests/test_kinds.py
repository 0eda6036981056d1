"""The question kinds that ask before they tell: sorting a claim, matching,
predicting a cell, a verdict, a forecast. Each is driven as a student would."""

from collections import Counter

import pytest
from lesson_parts import find

from syria_lesson import kinds
from syria_lesson.data import load_all
from syria_lesson.kinds.forecast import parse
from syria_lesson.live import questions, reveal

CLAIM = {"id": "claim_x", "text": "Moscow counts more groups as ISIS associates.", "kind": "reported_fact",
         "paragraph": 8, "why": "The author reports Moscow's definition, which a reader can check.",
         "words": [{"text": "associates", "vague": True, "why": "No text says who counts."},
                   {"text": "ISIS", "vague": False, "why": "A named group."}]}


def classify_question():
    q = {"id": "t_classify", "kind": "classify", "claim": "claim_x", "level": "analyse", "minutes": 2,
         "lesson": "01", "tier": "core"}
    return {**q, "claim_data": CLAIM, "prompt": "What kind of claim?", "answer": "Reported fact"}


REASON = "Because the author reports what Moscow said, and anyone could check it."


def button(view, label):
    import ipywidgets as w

    return next(b for b in find(view.widget, w.Button) if b.description.startswith(label))


def test_a_wrong_sort_nudges_and_never_gives_the_answer(student):
    import ipywidgets as w

    view = questions.QuestionView(classify_question())
    radio = find(view.widget, w.RadioButtons)[0]
    reason = find(view.widget, w.Textarea)[0]
    radio.value = "Opinion"
    button(view, "Check").click()  # a click with no reason: nothing but what to do
    assert "Say why in a sentence first" in view.feedback_box.value and "Not quite" not in view.feedback_box.value
    reason.value = REASON
    for wrong in ("Opinion", "Prediction", "Interpretation", "Opinion", "Prediction"):  # many misses
        radio.value = wrong
        button(view, "Check").click()
        assert "Not quite" in view.feedback_box.value
        assert "Reported fact" not in view.feedback_box.value and CLAIM["why"] not in view.feedback_box.value
        assert "It is:" not in view.feedback_box.value and "“associates”: vague." not in view.feedback_box.value
    radio.value = "Reported fact"
    button(view, "Check").click()
    assert "Right." in view.feedback_box.value and "which a reader can check" in view.feedback_box.value
    assert "“associates”: vague." in view.feedback_box.value


def test_a_right_sort_explains_and_the_vague_words_are_saved(student):
    import ipywidgets as w

    view = questions.QuestionView(classify_question())
    find(view.widget, w.RadioButtons)[0].value = "Reported fact"
    next(b for b in find(view.widget, w.Checkbox) if "associates" in b.description).value = True
    find(view.widget, w.Textarea)[0].value = REASON
    button(view, "Check").click()
    assert view.feedback_box.value.count("Right.") == 1 and "which a reader can check" in view.feedback_box.value
    saved = student.book.get("t_classify")
    assert saved["kind"] == "Reported fact" and saved["vague"] == ["associates"] and saved["correct"]
    assert saved["reason"] == REASON


def test_matching_gives_feedback_per_item_and_never_the_answer(student):
    import ipywidgets as w

    content = load_all()
    q = kinds.get("match").resolve({"id": "t_match", "kind": "match", "source": "phrases", "level": "analyse",
                                    "minutes": 3, "lesson": "02", "tier": "core", "prompt": "Match",
                                    "items": ["jordan", "obama_deals"]}, content)
    view = questions.QuestionView(q)
    jordan, obama = find(view.widget, w.Dropdown)
    jordan.value = "amman_memorandum"
    obama.value = "geneva_communique"
    button(view, "Check").click()  # clicks alone: no feedback on any item
    notes = [h.value for h in find(view.widget, w.HTML)]
    assert not any("Amman on 8 November 2017" in n for n in notes)
    assert "Say why in a sentence first" in view.feedback_box.value
    find(view.widget, w.Textarea)[0].value = REASON
    button(view, "Check").click()
    notes = [h.value for h in find(view.widget, w.HTML)]
    assert any("Right." in n and "Amman on 8 November 2017" in n for n in notes)
    assert any("Not quite" in n and "last year in office" in n for n in notes)
    assert "1 of 2 right" in view.feedback_box.value
    for _ in range(3):  # more misses on the same item: still a hint, never the answer
        button(view, "Check").click()
        assert not any("It is:" in h.value or "cessation of hostilities" in h.value for h in find(view.widget, w.HTML))
    assert kinds.get("match").tasks(q) == 2


@pytest.mark.parametrize("typed, number, problem", [
    ("70", 70, None), (" 70% ", 70, None), ("0", 0, None), ("100", 100, None),
    ("", None, "Type a whole number"), ("seventy", None, "is not a number"), ("120", None, "more than 100"),
    ("-5", None, "is not a number"), ("0.7", None, "looks like a fraction: type 70 for 70%"),
    (".25", None, "type 25 for 25%"), ("0,05", None, "type 5 for 5%"), ("1.0", None, "type 100 for 100%"),
    ("70.5", None, "is not a whole number")])
def test_a_forecast_is_a_number_from_0_to_100_or_a_plain_message(typed, number, problem):
    got, why = parse(typed)
    assert got == number and (why is None if problem is None else problem in why)


def test_a_forecast_typed_as_text_is_saved_as_not_a_number_and_said(student):
    import ipywidgets as w

    q = {"id": "t_forecast", "kind": "forecast", "level": "evaluate", "minutes": 1, "lesson": "04", "tier": "core",
         "prompt": "How likely?", "forecast": {"question": "x"}}
    view = questions.QuestionView(q)
    number, reason = find(view.widget, w.Text)[0], find(view.widget, w.Textarea)[0]
    reason.value = "Because of the Astana talks"
    number.value = "likely"
    assert "is not a number" in view.status.value and "Saved for Tess" in view.status.value
    saved = student.book.get("t_forecast")
    assert saved["probability"] is None and saved["reason"] == "Because of the Astana talks"
    assert not kinds.get("forecast").is_answered(q, saved)
    number.value = "35"
    assert student.book.get("t_forecast")["probability"] == 35


def test_a_cell_prediction_shows_the_table_only_after_the_student_commits(student):
    import ipywidgets as w

    content = load_all()
    q = kinds.get("predict").resolve({"id": "t_predict", "kind": "predict", "cell": ["iran", "foreign_forces"],
                                      "level": "analyse", "minutes": 2, "lesson": "03", "tier": "core"}, content)
    view = questions.QuestionView(q)
    reading = content.position("iran", "foreign_forces")["stance"][:40]
    assert reading not in view.feedback_box.value
    stance, basis = find(view.widget, w.Dropdown)
    stance.value = "opposes"
    button(view, "Compare with the table").click()
    assert "Choose a position and how we would know" in view.feedback_box.value
    basis.value = "record"
    button(view, "Compare with the table").click()  # two choices, no reason: not yet
    assert reading not in view.feedback_box.value and "Say why in a sentence first" in view.feedback_box.value
    find(view.widget, w.Textarea)[0].value = REASON
    button(view, "Compare with the table").click()
    assert reading in view.feedback_box.value and "The module's table" in view.feedback_box.value


def test_the_answer_is_not_always_in_the_same_place():
    """Across the module, no position holds more than 40% of the right options."""
    positions = Counter(p for q in load_all().questions for p in kinds.kind_of(q).answer_positions(q))
    total = sum(positions.values())
    assert total >= 20
    assert max(positions.values()) <= 0.4 * total, positions


def test_our_reading_waits_for_the_students_answers(student, monkeypatch):
    shown = []
    monkeypatch.setattr(reveal, "show", lambda widget, html, text: shown.append((widget, str(html))))
    qid = "d04_promising_step"
    reveal.after([qid], "Our reading", lambda: "SECRET READING")
    panel, static = shown[-1]
    assert "SECRET READING" not in panel.value and "SECRET READING" not in static
    assert "once you have answered" in panel.value
    view = questions.QuestionView(load_all().question(qid))
    find(view.widget, __import__("ipywidgets").Textarea)[0].value = "x"  # one letter: not earned
    assert "SECRET READING" not in panel.value
    find(view.widget, __import__("ipywidgets").Textarea)[0].value = "My own reading first, in a sentence of eight words."
    assert "SECRET READING" in panel.value
    student.start("Someone Else")  # a new student has not answered: it hides again
    assert "SECRET READING" not in panel.value


def test_the_instructor_edition_prints_the_reading(monkeypatch):
    monkeypatch.setenv("SYRIA_LESSON_EDITION", "instructor")
    shown = []
    monkeypatch.setattr(reveal, "show", lambda widget, html, text: shown.append(str(html)))
    reveal.after(["d04_promising_step"], "Our reading", lambda: "SECRET READING")
    assert "SECRET READING" in shown[-1]


def test_paper_asks_for_a_reason_wherever_the_screen_does(student):
    """A worksheet asks for reasons as the screen does: a kind whose live face has a reason box
    ("Because" or "Reason") prints a line for the reason on paper; a kind without one prints none."""
    import ipywidgets as w

    content = load_all()
    seen = {}
    for q in content.questions:
        if q["kind"] in seen or q["kind"] == "text":  # a text task is its own answer box, ruled lines on paper
            continue
        view = questions.QuestionView(q)
        asks = any(box.description.split(": ")[-1] in ("Because", "Reason") for box in find(view.widget, w.Textarea))
        paper = str(kinds.kind_of(q).paper(q))
        prints = any(label in paper for label in ("Because:", "Your reason:", "Reason:", "and why:"))
        seen[q["kind"]] = (asks, prints)
    assert {"selfcheck", "classify", "verdict", "predict"} <= set(seen)
    assert {kind: asks for kind, (asks, prints) in seen.items() if asks != prints} == {}, seen
