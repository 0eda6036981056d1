"""The web edition's page builder (build/web.py, build/web_kinds.py): fast, no browser.

Its pages are made from the data and the committed notebooks; every question has its
browser face; nothing is loaded from the network; and no right answer, feedback or reading
is in a page or its data as words (they are digests or sealed until the student's attempt).
"""

from __future__ import annotations

import json
import re

import nbformat
import pytest

from syria_lesson import kinds
from syria_lesson.build import notebooks, web, web_kinds, web_reference
from syria_lesson.core import editions
from syria_lesson.core.vocab import BASES, STANCES, VERDICTS
from syria_lesson.data import load_all
from syria_lesson.lessons.positions.cells import predicted
from syria_lesson.live.worksheet import answer_text


@pytest.fixture(scope="module")
def content():
    return load_all()


@pytest.fixture(scope="module")
def pages(content):
    """Lessons 01 and 04: between them every sealed kind but two, and a reveal and a progress list."""
    wanted = [p for p in notebooks(include_instructor=False) if p.name.startswith(("01_", "03_", "04_"))]
    exporter = web.exporter()
    return {p.name[:2]: web.lesson_page(p, content, "2025-01-01", exporter) for p in wanted}


def test_seal_and_digest():
    assert web_kinds.unseal("q/slot", web_kinds.seal("q/slot", "Right. <b>Why</b> – ü")) == "Right. <b>Why</b> – ü"
    assert web_kinds.seal("q/a", "same text") != web_kinds.seal("q/b", "same text")
    assert web_kinds.digest("q1", "Option") == web_kinds.digest("q1", "Option") != web_kinds.digest("q2", "Option")


def test_script_json_cannot_close_its_script_element():
    text = str(web.script_json({"a": "</script><script>alert(1)</script>", "b": "\u2028"}))
    assert "</script" not in text and "<" not in text
    assert json.loads(text) == {"a": "</script><script>alert(1)</script>", "b": "\u2028"}


def test_the_web_edition_is_a_published_row_with_a_builder_of_its_own():
    web_edition = editions.get("web")
    assert web_edition.published and not web_edition.shows_readings and not web_edition.paper
    assert "web" not in {e.name for e in editions.handouts()}


def test_every_question_of_a_lesson_has_its_face(pages, content):
    for lesson, page in pages.items():
        tags = re.findall(r'<div [^>]*class="sl-question sl-web-q[^>]*>', page)
        faces = [(re.search(r'data-q="([\w-]+)"', t).group(1), re.search(r'data-kind="(\w+)"', t).group(1)) for t in tags]
        assert sorted(q for q, _ in faces) == sorted(q["id"] for q in content.lesson_questions(lesson))
        for qid, kind in faces:
            assert content.question(qid)["kind"] == kind
        assert 'class="sl-reveal-of"' not in page  # every reveal was replaced by a sealed one
        assert "data-namebar" in page and "Not you? Change" in page and "data-export" in page


def test_each_face_has_labelled_controls(content):
    for q in content.questions:
        face = str(web_kinds.face(q, "label", content))
        for control in re.findall(r'<(?:textarea|select|input type="text")[^>]*>', face):
            ident = re.search(r'id="([^"]+)"', control)
            assert 'aria-label="' in control or (ident and f'for="{ident.group(1)}"' in face), (q["id"], control)


def test_nothing_is_loaded_from_the_network(pages):
    for page in pages.values():
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", page):
            source = re.search(r'(?:src|href)="([^"]*)"', tag)
            assert source is None or not re.match(r"(https?:)?//", source.group(1)), tag


def test_no_plain_key_reading_or_feedback_in_a_page(pages, content):
    public = web.questions_script(content)
    for lesson, page in pages.items():
        for q in content.lesson_questions(lesson):
            kind = kinds.kind_of(q)
            secrets = [s for s in kind.secrets(q) if len(s) > 25]
            reading = kind.reading(q)
            if reading:
                secrets.append(re.sub(r"<[^>]+>", "", str(reading))[:60])
            for secret in secrets:
                escaped = str(web_kinds.html("{}", secret))
                assert secret not in page and escaped not in page, (q["id"], secret[:40])
                assert secret not in public and escaped not in public, (q["id"], secret[:40])
    assert '"answer"' not in public


