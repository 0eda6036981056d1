"""Lesson 06's document set and role-play (issue 28): each bad document or role
line gets one message naming the file, the document or role, the field and the
fix; the set fits the lesson's period even at seven documents of full length;
the anchor memos reach the instructor edition only."""

import shutil

import pytest
import yaml

from syria_lesson import data
from syria_lesson.build import timing
from syria_lesson.core import editions, paths
from syria_lesson.core.dates import format_date, long_date
from syria_lesson.core.html import escape
from syria_lesson.core.validate import DataError
from syria_lesson.data.document_set import MAX_WORDS, quotations
from syria_lesson.lessons import document_set, roleplay
from syria_lesson.lessons.forecasts import anchors

LESSON = "06"
PERIOD = 50


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A copy of the real data (and instructor) folders that a test may break."""
    folder = tmp_path / "data"
    shutil.copytree(paths.data_dir(), folder)
    shutil.copytree(paths.instructor_dir(), tmp_path / "instructor")
    monkeypatch.setenv("SYRIA_LESSON_DATA", str(folder))
    monkeypatch.setenv("SYRIA_LESSON_INSTRUCTOR", str(tmp_path / "instructor"))
    yield folder
    data.load_all.cache_clear()


def documents(folder) -> list[dict]:
    return yaml.safe_load((folder / "documents.yaml").read_text(encoding="utf-8"))["documents"]


def write_documents(folder, items: list[dict]) -> None:
    (folder / "documents.yaml").write_text(yaml.safe_dump({"documents": items}, allow_unicode=True),
                                           encoding="utf-8")


def broken(folder, **changes) -> str:
    """The message for the first document with ``changes`` (None removes a field)."""
    items = documents(folder)
    items[0] = {k: v for k, v in {**items[0], **changes}.items() if v is not None}
    write_documents(folder, items)
    with pytest.raises(DataError) as err:
        data.Content().documents()
    return str(err.value)


def words(n: int, word: str = "word") -> str:
    return " ".join([word] * n)


FIRST = yaml.safe_load((paths.ROOT / "data" / "documents.yaml").read_text(encoding="utf-8"))["documents"][0]
WHERE = f"data/documents.yaml, document 1 ('{FIRST['id']}')"


def test_the_placeholder_set_loads_in_the_agreed_format():
    items = data.load_all().documents()
    assert items and all(item["id"] == f"doc_{item['actor']}" for item in items)
    assert all(150 <= len(item["text"].split()) <= MAX_WORDS for item in items)


@pytest.mark.parametrize("count, problem, fix", [
    (MAX_WORDS + 1, f"has {MAX_WORDS + 1} words, more than {MAX_WORDS}", "cut it to at most 300 words"),
    (149, "has 149 words, fewer than 150", "give 150 to 300 words"),
])
def test_a_document_of_the_wrong_length_is_named_with_the_fix(data_dir, count, problem, fix):
    text = broken(data_dir, text=words(count))
    assert f"{WHERE}, column 'text'" in text and problem in text and f"Fix: {fix}" in text


@pytest.mark.parametrize("field", ["gist", "date", "publisher", "source_title", "source_url", "sourcing_questions"])
def test_a_document_without_its_gist_date_or_source_line_fails(data_dir, field):
    text = broken(data_dir, **{field: None})
    assert f"{WHERE}, column '{field}': is missing." in text and "Fix: add" in text


def test_a_document_dated_after_the_day_of_the_table_fails(data_dir):
    text = broken(data_dir, date="2017-11-21")
    assert f"{WHERE}, column 'date': '2017-11-21' is after 2017-11-20" in text
    assert "no party could know later ones" in text


def test_a_licence_must_be_one_of_three(data_dir):
    text = broken(data_dir, licence="fair-use")
    assert f"{WHERE}, column 'licence': 'fair-use' is not allowed" in text
    assert "public-domain, cc-by-4.0, short-quotes" in text


@pytest.mark.parametrize("mark", ["“{}”", '"{}"'])
def test_a_long_quotation_from_a_source_not_free_to_reproduce_fails(data_dir, mark):
    quote = mark.format(words(26, "quoted"))
    text = broken(data_dir, licence="short-quotes", text=words(140) + " " + quote)
    assert f"{WHERE}, column 'text'" in text and "quotes 26 words of a source that is not free to reproduce" in text
    assert "quote at most 25 words" in text


def test_a_quotation_of_25_words_passes_and_quotations_are_found():
    assert quotations('He said “a b” and "c d e".') == ["a b", "c d e"]


def test_a_long_quotation_is_allowed_where_the_licence_allows_reproduction(data_dir):
    items = documents(data_dir)
    items[0] = {**items[0], "licence": "cc-by-4.0", "text": words(140) + " “" + words(40, "kremlin") + "”"}
    write_documents(data_dir, items)
    assert data.Content().documents()[0]["licence"] == "cc-by-4.0"


def test_reproduced_only_where_the_licence_allows(data_dir):
    text = broken(data_dir, licence="short-quotes", reproduced=True)
    assert f"{WHERE}, column 'reproduced': True is not allowed under the licence 'short-quotes'" in text
    assert "otherwise paraphrase" in text


@pytest.mark.parametrize("changes, column, problem", [
    ({"actor": "isis", "id": "doc_isis"}, "actor", "is no party at the table"),
    ({"actor": "nobody", "id": "doc_nobody"}, "actor", "is not an actor in data/actors.csv"),
    ({"id": "doc_moscow"}, "id", f"does not match the actor '{FIRST['actor']}'"),
    ({"sourcing_questions": ["Only one?"]}, "sourcing_questions", "is not a list of two or three questions"),
    ({"date_kind": "leaked"}, "date_kind", "is not allowed"),
])
def test_other_bad_fields_are_named(data_dir, changes, column, problem):
    text = broken(data_dir, **changes)
    assert f"column '{column}'" in text and problem in text and "Fix:" in text


def test_two_documents_for_one_party_fail(data_dir):
    items = documents(data_dir)
    write_documents(data_dir, items + [{**items[0]}])
    with pytest.raises(DataError, match="is used twice"):
        data.Content().documents()


# ---------------------------------------------------------------- the role cards

def break_role(folder, old: str, new: str) -> str:
    path = folder / "roles.yaml"
    source = path.read_text(encoding="utf-8")
    assert old in source
    path.write_text(source.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as err:
        data.Content().roles()
    return str(err.value)


@pytest.mark.parametrize("old, new, problem", [
    # Russia's stance on Assad rests on a source of 22 November 2017: after the table.
    ("cite: [paragraph 9, paragraph 15]", "cite: [position russia/assad_future]", "is dated 2017-11-22, after 2017-11-20"),
    ("cite: [event sochi_congress_announced]", "cite: [event ev_2024_damascus_falls]", "after 2017-11-20"),
    ("cite: [event sochi_congress_announced]", "cite: [event no_such_event]", "is not an event in data/events.csv"),
    ("cite: [event sochi_congress_announced]", "cite: [position russia/weather]", "is not a row of data/positions.csv"),
    ("cite: [event sochi_congress_announced]", "cite: [paragraph 40]", "is not a paragraph of the op-ed"),
    ("cite: [event sochi_congress_announced]", "cite: [my memory]", "is not a citation"),
])
def test_a_role_line_cites_only_what_the_party_could_know(data_dir, old, new, problem):
    text = break_role(data_dir, old, new)
    assert "data/roles.yaml, role 2 ('russia'), wants" in text and "column 'cite'" in text and problem in text
    assert "Fix:" in text


def test_a_role_for_an_unknown_actor_fails(data_dir):
    text = break_role(data_dir, "actors: [turkey]", "actors: [ottomans]")
    assert "role 6 ('turkey'), column 'actors': 'ottomans' is not an actor in data/actors.csv" in text


def test_every_party_has_a_role_card_with_each_list():
    roles = data.load_all().roles()["roles"]
    assert [r["id"] for r in roles] == ["us", "russia", "syria_gov", "opposition", "sdf", "turkey", "iran"]
    assert all(r["wants"] and r["offers"] and r["refuses"] for r in roles)


def test_the_document_set_covers_all_seven_parties():
    content = data.load_all()
    missing = [r["name"] for r in content.roles()["roles"] if content.role_document(r["id"]) is None]
    assert missing == []


# ---------------------------------------------------------------- the documents as students see them

def test_each_document_shows_its_source_line_date_gist_and_questions():
    content = data.load_all()
    for compact in (False, True):
        page = str(document_set.set_html(content=content, compact=compact))
        for item in content.documents():
            assert escape(item["speaker"]) in page and escape(item["gist"]) in page
            assert (escape(item["publisher"]) if compact else item["source_url"]) in page
            assert all(escape(q) in page for q in item["sourcing_questions"])
            assert format_date(str(item["date"])) in page or long_date(str(item["date"])) in page


def test_the_memo_template_has_every_part_and_lines_only_on_paper():
    content = data.load_all()
    paper = str(roleplay.memo_template_html(content, paper=True))
    screen = str(roleplay.memo_template_html(content, paper=False))
    for part in ("To", "From", "Date", "The decision", "Options", "Recommendation", "Risks", "Evidence"):
        assert part in paper and part in screen
    assert "20 November 2017" in paper
    assert paper.count("sl-line") >= 12 and "sl-line" not in screen


def test_the_anchor_memos_reach_the_instructor_edition_only(monkeypatch):
    shown = []
    monkeypatch.setattr(anchors, "show_html", lambda html, text: shown.append(str(html)))
    anchors.show("memo", edition=editions.get("student"))
    anchors.show("memo", edition=editions.get("worksheet"))
    assert shown == []
    anchors.show("memo", edition=editions.get("instructor"))
    (page,) = shown
    assert all(f"Anchor answer: {level}" in page for level in ("strong", "middling", "weak"))
    turkey = next(d for d in data.load_all().documents() if d["id"] == "doc_turkey")
    assert page.count("How the") == 3 and escape(turkey["source_title"]) in page


def test_an_anchor_memo_citing_an_unknown_document_fails(data_dir):
    path = data_dir.parent / "instructor" / "anchors.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("documents: [doc_turkey]", "documents: [doc_mars]"),
                    encoding="utf-8")
    with pytest.raises(DataError, match="'doc_mars' is not known"):
        anchors.load_anchors(data.Content())


# ---------------------------------------------------------------- the period


def test_the_lesson_fits_one_period_counting_every_word_of_its_handout():
    """The seven documents, the role cards and the tasks, read at 170 words a minute from the built
    student handout, plus the tasks, the table and the pauses: one period."""
    time = timing.lesson_time(LESSON)
    assert time["computed"] <= time["stated"] == PERIOD, time


def test_the_period_check_fails_when_the_documents_are_too_long():
    page = timing.student_page(LESSON)
    end = page.rindex("</body>")
    longer = page[:end] + "<p>" + "word " * (timing.WORDS_PER_MINUTE * 5) + "</p>" + page[end:]  # five minutes more
    assert timing.lesson_time(LESSON, page=longer)["computed"] > PERIOD
