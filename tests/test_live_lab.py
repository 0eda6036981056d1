"""End to end in a real JupyterLab, driven by headless Chromium.

Separate tests, one shared server and browser: a student opens every lesson
before running anything and sees worksheets and tables (not "Error displaying
widget"); in 04 they run the notebook, type their name and an answer, save
it, restart the kernel and find the answer again, on screen and on disk;
every lesson, run, names whose answers it saves; and no lesson shows a
traceback after Run All.

The server runs on a temp copy of the notebooks (so nothing is saved into
the repo) with SYRIA_LESSON_ANSWERS pointed at a temp folder, in its own
process group, and is always stopped by its pid.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from collections import Counter
from pathlib import Path

import pytest
from browser_checks import BrowserThread, browser_missing_reason, running_lab, skip_or_fail
from lab_pages import PANEL, errors_shown, menu, run_all, wait_until_run
from leaks import broken_render_markers, ids_in

from syria_lesson import build
from syria_lesson.data import load_all

pytestmark = [pytest.mark.slow, pytest.mark.browser]

LESSONS = [p.name for p in build.notebooks(include_instructor=False)]
DISCUSSION = "04_discussion.ipynb"
ANSWER = "Deconfliction worked because both militaries needed it (live test ✓)"
STUDENT = "Live Test Student"

# JupyterLab user settings for the test server: every cell in the DOM (no
# windowing), no autosave, no news or update pop-ups over the notebook.
SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
}


def _missing() -> str | None:
    if not (Path(sys.executable).parent / "jupyter-lab").exists():
        return "jupyter-lab is not installed in this environment"
    return browser_missing_reason()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    missing = _missing()
    if missing:
        skip_or_fail(missing)
    tmp = tmp_path_factory.mktemp("live-lab")
    root = tmp / "root"
    shutil.copytree(build.ROOT / "notebooks", root / "notebooks",
                    ignore=shutil.ignore_patterns("answers", ".ipynb_checkpoints"))
    answers_dir = tmp / "answers"
    answers_dir.mkdir()
    settings_dir = tmp / "lab-settings"
    for name, values in SETTINGS.items():
        target = settings_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values), encoding="utf-8")
    with running_lab(tmp, [f"--ServerApp.root_dir={root}", "--LabApp.news_url="], root,
                     env={"SYRIA_LESSON_ANSWERS": str(answers_dir), "JUPYTERLAB_SETTINGS_DIR": str(settings_dir)}) as lab:
        yield {**lab, "answers": answers_dir}


def open_notebook(page, lab, name: str) -> None:
    """Open one lesson in a fresh workspace; one retry for a flaky load."""
    url = f"{lab['url']}/lab/tree/notebooks/{name}?reset&token={lab['token']}"
    for attempt in (1, 2):
        try:
            page.goto(url, timeout=30_000)
            page.locator(f"{PANEL} .jp-Notebook").wait_for(timeout=30_000)
            page.locator(f"{PANEL} .jp-Cell").first.wait_for(timeout=20_000)
            page.locator(f"{PANEL} .jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for(timeout=30_000)
            return
        except Exception:
            if attempt == 2:
                raise


@pytest.fixture(scope="module")
def page(lab):
    """One browser page on the test server, for every test in this module."""
    driver = BrowserThread()
    opened = driver.run(lambda browser: browser.new_context(viewport={"width": 1400, "height": 1000}).new_page())
    driver.run(lambda browser: opened.set_default_timeout(30_000))

    class Page:
        def run(self, fn, *args):
            return driver.run(lambda browser: fn(opened, *args))

    yield Page()
    driver.close()


def test_every_lesson_shows_its_worksheets_before_running(lab, page):
    page.run(_static_faces, lab)


def test_an_answer_is_saved_and_comes_back_after_a_kernel_restart(lab, page):
    page.run(_answer_and_restart, lab)


def test_every_lesson_names_whose_answers_it_saves_and_runs_without_errors(lab, page):
    page.run(_run_every_lesson, lab)


def _static_faces(page, lab) -> None:
    # Every lesson, opened before anything runs, shows its static face:
    # one worksheet for each of its questions in data/questions/.
    asked = Counter(q["lesson"] for q in load_all().questions)
    ids = [q["id"] for q in load_all().questions]
    for name in LESSONS:
        open_notebook(page, lab, name)
        panel = page.locator(PANEL)
        panel.locator(".sl-question").first.wait_for(timeout=20_000)
        shown = panel.locator(".sl-question").count()
        assert shown == asked[name[:2]], f"{name}: {shown} worksheets before running, {asked[name[:2]]} questions"
        text = panel.inner_text()
        assert broken_render_markers(text) == [], f"{name} shows a widget that did not render"
        # The cells' code (questions.ask("q01_key_terms")) is collapsed, so no id is in sight.
        assert ids_in(text, ids) == [], f"{name} shows question ids: {ids_in(text, ids)}"


def _answer_and_restart(page, lab) -> None:
    open_notebook(page, lab, DISCUSSION)
    run_all(page)
    panel = page.locator(PANEL)
    name_field = panel.locator("input[placeholder='First name and last name']")
    name_field.fill(STUDENT)
    panel.locator("button", has_text=re.compile(r"^\s*Start\s*$")).click()
    panel.get_by_text("Answers in this lesson are saved for").first.wait_for(timeout=15_000)

    area = panel.locator("textarea[placeholder='Type your answer here']").first
    box = panel.locator(".widget-vbox").filter(has=page.locator("textarea[placeholder='Type your answer here']")).first
    prompt = box.locator(".widget-html").first.inner_text().strip().splitlines()[-1]
    area.fill(ANSWER)
    box.locator("button", has_text="Save").click()
    box.get_by_text(re.compile(rf"Saved for {STUDENT} at \d\d:\d\d")).wait_for(timeout=15_000)

    # Restart the kernel, run everything again: the answer is back, and on disk.
    old = area.element_handle()
    menu(page, "Kernel", "Restart Kernel and Run All Cells")
    page.locator(".jp-Dialog .jp-mod-accept").click()
    page.wait_for_function("el => !el.isConnected", arg=old, timeout=60_000, polling=250)
    wait_until_run(page)
    restored = (panel.locator(".widget-vbox").filter(has_text=prompt)
                .filter(has=page.locator("textarea")).first.locator("textarea").first)
    restored.wait_for(timeout=30_000)
    page.wait_for_function("([el, v]) => el.value === v", arg=[restored.element_handle(), ANSWER],
                           timeout=30_000, polling=250)
    files = list(lab["answers"].glob("*.json"))
    assert files, f"no answers file in {lab['answers']}"
    assert any(ANSWER in json.dumps(json.loads(p.read_text(encoding="utf-8")), ensure_ascii=False) for p in files)
    assert not errors_shown(page), f"{DISCUSSION}: {errors_shown(page)}"


def _run_every_lesson(page, lab) -> None:
    # A name typed in one lesson is remembered on this computer (as the test
    # before does in lesson 04): every other lesson names it at its top and asks
    # whether it is the student's, with the way to change it.
    from syria_lesson.live.answers import remember_student

    remember_student(STUDENT, lab["answers"])
    for name in LESSONS:
        if name == DISCUSSION:
            continue
        open_notebook(page, lab, name)
        run_all(page)
        shown = errors_shown(page)
        assert not shown, f"{name} shows an error after Run All: {shown}"
        panel = page.locator(PANEL)
        # A fresh kernel names the student this computer last saved for, and saves nothing
        # until they say it is them (a shared computer: the next student must not write
        # into the last one's answers).
        panel.get_by_text(f"This computer last saved answers for {STUDENT}. Is that you?").first.wait_for(timeout=15_000)
        panel.locator("button", has_text="Not you? Change").first.wait_for(timeout=5_000)
        panel.locator("button", has_text=f"Yes, I am {STUDENT}").first.click()
        panel.get_by_text(f"Answers in this lesson are saved for {STUDENT}").first.wait_for(timeout=15_000)
