"""JupyterLab opens without the news prompt and other noise a class does not need.

The module's own settings are in jupyterlab-settings/ (overrides.json,
page_config.json). `make lab` and the student release's README start
JupyterLab with that folder as its application settings folder; Binder's
postBuild installs the same files. Here JupyterLab is started the way the
Makefile's `lab` recipe starts it (its command read from the Makefile), on a
temp copy of the notebooks and settings, headless, on 127.0.0.1, in its own
process group, and stopped by its pid. Its settings API must report the news
and the update check off, the page must not load the extension manager or the
debugger, and in Chromium no news toast may appear; a control server started
without the module's settings shows the toast, so the browser check can fail.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from browser_checks import browser_missing_reason, in_own_thread, launch, running_lab, skip_or_fail

from syria_lesson import build

ROOT = build.ROOT
SETTINGS = ROOT / "jupyterlab-settings"
JUPYTER = Path(sys.executable).parent / "jupyter"
NOTIFICATION = "@jupyterlab/apputils-extension:notification"
QUIET = {"fetchNews": "false", "checkForUpdates": False}
DISABLED = {"@jupyterlab/extensionmanager-extension", "@jupyterlab/debugger-extension"}
NEWS_PROMPT = "Would you like to get notified about official Jupyter news?"
TOAST = ".Toastify__toast"


def make_lab_command() -> list[str]:
    """The `lab` recipe of the Makefile, split into arguments (make variables left as they are)."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^lab:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert recipe, "no `lab:` target in the Makefile"
    lines = [line.strip() for line in recipe.group(1).splitlines() if "jupyter lab" in line]
    assert len(lines) == 1, lines
    return shlex.split(lines[0])


def release_lab_command() -> list[str]:
    """The command the student release's README gives (Linux and macOS)."""
    readme = (ROOT / "docs" / "STUDENT_README.md").read_text(encoding="utf-8")
    lines = [line.strip() for line in readme.splitlines() if line.strip().startswith(".venv/bin/jupyter lab")]
    assert len(lines) == 1, lines
    return shlex.split(lines[0])


# ---------------------------------------------------------------- the settings and where they go (no server)


def test_the_settings_turn_the_news_and_update_check_off():
    overrides = json.loads((SETTINGS / "overrides.json").read_text(encoding="utf-8"))
    assert overrides[NOTIFICATION] == QUIET
    page_config = json.loads((SETTINGS / "page_config.json").read_text(encoding="utf-8"))
    assert set(page_config["disabledExtensions"]) == DISABLED


def test_make_lab_and_the_release_readme_use_them():
    assert "--LabApp.app_settings_dir=$(CURDIR)/jupyterlab-settings" in make_lab_command()
    assert "--LabApp.app_settings_dir=jupyterlab-settings" in release_lab_command()
    windows = (ROOT / "docs" / "STUDENT_README.md").read_text(encoding="utf-8")
    assert r".venv\Scripts\jupyter lab --LabApp.app_settings_dir=jupyterlab-settings" in windows


def test_the_release_carries_them(tmp_path):
    out = build.build_release(out=tmp_path / "release")
    for name in ("overrides.json", "page_config.json"):
        assert (out / "jupyterlab-settings" / name).read_bytes() == (SETTINGS / name).read_bytes()
    assert (out / "binder" / "postBuild").is_file()


def test_binder_installs_them(tmp_path):
    """binder/postBuild, run as repo2docker runs it (from the repository's
    root), copies both files into the environment's settings folder."""
    script = ROOT / "binder" / "postBuild"
    assert os.access(script, os.X_OK), "binder/postBuild must be executable"
    prefix = tmp_path / "prefix"
    subprocess.run([str(script)], cwd=ROOT, env={**os.environ, "NB_PYTHON_PREFIX": str(prefix)}, check=True, timeout=30)
    for name in ("overrides.json", "page_config.json"):
        assert (prefix / "share/jupyter/lab/settings" / name).read_bytes() == (SETTINGS / name).read_bytes()


SHORTCUTS = "@jupyterlab/shortcuts-extension:shortcuts"
# Command-mode keys that leave the cells as they are: moving, selecting, copying, viewing.
LEAVE_CELLS = ("notebook:copy-cell", "notebook:enter-edit-mode", "notebook:extend-marked-cells", "notebook:move-cursor",
               "viewmenu:line-numbering", "notebook:toggle-render-side-by-side")


