"""The web edition's explorer and compare view in headless Chromium, with every request
outside the edition's folder refused: filtering and sorting the timeline with the keyboard,
comparing two actors, what each holds back opening after the student's attempt, the static
tables of a page read with its script off, and every page at most 1 MB with what it loads.

Without Chromium or Playwright these tests are skipped, and say why; with
REQUIRE_BROWSER=1 (as in CI) they fail instead.
"""

from __future__ import annotations

import browser_checks as bc
import pytest
from test_web_browser import _answer, _open, _start

from syria_lesson.build import web
from syria_lesson.data import load_all
from syria_lesson.data.events import explorer_events, number_events
from syria_lesson.kinds.predict import cell_label
from syria_lesson.lessons.positions.cells import predicted, relation, sides
from syria_lesson.lessons.timeline.table import table_rows

bc.require_browser_for_module()

pytestmark = [pytest.mark.slow, pytest.mark.browser]

PERIOD, HOLD_BACK = "timeline_2012_2018", "ph02_phrases"


def _page_with(site, marker: str) -> str:
    found = [p.stem for p in sorted(site.glob("*.html")) if marker in p.read_text(encoding="utf-8")]
    assert found, f"no page of the web edition has {marker}"
    return found[0]


def _shown(page, view: str) -> list[int]:
    return [int(n) for n in page.locator(f"{view} .sl-view-live tbody th").all_inner_texts()]


def test_the_explorer_filters_and_sorts_from_the_keyboard_and_opens_its_links_after_the_attempt(browser, site):
    content = load_all()
    numbers = number_events(content.events)
    events = explorer_events(PERIOD, content.events)
    view = f'[data-explore="{PERIOD}"]'
    explorer_page, question_page = _page_with(site, view.strip("[]")), _page_with(site, f'data-q="{HOLD_BACK}"')

    def scenario(chromium):
        blocked = []
        context, page, errors = _open(chromium, site, explorer_page, blocked)
        try:
            _start(page)
            seen = {"controls": page.locator(f"{view} .sl-view-controls").is_visible(),
                    "static": page.locator(f"{view} .sl-view-static").is_visible(),
                    "count": page.locator(f"{view} .sl-view-count").inner_text(), "all": _shown(page, view)}
            track = page.locator(f"{view} [data-field=track]")
            track.focus()
            page.keyboard.press("ArrowDown")  # the first track, by keyboard alone
            seen["track"] = (track.input_value(), _shown(page, view))
            page.keyboard.press("Tab")  # on to Kind, then back to All tracks and sort by kind
            seen["focus"] = page.evaluate("document.activeElement.dataset.field")
            track.select_option("")
            page.select_option(f"{view} [data-field=order]", "category")
            seen["by_kind"] = _shown(page, view)
            page.select_option(f"{view} [data-field=order]", "date")
            page.select_option(f"{view} [data-field=from]", "2015")
            page.select_option(f"{view} [data-field=to]", "2016")
            seen["years"] = _shown(page, view)
            page.select_option(f"{view} [data-field=from]", str(min(e["date"][:4] for e in events)))
            page.select_option(f"{view} [data-field=to]", str(max(e["date"][:4] for e in events)))
            links = f"{view} .sl-view-live tbody td:nth-child(6)"
            seen["before"] = page.locator(links).all_inner_texts()
            page.goto(f"{site.as_uri()}/{question_page}.html")
            page.wait_for_function("document.documentElement.dataset.slReady === '1'")
            _answer(page, HOLD_BACK, "match")
            page.goto(f"{site.as_uri()}/{explorer_page}.html")
            page.wait_for_function("document.documentElement.dataset.slReady === '1'")
            seen["after"] = page.locator(links).all_inner_texts()
            return seen, blocked, errors
        finally:
            context.close()

    seen, blocked, errors = browser.run(scenario)
    assert not errors and not blocked
    assert seen["controls"] and not seen["static"] and seen["count"] == f"{len(events)} of {len(events)} events"
    assert seen["all"] == [numbers[e["id"]] for e in events]
    code, shown = seen["track"]
    assert code and shown == [numbers[e["id"]] for e in events if e["track"] == code] and 0 < len(shown) < len(events)
    assert seen["focus"] == "category"
    assert seen["by_kind"] == [numbers[e["id"]] for e in sorted(events, key=lambda e: (e["category"], e["date"]))]
    assert seen["years"] == [numbers[e["id"]] for e in events if "2015" <= e["date"][:4] <= "2016"]
    linked = [r["link_label"] for r in table_rows(events, numbers, content=content)]
    assert any("paragraph" in label for label in linked)
    assert not any("paragraph" in label for label in seen["before"])  # held back until the matching is answered
    assert seen["after"] == linked