def test_sealed_feedback_is_what_jupyterlab_shows(content):
    q = next(q for q in content.questions if q["kind"] == "selfcheck")
    kind = kinds.kind_of(q)
    sealed = web_kinds.sealed(q)
    for option in kind.shown(q):
        assert web_kinds.unseal(f"{q['id']}/option:{option}", sealed[f"option:{option}"]) == str(kind.feedback(q, option))
    assert web_kinds.public(q, content)["right"] == web_kinds.digest(q["id"], q["answer"])


def test_a_reveal_seals_the_reading_the_notebook_would_show(content):
    import nbformat

    path = next(p for p in notebooks(include_instructor=False) if p.name.startswith("01_"))
    nb, sealed, _ = web.web_notebook(nbformat.read(path, as_version=4), content)
    reveals = {k: v for k, v in sealed.items() if k.startswith("reveal:")}
    assert len(reveals) == 3
    for key, slots in reveals.items():
        reading = web_kinds.unseal(f"{key}/reading", slots["reading"])
        assert reading.startswith('<section class="sl-box sl-reveal"') and len(reading) > 200


def test_questions_script_describes_every_question(content):
    text = web.questions_script(content)
    data = json.loads(text.split("window.SL_DATA = ", 1)[1].rstrip().rstrip(";"))
    assert data["order"] == [q["id"] for q in content.questions]
    assert set(data["stances"]) and set(data["bases"]) and set(data["verdicts"])
    # the text a saved value gets is answer_text's; the browser test compares the script's with it
    q = next(q for q in content.questions if q["kind"] == "forecast")
    assert answer_text(q, {"probability": 70, "reason": "x"}) == "70%. Because: x"


def test_lesson_05_carries_the_outcomes_to_score_lesson_04s_forecasts(content):
    from syria_lesson.build import web_forecasts
    from syria_lesson.lessons import forecasts as fc

    data = web_forecasts.outcomes(content)
    questions = fc.forecast_questions(content.questions)
    assert [o["id"] for o in data["outcomes"]] == [q["id"] for q in questions]
    for o, q in zip(data["outcomes"], questions):
        assert o["happened"] == fc.OUTCOME[q["forecast"]["resolution"]]
        assert o["question"] == q["forecast"]["question"]
    assert {o["happened"] for o in data["outcomes"]} == {0, 1, None}  # settled both ways, and one still open
    assert data["seal"] == fc.SEAL and data["noSkill"] == fc.NO_SKILL
    path = next(p for p in notebooks(include_instructor=False) if p.name.startswith("05_"))
    page = web.lesson_page(path, content, "2025-01-01")
    found = re.findall(r'<script [^>]*class="sl-scores-data"[^>]*>(.*?)</script>', page)
    assert len(found) == 1 and json.loads(found[0]) == json.loads(str(web_forecasts._json(data)))
    assert 'class="sl-print-only"' in page and "web_scores.js" in page  # on paper: the table to score by hand


def test_the_calibration_picture_groups_and_captions_as_jupyterlab_does():
    """web_calibration.js gets the groups' edges and the caption of JupyterLab's picture (forecasts.view)."""
    from syria_lesson.build import web_forecasts
    from syria_lesson.lessons import forecasts as fc
    from syria_lesson.lessons.forecasts import view

    data = web_forecasts.outcomes(load_all())
    assert data["binEdges"] == list(fc.BIN_EDGES)
    shown = str(view.figure_html({"scored": [{"probability": 70, "happened": 1, "author": 60}]}))
    assert f"<figcaption>{data['calibrationCaption']}</figcaption>" in shown


def test_the_explorer_and_compare_view_are_found_by_their_call_wherever_they_are(content):
    from syria_lesson.build import web_views

    assert web_views.calls('# A label\ntimeline.explorer("timeline_2012_2018", hold_back="ph02_phrases")') == [
        ("timeline.explorer", ["timeline_2012_2018"], {"hold_back": "ph02_phrases"})]
    assert web_views.calls("%pip install x") == [] and web_views.face("print(1)", content) is None
    explorer, sealed = web_views.face('timeline.explorer("timeline_after_2017")', content)
    assert 'data-explore="timeline_after_2017"' in explorer and not sealed
    compare, _ = web_views.face('positions.compare("us_white_house", lesson_id="03")', content)
    data = json.loads(re.search(r'class="sl-view-data">(.*?)</script>', str(compare)).group(1))
    assert data["a"] == "us_white_house" and data["lesson"] == "03"


def _view_data(face) -> dict:
    return json.loads(re.search(r'class="sl-view-data">(.*?)</script>', str(face)).group(1))


