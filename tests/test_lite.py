"""The JupyterLite site of the student release (``make lite``).

Pyodide itself loads from a CDN at run time and cannot be fetched here, so
these tests check what can be checked offline: the site builds, holds the
lessons and no instructor material, serves over HTTP, and JupyterLab's UI
loads in headless Chromium and lists the lessons.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import leaks
import pytest
from browser_checks import browser_missing_reason, free_port, in_own_thread, launch, skip_or_fail

from syria_lesson import build
from syria_lesson.build import lite
from syria_lesson.data import load_questions

LESSONS = [p.name for p in build.notebooks(include_instructor=False)]


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """Built once per session (about 6 s), into a temp folder."""
    try:
        import jupyterlite_core  # noqa: F401
    except ImportError:
        skip_or_fail("jupyterlite-core is not installed (pip install -r requirements-dev.txt)")
    tmp = tmp_path_factory.mktemp("lite")
    return lite.build_lite(tmp / "site", release=tmp / "release", quiet=True)


@pytest.fixture(scope="module")
def served(site):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "-d", str(site)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                urllib.request.urlopen(url + "/jupyter-lite.json", timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("http.server did not start") from None
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()


def contents_listing(site: Path, folder: str = "") -> dict:
    path = site / "api" / "contents" / folder / "all.json"
    return json.loads(path.read_text(encoding="utf-8"))


pytestmark = pytest.mark.slow  # builds the site


def test_site_holds_the_lessons_data_and_package(site):
    names = {item["name"] for item in contents_listing(site)["content"]}
    assert {"notebooks", "data", "figures", "syria_lesson"} <= names
    lessons = {item["name"] for item in contents_listing(site, "notebooks")["content"]}
    assert set(LESSONS) <= lessons
    assert (site / "files" / "syria_lesson" / "core" / "paths.py").exists()
    assert (site / "files" / "data" / "questions" / "lesson_04.yaml.sealed").exists()  # as the release keeps it
    assert (site / ".nojekyll").exists()  # else GitHub Pages drops files/syria_lesson/__init__.py


def test_notebooks_are_cleared_and_start_with_the_lite_setup(site):
    for name in LESSONS:
        nb = json.loads((site / "files" / "notebooks" / name).read_text(encoding="utf-8"))
        first = nb["cells"][0]
        assert lite.SETUP_TAG in first["metadata"]["tags"]
        assert "%pip install" in "".join(first["source"])
        assert all(not c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code"), name
        assert "widgets" not in nb["metadata"]


def test_package_finds_its_data_from_the_lite_layout(site):
    """Run as a Lite kernel runs (in the notebook's folder, the package one
    folder up on sys.path), the package's ROOT is the root of the contents,
    holding data/ and figures/; answers go to notebooks/answers."""
    files = site / "files"
    code = ("import sys; sys.path.insert(0, sys.argv[1]); from syria_lesson.core import paths; "
            "print(paths.ROOT, paths.data_dir(), paths.answers_dir(), sep='\\n')")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SYRIA_LESSON_")}
    # -I: ignore the editable install of the repo's package
    out = subprocess.run([sys.executable, "-I", "-c", code, str(files)], capture_output=True, text=True,
                         env=env, check=True, cwd=files / "notebooks").stdout.split("\n")
    assert Path(out[0]) == files.resolve()
    assert (Path(out[1]) / "questions" / "lesson_04.yaml.sealed").exists()
    assert Path(out[2]) == files.resolve() / "notebooks" / "answers"


def test_storage_is_named_for_this_module(site):
    config = json.loads((site / "jupyter-lite.json").read_text(encoding="utf-8"))["jupyter-config-data"]
    assert config["contentsStorageName"] == lite.STORAGE_NAME
    extensions = {e["name"] for e in config["federated_extensions"]}
    assert {"@jupyter-widgets/jupyterlab-manager", "@jupyterlite/pyodide-kernel-extension"} <= extensions


def test_no_instructor_material_in_the_site(site):
    assert not list(site.rglob("notes.yaml")) and not list(site.rglob("class_overview*"))
    texts = leaks.instructor_texts(load_questions())
    assert len(texts) >= 40
    found = leaks.find_leaks(site, texts, (".json", ".ipynb", ".md", ".yaml", ".csv", ".py", ".html", ".js", ".txt"))
    assert found == [], "\n".join(found)


def with_chromium(scenario):
    """Call ``scenario(browser)`` with headless Chromium, in its own thread."""
    missing = browser_missing_reason()
    if missing:
        skip_or_fail(missing)

    def run():
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            chromium = launch(p)
            try:
                return scenario(chromium)
            finally:
                chromium.close()

    return in_own_thread(run)


@pytest.mark.browser
def test_jupyterlab_loads_and_lists_the_lessons(served):
    shown = with_chromium(lambda browser: _file_browser_text(browser, served))
    for name in LESSONS:
        assert name in shown, f"{name} not in the file browser: {shown[:300]}"


def _file_browser_text(browser, served: str) -> str:
    for attempt in (1, 2):  # one retry for a flaky first load
        context = browser.new_context()
        # Pyodide and PyPI are out of reach here: fail those requests fast instead of waiting.
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(served)
                      else route.abort())
        page = context.new_page()
        try:
            page.goto(f"{served}/lab/index.html?path=notebooks", timeout=30_000)
            page.wait_for_selector("#jp-main-dock-panel", timeout=30_000)
            listing = page.locator(".jp-DirListing-content")
            listing.wait_for(timeout=30_000)
            page.get_by_text("00_start_here.ipynb").first.wait_for(timeout=20_000)
            return listing.inner_text()
        except Exception:
            if attempt == 2:
                raise
        finally:
            context.close()
    raise AssertionError("unreachable")


def test_answers_save_where_fcntl_is_an_empty_module(tmp_path, monkeypatch):
    """JupyterLite's Pyodide kernel puts an empty module in sys.modules['fcntl']
    (and there is no msvcrt): saving must still work there."""
    import types

    from syria_lesson.live import answers

    monkeypatch.setitem(sys.modules, "fcntl", types.ModuleType("fcntl"))
    monkeypatch.setitem(sys.modules, "msvcrt", None)  # import msvcrt -> ImportError
    book = answers.AnswerBook("Lite Student", tmp_path)
    book.save("q", "written in a browser")
    assert answers.AnswerBook("Lite Student", tmp_path).get("q") == "written in a browser"
