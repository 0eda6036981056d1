"""The HTML slide decks of `make slides` in headless Chromium, with every request
outside the file refused: nothing asked of the network, no script error, one
slide at a time moved by the keyboard and the buttons, the address kept in step
(#3 opens slide 3), speaker notes only in the instructor deck and only on N,
figures drawn with their alt text, axe-core's verdict, and print: one slide a
page (and each slide's notes after it in the instructor deck).

Without Chromium or Playwright these tests are skipped, and say why; with
REQUIRE_BROWSER=1 (as in CI) they fail instead."""

from __future__ import annotations

import io

import browser_checks as bc
import pytest
from pypdf import PdfReader

from syria_lesson.build import formats, slides
from syria_lesson.data import load_all

bc.require_browser_for_module()

pytestmark = [pytest.mark.slow, pytest.mark.browser]

VISIBLE_JS = """() => [...document.querySelectorAll('.slide, .notes')]
  .filter(e => e.offsetParent !== null && getComputedStyle(e).display !== 'none')
  .map(e => e.id)"""
IMAGES_JS = """() => [...document.querySelectorAll('.slide img')]
  .map(i => ({alt: i.alt, drawn: i.complete && i.naturalWidth > 0}))"""


@pytest.fixture(scope="module")
def content():
    return load_all()


@pytest.fixture(scope="module")
def built(tmp_path_factory, content):
    out = tmp_path_factory.mktemp("slides")
    slides.build_slides(out, content)
    return out


def _drive(browser, url: str, instructor: bool) -> dict:
    """Open the deck with every outside request refused, move through it and print it."""
    seen = {"blocked": [], "errors": []}
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        def gate(route):
            if route.request.url.startswith(bc.LOCAL_SCHEMES):
                route.continue_()
            else:
                seen["blocked"].append(route.request.url)
                route.abort()

        context.route("**/*", gate)
        page = context.new_page()
        page.on("pageerror", lambda error: seen["errors"].append(str(error)))
        page.on("console", lambda message: seen["errors"].append(message.text) if message.type == "error" else None)
        page.goto(url, wait_until="load")
        seen["total"] = page.locator("section.slide").count()
        seen["start"] = page.evaluate(VISIBLE_JS)
        page.keyboard.press("ArrowRight")
        page.keyboard.press("PageDown")
        seen["third"] = (page.evaluate(VISIBLE_JS), page.evaluate("location.hash"),
                         page.locator("#where").inner_text())
        page.keyboard.press("ArrowLeft")
        seen["back"] = page.evaluate(VISIBLE_JS)
        page.keyboard.press("End")
        seen["end"] = page.evaluate(VISIBLE_JS)
        page.keyboard.press("ArrowRight")  # past the end: stays
        seen["past_end"] = page.evaluate(VISIBLE_JS)
        page.keyboard.press("Home")
        page.locator("#next").click()
        seen["button"] = page.evaluate(VISIBLE_JS)
        page.keyboard.press("n")
        seen["notes"] = page.evaluate(VISIBLE_JS)
        page.goto(url + "#3", wait_until="load")
        seen["hash"] = page.evaluate(VISIBLE_JS)
        seen["images"] = page.evaluate(IMAGES_JS)
        if bc.AXE.exists():
            page.add_script_tag(path=str(bc.AXE))
            seen["axe"] = page.evaluate(bc.AXE_JS, bc.AXE_TAGS)
        page.emulate_media(media="print")
        seen["printed"] = page.evaluate(VISIBLE_JS)
        seen["pdf"] = len(PdfReader(io.BytesIO(page.pdf(format="A4", landscape=True))).pages)
    finally:
        context.close()
    return seen


@pytest.mark.parametrize("name", slides.DECKS)
def test_each_deck_offline_by_keyboard_and_in_print(built, browser, content, name):
    instructor = name == "instructor"
    for lesson in content.module["lessons"]:
        lesson_id = lesson["id"]
        seen = browser.run(_drive, (built / name / f"lesson_{lesson_id}.html").as_uri(), instructor)
        total = slides.slide_count(content, lesson_id)
        where = f"{name} {lesson_id}"
        assert seen["blocked"] == [] and seen["errors"] == [], (where, seen["blocked"], seen["errors"])
        assert seen["total"] == total, where
        assert seen["start"] == ["s1"], where
        assert seen["third"] == (["s3"], "#3", f"Slide 3 of {total}"), where
        assert seen["back"] == ["s2"] and seen["end"] == [f"s{total}"] and seen["past_end"] == [f"s{total}"], where
        assert seen["button"] == ["s2"], where
        # N shows the notes of the current slide in the instructor deck; the student deck has none.
        assert seen["notes"] == (["s2", "s2-notes"] if instructor and "s2-notes" in seen["printed"] else ["s2"]), where
        assert [s for s in seen["hash"] if not s.endswith("-notes")] == ["s3"], where
        figures = [shown for _, shown in formats.step_figures(content, lesson_id)]
        assert [(i["alt"], i["drawn"]) for i in seen["images"]] == [(f.alt, True) for f in figures], where
        notes = [n for n in seen["printed"] if n.endswith("-notes")]
        assert len(seen["printed"]) == total + len(notes) and bool(notes) == instructor, where
        # One slide a printed page; in the instructor deck each slide's notes follow on a page (or more) of their own.
        assert seen["pdf"] == total if not instructor else seen["pdf"] >= total + len(notes), (where, seen["pdf"])
        if "axe" in seen:
            assert bc.serious(seen["axe"]) == [], (where, bc.describe_violations(seen["axe"]))