def test_the_explorer_holds_back_the_paragraph_links_sealed(content):
    from syria_lesson.build import web_views
    from syria_lesson.data.events import explorer_events, number_events
    from syria_lesson.lessons.timeline.table import table_rows

    face, sealed = web_views.explorer("timeline_2012_2018", "ph02_phrases", content)
    data = _view_data(face)
    events = explorer_events("timeline_2012_2018", content.events)
    linked = table_rows(events, number_events(content.events), content=content)
    assert [e["id"] for e in data["events"]] == [e["id"] for e in events]
    with_paragraph = [r["link_label"] for r in linked if "paragraph" in r["link_label"]]
    assert with_paragraph and not any("paragraph" in e["linkLabel"] for e in data["events"])
    assert not any(label in str(face) for label in with_paragraph)  # nor in the static table
    opened = json.loads(web_kinds.unseal("explorer:timeline_2012_2018/paragraphs",
                                         sealed["explorer:timeline_2012_2018"]["paragraphs"]))
    assert opened == {e["id"]: r["link_label"] for e, r in zip(events, linked)}
    assert 'class="sl-view-controls" hidden' in str(face)  # shown by the script; the static table stays without it


def test_the_compare_view_seals_each_predicted_cell(content):
    from syria_lesson.build import web_views
    from syria_lesson.lessons.positions.cells import predicted

    face, sealed = web_views.compare(None, None, "03", content)
    data, cells = _view_data(face), sealed["compare:03"]
    held = predicted("03", content=content)
    assert held and len(cells) == len(held)
    for (actor, topic), q in held.items():
        assert data["cells"][f"{actor}:{topic}"] == {"blank": data["cells"][f"{actor}:{topic}"]["blank"],
                                                     "question": q["id"]}
        opened = json.loads(web_kinds.unseal(f"compare:03/cell:{actor}:{topic}", cells[f"cell:{actor}:{topic}"]))
        assert opened["stance"] == content.position(actor, topic)["stance_code"]
        assert content.position(actor, topic)["stance"] not in str(face)  # in neither the data nor the static table
    open_cells = [c for c in data["cells"].values() if "html" in c]
    assert len(open_cells) == len(content.actors) * len(content.topics) - len(held)


def test_the_page_scripts_are_small_files_of_one_job_each_loaded_in_order(pages):
    """Plain scripts side by side (ES modules would not load from file://), each under the package's 300 lines."""
    folder = web.TEMPLATES / "web"
    assert sorted(p.name for p in folder.glob("*.js")) == sorted(web.SCRIPTS)
    for name in web.SCRIPTS:
        text = (folder / name).read_text(encoding="utf-8")
        assert len(text.splitlines()) <= 300, f"{name} has {len(text.splitlines())} lines: split it"
        assert text.startswith("/* ") and not re.search(r"^\s*(import|export)\s", text, re.M), name  # its job; no module syntax
    for page in pages.values():
        loaded = re.findall(r'<script src="([^"]+)"></script>', page)
        assert loaded == ["sl-questions.js", *web.SCRIPTS]


SENTENCE = "Because the statement names no date, the talks could drift for years."


def sample_values(q: dict) -> list:
    """Answers to a question as a student might save them: clicks alone, a one-letter reason, one word
    typed over and over, and a proper reason of a sentence (last)."""
    kind = kinds.kind_of(q)
    if q["kind"] == "open":
        return ["x", "no " * 9, "Fine.", SENTENCE]
    if q["kind"] == "ranking":
        return [list(q["options"])]
    first = {"selfcheck": lambda: {"choice": kind.shown(q)[0], "correct": False},
             "classify": lambda: {"kind": kind.shown(q)[0], "vague": [], "attempts": 1, "correct": False},
             "match": lambda: {"chosen": {i["id"]: q["match_choices"][0]["id"] for i in q["match_items"]}, "tries": {}},
             "predict": lambda: {"stance": STANCES.codes[0], "basis": BASES.codes[0]},
             "verdict": lambda: {"verdict": VERDICTS.codes[0]},
             "forecast": lambda: {"probability": 70},
             "scale": lambda: {"score": q["scale"]["min"]}}[q["kind"]]()
    return [first, {**first, "reason": "x"}, {**first, "reason": "talks " * 9}, {**first, "reason": SENTENCE}]


