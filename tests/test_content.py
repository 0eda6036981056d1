"""The content itself: enough of it, consistent, and honest about its sources."""

import json
import re

import leaks
import nbformat
import pytest
from student_text import rendered

from syria_lesson import build
from syria_lesson.core import paths
from syria_lesson.core.validate import date_start
from syria_lesson.data import load_all
from syria_lesson.data.events import number_events
from syria_lesson.lessons import timeline
from syria_lesson.lessons.timeline import chart as timeline_figure
from syria_lesson.live import worksheet

SEED = sorted((paths.ROOT.parent / "shared" / "seeds").glob("*.txt"))
ARTICLE_DAY = "2017-11-17"


def article_paragraphs() -> list[str]:
    """The op-ed's 17 body paragraphs from the seed text (not part of the repo).

    The seed splits two paragraphs at a line break mid-sentence; a paragraph
    that starts in lower case continues the previous one."""
    text = SEED[0].read_text(encoding="utf-8")
    body = text.split("Russian Defense Ministry's International Mine Action Center in Syria", 1)[1]
    body = body.split("*Nikolas K. Gvosdev is", 1)[0]
    paragraphs: list[str] = []
    for block in (b.strip() for b in body.split("\n\n")):
        if not block or block.startswith(("**Related article", "#")):
            continue
        if paragraphs and (block[0].islower() or block.startswith("States —")):
            paragraphs[-1] += " " + block
        else:
            paragraphs.append(block)
    return [re.sub(r"\[([^\]]+)\]\(#\)", r"\1", " ".join(p.split())) for p in paragraphs]


needs_seed = pytest.mark.skipif(not SEED, reason="the article's text (../shared/seeds) is not beside this checkout")


@needs_seed
def test_paragraph_numbering_matches_the_article(content):
    paragraphs = article_paragraphs()
    meta = content.article["meta"]
    assert len(paragraphs) == meta["paragraphs"] == 17
    for number, incipit in enumerate(meta["incipits"], start=1):
        assert paragraphs[number - 1].startswith(incipit), f"paragraph {number} should start with {incipit!r}"


def all_quotes(content):
    for part in content.article["parts"]:
        for quote in part.get("quotes") or []:
            yield f"article.yaml part {part['id']}", quote["text"], quote["paragraph"]
    for position in content.positions:
        if position.get("quote"):
            yield f"positions.csv {position['actor']} x {position['topic']}", position["quote"], position["paragraph"]
    for phrase in content.article.get("phrases") or []:
        yield f"article.yaml phrase {phrase['id']}", phrase["text"], phrase["paragraph"]
    for part in content.article["parts"]:
        for claim in part.get("claims") or []:
            for word in claim.get("words") or []:
                yield f"article.yaml claim {claim['id']}", word["text"], claim["paragraph"]


@needs_seed
def test_every_quote_is_verbatim_from_the_paragraph_it_names(content):
    paragraphs = article_paragraphs()
    quotes = list(all_quotes(content))
    assert len(quotes) >= 10
    for where, text, paragraph in quotes:
        assert text in paragraphs[paragraph - 1], f"{where}: {text!r} is not in paragraph {paragraph}"
        assert len(text.split()) <= 25


def test_walkthrough_has_claims_of_every_kind(content):
    kinds = {claim["kind"] for part in content.article["parts"] for claim in part["claims"]}
    assert kinds == {"reported_fact", "interpretation", "prediction", "opinion"}


def test_enough_events_on_each_side_of_the_article(content):
    before = [e for e in content.events if e["article_link"] != "later"]
    after = [e for e in content.events if e["article_link"] == "later" and e["date"] >= "2018"]
    assert len(before) >= 30 and len(after) >= 20
    assert min(e["date"] for e in before) == "2012-06-30"  # the Geneva Communiqué
    assert all(date_start(e["date"]).isoformat() <= ARTICLE_DAY for e in before if e["article_link"] == "context")


def test_events_after_the_article_are_marked_later_unless_the_article_names_them(content):
    for event in content.events:
        if date_start(event["date"]).isoformat() > ARTICLE_DAY:
            assert event["article_link"] in ("later", "explicit", "allusion"), event["id"]


