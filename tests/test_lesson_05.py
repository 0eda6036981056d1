"""Lesson 05: forecasts scored (exact Brier values, the no-skill 0.25, what is left
out and why), verdicts that wait for the student's own, computed dates, and the
anchor answers that only the instructor edition shows."""

import re

import nbformat
import pytest
from lesson_parts import code_of

from syria_lesson import kinds
from syria_lesson.core import paths
from syria_lesson.data import load_all
from syria_lesson.lessons import forecasts as fc
from syria_lesson.lessons.forecasts import anchors, epilogue
from syria_lesson.lessons.forecasts import view as forecast_view

NOTEBOOK = paths.ROOT / "notebooks" / "05_what_happened_next.ipynb"


def outcome(oid, resolution, author=50):
    return {"id": oid, "question": f"{oid} happens?", "resolution": resolution, "author_probability": author,
            "resolved": "r", "source_title": "s", "source_url": "https://example.org", "author_why": "w"}


def question(qid, resolution, author=50, tier="core"):
    return {"id": qid, "kind": "forecast", "lesson": "04", "tier": tier, "forecast": outcome(qid, resolution, author),
            "prompt": f"As of 20 November 2017: how likely is it that {qid} happens?"}


QUESTIONS = [question("a", "yes", 80), question("b", "no", 30), question("c", "yes", 60), question("d", "open", 70)]


# ---------------------------------------------------------------- the Brier score


@pytest.mark.parametrize("pairs, expected", [
    ([(100, 1)], 0.0), ([(0, 1)], 1.0), ([(100, 0)], 1.0), ([(70, 1)], 0.09), ([(70, 0)], 0.49),
    ([(70, 1), (20, 0)], (0.09 + 0.04) / 2), ([(50, 1), (50, 0), (50, 1)], 0.25)])
def test_brier_scores_are_exact(pairs, expected):
    assert fc.brier(pairs) == pytest.approx(expected)


def test_no_forecasts_have_no_score_not_zero():
    assert fc.brier([]) is None


def test_the_no_skill_forecaster_always_scores_a_quarter():
    for outcomes in ([1], [0], [1, 0, 0, 1, 1], [0, 0, 0]):
        assert fc.brier((fc.NO_SKILL, o) for o in outcomes) == pytest.approx(0.25)


def test_a_student_is_scored_beside_the_no_skill_forecaster_and_the_author():
    values = {"a": {"probability": 90, "reason": ""}, "b": {"probability": 20, "reason": "x"},
              "c": {"probability": 40, "reason": ""}, "d": {"probability": 10, "reason": ""}}
    result = fc.score(QUESTIONS, values)
    assert [r["id"] for r in result["scored"]] == ["a", "b", "c"]
    assert result["student"] == pytest.approx((0.01 + 0.04 + 0.36) / 3)
    assert result["no_skill"] == pytest.approx(0.25)
    assert result["author"] == pytest.approx((0.04 + 0.09 + 0.16) / 3)
    assert fc.verdict_words(result["student"], result["no_skill"]) == "better than the no-skill forecaster"


def test_missing_forecasts_are_named_and_left_out_never_scored_as_zero():
    result = fc.score(QUESTIONS, {"a": {"probability": 100, "reason": ""}})
    assert [r["id"] for r in result["scored"]] == ["a"] and result["student"] == 0.0
    assert [r["id"] for r in result["missing"]] == ["b", "c"]
    # the author and the no-skill forecaster are scored on the same outcomes only
    assert result["author"] == pytest.approx(0.04) and result["no_skill"] == pytest.approx(0.25)


@pytest.mark.parametrize("value, problem", [
    ({"probability": None, "reason": "likely"}, fc.NOT_A_NUMBER), ("seventy", fc.NOT_A_NUMBER),
    ({"probability": "70"}, fc.NOT_A_NUMBER), ({"probability": True}, fc.NOT_A_NUMBER),
    ({"probability": 150}, fc.OUT_OF_RANGE), ({"probability": -5}, fc.OUT_OF_RANGE), (None, fc.MISSING)])
def test_text_and_out_of_range_forecasts_are_named_not_scored(value, problem):
    assert fc.read_probability(value) == (None, problem)
    result = fc.score(QUESTIONS[:1], {"a": value})
    assert result["scored"] == [] and result["student"] is None
    assert [r["id"] for r in result["missing" if problem == fc.MISSING else "unusable"]] == ["a"]


