"""The web edition beside JupyterLite: bytes and time to a usable lesson (part of ``make benchmark``).

    python benchmarks/run.py --web-only   # this part alone, about half a minute

For each lesson page of the web edition (built afresh into a temp folder):
its bytes (the page, its figures inline, plus the shared script, styles and
question data it loads) and its time to interactive in headless Chromium:
from the start of navigation (``performance.timeOrigin``) to the moment the
page's script has bound the controls and the first question's first control
is enabled, measured inside the page; the median of three loads, each in a
fresh browser context (nothing cached). Every request outside the page's
folder is refused, as in the browser tests.

Beside it, JupyterLite (``lite_edition.py``): a fresh Lite site served from a
local server, its first visit measured in the same Chromium (bytes from the
server, time to the lesson readable, the CDN requests it makes), and its CDN
part estimated, labelled as an estimate.
Targets (issue 26): each lesson page at most 1 MB and interactive within 1 s.
"""

from __future__ import annotations

import statistics
import tempfile
from pathlib import Path

import lite_edition  # benchmarks/lite_edition.py, beside this file

from syria_lesson import build
from syria_lesson.build import web

CHROMIUM = Path("/usr/bin/chromium")
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]
SHARED = (*web.ASSETS, "sl-questions.js")
TARGETS = {"page_max_bytes": 1_000_000, "interactive_max_ms": 1000}
LOADS = 3

# Runs before the page's own scripts: notes the time when the page is ready and its first control enabled.
WATCH = """(() => {
  const done = () => {
    if (window.__slInteractive) return true;
    if (document.documentElement.dataset.slReady !== '1') return false;
    const first = document.querySelector('.sl-web-q input, .sl-web-q select, .sl-web-q textarea, #sl-name');
    if (!first || first.disabled) return false;
    window.__slInteractive = performance.now();
    return true;
  };
  new MutationObserver((_, obs) => { if (done()) obs.disconnect(); })
    .observe(document, {attributes: true, childList: true, subtree: true});
})();"""


def page_bytes(folder: Path) -> dict[str, int]:
    shared = sum((folder / name).stat().st_size for name in SHARED)
    return {p.name: p.stat().st_size + shared for p in sorted(folder.glob("*.html"))}


def time_to_interactive(folder: Path, names: list[str], loads: int = LOADS) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    inside = folder.as_uri() + "/"
    times: dict[str, list[float]] = {name: [] for name in names}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        try:
            for _ in range(loads):
                for name in names:
                    context = browser.new_context(viewport={"width": 1100, "height": 900})
                    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
                        (inside, "data:", "blob:")) else route.abort())
                    context.add_init_script(WATCH)
                    page = context.new_page()
                    page.goto(inside + name)
                    page.wait_for_function("window.__slInteractive !== undefined", timeout=30_000)
                    times[name].append(page.evaluate("window.__slInteractive"))
                    context.close()
        finally:
            browser.close()
    return {name: statistics.median(values) for name, values in times.items()}


def measure(root: Path) -> dict:
    """Build the web edition into a temp folder and measure it; JupyterLite's files if they are built."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "web"
        web.build_web(folder, build.notebooks(include_instructor=False, include_reference=True))
        sizes = page_bytes(folder)
        times = time_to_interactive(folder, list(sizes)) if CHROMIUM.exists() else {}
    return {"pages": {name: {"bytes": size, "interactive_ms": round(times[name]) if name in times else None}
                      for name, size in sizes.items()},
            "lite": lite_edition.measure(), "targets": TARGETS}


def rows(report: dict) -> list[tuple[str, str, str]]:
    out = [("web edition: page + shared script, styles, data", "bytes",
            "time to a usable lesson: interactive (median of 3)")]
    for name, m in report["pages"].items():
        over = [w for w, bad in (("over 1 MB", m["bytes"] > TARGETS["page_max_bytes"]),
                                 ("over 1 s", (m["interactive_ms"] or 0) > TARGETS["interactive_max_ms"])) if bad]
        ms = "not measured (no Chromium)" if m["interactive_ms"] is None else f"{m['interactive_ms']} ms"
        out.append((f"  {name}", f"{m['bytes'] / 1024:.0f} KB", " ".join([ms, *over])))
    return out + lite_edition.rows(report["lite"])