def test_the_article_never_speaks_for_the_un(content):
    """The op-ed never mentions the UN, Geneva or UNSCR 2254: no UN cell may
    rest on the article."""
    for position in content.positions:
        if position["actor"] == "un":
            assert "article" not in position["basis"], position["topic"]


def test_question_counts(content):
    """Enough to do: open and discussion tasks, and the analyses each lesson asks for first."""
    discussion = [q for q in content.questions if q["kind"] in ("open", "scale", "ranking", "choice")]
    claims = [q for q in content.lesson_questions("01") if q["kind"] == "classify"]
    assert len(discussion) >= 15
    assert len(claims) >= 10, "lesson 01: students classify at least 10 of the op-ed's claims"
    assert sum(q["tier"] == "core" for q in claims) >= 5, "lesson 01: at least 5 of them in the period"


def test_every_discussion_question_has_instructor_notes(content):
    from syria_lesson.data import load_instructor_notes

    notes = load_instructor_notes(content.questions)
    for question in content.questions:
        if question["kind"] != "selfcheck":
            assert notes[question["id"]]["model_answer"].strip(), question["id"]


def lesson_text(lesson: str) -> str:
    """Everything a student reads in a lesson: markdown and saved outputs."""
    name = "reference.ipynb" if lesson == "reference" else f"{lesson}_*.ipynb"
    path = next((paths.ROOT / "notebooks").glob(name))
    nb = nbformat.read(path, as_version=4)
    parts = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            parts.append(cell.source)
        for output in cell.get("outputs", []):
            html = str(output.get("data", {}).get("text/html", ""))
            if "<caption>Glossary</caption>" not in html:  # the glossary lists terms; it does not use them
                parts.append(html)
    return " ".join(parts).lower()


def test_every_glossary_term_is_used_where_it_says(content):
    assert len(content.glossary) >= 20
    texts = {}
    reference = lesson_text("reference")
    reference_only = []
    for term in content.glossary:
        needle = (term.get("match") or term["term"]).lower()
        used = [lesson for lesson in term["used_in"] if needle in texts.setdefault(lesson, lesson_text(lesson))]
        if not used:  # met only in the reference's tables (the events, the actors), which lists it under its lessons
            assert needle in reference, f"glossary term {term['term']!r} is used neither in its lessons nor in the reference"
            reference_only.append(term["term"])
            continue
        assert used == term["used_in"], f"glossary term {term['term']!r} is not used in lesson(s) {set(term['used_in']) - set(used)}"
    assert len(reference_only) <= 8, reference_only


def test_every_question_is_asked_in_its_lesson(content):
    for question in content.questions:
        text = lesson_text(question["lesson"])
        assert f'id="q-{question["id"]}"' in text, f"{question['id']} is not shown in lesson {question['lesson']}"


def test_figures_are_current_with_the_data(content):
    manifest = json.loads((paths.figures_dir() / "figures.json").read_text(encoding="utf-8"))
    drawn = set()
    for name in timeline_figure.figures():
        chosen = timeline_figure.figure_events(name, content.events)
        assert manifest[name]["data_hash"] == timeline_figure.data_hash(chosen), f"run `make figures`: {name} is stale"
        assert set(manifest[name]["events"]) == {e["id"] for e in chosen}
        drawn |= set(manifest[name]["events"])
        for suffix in (".png", ".svg"):
            assert (paths.figures_dir() / f"{name}{suffix}").stat().st_size > 10_000
    assert drawn == {e["id"] for e in content.events if e["core"] == "yes"}, "every core event appears in a figure"


def test_timeline_figure_draws_every_event_it_is_given(content):
    import matplotlib

    matplotlib.use("Agg")
    numbers = number_events(content.events)
    fig, drawn = timeline_figure.figure(content.events, numbers, "all")
    assert sorted(drawn) == sorted(e["id"] for e in content.events)
    labels = {t.get_text() for t in fig.axes[0].texts}
    assert {str(n) for n in numbers.values()} <= labels