def test_open_outcomes_are_not_scored_and_say_so():
    result = fc.score(QUESTIONS, {"d": {"probability": 0, "reason": ""}})
    assert [r["id"] for r in result["open"]] == ["d"] and result["student"] is None
    page = str(forecast_view.summary_html(result))
    assert "has not settled it yet" in page and "d happens?" in page


def test_the_summary_names_every_unscored_forecast_in_words():
    result = fc.score(QUESTIONS, {"a": {"probability": 60, "reason": ""}, "b": {"probability": None, "reason": "no"}})
    page = str(forecast_view.summary_html(result))
    assert "Your Brier score: 0.16" in page and "on 1 settled outcome" in page
    assert "no forecast of yours is saved" in page and "c happens?" in page
    assert "never counted as 0" in page and "b happens?" in page


def test_calibration_groups_forecasts_by_size():
    groups = fc.calibration([(10, 0), (15, 1), (90, 1), (100, 1), (55, 0)])
    assert [(g["low"], g["count"], g["happened"]) for g in groups] == [(0, 2, 1), (40, 1, 0), (80, 2, 2)]
    assert groups[0]["mean"] == pytest.approx(12.5) and groups[0]["share"] == pytest.approx(50)


def test_the_calibration_picture_says_what_it_shows():
    result = fc.score(QUESTIONS, {"a": {"probability": 90}, "b": {"probability": 10}, "c": {"probability": 70}})
    fig, alt = forecast_view.calibration_figure(result)
    assert "dashed diagonal" in alt and "circles" in alt and "squares" in alt
    assert "forecasts of 80-100%: 1, averaging 90%, 1 of which happened" in alt
    markers = {c.get_paths()[0].vertices.shape[0] for ax in fig.axes for c in ax.collections}
    assert len(markers) == 2, "the student and the author need different marker shapes"
    import matplotlib.pyplot as plt

    plt.close(fig)


# ---------------------------------------------------------------- the module's outcomes


def test_the_real_outcomes_score_as_promised():
    content = load_all()
    forecasts = [q for q in content.questions if q["kind"] == "forecast"]
    assert len([q for q in forecasts if q["tier"] == "core"]) >= 8
    everything_half = {q["id"]: {"probability": 50} for q in forecasts}
    result = fc.score(content.questions, everything_half)
    assert result["student"] == pytest.approx(0.25) and result["open"]
    score, count = fc.author_score(content.questions)
    assert count == len(result["scored"]) and 0 < score < 0.25


def test_the_paper_face_has_blank_columns_and_the_instructions():
    page = str(forecast_view.paper_html(load_all().questions))
    assert "My %" in page and "My score" in page and "Score yourself" in page
    assert "0.25" in page and "Open: do not score." in page
    assert page.count("<tr>") == 1 + len([q for q in load_all().questions if q["kind"] == "forecast"])


def test_the_live_scores_follow_the_current_student(student, monkeypatch):
    student.book.save("d04_forecast_sochi", {"probability": 80, "reason": ""})
    shown = []
    monkeypatch.setattr(forecast_view, "show", lambda widget, html, text: shown.append(widget))
    forecast_view.show_scores()
    panel = shown[-1].children[0]
    assert "Your Brier score: 0.04" in panel.value and "<img" in panel.value and 'alt="Calibration picture' in panel.value
    student.start("Someone Else")
    assert "No forecast of yours can be scored yet" in panel.value
    student.book.save("d04_forecast_sochi", {"probability": 80, "reason": ""})  # made after seeing the outcomes
    student.changed()
    assert "No forecast of yours can be scored yet" in panel.value and "Later revisions, kept apart" in panel.value


# ---------------------------------------------------------------- verdicts and dates


def test_one_verdict_question_per_prediction_and_the_table_comes_after_them():
    content = load_all()
    asked = [q["prediction"] for q in content.lesson_questions("05") if q["kind"] == "verdict"]
    assert sorted(asked) == sorted(p["id"] for p in content.predictions)
    cells = nbformat.read(NOTEBOOK, as_version=4).cells
    sources = [code_of(c) for c in cells if c.cell_type == "code"]
    assert "epilogue.show_verdicts()" not in sources
    reveal = sources.index("epilogue.reveal_verdicts()")
    core = set(epilogue.verdict_questions())
    assert len(core) == 6 and reveal > max(i for i, s in enumerate(sources) if any(q in s for q in core))
    # the other verdicts are the extension, at the end, each opening its own reading after a reason
    assert min(i for i, s in enumerate(sources) if "r05_verdict_" in s and not any(q in s for q in core)) > reveal