def test_the_compare_view_compares_any_two_actors_and_opens_a_predicted_cell_after_the_prediction(browser, site):
    content = load_all()
    view = "[data-compare]"
    compare_page = _page_with(site, "data-compare=")
    held = predicted("03", content=content)
    (actor, topic), question = next(iter(held.items()))
    question_page = _page_with(site, f'data-q="{question["id"]}"')

    def rows(page):
        return [tuple(r.locator("th, td").all_inner_texts()) for r in page.locator(f"{view} .sl-view-live tbody tr").all()]

    def scenario(chromium):
        blocked = []
        context, page, errors = _open(chromium, site, compare_page, blocked)
        try:
            _start(page)
            seen = {"static": page.locator(f"{view} .sl-view-static").is_visible(), "first": rows(page)}
            second = page.locator(f"{view} [data-field=b]")
            second.focus()
            page.keyboard.press("ArrowDown")
            seen["second"] = (page.locator(f"{view} [data-field=a]").input_value(), second.input_value(), rows(page),
                              page.locator(f"{view} .sl-view-live caption").inner_text())
            page.select_option(f"{view} [data-field=a]", actor)
            seen["before"] = rows(page)
            page.goto(f"{site.as_uri()}/{question_page}.html")
            page.wait_for_function("document.documentElement.dataset.slReady === '1'")
            _answer(page, question["id"], "predict")
            page.goto(f"{site.as_uri()}/{compare_page}.html")
            page.wait_for_function("document.documentElement.dataset.slReady === '1'")
            page.select_option(f"{view} [data-field=a]", actor)
            seen["after"] = rows(page)
            return seen, blocked, errors
        finally:
            context.close()

    def expected(a, b, opened=()):
        out = []
        for t in content.topics:
            closed = [x for x in (a, b) if (x, t["id"]) in held and (x, t["id"]) not in opened]
            out.append("compare with your prediction" if closed else
                       relation(content.position(a, t["id"]), content.position(b, t["id"])))
        return out

    seen, blocked, errors = browser.run(scenario)
    assert not errors and not blocked and not seen["static"]
    a, b = sides(content=content)
    assert [r[0] for r in seen["first"]] == [t["title"] for t in content.topics]
    assert [r[1] for r in seen["first"]] == expected(a, b)
    a2, b2, second_rows, caption = seen["second"]
    assert a2 == a and b2 != b and [r[1] for r in second_rows] == expected(a2, b2)
    assert caption == f"{content.actor(a2)['short_name']} and {content.actor(b2)['short_name']} compared"
    index = [t["id"] for t in content.topics].index(topic)
    assert "your prediction" in seen["before"][index][2]
    assert seen["after"][index][2].startswith(cell_label(content.position(actor, topic)))


def test_without_its_script_a_page_keeps_the_static_tables_and_every_page_is_under_1_mb(browser, site):
    pages = [_page_with(site, "data-explore="), _page_with(site, "data-compare=")]

    def scenario(chromium):
        found = {}
        context = chromium.new_context(java_script_enabled=False)
        blocked = []
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
            (site.as_uri() + "/", "data:")) else (blocked.append(route.request.url), route.abort()))
        try:
            for name in pages:
                page = context.new_page()
                page.goto(f"{site.as_uri()}/{name}.html")
                found[name] = (page.locator(".sl-view-static table").first.is_visible(),
                               page.locator(".sl-view-controls").first.is_visible())
        finally:
            context.close()
        return found, blocked

    found, blocked = browser.run(scenario)
    assert not blocked
    for name, (table_visible, controls_visible) in found.items():
        assert table_visible and not controls_visible, name
    shared = sum((site / name).stat().st_size for name in (*web.ASSETS, "sl-questions.js"))
    for page in site.glob("*.html"):
        assert page.stat().st_size + shared <= 1_000_000, f"{page.name}: {(page.stat().st_size + shared) / 1e6:.2f} MB"


def test_the_reference_is_a_page_reached_from_the_index_and_from_each_mention_in_a_lesson(browser, site):
    """The reference's page, linked from the index and from "the **Reference** (Part 1, section 3)" in lesson 02,
    opens at that section with its explorer and compare view live, and nothing is asked of the network."""
    assert (site / "reference.html").exists()

    def scenario(chromium):
        blocked = []
        context, page, errors = _open(chromium, site, "index", blocked)
        try:
            page.get_by_role("link", name="The Reference").click()
            page.wait_for_function("document.documentElement.dataset.slReady === '1'")
            from_index = page.url
            live = (page.locator("[data-explore] .sl-view-controls").first.is_visible(),
                    page.locator("[data-compare] .sl-view-controls").first.is_visible(),
                    page.locator("[data-explore] .sl-view-live tbody tr").count())
            page.goto(f"{site.as_uri()}/02_timeline.html")
            page.wait_for_function("document.documentElement.dataset.slReady === '1'")
            mentions = page.locator('main a[href^="reference.html"]').count()
            page.locator('main a[href="reference.html#section-3"]').first.click()
            page.wait_for_function("document.documentElement.dataset.slReady === '1'")
            section = page.url, page.locator("h3:has(#section-3)").inner_text()
            return from_index, live, mentions, section, blocked, errors
        finally:
            context.close()

    from_index, live, mentions, section, blocked, errors = browser.run(scenario)
    assert not errors and not blocked
    assert from_index.endswith("/reference.html")
    assert live[0] and live[1] and live[2] > 10  # the controls shown and the events listed by the script
    assert mentions >= 2  # "the **Reference** (Part 1, section 3)" and the glossary-and-sources note
    assert section[0].endswith("/reference.html#section-3") and section[1].startswith("3. The events")
