"""The web edition in headless Chromium, with every request outside the edition's own
folder refused: each question kind answered on every lesson and kept across a reload,
reveals that stay closed until the attempt, Export read by the class view, Import from
JupyterLab's export and refusal of bad files, hostile text kept as text, a phone
viewport, and axe-core.

Without Chromium or Playwright these tests are skipped, and say why; with
REQUIRE_BROWSER=1 (as in CI) they fail instead.
"""

from __future__ import annotations

import json

import browser_checks as bc
import pytest
from test_web import sample_values

from syria_lesson import kinds
from syria_lesson.build import notebooks, web_kinds
from syria_lesson.data import load_all
from syria_lesson.kinds.base import words_in
from syria_lesson.live.answers import AnswerBook
from syria_lesson.live.exports import export
from syria_lesson.live.worksheet import answer_text, is_answered
from syria_lesson.teacher.handed_in import MAX_FILE, read_class, read_student

bc.require_browser_for_module()

pytestmark = [pytest.mark.slow, pytest.mark.browser]

LESSONS = [p.stem for p in notebooks(include_instructor=False)]
HOSTILE_JS = "'<script>window.pwned=1</script><img src=x onerror=\"window.pwned=1\"> \\ud800 end'"


def _open(browser, site, page_name, blocked, width=1100):
    """A fresh context that refuses every request outside the site's folder (recorded in ``blocked``)."""
    context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    inside = site.as_uri() + "/"

    def gate(route):
        url = route.request.url
        if url.startswith((inside, "data:", "blob:")):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", gate)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{inside}{page_name}.html")
    page.wait_for_function("document.documentElement.dataset.slReady === '1'")
    return context, page, errors


def _start(page, name="Ana Test"):
    page.fill("#sl-name", name)
    page.click("form[data-nameform] button")


REASON = "My own reason: the statement names no date, so talks could drift."


def _answer(page, qid, kind, reason=REASON):
    """Answer one question as a student would, with mouse and keyboard, giving ``reason`` wherever a box asks why."""
    el = page.locator(f'[data-q="{qid}"]')
    el.scroll_into_view_if_needed()
    if kind == "open":
        el.locator("textarea").fill(reason)
    elif kind in ("choice", "selfcheck", "classify"):
        el.locator("input[type=radio]").first.check()
        if kind == "classify" and el.locator("input[type=checkbox]").count():
            el.locator("input[type=checkbox]").first.check()
        if kind != "choice" and el.locator("textarea").count():  # the reason box
            el.locator("textarea").fill(reason)
    elif kind == "scale":
        el.locator("input[type=radio]").nth(1).check()
        el.locator("textarea").fill(reason)
    elif kind == "ranking":
        drops = el.locator("select")
        for n in range(drops.count()):
            drops.nth(n).select_option(str(drops.count() - n))
    elif kind == "match":
        drops = el.locator("select")
        for n in range(drops.count()):
            drops.nth(n).select_option(index=1 + n % 2)
        if el.locator("textarea").count():
            el.locator("textarea").fill(reason)
    elif kind in ("predict", "verdict"):
        drops = el.locator("select")
        for n in range(drops.count()):
            drops.nth(n).select_option(index=1)
        el.locator("textarea").fill(reason)
    elif kind == "forecast":
        el.locator("input[type=text]").fill("70%")
        el.locator("textarea").fill(reason)
    if kind in ("selfcheck", "classify", "match"):
        el.locator("[data-action=check]").click()
    if kind in ("predict", "verdict"):
        el.locator("[data-action=compare]").click()


def _book(page):
    return page.evaluate("""() => { const key = Object.keys(localStorage).find(k => k.includes('/answers/'));
                                    return key ? JSON.parse(localStorage.getItem(key)).answers : {}; }""")