def test_label_levels_never_crowd_a_level():
    xs = [0, 1, 2, 50, 51, 200]
    levels = timeline_figure._label_levels(xs, min_gap=10)
    for level in set(levels):
        on_level = [x for x, lv in zip(xs, levels) if lv == level]
        assert all(b - a >= 10 for a, b in zip(on_level, on_level[1:]))
    assert levels == [0, 1, 2, 0, 1, 0]


def test_committed_notebooks_show_static_faces_not_widget_errors():
    """Opened before they are run, notebooks must show worksheets, not
    'Error displaying widget': no saved output may need a live widget."""
    for path in build.notebooks():
        nb = nbformat.read(path, as_version=4)
        assert "widgets" not in nb.metadata, path.name
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                assert "application/vnd.jupyter.widget-view+json" not in data, path.name
                assert leaks.broken_render_markers(str(data.get("text/plain", ""))) == [], path.name


def test_lessons_have_objectives_and_key_points():
    for path in build.notebooks(include_instructor=False):
        headings = [line for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "markdown"
                    for line in cell.source.splitlines() if line.startswith("#")]
        assert headings[0].startswith("# "), path.name
        assert any("Learning objectives" in h for h in headings), path.name
        assert any("Key points" in h for h in headings), path.name
        assert sum(h.startswith("# ") for h in headings) == 1, f"{path.name}: one title only"


RELEASE_SUFFIXES = (".ipynb", ".csv", ".yaml", ".md", ".py", ".json", ".txt", ".html", ".svg")


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    return build.build_release(tmp_path_factory.mktemp("release") / "release")


