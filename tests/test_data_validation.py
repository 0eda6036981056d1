"""Broken data files get one plain message naming file, row, column, value and fix."""

import shutil

import pytest

from syria_lesson import data, kinds
from syria_lesson.core import paths
from syria_lesson.core.validate import DataError
from syria_lesson.data.article import check_coverage
from syria_lesson.data.people import check_position
from syria_lesson.data.questions import check_question

HEADER = ("id,date,end_date,date_precision,date_kind,title,summary,parties,category,track,article_link,"
          "article_paragraph,source_title,source_url,source_kind,verified,core,checked\n")
GOOD = ('danang,2017-11-11,,day,announced,Da Nang statement,"Trump and Putin, through aides, agree a text.",'
        "us;russia,agreement,us_russia,explicit,1,White House statement,https://example.org/s,primary,read it,yes,2026-11-26\n")


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A copy of the real data folder that a test may break."""
    folder = tmp_path / "data"
    shutil.copytree(paths.data_dir(), folder)
    monkeypatch.setenv("SYRIA_LESSON_DATA", str(folder))
    yield folder
    data.load_all.cache_clear()  # later tests must not see the broken copy


def write_events(folder, *rows, header=HEADER, encoding="utf-8"):
    (folder / "events.csv").write_bytes((header + "".join(rows)).encode(encoding))


def message(loader):
    with pytest.raises(DataError) as err:
        loader()
    return str(err.value)


def test_the_real_data_loads_and_cross_checks():
    content = data.Content()
    assert len(content.events) >= 30
    assert {p["actor"] for p in content.positions} == {a["id"] for a in content.actors}


def test_a_good_row_loads(data_dir):
    write_events(data_dir, GOOD)
    (event,) = data.load_events()
    assert event["id"] == "danang" and event["parties"] == ["us", "russia"] and event["article_paragraph"] == 1


def test_missing_column_is_named(data_dir):
    write_events(data_dir, GOOD.replace(",primary,read it", ",primary"),
                 header=HEADER.replace(",verified,", ","))
    text = message(data.load_events)
    assert "data/events.csv, row 1, column 'verified'" in text and "missing from the header" in text


def test_date_that_does_not_exist(data_dir):
    write_events(data_dir, GOOD.replace("2017-11-11", "2016-02-30"))
    text = message(data.load_events)
    assert "data/events.csv, row 2, column 'date': '2016-02-30' is not a real date" in text
    assert "Fix: write the date as YYYY-MM-DD" in text


def test_precision_that_contradicts_the_date(data_dir):
    write_events(data_dir, GOOD.replace("2017-11-11,,day", "2017-11,,day"))
    text = message(data.load_events)
    assert "row 2, column 'date_precision': 'day' does not match the date '2017-11'" in text


@pytest.mark.parametrize("checked, problem", [("2026-11", "is not a full date"), ("2999-01-01", "is in the future")])
def test_checked_must_be_a_past_day(data_dir, checked, problem):
    write_events(data_dir, GOOD.replace("2026-11-26", checked))
    assert f"column 'checked': '{checked}' {problem}" in message(data.load_events)


def test_end_before_start(data_dir):
    write_events(data_dir, GOOD.replace("2017-11-11,,", "2017-11-11,2017-11-10,"))
    assert "column 'end_date': '2017-11-10' is before the start date 2017-11-11" in message(data.load_events)


def test_unknown_category_lists_the_allowed_values(data_dir):
    write_events(data_dir, GOOD.replace(",agreement,", ",treaty,"))
    text = message(data.load_events)
    assert "column 'category': 'treaty' is not allowed" in text and "agreement, ceasefire" in text


def test_missing_source(data_dir):
    write_events(data_dir, GOOD.replace("https://example.org/s", ""))
    assert "row 2, column 'source_url': is empty" in message(data.load_events)


def test_explicit_link_needs_a_paragraph(data_dir):
    write_events(data_dir, GOOD.replace("explicit,1,", "explicit,,"))
    assert "column 'article_paragraph': is empty, but article_link is 'explicit'" in message(data.load_events)


def test_duplicate_id(data_dir):
    write_events(data_dir, GOOD, GOOD)
    assert "row 3, column 'id': 'danang' is used twice (also in row 2)" in message(data.load_events)


def test_empty_file(data_dir):
    (data_dir / "events.csv").write_text("")
    assert "data/events.csv: is empty" in message(data.load_events)


def test_header_only(data_dir):
    write_events(data_dir)
    assert "has a header but no rows" in message(data.load_events)


def test_wrong_encoding(data_dir):
    write_events(data_dir, GOOD.replace("Trump", "Trümp"), encoding="latin-1")
    text = message(data.load_events)
    assert "data/events.csv, line 2: is not saved as UTF-8 text" in text and "CSV UTF-8" in text


def test_extra_comma(data_dir):
    write_events(data_dir, GOOD.replace("Da Nang statement", "Da Nang, statement"))
    text = message(data.load_events)
    assert "row 2: has 19 fields but the header has 18" in text and "double quotes" in text


def test_several_problems_are_reported_together(data_dir):
    write_events(data_dir, GOOD.replace("2017-11-11", "2017-13-01").replace(",agreement,", ",treaty,"))
    text = message(data.load_events)
    assert text.startswith("The lesson data has 2 problems")
    assert "'2017-13-01' is not a real date" in text and "'treaty' is not allowed" in text


def _positions_with(data_dir, old, new):
    path = data_dir / "positions.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _content_error(data_dir):
    return message(lambda: data.load_positions(data.load_actors(), data.load_topics()))


def test_position_for_unknown_actor(data_dir):
    _positions_with(data_dir, "\nrussia,", "\nrussland,")
    text = _content_error(data_dir)
    assert "column 'actor': 'russland' is not an actor in data/actors.csv" in text
    assert "has no row for actor 'russia'" in text


def test_position_with_bad_stance_code(data_dir):
    path = data_dir / "positions.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[1].split(",")
    cells[2] = "maybe"
    lines[1] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "row 2, column 'stance_code': 'maybe' is not allowed" in _content_error(data_dir)


def test_position_rules(tmp_path):
    name = "data/positions.csv"
    base = {"_row": 5, "actor": "us", "topic": "t", "stance_code": "supports", "stance": "x", "quote": None,
            "paragraph": None, "source_title": None, "source_url": None, "source_date": None}
    assert "is empty, but the basis is 'article'" in str(check_position({**base, "basis": "article"}, name)[0])
    record = check_position({**base, "basis": "record"}, name)
    assert {p.column for p in record} == {"source_title", "source_url", "source_date"}
    silent = check_position({**base, "basis": "not_stated"}, name)
    assert "claims a position, but the basis is 'not_stated'" in str(silent[0])
    assert check_position({**base, "basis": "article", "paragraph": 8}, name) == []


def test_quote_longer_than_25_words(data_dir):
    path = data_dir / "article.yaml"
    text = path.read_text(encoding="utf-8")
    long_quote = " ".join(["word"] * 26)
    path.write_text(text.replace("quotes:", f'quotes:\n      - {{text: "{long_quote}", paragraph: 1}}', 1),
                    encoding="utf-8")
    assert "is a quote of 26 words, more than 25" in message(data.load_article)


def test_claim_kind_outside_the_set(data_dir):
    path = data_dir / "article.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("kind: opinion", "kind: rumour", 1), encoding="utf-8")
    text = message(data.load_article)
    assert "column 'kind': 'rumour' is not allowed" in text and "reported_fact" in text


def test_outline_gap_is_named():
    parts = [{"id": "a", "paragraphs": [1, 4]}, {"id": "b", "paragraphs": [6, 17]}]
    (problem,) = check_coverage(parts, 17, "data/article.yaml")
    assert "leaves out paragraphs 5-5" in str(problem)


def test_unknown_question_kind(data_dir):
    path = data_dir / "questions" / "lesson_04.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("kind: open", "kind: essay", 1), encoding="utf-8")
    text = message(data.load_questions)
    assert "data/questions/lesson_04.yaml, question" in text and "'essay' is not a question kind" in text
    assert "use one of: open, choice, selfcheck" in text


def test_selfcheck_answer_must_be_an_option():
    problems = []
    check_question(kinds.Where(problems, "data/questions/lesson_01.yaml", "question 1"), {
        "id": "q", "kind": "selfcheck", "level": "recall", "prompt": "?", "minutes": 1,
        "options": [{"text": "A", "feedback": "a"}, {"text": "B", "feedback": "b"}], "answer": "C"})
    assert "'C' is not one of the options" in str(problems[0])


def test_broken_yaml_names_the_line(data_dir):
    (data_dir / "questions" / "lesson_02.yaml").write_text("- id: a\n  prompt: [unclosed\n", encoding="utf-8")
    assert "data/questions/lesson_02.yaml, line" in message(data.load_questions)


def test_a_question_file_for_a_lesson_the_module_does_not_have(data_dir):
    (data_dir / "questions" / "lesson_07.yaml").write_text("- id: x\n", encoding="utf-8")
    text = message(data.reload)
    assert "data/questions/lesson_07.yaml: is for lesson 07, which data/module.yaml does not list" in text


def test_the_paragraph_count_comes_from_the_article_file(data_dir):
    path = data_dir / "article.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("paragraphs: 17", "paragraphs: 16", 1), encoding="utf-8")
    text = message(data.load_article)
    assert "'paragraph': 17 is outside 1-16" in text and "give the number (1-16)" in text


def test_a_renamed_actor_is_named_not_a_bare_stopiteration(data_dir):
    path = data_dir / "article.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("moscow: russia", "moscow: russian_federation"),
                    encoding="utf-8")
    text = message(data.reload)
    assert "data/actors.csv, named in data/article.yaml, meta, sides.moscow, column 'id': 'russian_federation'" in text
    assert "use one of: us_white_house" in text


def test_a_lookup_of_a_missing_position_names_the_file(data_dir):
    content = data.reload()
    with pytest.raises(DataError, match="data/actors.csv.*'nobody'"):
        content.position("nobody", "sochi")


def test_position_with_missing_basis(data_dir):
    path = data_dir / "positions.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    import csv
    import io

    rows = list(csv.reader(io.StringIO("\n".join(lines))))
    rows[1][header.index("basis")] = ""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    assert "row 2, column 'basis': is empty" in _content_error(data_dir)


@pytest.mark.slow
def test_data_errors_are_shown_plainly_in_a_notebook(data_dir, tmp_path):
    """In a real kernel, a broken data file shows its message (file, row,
    column, fix) and what to do next, not a traceback through the package."""
    import os

    import nbformat
    from nbclient import NotebookClient

    events = (data_dir / "events.csv").read_text(encoding="utf-8").replace("2012-06-30", "2012-06-31", 1)
    (data_dir / "events.csv").write_text(events, encoding="utf-8")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("from syria_lesson.data import load_all\nload_all()")]
    client = NotebookClient(nb, kernel_name="python3", allow_errors=True, resources={"metadata": {"path": str(tmp_path)}})
    client.execute(env={**os.environ, "SYRIA_LESSON_DATA": str(data_dir), "SYRIA_LESSON_ANSWERS": str(tmp_path)})
    outputs = nb.cells[0].outputs
    shown = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "events.csv" in shown and "row 2" in shown and "date" in shown, shown
    assert "Run > Run All" in shown
    assert [o for o in outputs if o.output_type == "error"] == []
    assert "Traceback" not in shown


def _readme_columns() -> dict[str, list[str]]:
    """The columns data/README.md documents for each CSV file, in its order."""
    import re

    text = (paths.data_dir() / "README.md").read_text(encoding="utf-8")
    tables: dict[str, list[str]] = {}
    for section in re.split(r"^## ", text, flags=re.M)[1:]:
        heading, _, body = section.partition("\n")
        match = re.match(r"`([a-z_]+\.csv)`", heading)
        if not match:
            continue
        columns = []
        for line in body.splitlines():
            if line.startswith("| `"):
                columns += re.findall(r"`([a-z_]+)`", line.split("|")[1])
        tables[match.group(1)] = columns
    return tables


def test_the_readme_documents_exactly_the_columns_the_loader_declares():
    from syria_lesson.data import events, misc, people, places, standards

    declared = {"events.csv": events.EVENT_COLUMNS, "map_places.csv": places.PLACE_COLUMNS,
                "actors.csv": people.ACTOR_COLUMNS,
                "topics.csv": people.TOPIC_COLUMNS, "positions.csv": people.POSITION_COLUMNS,
                "glossary.csv": misc.GLOSSARY_COLUMNS, "standards.csv": standards.STANDARD_COLUMNS}
    documented = _readme_columns()
    assert set(documented) == set(declared)
    for name, columns in declared.items():
        assert documented[name] == [c.name for c in columns], f"data/README.md's table for {name} is out of date"


def test_a_plan_step_without_its_slide_or_with_an_unknown_figure(data_dir):
    """Each step of a lesson's one-class plan is a slide: the words the class sees are required (the
    step's own words are the teacher's), and a figure must be one of figures/."""
    from syria_lesson.data.plans import load_plan

    plan = data_dir / "lessons" / "lesson_00.yaml"
    text = plan.read_text(encoding="utf-8")
    first = text.index(", slide: ")
    broken = text[:first] + text[text.index('"', text.index('"', first) + 1) + 1:]
    plan.write_text(broken.replace("figure: syria_map_2017", "figure: syria_map_2019"), encoding="utf-8")
    said = message(lambda: load_plan("00"))
    assert "data/lessons/lesson_00.yaml" in said and "plan 1" in said and "'slide': is missing" in said
    assert "plan 6" in said and "'figure'" in said and "syria_map_2019" in said and "use one of: " in said
    assert "syria_map_2017" in said
