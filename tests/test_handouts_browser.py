"""The handouts, proven in a real browser (headless Chromium via Playwright).

Every student and instructor handout is built once, opened once, and checked
for what a reader meets: nothing fetched from the network, no script errors,
figures with real descriptions, every widget's static face, no instructor text
in the student edition, a sound heading outline and landmarks, and no serious
accessibility violations according to axe-core. Screenshots and two printed
PDFs are left in build/screenshots/ for a person to look at.

Without Chromium or Playwright these tests are skipped, and say why; with
REQUIRE_BROWSER=1 (as in CI) they fail instead.
"""

from __future__ import annotations

import re
import struct

import browser_checks as bc
import leaks
import pytest

from syria_lesson import build
from syria_lesson.data import load_questions, load_topics
from syria_lesson.data.events import explorer_events

bc.require_browser_for_module()

pytestmark = [pytest.mark.slow, pytest.mark.browser]

SCREENSHOTS = build.BUILD / "screenshots"
EVENTS_CAPTION = "Events by thread: "  # timeline.explorer(): one table per thread


def _pages() -> list[str]:
    pages = []
    for edition in ("student", "instructor", "worksheet", "worksheet-core"):
        stems = [p.stem for p in build.notebooks(include_instructor=edition == "instructor",
                                                 include_reference=edition in ("student", "instructor"))]
        pages += [f"{edition}/{stem}" for stem in stems + ["all_lessons"]]
    return pages


PAGES = _pages()
SCREENSHOT_PAGES = [p for p in PAGES if p.startswith(("student/", "worksheet/"))] + ["instructor/04_discussion"]
# all_lessons would be a 1100 x 90,000 px, 18 MB image that few viewers open: its first
# screen (title and contents) is saved instead, and the whole of it is in the Letter PDF.
FIRST_SCREEN_ONLY = {"student/all_lessons"}


def _lesson(page: str) -> str | None:
    """'student/02_timeline' -> '02'; None for pages that are not one lesson."""
    match = re.match(r"^[\w-]+/(\d\d)_", page)
    return match.group(1) if match else None


def _lesson_page(edition: str, lesson: str) -> str:
    return next(p for p in PAGES if p.startswith(f"{edition}/") and _lesson(p) == lesson)


# ---------------------------------------------------------------- session fixtures


# `handouts` (every handout, built once per run) is in tests/conftest.py: the PDF tests share it.


# Module-scoped, not session-scoped: Playwright's sync API runs an event loop in this
# thread while it is open, and the live widgets' debounced saving must not find it in
# the tests of later modules.
@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = bc.launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def visits(handouts, browser):
    """Each handout opened once: facts, axe-core's verdict, screenshots."""
    axe = bc.AXE if bc.AXE.exists() else None
    found = {}
    for page in PAGES:
        shot = SCREENSHOTS / f"{page.replace('/', '_')}.png" if page in SCREENSHOT_PAGES else None
        found[page] = bc.visit(browser, (handouts / f"{page}.html").as_uri(), axe=axe, screenshot=shot,
                               full_page=page not in FIRST_SCREEN_ONLY)
    return found


@pytest.fixture(scope="session")
def questions():
    return load_questions()


def _require_axe():
    if not bc.AXE.exists():
        bc.skip_or_fail(f"axe-core not found at {bc.AXE.relative_to(bc.ROOT)} (run `make a11y-tools`, which needs npm)")


# ---------------------------------------------------------------- the checker itself can fail

BAD_PAGE = """<!DOCTYPE html><html><head><title>bad</title>
<script src="https://cdn.jsdelivr.net/npm/requirejs@2.3.6/require.min.js"></script></head><body>
<h1>One</h1><h3>Skipped a level</h3><h1>Two</h1>
<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
 alt="No description has been provided for this image">
<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==">
<table><tr><td>no header</td></tr></table>
<p class="wide" style="width: 1000px">A paragraph wider than the printed page.</p>
<table class="narrow" style="table-layout: fixed; width: 300px"><tr><td style="width: 30px">(announced)</td><td>x</td></tr></table>
<p>VBox(children=(Textarea(value=''),))</p>
<script>console.error("a console error"); throw new Error("a page error");</script>
</body></html>"""

GOOD_PAGE = """<!DOCTYPE html><html lang="en"><head><title>good</title></head><body><main>
<h1>One</h1><h2>Two</h2><h3>Three</h3><h2>Back to two</h2>
<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
 alt="A single grey dot">
<table><caption>A table</caption><thead><tr><th scope="col">Year</th></tr></thead><tbody><tr><td>2017</td></tr></tbody></table>
</main></body></html>"""