def test_the_page_carries_the_kernels_thought_rule_for_every_question(content):
    """What opens our reading in the browser is the kernel's rule, carried as data, for every question."""
    for q in content.questions:
        kind, shown = kinds.kind_of(q), web_kinds.public(q, content)
        assert shown["thought"] == kind.thought_rule(q), q["id"]
        *clicks, proper = sample_values(q)
        assert kind.shows_thought(q, proper) and not any(kind.shows_thought(q, v) for v in clicks), q["id"]
        # and the kernel applies that very rule: raise its count and the same sentence no longer earns the reading
        rule = dict(kind.thought_rule(q), minWords=999)
        kind.thought_rule = lambda q, rule=rule: rule
        try:
            assert not kind.shows_thought(q, proper), q["id"]
        finally:
            del kind.thought_rule


def test_every_kind_that_asks_a_reason_in_jupyterlab_has_its_box_in_the_page(content):
    for q in content.questions:
        face = str(web_kinds.face(q, "label", content))
        wants = kinds.kind_of(q).thought_rule(q)["reasonIn"]
        assert ('data-field="reason"' in face) == (wants == "reason"), (q["id"], q["kind"])
        if q["kind"] in web_kinds.SEALED_KINDS:  # its own button waits for the reason, and says so
            assert f"at least {kinds.base.MIN_WORDS} words" in face, q["id"]


# ---------------------------------------------------------------- the reference's page, and the links to it


@pytest.fixture(scope="module")
def reference_page(content):
    from syria_lesson.build import REFERENCE

    anchors = web_reference.reference_anchors(nbformat.read(REFERENCE, as_version=4))
    return web.lesson_page(REFERENCE, content, "2025-01-01", web.exporter(), anchors), anchors


def test_the_reference_is_a_page_of_its_own_with_its_views_live_and_its_held_back_parts_sealed(reference_page, content):
    page, anchors = reference_page
    assert len(page.encode("utf-8")) <= 900_000  # one page: with the shared scripts and data, under 1 MB
    assert page.count('data-explore="') == 2 and page.count('data-compare="03"') == 1
    settings = json.loads(re.search(r'id="sl-settings"[^>]*>(.*?)</script>', page).group(1))
    sealed = json.loads(re.search(r'id="sl-sealed"[^>]*>(.*?)</script>', page).group(1))
    assert settings["lesson"] == "" and settings["asked"] == []
    # lesson 02's matching links and lesson 03's predicted cells, sealed as in the lessons
    assert set(sealed) == {"explorer:timeline_2012_2018", "compare:03"}
    assert len(sealed["compare:03"]) == len(predicted("03", content=content))
    for (actor, topic) in predicted("03", content=content):
        assert content.position(actor, topic)["stance"] not in page, (actor, topic)
    assert 'href="reference.html"' in page  # in its bar, as on every page of the edition
    assert {"Part 1", "Part 2", "Part 1, section 3", "Part 1, section 4", "Part 2, section 9"} <= set(anchors)
    for ident in anchors.values():
        assert f'id="{ident}"' in page, ident


def test_every_mention_of_the_reference_in_a_lesson_links_to_its_page_and_the_notebooks_keep_their_words(content):
    from syria_lesson.build import REFERENCE

    anchors = web_reference.reference_anchors(nbformat.read(REFERENCE, as_version=4))
    for path in notebooks(include_instructor=False):
        nb = nbformat.read(path, as_version=4)
        before = [c.source for c in nb.cells]
        said = sum(c.source.count("the **Reference**") for c in nb.cells if c.cell_type == "markdown")
        done, _, _ = web.web_notebook(nb, content, anchors)
        text = "\n".join(c.source for c in done.cells if c.cell_type == "markdown")
        assert [c.source for c in nb.cells] == before  # the notebook itself is unchanged
        assert "the **Reference**" not in text, path.name
        assert text.count("the [**Reference**](reference.html") == said, path.name
        if path.name.startswith("02_"):
            assert "[**Reference**](reference.html#section-3) (Part 1, section 3)" in text
        if path.name.startswith("05_"):
            assert "[**Reference**](reference.html#part-2) (Part 2)" in text
    # in JupyterLab's words, and without a reference page, nothing changes
    assert web_reference.link_mentions("the Reference handout", anchors) == "the Reference handout"
    nb = nbformat.read(notebooks(include_instructor=False)[0], as_version=4)
    assert web.web_notebook(nb, content)[0].cells[-1].source == nb.cells[-1].source


def test_the_index_links_to_the_reference_when_it_is_built(content):
    assert 'href="reference.html"' in web.index_page(content, [], "2025-01-01", reference=True)
    assert "reference.html" not in web.index_page(content, [], "2025-01-01")
