"""End to end in a real JupyterLab, driven by headless Chromium.

A student opens every lesson before running anything and sees worksheets and
tables (not "Error displaying widget"); in 04 they run the notebook, type
their name and an answer, save it, restart the kernel and find the answer
again, on screen and on disk; and no lesson shows a traceback after Run All.

The server runs on a temp copy of the notebooks (so nothing is saved into
the repo) with SYRIA_LESSON_ANSWERS pointed at a temp folder, in its own
process group, and is always stopped by its pid.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from pathlib import Path

import pytest
from browser_checks import browser_missing_reason, free_port, in_own_thread, launch, skip_or_fail
from lab_pages import PANEL, errors_shown, menu, run_all, wait_until_run

from syria_lesson import build
from syria_lesson.data import load_questions

LESSONS = [p.name for p in build.notebooks(include_instructor=False)]
DISCUSSION = "04_discussion.ipynb"
ANSWER = "Deconfliction worked because both militaries needed it (live test ✓)"

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
    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ, "SYRIA_LESSON_ANSWERS": str(answers_dir), "MPLBACKEND": "Agg",
           "JUPYTERLAB_SETTINGS_DIR": str(settings_dir), "JUPYTERLAB_WORKSPACES_DIR": str(tmp / "workspaces"),
           "JUPYTER_CONFIG_DIR": str(tmp / "config"), "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"),
           "IPYTHONDIR": str(tmp / "ipython")}
    env.pop("SYRIA_LESSON_EDITION", None)
    log = open(tmp / "server.log", "wb")  # noqa: SIM115 - closed in the finally below
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "jupyter-lab"), "--no-browser", "--ServerApp.ip=127.0.0.1",
         f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
         f"--ServerApp.root_dir={root}", "--LabApp.news_url=", "--ServerApp.open_browser=False"]
        + (["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
        cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2).read()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    pytest.fail("JupyterLab did not start:\n" + (tmp / "server.log").read_text(errors="replace")[-3000:])
                time.sleep(0.25)
        yield {"url": url, "token": token, "answers": answers_dir, "log": tmp / "server.log"}
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=5)
        log.close()


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


def test_live_lab_end_to_end(lab):
    """The whole scenario, in a thread of its own: the Playwright Sync API
    refuses to start in a thread where another test module's session is open.
    Every step has its own timeout, so the test is bounded without timing it."""
    in_own_thread(lambda: _in_browser(lab))


def _in_browser(lab) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            context.set_default_timeout(30_000)
            _scenario(lab, context.new_page())
        finally:
            browser.close()


def _scenario(lab, page) -> None:
    # (1) Every lesson, opened before anything runs, shows its static face:
    # one worksheet for each of its questions in data/questions.yaml.
    asked = Counter(q["lesson"] for q in load_questions())
    for name in LESSONS:
        open_notebook(page, lab, name)
        panel = page.locator(PANEL)
        panel.locator(".sl-question").first.wait_for(timeout=20_000)
        shown = panel.locator(".sl-question").count()
        assert shown == asked[name[:2]], f"{name}: {shown} worksheets before running, {asked[name[:2]]} questions"
        text = panel.inner_text()
        assert "Error displaying widget" not in text, f"{name} shows 'Error displaying widget' before running"
        assert "VBox(children" not in text and "HBox(children" not in text, f"{name} shows a widget repr"

    # (2) 04: run, type a name, answer one open question, save.
    open_notebook(page, lab, DISCUSSION)
    run_all(page)
    panel = page.locator(PANEL)
    name_field = panel.locator("input[placeholder='First name and last name']")
    name_field.fill("Live Test Student")
    panel.locator("button", has_text=re.compile(r"^\s*Start\s*$")).click()
    panel.get_by_text("Answers are saved for").first.wait_for(timeout=15_000)

    area = panel.locator("textarea[placeholder='Type your answer here']").first
    box = panel.locator(".widget-vbox").filter(has=page.locator("textarea[placeholder='Type your answer here']")).first
    prompt = box.locator(".widget-html").first.inner_text().strip()
    area.fill(ANSWER)
    box.locator("button", has_text="Save").click()
    saved = box.get_by_text(re.compile(r"Saved \d\d:\d\d"))
    saved.wait_for(timeout=15_000)

    # (3) Restart the kernel, run everything again: the answer is back, and on disk.
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
    files = [p for p in lab["answers"].glob("*.json")]
    assert files, f"no answers file in {lab['answers']}"
    assert any(ANSWER in json.dumps(json.loads(p.read_text(encoding="utf-8")), ensure_ascii=False) for p in files)
    assert not errors_shown(page), f"{DISCUSSION}: {errors_shown(page)}"

    # (4) Run All in every other lesson: no traceback anywhere.
    for name in LESSONS:
        if name == DISCUSSION:
            continue
        open_notebook(page, lab, name)
        run_all(page)
        shown = errors_shown(page)
        assert not shown, f"{name} shows an error after Run All: {shown}"