def test_checker_flags_a_page_that_breaks_every_rule(browser, tmp_path):
    page = tmp_path / "bad.html"
    page.write_text(BAD_PAGE, encoding="utf-8")
    seen = bc.visit(browser, page.as_uri(), axe=bc.AXE if bc.AXE.exists() else None)
    assert seen.external_requests == ["https://cdn.jsdelivr.net/npm/requirejs@2.3.6/require.min.js"]
    assert any("a page error" in e for e in seen.page_errors)
    assert any("a console error" in e for e in seen.console_errors)
    problems = " | ".join(bc.structure_problems(seen.facts))
    for expected in ("no lang", "no <main>", "2 <h1>", "skips from h1", "has no <th>"):
        assert expected in problems
    images = " | ".join(bc.image_problems(seen.facts))
    assert "placeholder alt text" in images and "has no alt text" in images
    assert bc.broken_render_markers(seen.facts["visible_text"]) == ["VBox(children"]
    assert [w.split(" ")[0] for w in seen.print_overflow] == ["p.wide"], seen.print_overflow
    assert [w.split(":")[0] for w in seen.cell_overflow] == ["narrow column 1"], seen.cell_overflow
    if seen.axe is not None:
        ids = {v["id"] for v in bc.serious(seen.axe)}
        assert {"html-has-lang", "image-alt"} <= ids, bc.describe_violations(seen.axe)


def test_checker_passes_a_page_that_follows_every_rule(browser, tmp_path):
    page = tmp_path / "good.html"
    page.write_text(GOOD_PAGE, encoding="utf-8")
    seen = bc.visit(browser, page.as_uri(), axe=bc.AXE if bc.AXE.exists() else None)
    assert (seen.external_requests, seen.page_errors, seen.console_errors) == ([], [], [])
    assert bc.structure_problems(seen.facts) == []
    assert bc.image_problems(seen.facts) == []
    assert seen.print_overflow == [] and seen.cell_overflow == []
    if seen.axe is not None:
        assert bc.serious(seen.axe) == [], bc.describe_violations(seen.axe)


def test_a_placeholder_alt_from_the_template_would_be_caught():
    facts = {"images": [{"alt": "Figure (no description was given: please report this)", "src": "data:", "loaded": True}]}
    assert bc.image_problems(facts)


# ---------------------------------------------------------------- every page


def test_every_handout_was_built(handouts):
    built = sorted(str(p.relative_to(handouts).with_suffix("")) for p in handouts.glob("*/*.html"))
    assert built == sorted(PAGES)


@pytest.mark.parametrize("page", PAGES)
def test_loads_nothing_from_the_network(visits, page):
    assert visits[page].external_requests == [], "requests that were not file: or data: (blocked)"


@pytest.mark.parametrize("page", PAGES)
def test_runs_without_script_errors(visits, page):
    seen = visits[page]
    assert seen.page_errors == [] and seen.console_errors == []


@pytest.mark.parametrize("page", PAGES)
def test_figures_have_real_alt_text(visits, page):
    assert bc.image_problems(visits[page].facts) == []


def test_the_figures_are_there_to_check(visits):
    """So that the alt-text check is not vacuous: the timeline and positions
    lessons draw figures."""
    for page in ("student/02_timeline", "student/03_actors_and_positions", "student/05_what_happened_next"):
        assert visits[page].facts["images"], f"{page} has no figures"


@pytest.mark.parametrize("page", PAGES)
def test_no_widget_repr_error_or_traceback(visits, page):
    assert bc.broken_render_markers(visits[page].facts["all_text"]) == []


@pytest.mark.parametrize("page", PAGES)
def test_headings_landmarks_and_tables(visits, page):
    problems = bc.structure_problems(visits[page].facts)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("page", PAGES)
def test_no_serious_accessibility_violations(visits, page):
    """axe-core, WCAG 2.0/2.1 A and AA. All violations are printed; serious
    and critical ones fail. One known serious violation is set aside here and
    tested on its own below (test_writing_space_uses_permitted_aria)."""
    _require_axe()
    violations = visits[page].axe
    blocking = [v for v in bc.serious(_without_known_writing_space_issue(violations)) if v["nodes"]]
    assert blocking == [], f"axe-core on {page}:\n{bc.describe_violations(violations)}"


def _writing_space_nodes(violation: dict) -> list[dict]:
    if violation["id"] != "aria-prohibited-attr":
        return []
    return [n for n in violation["nodes"] if re.search(r"\.sl-lines(\[|\s|$)", n["target"])]