def single_key_cell_edits() -> list[tuple[str, tuple[str, ...], str]]:
    """JupyterLab's own command-mode shortcuts of one key (no Ctrl, Alt or Cmd) that change cells
    (insert, delete, cut, paste, change type, merge, undo), from the installed JupyterLab's schemas."""
    import jupyterlab

    schemas = Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas"
    if not schemas.is_dir():
        schemas = Path(jupyterlab.__file__).parent / "schemas"
    found = []
    for path in sorted(schemas.rglob("*.json")):
        for shortcut in json.loads(path.read_text(encoding="utf-8")).get("jupyter.lab.shortcuts", []):
            keys = tuple(shortcut.get("keys") or ())
            if ("commandMode" in shortcut.get("selector", "") and keys and all(keys)
                    and not any(m in k for k in keys for m in ("Accel", "Ctrl", "Alt", "Cmd"))
                    and not shortcut["command"].startswith(LEAVE_CELLS)):
                found.append((shortcut["command"], keys, shortcut["selector"]))
    return found


@pytest.mark.parametrize("settings", [SETTINGS / "overrides.json", ROOT / "classroom" / "lab-settings" / "overrides.json"],
                         ids=["make-lab-and-release", "classroom-hub"])
def test_single_key_shortcuts_that_edit_cells_are_off(settings):
    """Typing a letter with a lesson's dropdown in focus inserted an empty cell (issue 25): every
    one-key command-mode shortcut that changes cells is switched off, with JupyterLab's own keys and
    selector (a disabled entry must match the default exactly to switch it off)."""
    edits = single_key_cell_edits()
    assert len(edits) >= 15 and ("notebook:insert-cell-below", ("B",), edits[0][2]) in edits
    disabled = {(s["command"], tuple(s["keys"]), s["selector"])
                for s in json.loads(settings.read_text(encoding="utf-8"))[SHORTCUTS]["shortcuts"] if s.get("disabled")}
    missing = [edit for edit in edits if edit not in disabled]
    assert not missing, f"{settings.relative_to(ROOT)} leaves these on: {missing}"


# ---------------------------------------------------------------- a real JupyterLab


def _get(lab, path: str):
    with urllib.request.urlopen(f"{lab['url']}{path}?token={lab['token']}", timeout=10) as response:
        return response.read().decode("utf-8")


def _effective(lab, plugin: str) -> dict:
    """A plugin's settings as JupyterLab applies them: the schema's defaults (which
    overrides.json replaces) updated with the user's own settings (none here)."""
    found = json.loads(_get(lab, f"/lab/api/settings/{plugin}"))
    defaults = {key: spec.get("default") for key, spec in found["schema"]["properties"].items()}
    return {**defaults, **(found.get("settings") or {})}


def _page_config(lab) -> dict:
    page = _get(lab, "/lab")
    data = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page, re.S)
    assert data, "no page config in /lab"
    return json.loads(data.group(1))


def _lesson_path(lab, name: str = "00_start_here.ipynb") -> str:
    """Where lesson 00 is, from the server's root: given a notebook to open,
    as `make lab` is, JupyterLab serves that notebook's folder."""
    top = [item["name"] for item in json.loads(_get(lab, "/api/contents/"))["content"]]
    return name if name in top else f"notebooks/{name}"


def _copy_lessons(tmp: Path) -> Path:
    root = tmp / "root"
    shutil.copytree(ROOT / "notebooks", root / "notebooks", ignore=shutil.ignore_patterns("answers", ".ipynb_checkpoints"))
    shutil.copytree(SETTINGS, root / "jupyterlab-settings")
    return root


def _needs_lab() -> None:
    if not (Path(sys.executable).parent / "jupyter-lab").exists():
        skip_or_fail("jupyter-lab is not installed in this environment")


@pytest.fixture(scope="module")
def make_lab(tmp_path_factory):
    """JupyterLab as `make lab` starts it, on a temp copy of the lessons."""
    _needs_lab()
    tmp = tmp_path_factory.mktemp("make-lab")
    root = _copy_lessons(tmp)
    command = make_lab_command()
    assert command[:2] == ["$(BIN)/jupyter", "lab"], command
    args = [a.replace("$(CURDIR)", str(root)) for a in command[2:]]
    assert not any("$(" in a for a in args), args
    with running_lab(tmp, args, root) as lab:
        yield lab


@pytest.mark.slow  # starts JupyterLab
def test_make_lab_reports_news_and_update_checks_off(make_lab):
    settings = _effective(make_lab, NOTIFICATION)
    assert {k: settings[k] for k in QUIET} == QUIET


@pytest.mark.slow  # starts JupyterLab
def test_make_lab_leaves_out_the_extension_manager_and_debugger(make_lab):
    disabled = _page_config(make_lab)["disabledExtensions"]
    assert DISABLED <= set(disabled), disabled


