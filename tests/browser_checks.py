"""Opening a page in headless Chromium and writing down what a reader (and a
screen reader) would meet: requests that left the machine, script errors,
headings, landmarks, tables, images, visible text, and axe-core's verdict.

Used by tests/test_handouts_browser.py. The checks are plain functions over
what the browser recorded, so the tests can also prove that each one fails
on a page that is wrong.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from leaks import broken_render_markers  # noqa: F401 - part of this module's checks

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "tests" / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LOCAL_SCHEMES = ("file:", "data:")
PLACEHOLDER_ALTS = ("No description has been provided for this image",)
PLACEHOLDER_ALT_PREFIXES = ("Figure (no description",)


def browser_required() -> bool:
    return os.environ.get("REQUIRE_BROWSER") == "1"


def browser_missing_reason() -> str | None:
    """Why the browser tests cannot run here, or None if they can."""
    if not CHROMIUM.exists():
        return f"Chromium not found at {CHROMIUM} (Debian: apt-get install -y chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as error:
        return f"Python playwright cannot be imported ({error}); it is in requirements-dev.txt"
    return None


def require_browser_for_module() -> None:
    """At the top of a module of browser tests: skip it where Chromium or Playwright is
    missing, and fail it where REQUIRE_BROWSER=1 (as in CI)."""
    import pytest

    missing = browser_missing_reason()
    if missing:
        if browser_required():
            pytest.fail(f"REQUIRE_BROWSER=1 but the browser tests cannot run: {missing}", pytrace=False)
        pytest.skip(f"browser tests skipped: {missing}", allow_module_level=True)


def skip_or_fail(reason: str):
    """Something a browser test needs is missing: skip the test here, but
    fail it where REQUIRE_BROWSER=1 (as in CI), so CI cannot pass by skipping."""
    import pytest

    if browser_required():
        pytest.fail(f"REQUIRE_BROWSER=1 (as in CI) but {reason}", pytrace=False)
    pytest.skip(reason)


def launch(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)


# ---------------------------------------------------------------- visiting a page

FACTS_JS = """() => {
  const norm = s => (s || '').replace(/\\s+/g, ' ').trim();
  return {
    lang: document.documentElement.getAttribute('lang'),
    title: document.title,
    headings: [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
      .map(h => ({level: Number(h.tagName[1]), text: norm(h.textContent).slice(0, 90)})),
    mains: document.querySelectorAll('main, [role=main]').length,
    tables: [...document.querySelectorAll('table')].map(t => ({
      caption: norm(t.caption && t.caption.textContent),
      th: t.querySelectorAll('th').length,
      body_rows: t.tBodies.length ? [...t.tBodies].reduce((n, b) => n + b.rows.length, 0) : t.rows.length,
    })),
    images: [...document.images].map(i => ({
      alt: i.getAttribute('alt'), src: i.src.slice(0, 40), loaded: i.complete && i.naturalWidth > 0})),
    questions: [...document.querySelectorAll('.sl-question[id^="q-"]')].map(e => e.id.slice(2)),
    anchors: [...document.querySelectorAll('[id^="q-"]')].map(e => e.id.slice(2)),
    instructor_boxes: [...document.querySelectorAll('.sl-instructor')].map(e => getComputedStyle(e).borderLeftStyle),
    body_border: getComputedStyle(document.body).borderLeftStyle,
    edition_line: norm(document.querySelector('.sl-edition') && document.querySelector('.sl-edition').textContent),
    visible_text: norm(document.body.innerText),
    all_text: norm(document.documentElement.textContent),
  };
}"""

AXE_JS = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), impact: n.impact})),
  }));
}"""


# A4 is the narrower paper: 210 mm less two 15 mm margins, in CSS pixels.
PRINT_WIDTH = round((210 - 2 * 15) / 25.4 * 96)

PRINT_OVERFLOW_JS = """() => {
  // Elements wider than the printed page. Chromium would shrink the whole
  // handout to fit them, so every line of it would print smaller.
  const width = document.documentElement.clientWidth;
  const own = e => !e.closest('table') || e.tagName === 'TABLE';
  const over = [...document.querySelectorAll('body *')]
    .filter(e => own(e) && e.getBoundingClientRect().right > width + 1);
  const innermost = over.filter(e => !over.some(o => o !== e && e.contains(o)));
  return innermost.slice(0, 10).map(e => `${e.tagName.toLowerCase()}.${String(e.className).split(' ')[0]} `
    + `${Math.round(e.getBoundingClientRect().right)}px wide: ${(e.textContent || '').trim().slice(0, 60)}`);
}"""


PRINT_CELL_OVERFLOW_JS = """() => {
  // Table cells whose text runs past their edge on the printed page (a word
  // longer than a fixed-width column): on paper it overprints the next cell.
  return [...document.querySelectorAll('td, th')].filter(c => c.scrollWidth > c.clientWidth + 1)
    .slice(0, 10).map(c => `${c.closest('table').className || 'table'} column ${c.cellIndex + 1}: `
      + `${c.scrollWidth}px of text in ${c.clientWidth}px: ${(c.textContent || '').trim().slice(0, 40)}`);
}"""


@dataclass
class Visit:
    """What one page did and showed in the browser."""

    url: str
    external_requests: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    facts: dict = field(default_factory=dict)
    axe: list[dict] | None = None  # None: axe was not run
    print_overflow: list[str] = field(default_factory=list)
    cell_overflow: list[str] = field(default_factory=list)


def visit(browser, url: str, *, axe: Path | None = None, screenshot: Path | None = None,
          full_page: bool = True, width: int = 1100) -> Visit:
    """Open ``url`` in a fresh context that refuses (and records) every
    request not served from a file or a data: URL, then gather the facts."""
    record = Visit(url)
    context = browser.new_context(viewport={"width": width, "height": 1400})
    try:
        def gate(route):
            request_url = route.request.url
            if request_url.startswith(LOCAL_SCHEMES):
                route.continue_()
            else:
                record.external_requests.append(request_url)
                route.abort()

        context.route("**/*", gate)
        page = context.new_page()
        page.on("pageerror", lambda error: record.page_errors.append(str(error)))
        page.on("console", lambda message: record.console_errors.append(message.text)
                if message.type == "error" else None)
        page.goto(url, wait_until="load")
        record.facts = page.evaluate(FACTS_JS)
        if screenshot is not None:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(screenshot), full_page=full_page)
        if axe is not None:
            page.add_script_tag(path=str(axe))
            record.axe = page.evaluate(AXE_JS, AXE_TAGS)
        page.emulate_media(media="print")
        page.set_viewport_size({"width": PRINT_WIDTH, "height": 1000})
        record.print_overflow = page.evaluate(PRINT_OVERFLOW_JS)
        record.cell_overflow = page.evaluate(PRINT_CELL_OVERFLOW_JS)
    finally:
        context.close()
    return record