def _without_known_writing_space_issue(violations: list[dict]) -> list[dict]:
    kept = []
    for v in violations:
        known = _writing_space_nodes(v)
        kept.append({**v, "nodes": [n for n in v["nodes"] if n not in known]})
    return kept


def test_writing_space_uses_permitted_aria(visits):
    _require_axe()
    offending = {page: len(nodes) for page, seen in visits.items()
                 for nodes in [[n for v in seen.axe for n in _writing_space_nodes(v)]] if nodes}
    assert offending == {}, f"aria-label on the ruled writing space without a role: {offending}"


@pytest.mark.parametrize("page", PAGES)
def test_fits_the_printed_page_width(visits, page):
    """Nothing wider than A4 less its margins, so Chromium prints at full size."""
    assert visits[page].print_overflow == []


@pytest.mark.parametrize("page", PAGES)
def test_table_cells_hold_their_text_on_paper(visits, page):
    """No word runs out of its column (a date's "(announced)" once overprinted
    the event beside it in the fixed-width events table)."""
    assert visits[page].cell_overflow == []


@pytest.mark.parametrize("page", PAGES)
def test_only_instructor_boxes_are_dashed(visits, questions, page):
    """The instructor edition marks its notes with a dashed box, and only
    them: not the whole page (a body class once matched the box style)."""
    facts = visits[page].facts
    assert facts["body_border"] == "none"
    assert set(facts["instructor_boxes"]) <= {"dashed"}
    if page.startswith("student/"):
        assert facts["instructor_boxes"] == [], "instructor boxes in the student edition"
    elif page == "instructor/04_discussion":
        noted = {key for key, _, lesson, _ in leaks.instructor_texts(questions) if lesson == "04"}
        assert len(facts["instructor_boxes"]) >= len(noted) > 0


@pytest.mark.parametrize("page", PAGES)
def test_header_names_the_edition_and_the_page(visits, page):
    from syria_lesson.core.editions import EDITIONS

    edition, stem = page.split("/")
    label = EDITIONS[edition].label
    title = "All lessons" if stem == "all_lessons" else visits[page].facts["headings"][0]["text"]
    assert re.fullmatch(rf"{re.escape(label)} · {re.escape(title)} · built \d{{4}}-\d\d-\d\d",
                        visits[page].facts["edition_line"]), visits[page].facts["edition_line"]


# ---------------------------------------------------------------- static faces of the widgets


@pytest.mark.parametrize("page", PAGES)
def test_every_question_of_the_lesson_is_on_its_page(visits, questions, page):
    lesson = _lesson(page)
    edition = page.split("/")[0]
    if page.endswith("/all_lessons"):
        lessons = {_lesson(p) for p in PAGES if p.startswith(f"{edition}/")} - {None}
    elif lesson is None:
        pytest.skip(f"{page} is not a lesson")
    else:
        lessons = {lesson}
    # The worksheet has every core task (extension tasks where they fit), some as rows of a compact sheet.
    expected = sorted(q["id"] for q in questions if q["lesson"] in lessons
                      and (not edition.startswith("worksheet") or q["tier"] == "core"))
    found = visits[page].facts["questions"] if not edition.startswith("worksheet") else visits[page].facts["anchors"]
    assert [q for q in expected if q not in found] == [], "questions with no .sl-question#q-<id> on the page"
    assert len(found) == len(set(found)), "a question appears twice"


@pytest.mark.parametrize("edition", ["student", "instructor"])
@pytest.mark.parametrize("lesson", ["02", "05"])
def test_events_table_is_in_the_reference_not_on_the_timeline_pages(visits, edition, lesson):
    """Every event the lesson's explorer covers is a row of its static table."""
    from syria_lesson.data import load_all

    # The explorers are in the reference (Part 1 to November 2017, Part 2 after): every event each
    # covers is a row of its static table there, in both parts together.
    expected = [e for figure in ("timeline_2012_2018", "timeline_after_2017") for e in explorer_events(figure, load_all().events)]
    tables = [t for t in visits[f"{edition}/reference"].facts["tables"] if t["caption"].startswith(EVENTS_CAPTION)]
    assert sum(t["body_rows"] for t in tables) == len(expected) > 40, (tables, len(expected))
    lesson_tables = [t for t in visits[_lesson_page(edition, lesson)].facts["tables"] if t["caption"].startswith(EVENTS_CAPTION)]
    assert lesson_tables == [], "the full events table is the reference's, not the lesson's"


