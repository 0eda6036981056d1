"""Our reading is earned by thought, not clicks (issue 23, item 3).

Every reveal the lessons place (lateral reading, the claims, the vague terms,
the matching, the positions table, the verdicts) is played as a student would:
first by clicking through every control and typing one letter in every box,
which must never open it; then with a reason of a sentence in every box, which
must. Each reveal's question widgets are driven without a browser."""

import pytest
from lesson_parts import find

from syria_lesson.data import load_all
from syria_lesson.kinds.base import MIN_WORDS, thoughtful
from syria_lesson.lessons import article, positions, roleplay, timeline
from syria_lesson.lessons.article import sourcing
from syria_lesson.lessons.forecasts import author, epilogue
from syria_lesson.live import questions, reveal

SENTENCE = "I chose this because the statement and the record both point this way."

REVEALS = {
    "lateral reading (01)": lambda: reveal.after(["q01_source_author", "q01_source_outlet"],
                                                 "Who wrote it, and where: what we found", sourcing.reveal_html),
    "the claims (01)": lambda: article.reveal_claims("01"),
    "the vague terms (01)": lambda: reveal.after(["q01_sort_p10", "q01_sort_p12", "q01_check_sochi"],
                                                 "Words both sides signed, read two ways", article.vague_terms_html),
    "the matching (02)": lambda: timeline.after_matching("ph02_phrases"),
    "the positions table (03)": lambda: positions.after_predictions("03"),
    "the verdicts (05)": lambda: epilogue.reveal_verdicts(),
    "the author's score (05)": lambda: author.reveal_author(),
    "the table (06)": lambda: roleplay.after_the_table(["s06_source", "s06_caucus"]),
}


@pytest.mark.parametrize("text, enough", [
    (SENTENCE, True),
    ("x", False),                                      # one letter
    ("", False),                                       # clicks alone
    ("I think it is a fact", False),                   # a few words
    ("a b c d e f g h i j", False),                    # letters, not words
    ("yes yes yes yes yes yes yes yes yes", False),    # one word typed over and over
    ("Moscow and Washington read the same words in two different ways.", True),
])
def test_a_reason_is_a_sentence_of_words(text, enough):
    assert thoughtful(text) is enough
    assert MIN_WORDS == 8


def _buttons(view):
    import ipywidgets as w

    return [b for b in find(view.widget, w.Button) if b.description != "Save"]


def click_through(view, letter: str = "") -> None:
    """Choose the first option everywhere, type ``letter`` in every box, press every button."""
    import ipywidgets as w

    for radio in find(view.widget, w.RadioButtons):
        radio.value = radio.options[0]
    for drop in find(view.widget, w.Dropdown):
        first = next(o for o in drop.options if (o[1] if isinstance(o, tuple) else o) is not None)
        drop.value = first[1] if isinstance(first, tuple) else first
    for toggle in find(view.widget, w.ToggleButtons):
        toggle.value = toggle.options[0]
    for area in find(view.widget, w.Textarea):
        area.value = letter
    for button in _buttons(view):
        button.click()
    next(b for b in find(view.widget, w.Button) if b.description.startswith("Save")).click()


def write_reasons(view) -> None:
    import ipywidgets as w

    for area in find(view.widget, w.Textarea):
        area.value = SENTENCE
    for button in _buttons(view):
        button.click()
    next(b for b in find(view.widget, w.Button) if b.description.startswith("Save")).click()  # a written answer


@pytest.mark.parametrize("name", sorted(REVEALS))
def test_a_reveal_never_opens_on_clicks_or_one_letter(student, monkeypatch, name):
    shown = []
    monkeypatch.setattr(reveal, "show", lambda widget, static, text: shown.append(widget))
    REVEALS[name]()
    panel = shown[-1]
    ids = panel_questions(name)
    views = [questions.QuestionView(load_all().question(qid)) for qid in ids]
    for view in views:
        click_through(view)
    assert "once you have answered" in panel.value, f"{name}: opened on clicks alone"
    for view in views:
        click_through(view, letter="x")
    assert "once you have answered" in panel.value, f"{name}: opened on one letter in each box"
    for view in views:
        write_reasons(view)
    assert "once you have answered" not in panel.value, f"{name}: a reason of a sentence in every box did not open it"


def panel_questions(name: str) -> list[str]:
    content = load_all()
    return {"lateral reading (01)": ["q01_source_author", "q01_source_outlet"],
            "the claims (01)": [q["id"] for q in content.lesson_questions("01")
                                if q["kind"] == "classify" and q["tier"] == "core"] + ["q01_find_claims"],
            "the vague terms (01)": ["q01_sort_p10", "q01_sort_p12", "q01_check_sochi"],
            "the matching (02)": ["ph02_phrases"],
            "the positions table (03)": [q["id"] for q in content.lesson_questions("03") if q["kind"] == "predict"],
            "the verdicts (05)": epilogue.verdict_questions(),
            "the author's score (05)": epilogue.verdict_questions(),
            "the table (06)": ["s06_source", "s06_caucus"]}[name]


def test_no_kind_with_a_reading_opens_on_clicks_alone(student):
    """Every question with a reading of ours, in every lesson: clicking through
    (and one letter in each box) earns neither the feedback's explanation nor the reading."""
    content = load_all()
    from syria_lesson import kinds

    checked = 0
    for q in content.questions:
        kind = kinds.kind_of(q)
        if kind.reading(q) is None:
            continue
        view = questions.QuestionView(q)
        click_through(view, letter="x")
        secrets = [s[:40] for s in kind.secrets(q) if len(s) >= 40]
        for secret in secrets:
            assert secret not in view.feedback_box.value, f"{q['id']}: our reading shown after clicks"
        assert not kind.shows_thought(q, student.book.get(q["id"])), f"{q['id']}: clicks counted as thought"
        checked += 1
    assert checked >= 30


def test_the_check_catches_a_reveal_that_opens_on_clicks(student, monkeypatch):
    """A deliberately broken reveal (one that counts any answer, as before issue
    23): the same play opens it on one letter, so the test above would fail."""
    from syria_lesson.live import worksheet

    shown = []
    monkeypatch.setattr(reveal, "show", lambda widget, static, text: shown.append(widget))
    monkeypatch.setattr(reveal, "shows_thought", worksheet.is_answered)
    REVEALS["lateral reading (01)"]()
    for qid in panel_questions("lateral reading (01)"):
        click_through(questions.QuestionView(load_all().question(qid)), letter="x")
    assert "once you have answered" not in shown[-1].value