# ---------------------------------------------------------------- checks (pure functions)


def structure_problems(facts: dict) -> list[str]:
    """Headings, landmarks, language and table headers, in words."""
    problems = []
    if not (facts.get("lang") or "").strip():
        problems.append("<html> has no lang attribute")
    if facts.get("mains", 0) < 1:
        problems.append("no <main> landmark")
    headings = facts.get("headings", [])
    h1s = [h for h in headings if h["level"] == 1]
    if len(h1s) != 1:
        problems.append(f"{len(h1s)} <h1> elements (want exactly one): {[h['text'] for h in h1s]}")
    if headings and headings[0]["level"] != 1:
        problems.append(f"the first heading is h{headings[0]['level']}, not h1: {headings[0]['text']!r}")
    for before, after in zip(headings, headings[1:]):
        if after["level"] > before["level"] + 1:
            problems.append(f"heading level skips from h{before['level']} ({before['text']!r}) "
                            f"to h{after['level']} ({after['text']!r})")
    for number, table in enumerate(facts.get("tables", []), start=1):
        if table["th"] == 0:
            problems.append(f"table {number} ({table['caption'] or 'no caption'!r}) has no <th> header cells")
    return problems


def image_problems(facts: dict) -> list[str]:
    problems = []
    for number, image in enumerate(facts.get("images", []), start=1):
        alt = image["alt"]
        name = f"image {number} ({image['src']}...)"
        if alt is None or not alt.strip():
            problems.append(f"{name} has no alt text")
        elif alt.strip() in PLACEHOLDER_ALTS or alt.strip().startswith(PLACEHOLDER_ALT_PREFIXES):
            problems.append(f"{name} has placeholder alt text: {alt!r}")
        if not image["loaded"]:
            problems.append(f"{name} did not load")
    return problems


