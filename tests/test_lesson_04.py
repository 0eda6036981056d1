"""Lesson 04: two readings, the sources of that week, a role-play with its rubric
shown first, and forecasts that the record can settle, each resolution resting
on sourced events."""

import datetime as dt
import re

import nbformat
from lesson_parts import code_of

from syria_lesson.core import paths
from syria_lesson.data import documents, load_all
from syria_lesson.lessons.article import corroboration

NOTEBOOK = paths.ROOT / "notebooks" / "04_discussion.ipynb"


def code_cells():
    return [code_of(c) for c in nbformat.read(NOTEBOOK, as_version=4).cells if c.cell_type == "code"]


# ---------------------------------------------------------------- forecasts


def test_at_least_eight_core_forecasts_as_of_20_november_2017(content):
    core = [q for q in content.lesson_questions("04") if q["kind"] == "forecast" and q["tier"] == "core"]
    assert len(core) >= 8
    for q in core:
        assert q["prompt"].startswith("As of 20 November 2017: how likely is it that ")
    assert any(q.get("frames") == "forecast" for q in core)


def test_every_outcome_is_asked_once_and_every_resolution_rests_on_sourced_events(content):
    events = {e["id"]: e for e in content.events}
    asked = [q["outcome"] for q in content.questions if q["kind"] == "forecast"]
    outcomes = content.forecasts()
    assert sorted(asked) == sorted(o["id"] for o in outcomes)
    cut_off = dt.date.fromisoformat(content.record_checked)
    for o in outcomes:
        assert o["events"], o["id"]
        sources = {events[e]["source_url"] for e in o["events"]}
        assert o["source_url"] in sources, f"{o['id']}: its source must be one of its events' sources"
        by = dt.date.fromisoformat(str(o["by"]))
        if o["resolution"] != "open":
            assert by <= cut_off, f"{o['id']} is resolved, but its date is after the record's cut-off"
            assert o["resolved"].startswith({"yes": "Yes.", "no": "No."}[o["resolution"]])
            dates = [dt.date.fromisoformat(events[e]["date"]) for e in o["events"] if len(events[e]["date"]) == 10]
            assert dates, o["id"]
        assert dt.date.fromisoformat(str(o["checked"])) <= cut_off


def test_outcomes_resolve_both_ways_and_one_is_left_open(content):
    kinds = {o["resolution"] for o in content.forecasts()}
    assert kinds == {"yes", "no", "open"}


def test_the_authors_probability_is_labelled_as_our_reading(content):
    for o in content.forecasts():
        assert 1 <= o["author_paragraph"] <= content.article["meta"]["paragraphs"]
        assert "We read" in o["author_why"] or "we read" in o["author_why"], o["id"]
    raw = (paths.data_dir() / "forecasts.yaml").read_text(encoding="utf-8")
    assert "OUR READING" in raw and "not the author's words" in raw


# ---------------------------------------------------------------- the sources of that week


def test_the_corroboration_set_has_four_dated_sourced_items_from_both_sides():
    items = documents.load_corroboration()
    assert len(items) == 4
    assert {i["side"] for i in items} == {"Moscow", "Washington"}
    for item in items:
        day = dt.date.fromisoformat(str(item["date"]))
        assert dt.date(2017, 11, 11) <= day <= dt.date(2017, 11, 17), item["id"]
        assert item["gist"] and item["sourcing_questions"] and item["source_url"].startswith("http")
        if item.get("excerpt"):
            assert len(item["excerpt"].split()) <= 25


def test_the_set_is_shown_oldest_first_quoting_only_what_is_free_to_quote():
    page = str(corroboration.sources_html())
    items = sorted(documents.load_corroboration(), key=lambda i: str(i["date"]))
    positions = [page.index(f"{i['side']}: {i['speaker']}") for i in items]
    assert positions == sorted(positions)
    assert page.count("<q>") == sum(1 for i in items if i.get("excerpt"))
    assert page.count("not free to quote") == sum(1 for i in items if not i.get("excerpt"))
    for letter, item in zip("ABCD", items):
        assert f"Source {letter}." in page and item["sourcing_questions"][0] in page.replace("&#39;", "'")