def test_the_student_edition_shows_none_of_our_verdicts():
    text = NOTEBOOK.read_text(encoding="utf-8")
    for q in load_all().lesson_questions("05"):
        for secret in kinds.kind_of(q).secrets(q):
            assert " ".join(secret.split()[:10]) not in text, q["id"]
    assert "Tally of our verdicts" not in text


def test_key_point_two_and_the_latest_source_type_no_date_the_data_holds():
    content = load_all()
    held = {str(p["as_of"]) for p in content.predictions} | {e["date"] for e in content.events}
    from syria_lesson.core.dates import long_date

    written = {long_date(d) for d in held if len(d) == 10} | {long_date(d) for d in held if len(d) == 7}
    cells = nbformat.read(NOTEBOOK, as_version=4).cells
    key_points = next(c.source for c in cells if c.source.startswith("## Key points"))
    point_two = re.search(r"^2\. .*?(?=^3\. )", key_points, re.M | re.S).group(0)
    assert not any(d in point_two for d in written)
    assert not re.search(r"\b(19|20)\d\d\b", point_two)
    prose = " ".join(c.source for c in cells if c.cell_type == "markdown")
    assert "latest source" not in prose.lower() or not any(d in prose for d in written)
    assert epilogue.latest_source() == max(str(p["as_of"]) for p in content.predictions)


def test_the_essay_returns_to_the_lesson_00_answer_with_its_rubric_and_frames():
    q = load_all().question("r05_compelling")
    assert q["beside"] == "q00_compelling" and q["rubric"] == "essay" and q["frames"] == "essay"
    assert load_all().question("q00_compelling")["lesson"] == "00"


# ---------------------------------------------------------------- anchor answers


def test_anchor_answers_are_three_levels_marked_on_every_criterion():
    content = load_all()
    found = anchors.load_anchors(content)
    criteria = {c["id"] for c in content.rubrics()["essay"]["criteria"]}
    answers = found["essay"]["answers"]
    assert sorted(a["level"] for a in answers) == sorted(anchors.LEVELS)
    totals = {a["level"]: sum(m["level"] for m in a["marks"].values()) for a in answers}
    assert totals["strong"] > totals["middling"] > totals["weak"]
    for a in answers:
        assert set(a["marks"]) == criteria
    strong = next(a for a in answers if a["level"] == "strong")
    assert len(strong["paragraphs"]) >= 2 and len(strong["events"]) >= 2