@pytest.mark.slow  # builds the student release and starts JupyterLab in it
def test_the_student_release_starts_quiet_too(tmp_path):
    """The release's README command, run inside a built release: relative
    settings path and all."""
    _needs_lab()
    release = build.build_release(out=tmp_path / "release")
    args = release_lab_command()[2:]
    with running_lab(tmp_path, args, release) as lab:
        settings = _effective(lab, NOTIFICATION)
        assert {k: settings[k] for k in QUIET} == QUIET
        assert DISABLED <= set(_page_config(lab)["disabledExtensions"])


def _toasts_after_opening(lab, wait_for_toast_ms: int) -> tuple[list[str], float]:
    """Open lesson 00 as a student would; once the notifications plugin is up
    (its bell is in the status bar), give the news prompt up to
    ``wait_for_toast_ms`` to appear. Returns the toasts shown and the seconds
    waited after the bell."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_context(viewport={"width": 1300, "height": 850}).new_page()
            page.goto(f"{lab['url']}/lab/tree/{_lesson_path(lab)}?reset&token={lab['token']}", timeout=60_000)
            page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(timeout=60_000)
            page.locator(".jp-Notification-Status").wait_for(timeout=30_000)
            bell = time.monotonic()
            with contextlib.suppress(PlaywrightTimeout):
                page.locator(TOAST).first.wait_for(timeout=wait_for_toast_ms)
            return page.locator(TOAST).all_inner_texts(), time.monotonic() - bell
        finally:
            browser.close()


@pytest.mark.slow  # starts two JupyterLab servers
@pytest.mark.browser  # and opens a lesson in each in Chromium
def test_no_news_toast_when_a_student_opens_a_lesson(make_lab, tmp_path_factory):
    missing = browser_missing_reason()
    if missing:
        skip_or_fail(missing)
    # The control: the same lessons without the module's settings show the prompt.
    # How soon after the bell it came sets how long to watch for it below.
    tmp = tmp_path_factory.mktemp("lab-control")
    with running_lab(tmp, [], _copy_lessons(tmp)) as control:
        shown, seconds = in_own_thread(lambda: _toasts_after_opening(control, 30_000))
    assert any(NEWS_PROMPT in t for t in shown), f"the control server showed no news prompt: {shown}"
    watch = max(5.0, 4 * seconds)
    toasts, _ = in_own_thread(lambda: _toasts_after_opening(make_lab, int(watch * 1000)))
    assert toasts == [], f"`make lab` shows notifications (watched {watch:.0f} s; the control's came after {seconds:.1f} s): {toasts}"


def _cells_after_pressing(lab, key: str) -> tuple[int, int]:
    """Open lesson 00, put its first cell in command mode as a click beside a widget does, press
    ``key``; the number of cells before and after."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_context(viewport={"width": 1300, "height": 850}).new_page()
            page.goto(f"{lab['url']}/lab/tree/{_lesson_path(lab)}?reset&token={lab['token']}", timeout=60_000)
            cells = page.locator(".jp-NotebookPanel .jp-Cell")
            cells.first.wait_for(timeout=60_000)
            page.wait_for_function("() => !!document.querySelector('.jp-Notebook.jp-mod-commandMode')", timeout=30_000)
            before, steady = -1, 0
            for _ in range(60):  # the cells are drawn in batches: wait until their number holds
                page.wait_for_timeout(500)
                count = cells.count()
                steady, before = (steady + 1 if count == before else 0), count
                if steady >= 3:
                    break
            cells.first.click(position={"x": 5, "y": 5})
            page.keyboard.press("Escape")
            page.keyboard.press(key)
            page.wait_for_timeout(1500)  # a shortcut acts at once; this only lets the page redraw
            return before, cells.count()
        finally:
            browser.close()


@pytest.mark.slow  # starts two JupyterLab servers
@pytest.mark.browser  # and presses a key in a lesson in Chromium
def test_pressing_b_in_a_lesson_inserts_no_cell(make_lab, tmp_path_factory):
    missing = browser_missing_reason()
    if missing:
        skip_or_fail(missing)
    tmp = tmp_path_factory.mktemp("lab-control-keys")
    with running_lab(tmp, [], _copy_lessons(tmp)) as control:  # JupyterLab's defaults: B inserts a cell
        before, after = in_own_thread(lambda: _cells_after_pressing(control, "b"))
    assert after == before + 1, f"the control did not insert a cell ({before} -> {after}): the test would prove nothing"
    before, after = in_own_thread(lambda: _cells_after_pressing(make_lab, "b"))
    assert after == before, f"`make lab`: pressing B inserted a cell ({before} -> {after})"