def test_student_release_holds_no_instructor_material(release, content):
    texts = leaks.instructor_texts(content.questions)
    assert len(texts) >= 40
    assert not (release / "instructor").exists()
    assert len([p for p in release.rglob("*") if p.suffix in RELEASE_SUFFIXES]) > 20
    found = leaks.find_leaks(release, texts, RELEASE_SUFFIXES)
    assert found == [], "\n".join(found)
    assert (release / "notebooks" / "04_discussion.ipynb").exists() and (release / "syria_lesson" / "live" / "answers.py").exists()
    # Ready to be its own repository, for Binder or nbgitpuller links that students can follow.
    assert (release / "binder" / "requirements.txt").exists() and (release / "pyproject.toml").exists()
    assert "notebooks/answers/" in (release / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_the_release_check_would_catch_a_note_in_a_notebook_output(release, content, tmp_path):
    """A note with quotation marks or an apostrophe, rendered as the instructor
    edition renders it and saved in a notebook's output (JSON-escaped and
    HTML-escaped), is still found."""
    import shutil

    from syria_lesson.data import load_instructor_notes

    notes = load_instructor_notes(content.questions)
    texts = leaks.instructor_texts(content.questions)
    key, name, _, prefix = next(t for t in texts if t[0] in {q["id"] for q in content.questions}
                                and ('"' in t[3] or "'" in t[3]))
    copy = shutil.copytree(release, tmp_path / "release")
    path = copy / "notebooks" / "04_discussion.ipynb"
    nb = nbformat.read(path, as_version=4)
    leaked = str(worksheet.instructor_html(content.question(key), {name: notes[key][name]}))
    [c for c in nb.cells if c.cell_type == "code"][-1].outputs.append(nbformat.v4.new_output(
        "display_data", data={"text/html": leaked, "text/plain": "x"}))
    nbformat.write(nb, path)
    assert leaks.find_leaks(copy, texts, RELEASE_SUFFIXES) == [f"{key}.{name} ({prefix!r}) in notebooks/04_discussion.ipynb"]


def test_the_instructor_edition_does_show_the_notes(monkeypatch):
    """The check above must be able to fail: the same needles do appear when
    the instructor edition renders a question."""
    from syria_lesson.core.html import escape
    from syria_lesson.data import load_instructor_notes

    content = load_all()
    notes = load_instructor_notes(content.questions)
    question = content.question("d04_essay_right_not_optimistic")
    page = worksheet.worksheet_html(question, notes)
    assert escape(notes[question["id"]]["model_answer"][:60]) in page
    assert "For the instructor" not in worksheet.worksheet_html(question, None)


def test_events_table_columns_are_the_ones_the_stylesheet_sizes():
    # handout.css gives the events table's columns their widths by position.
    css = (paths.PACKAGE_PARENT / "syria_lesson" / "templates" / "handout" / "handout.css").read_text(encoding="utf-8")
    sized = sorted({int(n) for n in re.findall(r"\.sl-events th:nth-child\((\d+)\)", css)})
    labels = [label for _, label in timeline.TABLE_COLUMNS]
    assert labels == ["No.", "Date (which date)", "Event", "Track", "Kind", "In the article?", "Source"], (
        "The events table's columns changed: update the .sl-events widths in handout.css, then this list.")
    assert sized == list(range(1, len(labels) + 1))
    assert 'class="sl-table sl-events"' in timeline.events_table_html([], {}, "")


def test_the_records_two_dates_in_prose_are_the_dates_in_the_data(content):
    """Two dates where a reader meets them (issue 24, item 4): the latest event's day and the
    latest `checked` day in events.csv (when the sources were last searched), in the README
    (typed, so tested) and in lessons 00 and 05 (computed when they run), with what to assume
    about the months between."""
    from syria_lesson.core.dates import long_date
    from syria_lesson.lessons.reference import record_checked_text, record_gap_text

    latest = max((e.get("end_date") or e["date"] for e in content.events), key=date_start)
    checked = max(e["checked"] for e in content.events)
    assert content.latest_event_date == latest and content.record_checked == checked
    sentence = record_checked_text()
    assert sentence == (f"The timeline's latest event is dated {long_date(latest)}; "
                        f"its sources were last searched on {long_date(checked)}.")
    readme = " ".join((paths.ROOT / "README.md").read_text(encoding="utf-8").split())
    assert sentence in readme, f"README.md must say: {sentence}"
    gap = record_gap_text()
    if (date_start(checked) - date_start(latest)).days > 31:
        assert "gap, not a quiet time" in gap and long_date(latest) in gap
    assert f"Nothing after {long_date(checked)} is in the timeline" in gap
    for lesson in ("00", "05"):  # rendered now, not the committed outputs (stale after a data change)
        text = " ".join(rendered(lesson).split())
        assert sentence in text, f"lesson {lesson} does not state the record's two dates"
        # what the months between mean matters when a student judges what came after: lesson 05
        assert (" ".join(gap.split()) in text) == (lesson == "05"), f"lesson {lesson}: the gap note"


def test_the_latest_event_counts_its_last_day_and_keeps_its_precision():
    from syria_lesson.data.events import latest_event_date

    rows = [{"id": "a", "date": "2026-01-05", "end_date": "2026-03-02"}, {"id": "b", "date": "2026-02"},
            {"id": "c", "date": "2025-12-31"}]
    assert latest_event_date(rows) == "2026-03-02"
    assert latest_event_date(rows[1:]) == "2026-02"


def test_an_event_source_of_an_unknown_kind_is_refused(tmp_path, monkeypatch):
    import shutil

    from syria_lesson.core.validate import DataError
    from syria_lesson.data import load_events

    copy = shutil.copytree(paths.data_dir(), tmp_path / "data")
    path = copy / "events.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",primary,", ",blog,", 1), encoding="utf-8")
    monkeypatch.setenv("SYRIA_LESSON_DATA", str(copy))
    with pytest.raises(DataError, match="(?s)column 'source_kind': 'blog' is not allowed.*primary, news, reference"):
        load_events()


def test_every_table_cell_reads_left_to_right_in_jupyterlab_too():
    """JupyterLab right-aligns table cells; sentences in a right-aligned column are hard to read.
    Every table the package builds aligns its cells left and top inline (the handouts' CSS does too)."""
    import re

    from syria_lesson.core.html import CELL, table
    from syria_lesson.lessons.article import statement
    from syria_lesson.lessons.forecasts.view import fixed_table

    built = [str(table([{"a": "x", "b": "a sentence"}], [("a", "A"), ("b", "B")], caption="c")),
             str(fixed_table([["1", "a sentence"]], [("No.", 10), ("Text", 90)], caption="c")),
             str(statement.statement_html())]
    for page in built:
        cells = re.findall(r"<t[hd]\b[^>]*>", page)
        assert cells and all(CELL in cell for cell in cells), [c for c in cells if CELL not in c][:3]