# ---------------------------------------------------------------- the lesson


def test_the_two_readings_and_the_source_question_offer_sentence_frames(content):
    # shown once, with the first of the two readings (on paper, twice would cost a tenth of a page)
    assert content.question("d04_russian_reading")["frames"] == "two_readings"
    assert "sentence starters above" in content.question("d04_us_reading")["prompt"]
    assert content.question("d04_source_bias")["frames"] == "source_bias"


def test_the_role_play_is_an_activity_and_its_rubric_comes_before_it(content):
    plan = content.plan("04")
    roleplay = next(a for a in plan["activities"] if a["id"] == "roleplay")
    assert roleplay["minutes"] >= 8  # the short version; the two-class plan gives it 23
    cells = code_cells()
    assert cells.index('lesson.show_rubric("roleplay")') < cells.index('questions.ask("d04_roleplay_vague_term")')
    rubric = content.rubrics()["roleplay"]
    assert [c["id"] for c in rubric["criteria"]] == ["claim", "evidence", "reasoning", "other_side"]


def test_the_forecasts_come_at_the_end_of_the_lesson():
    cells = code_cells()
    last_other_core = cells.index('questions.ask("d04_roleplay_vague_term")')
    first_forecast = next(i for i, s in enumerate(cells) if "d04_forecast_" in s)
    assert first_forecast > last_other_core


def test_rubrics_have_four_criteria_each_with_four_levels(content):
    rubrics = content.rubrics()
    assert {"essay", "roleplay"} <= set(rubrics)
    for rubric in rubrics.values():
        assert len(rubric["criteria"]) == 4
        for criterion in rubric["criteria"]:
            assert set(map(str, criterion["descriptors"])) == {"1", "2", "3", "4"}


def test_the_lesson_keeps_two_class_and_self_study_versions(content):
    plan = content.plan("04")
    assert len(plan["two_classes"]) == 2 and plan["self_study"]
    for part in plan["two_classes"]:
        assert sum(step["minutes"] for step in part["plan"]) == plan["minutes"]


def test_most_of_the_lesson_is_extension(content):
    questions = content.lesson_questions("04")
    core = [q for q in questions if q["tier"] == "core"]
    assert sum(q["minutes"] for q in core) <= 30
    extension_cells = [c for c in nbformat.read(NOTEBOOK, as_version=4).cells
                       if "extension" in c.metadata.get("tags", []) and "questions.ask(" in c.source]
    assert len(extension_cells) == len(questions) - len(core)


def test_every_outcome_has_a_short_name_for_tables(content):
    for o in content.forecasts():
        assert o.get("short") and len(o["short"]) <= 80, o["id"]


def test_the_class_set_worksheet_gets_one_compact_forecast_sheet(monkeypatch):
    from syria_lesson.lessons.forecasts import view as forecast_view

    shown = []
    monkeypatch.setattr(forecast_view, "show_html", lambda html, text: shown.append(str(html)))
    forecast_view.forecast_sheet()
    assert shown == [], "the sheet is for the class-set worksheet only"
    monkeypatch.setenv("SYRIA_LESSON_EDITION", "worksheet")
    forecast_view.forecast_sheet()
    (page,) = shown
    core = [q for q in load_all().lesson_questions("04") if q["kind"] == "forecast" and q["tier"] == "core"]
    assert page.count("____ %") == len(core)
    text = re.sub(r"<[^>]+>", " ", page)  # what a reader sees; the rows' anchors (id="q-...") are not shown
    assert "d04_" not in text and "f_" not in text.replace("of_", "")
    assert sorted(re.findall(r'id="q-([a-z0-9_]+)"', page)) == sorted(q["id"] for q in core)