def serious(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for v in sorted(violations, key=lambda v: ("critical", "serious", "moderate", "minor").index(v["impact"] or "minor")):
        targets = "; ".join(n["target"] for n in v["nodes"][:4])
        more = f" (+{len(v['nodes']) - 4} more)" if len(v["nodes"]) > 4 else ""
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} - {len(v['nodes'])} node(s): {targets}{more}")
    return "\n".join(lines) or "  (none)"


def in_own_thread(fn):
    """Run a Playwright scenario in a thread of its own: the Sync API refuses to
    start in a thread where another test module's Playwright session is open.
    No overall time limit: every Playwright step has its own timeout, so a
    scenario that hangs fails at the step that hangs."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn).result()


class BrowserThread:
    """One headless Chromium shared by a module's tests, driven from a thread
    of its own (the Playwright Sync API refuses a thread where another
    module's session is open). ``run(fn)`` calls ``fn(browser)`` there."""

    def __init__(self):
        from concurrent.futures import ThreadPoolExecutor

        self._pool = ThreadPoolExecutor(max_workers=1)
        self._pool.submit(self._start).result()

    def _start(self):
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self.browser = launch(self._playwright)

    def run(self, fn, *args):
        return self._pool.submit(fn, self.browser, *args).result()

    def close(self):
        def stop(browser):
            browser.close()
            self._playwright.stop()

        try:
            self.run(stop)
        finally:
            self._pool.shutdown()


@contextlib.contextmanager
def running_lab(tmp: Path, args: list[str], root: Path, env: dict | None = None):
    """Start `jupyter lab ARGS` in ``root``, headless, on 127.0.0.1 with a
    token, with its own config, runtime and user-settings folders (so the
    tester's own ~/.jupyter cannot change the outcome), and ``env`` on top.
    Every wait is bounded; the server is stopped by its process group."""
    import secrets
    import signal
    import subprocess
    import sys
    import time
    import urllib.request

    import pytest

    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(tmp / "user-settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp / "workspaces"), "JUPYTER_CONFIG_DIR": str(tmp / "config"),
           "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"), "IPYTHONDIR": str(tmp / "ipython"),
           "SYRIA_LESSON_ANSWERS": str(tmp / "answers"), "MPLBACKEND": "Agg", **(env or {})}
    env.pop("SYRIA_LESSON_EDITION", None)
    headless = ["--no-browser", "--ServerApp.open_browser=False", "--ServerApp.ip=127.0.0.1",
                f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        headless.append("--allow-root")
    log_path = tmp / "server.log"
    with log_path.open("wb") as log:
        jupyter = Path(sys.executable).parent / "jupyter"
        server = subprocess.Popen([str(jupyter), "lab", *headless, *args], cwd=root, env=env,
                                  stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
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
                        pytest.fail("JupyterLab did not start:\n" + log_path.read_text(errors="replace")[-3000:])
                    time.sleep(0.25)
            yield {"url": url, "token": token, "log": log_path}
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=5)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing is listening on right now."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