@pytest.mark.parametrize("edition", ["student", "instructor"])
def test_comparison_table_is_in_the_reference(visits, edition):
    topics = load_topics()
    tables = [t for t in visits[f"{edition}/reference"].facts["tables"] if t["caption"].endswith(" compared")]
    assert len(tables) == 1, [t["caption"] for t in visits[f"{edition}/reference"].facts["tables"]]
    assert tables[0]["body_rows"] == len(topics) and tables[0]["th"] > 0


# ---------------------------------------------------------------- instructor text stays out of the student edition


def test_instructor_text_never_reaches_a_student_page(visits, questions):
    """Searched in all the text of each student page, shown or hidden."""
    texts = leaks.instructor_texts(questions)
    assert len(texts) >= 40
    found = leaks.leaks_in(texts, {p: v.facts["all_text"] for p, v in visits.items() if p.startswith("student/")})
    assert found == [], "\n".join(found)


def test_instructor_text_is_in_the_instructor_edition(visits, questions):
    """The other half of the leak test: the same prefixes are found where they
    belong, so the test above is looking for text that really exists."""
    missing = []
    for key, name, lesson, prefix in leaks.instructor_texts(questions):
        for page in (_lesson_page("instructor", lesson), "instructor/all_lessons"):
            if prefix not in visits[page].facts["visible_text"]:
                missing.append(f"{key}.{name} ({prefix!r}) not visible in {page}")
    assert missing == [], "\n".join(missing)


def test_the_leak_check_would_catch_a_leak(questions):
    texts = leaks.instructor_texts(questions)
    key, name, _, prefix = texts[-1]
    page = leaks.normalise(f"<p>Some student text.</p>\n  {prefix.replace(' ', chr(10), 3)} and more.")
    assert leaks.leaks_in(texts, {"student/fake": page}) == [f"{key}.{name} ({prefix!r}) in student/fake"]


# ---------------------------------------------------------------- screenshots and print


def _png_size(path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


def test_screenshots_were_saved(visits):
    for page in SCREENSHOT_PAGES:
        shot = SCREENSHOTS / f"{page.replace('/', '_')}.png"
        width, height = _png_size(shot)
        # A whole page is at least the 1400-pixel window; a worksheet not yet made is no taller.
        assert width == 1100 and (height >= 1400 if page not in FIRST_SCREEN_ONLY else height == 1400), (shot, width, height)


PAPER = {"A4": (595.92, 842.88), "Letter": (612, 792)}


def _pdf_pages(data: bytes) -> list[tuple[float, float]]:
    """Each page's (width, height) in points, read from its MediaBox."""
    boxes = re.findall(rb"/Type\s*/Page\b(?!s).{0,400}?/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", data, re.S)
    return [(float(x1) - float(x0), float(y1) - float(y0)) for x0, y0, x1, y1 in boxes]


def _print(browser, path, paper: str) -> bytes:
    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.goto(path.as_uri(), wait_until="load")
        return tab.pdf(format=paper, prefer_css_page_size=True, print_background=True)
    finally:
        context.close()


@pytest.mark.parametrize("page, paper", [("student/01_the_article", "A4"), ("student/all_lessons", "Letter")])
def test_prints_to_pdf_on_the_readers_paper(handouts, browser, page, paper):
    """prefer_css_page_size=True prints as a reader's browser does: if the
    stylesheet fixed the paper size, a Letter printout would come out A4."""
    data = _print(browser, handouts / f"{page}.html", paper)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / f"{page.replace('/', '_')}_{paper}.pdf").write_bytes(data)
    assert data.startswith(b"%PDF-")
    pages = _pdf_pages(data)
    assert len(pages) > 0
    width, height = PAPER[paper]
    assert all(abs(w - width) < 2 and abs(h - height) < 2 for w, h in pages), (paper, set(pages))
    if page.endswith("all_lessons"):
        lessons = [p for p in PAGES if p.startswith("student/") and not p.endswith("all_lessons")]
        assert len(pages) > len(lessons)
        # Each lesson starts a new page, after the contents page.
        context = browser.new_context()
        try:
            tab = context.new_page()
            tab.goto((handouts / f"{page}.html").as_uri(), wait_until="load")
            tab.emulate_media(media="print")
            breaks = tab.evaluate("""() => ({
                toc: getComputedStyle(document.querySelector('.sl-toc')).breakAfter,
                lessons: [...document.querySelectorAll('.sl-lesson')].map(e => getComputedStyle(e).breakBefore)})""")
        finally:
            context.close()
        assert breaks["toc"] == "page"
        assert breaks["lessons"][1:] == ["page"] * (len(lessons) - 1), breaks