def _controls(page):
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.sl-web-q')].map(el => {
        const q = SL_DATA.questions[el.dataset.q]; return [q.id, SL.kinds[q.kind].read(el, q)]; }))""")


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_kind_answered_and_kept_across_a_reload(browser, site, lesson):
    content = load_all()

    def scenario(chromium):
        blocked = []
        context, page, errors = _open(chromium, site, lesson, blocked)
        try:
            _start(page)
            reveals = page.locator("[data-reveal]")
            for n in range(reveals.count()):  # closed, and the reading is not in the page at all
                assert reveals.nth(n).locator(".sl-reveal-body").is_hidden()
                assert reveals.nth(n).locator(".sl-reveal-body").inner_html() == ""
            asked = page.evaluate("JSON.parse(document.getElementById('sl-settings').textContent).asked")
            for qid in asked:
                _answer(page, qid, content.question(qid)["kind"])
            page.wait_for_timeout(900)  # the debounce
            saved = _book(page)
            before = _controls(page)
            page.reload()
            page.wait_for_function("document.documentElement.dataset.slReady === '1'")
            after = _controls(page)
            opened = [reveals.nth(n).locator(".sl-reveal-body").inner_text() for n in range(reveals.count())]
            return asked, saved, before, after, opened, blocked, errors
        finally:
            context.close()

    asked, saved, before, after, opened, blocked, errors = browser.run(scenario)
    assert not errors and not blocked
    for qid in asked:
        q = content.question(qid)
        assert qid in saved, f"{qid} ({q['kind']}) was not saved"
        assert is_answered(q, saved[qid]["value"]), (qid, saved[qid]["value"])
        assert after[qid] == before[qid] == saved[qid]["value"], qid
    assert all(len(text) > 100 for text in opened)  # every reveal opened once its questions were answered


WORDS = ["a b c", "Ünal's café, naïve", "Россия и США", "سوريا والولايات", "x_y 2017 4th A1 ²nd", "don't  stop", "🙂 ok"]


def test_the_scripts_rule_of_thought_is_the_kernels_for_every_question(browser, site):
    """SL.showsThought gives the kernel's shows_thought for every question and every sample answer (clicks
    alone, one letter, one word over and over, a sentence), and counts words as kinds.base.words_in does."""
    content = load_all()
    samples = {q["id"]: sample_values(q) for q in content.questions}
    kernel = {q["id"]: [kinds.kind_of(q).shows_thought(q, v) for v in samples[q["id"]]] for q in content.questions}

    def scenario(chromium):
        blocked = []
        context, page, errors = _open(chromium, site, LESSONS[0], blocked)
        try:
            script = page.evaluate("""samples => Object.fromEntries(Object.entries(samples).map(([id, values]) =>
                [id, values.map(v => SL.showsThought(SL_DATA.questions[id], v))]))""", samples)
            return script, page.evaluate("texts => texts.map(t => SL.wordsIn(t))", WORDS), blocked, errors
        finally:
            context.close()

    script, words, blocked, errors = browser.run(scenario)
    assert not errors and not blocked
    assert script == kernel
    assert any(kernel.values()) and not all(all(v) for v in kernel.values())  # both outcomes were tried
    assert words == [words_in(text) for text in WORDS]


@pytest.mark.parametrize("lesson", ["01_the_article", "03_actors_and_positions"])
def test_clicks_and_one_letter_never_open_a_reveal_and_a_sentence_does(browser, site, lesson):
    content = load_all()

    def closed(page):
        """Every reveal, feedback and matching note as the student sees it."""
        return page.evaluate("""() => ({
            reveals: [...document.querySelectorAll('[data-reveal]')].map(p => [p.querySelector('.sl-reveal-body').hidden,
                p.querySelector('.sl-reveal-body').innerHTML, p.querySelector('.sl-reveal-wait').innerText]),
            feedback: Object.fromEntries([...document.querySelectorAll('.sl-web-q')].map(el =>
                [el.dataset.q, el.querySelector('.sl-feedback').innerText
                               + [...el.querySelectorAll('.sl-note')].map(n => n.innerText).join('')]))})""")

    def scenario(chromium):
        blocked = []
        context, page, errors = _open(chromium, site, lesson, blocked)
        try:
            _start(page)
            asked = page.evaluate("JSON.parse(document.getElementById('sl-settings').textContent).asked")
            seen = {}
            for reason in ("", "x"):  # clicks alone, then a one-letter reason in every box
                for qid in asked:
                    _answer(page, qid, content.question(qid)["kind"], reason=reason)
                page.wait_for_timeout(900)  # the debounce
                seen[reason] = closed(page)
            page.reload()
            page.wait_for_function("document.documentElement.dataset.slReady === '1'")
            seen["reloaded"] = closed(page)
            for qid in asked:
                _answer(page, qid, content.question(qid)["kind"])
            page.wait_for_timeout(900)
            seen["sentence"] = closed(page)
            return asked, seen, blocked, errors
        finally:
            context.close()

    asked, seen, blocked, errors = browser.run(scenario)
    assert not errors and not blocked
    for state in ("", "x", "reloaded"):
        reveals = seen[state]["reveals"]
        assert reveals and all(hidden and not body for hidden, body, _ in reveals), state
        assert all("at least 8 words" in wait and "Question" in wait for _, _, wait in reveals), (state, reveals)
        for qid in asked:
            q = content.question(qid)
            if q["kind"] in web_kinds.SEALED_KINDS:
                shown = seen[state]["feedback"][qid]
                assert "Right." not in shown and "Not quite" not in shown and "module's" not in shown, (state, qid, shown)
                if state != "reloaded":
                    assert "at least 8 words" in shown, (state, qid, shown)
    assert all(not hidden and len(body) > 100 for hidden, body, _ in seen["sentence"]["reveals"])
    for qid in asked:
        q = content.question(qid)
        if q["kind"] in ("selfcheck", "classify", "predict"):
            assert "at least 8 words" not in seen["sentence"]["feedback"][qid]
            assert len(seen["sentence"]["feedback"][qid]) > 20, qid


def test_export_is_read_by_the_class_view_and_import_refuses_bad_files(browser, site, tmp_path):
    content = load_all()
    handed_in = tmp_path / "class"
    handed_in.mkdir()
    # An export from JupyterLab, to import into the web edition.
    book = AnswerBook("Bea Lab", folder=tmp_path / "lab")
    book.save("d04_optimism_scale", {"score": 2, "reason": "From the lab"})
    book.save("d04_forecast_sochi", {"probability": 40, "reason": "lab"})
    _, _, from_lab = export(book, [q for q in content.questions if q["kind"] != "selfcheck"], content.module,
                            tmp_path / "lab-export")
    bad = {"not-json.json": "{not json", "other.json": json.dumps({"format": "something-else", "answers": {}}),
           "version.json": json.dumps({"format": "syria-lesson-export", "version": 99, "student": "X", "answers": {}}),
           "huge.json": " " * (MAX_FILE + 1)}
    for name, text in bad.items():
        (tmp_path / name).write_text(text, encoding="utf-8")

    def scenario(chromium):
        blocked = []
        context, page, errors = _open(chromium, site, "04_discussion", blocked)
        try:
            _start(page, "Cem <b>Web</b>")
            area = page.locator('[data-q="d04_russian_reading"] textarea')
            area.evaluate(f"(el, _) => {{ el.value = {HOSTILE_JS}; el.dispatchEvent(new Event('input', {{bubbles: true}})); }}", None)
            _answer(page, "d04_forecast_sochi", "forecast")
            _answer(page, "d04_rank_obstacles", "ranking")
            page.wait_for_timeout(900)
            status = page.locator(".sl-export-status")
            with page.expect_download() as download:
                page.click("[data-action=export]")
            download.value.save_as(handed_in / download.value.suggested_filename)
            shown = page.locator('[data-q="d04_russian_reading"] textarea').input_value()
            pwned = page.evaluate("window.pwned === undefined")
            before = _book(page)
            messages = {}
            for name in bad:
                page.set_input_files("[data-action=import]", str(tmp_path / name))
                page.wait_for_function("document.querySelector('.sl-export-status').textContent.length > 0")
                messages[name] = status.inner_text()
                page.evaluate("document.querySelector('.sl-export-status').textContent = ''")
            unchanged = _book(page) == before
            page.set_input_files("[data-action=import]", str(from_lab))
            page.wait_for_function("document.querySelector('.sl-export-status').textContent.includes('Imported')")
            imported = (status.inner_text(), page.locator(".sl-who").inner_text(),
                        page.locator('[data-q="d04_optimism_scale"] textarea').input_value())
            return shown, pwned, messages, unchanged, imported, blocked, errors
        finally:
            context.close()

    shown, pwned, messages, unchanged, imported, blocked, errors = browser.run(scenario)
    assert not errors and not blocked
    assert shown.startswith("<script>") and pwned  # stored and shown as text, never run
    assert "cannot be read as JSON" in messages["not-json.json"]
    assert "not an export" in messages["other.json"]
    assert "another version" in messages["version.json"]
    assert "too large" in messages["huge.json"]
    assert all("Nothing was changed" in m for m in messages.values()) and unchanged
    assert "Imported 2 answers for Bea Lab" in imported[0] and "Bea Lab" in imported[1]
    assert imported[2] == "From the lab"
    # The class view reads the web export; its text and "answered" are what JupyterLab's export would say.
    students, skipped = read_class(handed_in)
    assert not skipped and [s["student"] for s in students] == ["Cem <b>Web</b>"]
    doc = json.loads(next(handed_in.iterdir()).read_text(encoding="utf-8"))
    assert doc["format"] == "syria-lesson-export" and doc["version"] == 1
    assert read_student(next(handed_in.iterdir()))["kind"] == "export"
    for qid, item in doc["answers"].items():
        q = content.question(qid)
        assert (item["lesson"], item["kind"], item["prompt"]) == (q["lesson"], q["kind"], q["prompt"])
        assert item["text"] == answer_text(q, item["value"]) and item["answered"] == is_answered(q, item["value"]), qid
    assert doc["answers"]["d04_russian_reading"]["value"].endswith("\ud800 end")


def test_a_phone_viewport_and_axe(browser, site):
    axe = bc.AXE
    if not axe.exists():
        bc.skip_or_fail(f"axe-core is not installed ({axe}); make a11y-tools installs it")

    def scenario(chromium):
        found = {}
        views = [p.stem for p in sorted(site.glob("*.html")) if "data-explore=" in p.read_text(encoding="utf-8")
                 or "data-compare=" in p.read_text(encoding="utf-8")]  # the explorer and compare view, live
        for lesson in ("index", "01_the_article", "04_discussion", *views):
            blocked = []
            context, page, errors = _open(chromium, site, lesson, blocked, width=360)
            try:
                _start(page)
                wide = page.evaluate("document.documentElement.scrollWidth")
                page.add_script_tag(path=str(axe))
                violations = page.evaluate(bc.AXE_JS, bc.AXE_TAGS)
                found[lesson] = (wide, bc.serious(violations), blocked, errors)
            finally:
                context.close()
        return found

    for lesson, (wide, serious, blocked, errors) in browser.run(scenario).items():
        assert not errors and not blocked, lesson
        assert wide <= 362, f"{lesson}: the page is {wide} px wide on a 360 px phone"
        assert not serious, f"{lesson}:\n{bc.describe_violations(serious)}"


GROUPINGS = [[[50, 1], [55, 0]], [[0, 0], [20, 1], [100, 1], [99, 0], [41, 1], [43, 1], [45, 0]], [[12.5, 1], [7.5, 0]]]


def test_lesson_05_scores_lesson_04s_forecasts_and_seals_them(browser, site):
    from syria_lesson.build import web_forecasts
    from syria_lesson.lessons import forecasts as fc
    from syria_lesson.lessons.forecasts.view import calibration_alt

    content = load_all()

    def forecast(page, qid, text):
        box = page.locator(f'[data-q="{qid}"] input[type=text]')
        box.scroll_into_view_if_needed()
        box.fill(text)
        page.wait_for_timeout(900)  # the debounce

    def scores(page, inside):
        page.goto(f"{inside}05_what_happened_next.html")
        page.wait_for_function("document.documentElement.dataset.slReady === '1'")
        line = page.locator("[data-scores] .sl-score-line").inner_text()
        later = page.locator("[data-scores] .sl-later").all_inner_texts()
        cells = dict(page.evaluate("""() => [...document.querySelectorAll('[data-scores] tr[data-outcome]')]
            .map(tr => [tr.dataset.outcome, tr.querySelector('[data-score]').textContent])"""))
        picture = page.evaluate("""() => { const svg = document.querySelector('[data-scores] figure svg');
            return svg && {name: svg.getAttribute('aria-label'), role: svg.getAttribute('role'),
                           circles: [...svg.querySelectorAll('circle')].map(c => Number(c.dataset.count)),
                           labels: [...svg.querySelectorAll('.sl-cal-label')].map(t => t.textContent),
                           dashed: !!svg.querySelector('line[stroke-dasharray]'),
                           words: document.querySelector('[data-scores] .sl-calibration-words').textContent,
                           caption: document.querySelector('[data-scores] figcaption').textContent}; }""")
        return line, later, cells, _book(page), picture

    def scenario(chromium):
        blocked = []
        context, page, errors = _open(chromium, site, "04_discussion", blocked)
        inside = site.as_uri() + "/"
        try:
            _start(page, "Dia Forecaster")
            forecast(page, "d04_forecast_sochi", "70")
            forecast(page, "d04_forecast_southwest", "35%")
            first = scores(page, inside)
            page.goto(f"{inside}04_discussion.html")
            page.wait_for_function("document.documentElement.dataset.slReady === '1'")
            forecast(page, "d04_forecast_sochi", "100")
            second = scores(page, inside)
            grouped = {str(pairs): page.evaluate("p => { const g = SL.calibrationGroups(p, [0, 20, 40, 60, 80, 100]);"
                                                 " return [g, SL.calibrationText(g)]; }", pairs) for pairs in GROUPINGS}
            return first, second, grouped, blocked, errors
        finally:
            context.close()

    first, second, grouped, blocked, errors = browser.run(scenario)
    assert not errors and not blocked
    values = {qid: entry["value"] for qid, entry in first[3].items()}
    assert fc.is_seal(values[fc.SEAL])  # sealed under the key the Python uses, with both forecasts
    assert set(values[fc.SEAL]["forecasts"]) == {"d04_forecast_sochi", "d04_forecast_southwest"}
    expected = fc.score(content.questions, values)
    assert expected["student"] is not None and len(expected["scored"]) == 2
    assert f"Your Brier score: {fc.fmt(expected['student'])}" in first[0]
    assert f"scores {fc.fmt(expected['no_skill'])} on the same outcomes" in first[0]
    assert fc.fmt(expected["no_skill"]) == "0.25"
    assert {r["id"]: fc.fmt(r["score"]) for r in expected["scored"]} == {
        k: v for k, v in first[2].items() if v != "not scored"}
    assert not first[1]
    # Changed after the outcomes were shown: the score is unchanged, the change listed apart.
    values = {qid: entry["value"] for qid, entry in second[3].items()}
    after = fc.score(content.questions, values)
    assert after["student"] == expected["student"] and second[0] == first[0]
    assert [r["id"] for r in after["later"]] == ["d04_forecast_sochi"]
    assert len(second[1]) == 1 and "70% (this is what is scored); changed later to 100% (not scored)" in second[1][0]
    # The calibration picture: the scored forecasts grouped as forecasts.calibration groups them, said in the
    # words of JupyterLab's alt text, and told apart by shape, label and a dashed line, not by colour.
    groups = fc.calibration((r["probability"], r["happened"]) for r in expected["scored"])
    picture = first[4]
    assert picture["role"] == "img" and picture["name"] == picture["words"] == calibration_alt(groups, None)
    assert picture["circles"] == [g["count"] for g in groups] and len(groups) == 2
    assert picture["labels"] == [f"{g['happened']} of {g['count']}" for g in groups] and picture["dashed"]
    assert picture["caption"] == web_forecasts.CALIBRATION_CAPTION and second[4] == picture  # scored as sealed
    for pairs in GROUPINGS:  # the script's grouping and words are the Python's, halves rounded alike
        groups = fc.calibration(pairs)
        assert grouped[str(pairs)] == [groups, calibration_alt(groups, None)], pairs


def test_printing_a_page_gives_the_worksheet(browser, site):
    """Chromium's print: no buttons, status lines or live scores; text fields ruled to write on; lesson 05
    prints the table to score by hand; and the PDF is made."""

    def scenario(chromium):
        found = {}
        for lesson in ("04_discussion", "05_what_happened_next"):
            blocked = []
            context, page, errors = _open(chromium, site, lesson, blocked)
            try:
                page.emulate_media(media="print")
                found[lesson] = page.evaluate("""() => {
                    const shown = sel => [...document.querySelectorAll(sel)].filter(e => getComputedStyle(e).display !== 'none').length;
                    const area = document.querySelector('.sl-web-q textarea'), style = area ? getComputedStyle(area) : null;
                    return {buttons: shown('.sl-button'), bar: shown('.sl-namebar'), live: shown('.sl-scores-live'),
                            byHand: shown('.sl-print-only'),
                            ruled: style ? style.backgroundImage.includes('repeating-linear-gradient') : null,
                            border: style ? style.borderTopWidth : null};
                }""")
                found[lesson]["pdf"] = page.pdf(format="A4")[:5]
                found[lesson]["problems"] = (blocked, errors)
            finally:
                context.close()
        return found

    found = browser.run(scenario)
    for lesson, seen in found.items():
        assert seen["problems"] == ([], []), lesson
        assert seen["pdf"] == b"%PDF-", lesson
        assert seen["buttons"] == 0 and seen["bar"] == 0 and seen["live"] == 0, (lesson, seen)
        assert seen["ruled"] and seen["border"] == "0px", (lesson, seen)
    assert found["05_what_happened_next"]["byHand"] == 1 and found["04_discussion"]["byHand"] == 0