def test_anchors_are_absent_from_the_student_release_and_the_student_edition(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SYRIA_LESSON_INSTRUCTOR", str(tmp_path / "no-instructor-folder"))
    assert anchors.load_anchors() == {}
    monkeypatch.delenv("SYRIA_LESSON_INSTRUCTOR")
    shown = []
    monkeypatch.setattr(anchors, "show_html", lambda html, text: shown.append(str(html)))
    anchors.show("essay")  # the student edition: nothing at all
    assert shown == []
    monkeypatch.setenv("SYRIA_LESSON_EDITION", "instructor")
    anchors.show("essay")
    assert "Anchor answer: strong" in shown[-1] and "Anchor answer: weak" in shown[-1]
    text = NOTEBOOK.read_text(encoding="utf-8")
    for _, secret in anchors.texts(anchors.load_anchors()):
        assert " ".join(secret.split()[:10]) not in text


def test_a_bad_anchor_file_gets_a_plain_message(tmp_path, monkeypatch):
    from syria_lesson.core.validate import DataError

    folder = tmp_path / "instructor"
    folder.mkdir()
    (folder / "anchors.yaml").write_text(
        "anchors:\n  essay:\n    question: r05_compelling\n    answers:\n"
        "      - {level: strong, text: hi, marks: {claim: {level: 5, why: x}}, events: [no_such_event]}\n",
        encoding="utf-8")
    monkeypatch.setenv("SYRIA_LESSON_INSTRUCTOR", str(folder))
    with pytest.raises(DataError) as err:
        anchors.load_anchors()
    message = str(err.value)
    assert "one strong, one middling and one weak" in message and "does not mark every criterion" in message
    assert "no_such_event" in message and "needs a level from 1 to 4" in message


def test_the_class_set_worksheet_gets_one_compact_verdict_sheet(monkeypatch):
    shown = []
    monkeypatch.setattr(epilogue, "show_html", lambda html, text: shown.append(str(html)))
    epilogue.verdict_sheet()
    assert shown == []
    monkeypatch.setenv("SYRIA_LESSON_EDITION", "worksheet")
    epilogue.verdict_sheet()
    (page,) = shown
    assert page.count("R  W  P  O  S") == len(epilogue.verdict_questions()) == 6
    assert page.count("Events to weigh (numbered as in the timeline):") == 6  # each row carries its evidence: the sheet needs no other page
    text = re.sub(r"<[^>]+>", " ", page)  # what a reader sees; the rows' anchors (id="q-...") are not shown
    assert "r05_" not in text and "pred_" not in text
    for p in load_all().predictions:  # our verdicts and outcomes stay off the worksheet
        assert " ".join(p["outcome"].split()[:8]) not in page


# ---------------------------------------------------------------- forecasts sealed (issue 23, item 2)


def _scores_widget(monkeypatch):
    shown = []
    monkeypatch.setattr(forecast_view, "show", lambda widget, html, text: shown.append(widget))
    forecast_view.show_scores()
    panel, again = shown[-1].children
    return panel, again


def test_a_forecast_changed_after_the_outcomes_is_kept_apart_and_never_rescored(student, monkeypatch):
    """The walkthrough of the issue: a student sees the outcomes, goes back to lesson 04, changes a
    forecast towards what happened and presses "Score my forecasts again". The score does not move;
    the change is shown as a later revision."""
    student.book.save("d04_forecast_sochi", {"probability": 30, "reason": "Moscow rarely gets its way."})
    panel, again = _scores_widget(monkeypatch)      # the outcomes are shown: the forecasts are sealed
    assert "Your Brier score: 0.49" in panel.value and "Later revisions" not in panel.value
    seal = student.book.get(fc.SEAL)
    assert seal["forecasts"]["d04_forecast_sochi"]["probability"] == 30 and seal["sealed"]
    student.book.save("d04_forecast_sochi", {"probability": 95, "reason": "I know now."})  # as lesson 04 saves
    again.click()
    assert "Your Brier score: 0.49" in panel.value, "a change after the outcomes was rescored"
    assert "Later revisions, kept apart" in panel.value and "changed later to 95%" in panel.value
    # a forecast first made after the outcomes were shown is not scored either
    student.book.save("d04_forecast_summit", {"probability": 90, "reason": "Hindsight."})
    student.changed()
    assert "Your Brier score: 0.49" in panel.value and "no forecast (this is what is scored); changed later to 90%" in panel.value
    # the seal is data in the answers file, read again by a fresh kernel
    assert fc.SEAL in student.book.path.read_text(encoding="utf-8")


def test_the_seal_is_made_once_and_not_for_someone_else(kernel, monkeypatch):
    """A fresh kernel that has not confirmed the student shows no scores and seals nothing: the next
    student on a shared computer must not seal the last one's forecasts."""
    from syria_lesson.live import answers

    book = answers.AnswerBook("Ada")
    book.save("d04_forecast_sochi", {"probability": 70, "reason": ""})
    answers.remember_student("Ada")
    panel, again = _scores_widget(monkeypatch)
    assert "Yes, I am Ada" in panel.value and fc.SEAL not in answers.AnswerBook("Ada").all()
    kernel.start("Ada")                             # confirmed: now the outcomes are shown and sealed
    first = kernel.book.get(fc.SEAL)
    assert first["forecasts"]["d04_forecast_sochi"]["probability"] == 70
    again.click()
    assert kernel.book.get(fc.SEAL) == first, "the seal was renewed"


def test_scoring_reads_the_sealed_originals():
    seal = {"sealed": "2026-01-05T10:00:00+00:00", "forecasts": {"a": {"probability": 90}}}
    values = {"a": {"probability": 10}, "b": {"probability": 90}, fc.SEAL: seal}
    result = fc.score(QUESTIONS, values)
    assert [r["id"] for r in result["scored"]] == ["a"] and result["student"] == pytest.approx(0.01)
    assert [(r["id"], r["original"], r["now"]) for r in result["later"]] == [("a", 90, 10), ("b", None, 90)]
    assert fc.score(QUESTIONS, {"a": {"probability": 10}})["later"] == []   # no seal yet: as saved


# ---------------------------------------------------------------- the author's score after the verdicts


def test_the_author_is_scored_only_after_the_students_verdicts(student, monkeypatch):
    """Section 1 scores the student alone; our reading of the author comes in a reveal placed after
    the last verdict question, which opens once every verdict has a reason."""
    student.book.save("d04_forecast_sochi", {"probability": 80, "reason": ""})
    panel, _ = _scores_widget(monkeypatch)
    assert "Your Brier score: 0.04" in panel.value
    assert "Our reading of the author" not in panel.value and "in one panel" in panel.value
    assert "author" not in str(forecast_view.paper_html(load_all().questions)).lower()
    sources = [code_of(c) for c in nbformat.read(NOTEBOOK, as_version=4).cells if c.cell_type == "code"]
    place = sources.index("author.reveal_author()")
    assert place > max(i for i, s in enumerate(sources) if any(q in s for q in epilogue.verdict_questions()))
    assert place > sources.index("forecast_view.show_scores()")


def test_the_author_reveal_waits_for_the_verdicts_then_scores_both(student, monkeypatch):
    from syria_lesson.lessons.forecasts import author
    from syria_lesson.live import reveal

    shown = []
    monkeypatch.setattr(reveal, "show", lambda widget, static, text: shown.append((widget, static)))
    student.book.save("d04_forecast_sochi", {"probability": 80, "reason": ""})
    author.reveal_author()
    panel, static = shown[-1]
    assert "once you have answered" in panel.value and "scores" not in str(static)
    reason = "I judged this from the events in the timeline after the article was written."
    for qid in epilogue.verdict_questions():
        student.book.save(qid, {"verdict": "right", "reason": reason})
    student.changed()
    score, count = fc.author_score(load_all().questions)
    assert f"Our reading of the author scores {fc.fmt(score)}</strong> on the {count}" in panel.value
    assert "you score 0.04" in panel.value and "in two panels" in panel.value


# ---------------------------------------------------------------- our reading of the author, shown with its basis


def test_each_reading_of_the_author_shows_the_words_it_was_read_from_and_why():
    """Issue 24: beside each score, the op-ed's words (a quotation of at most 25 words from the
    paragraph named, or our paraphrase, said to be ours), why, and whether the op-ed speaks to it."""
    from student_text import readable

    from syria_lesson.lessons.forecasts import author

    content = load_all()
    result = fc.score(content.questions, {})
    shown = readable(str(author.author_html(content.questions)))  # after the verdicts (issue 23)
    for row in result["rows"]:
        o = row["outcome"]
        assert o.get("author_words") or o.get("author_paraphrase"), o["id"]
        cell = readable(str(author.author_cell(row)))
        assert "Read from:" in cell and "Why this number:" in cell and cell in shown
        if o.get("author_words"):
            assert len(o["author_words"].split()) <= 25
            assert f"(paragraph {o['author_paragraph']})" in cell
        assert ("more ours than his" in cell) == (o["author_basis"] == "extrapolated"), o["id"]
    assert {o["author_basis"] for o in content.forecasts()} == {"implied", "extrapolated"}


def test_the_readings_quotations_are_the_articles_words_in_the_paragraph_named():
    from test_content import SEED, article_paragraphs

    if not SEED:
        pytest.skip("the article's text (../shared/seeds) is not beside this checkout")
    paragraphs = [" ".join(p.split()) for p in article_paragraphs()]
    for o in load_all().forecasts():
        if o.get("author_words"):
            assert o["author_words"] in paragraphs[o["author_paragraph"] - 1], o["id"]


def test_the_summary_also_scores_the_author_on_what_the_op_ed_speaks_to():
    from syria_lesson.lessons.forecasts import author

    rows = [{"author": 80, "happened": 1, "outcome": {"author_basis": "implied"}},
            {"author": 20, "happened": 1, "outcome": {"author_basis": "extrapolated"}}]
    assert author.implied_only({"scored": rows}) == ", or 0.04 on the 1 of them the op-ed itself speaks to"
    assert author.implied_only({"scored": rows[:1]}) == ""
