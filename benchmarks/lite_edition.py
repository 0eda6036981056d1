"""JupyterLite served from a local server, measured as a student's first visit (part of ``make benchmark``).

A fresh Lite site of the student release is built into a temp folder and served by
``python -m http.server``; headless Chromium opens lesson 00 in a fresh context (nothing
cached) and records every request. Requests to the local server are let through and their
bytes counted; every other request (the CDN: Pyodide, its packages, PyPI) is refused and
written down. Two times, from the start of navigation:

- *lesson readable*: the notebook's first cell is on screen (JupyterLab's interface, the
  notebook and its text: a student can read, not yet run);
- *lesson usable*: the kernel is idle, which needs Pyodide from the CDN. Where the CDN is
  refused (always here: the requests are blocked, and this machine has no internet), it is
  not measured, and the report says so.

The CDN part is then estimated from the files Lite asks the CDN for: each refused request is
listed, and the ones a first lesson goes on to load (Pyodide's runtime and the packages the
lesson's set-up cell installs, with their dependencies) are added from ``CDN_ESTIMATE``:
approximate sizes of those files in recent Pyodide releases, an estimate and labelled so,
not a measurement.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]
START = "lab/index.html?path=notebooks/00_start_here.ipynb"
WAIT_MS = 60_000

# Approximate download sizes (KB) of what a first lesson loads from the CDN: Pyodide's runtime, then
# the packages the set-up cell installs (pandas, matplotlib, pyyaml, ipywidgets) and what they need.
# An estimate from the sizes these files have had in recent Pyodide releases, not measured here.
CDN_ESTIMATE = {
    "Pyodide runtime (loader, wasm, stdlib, lock)": 12_500,
    "the kernel's packages (ipython, micropip, piplite…)": 2_500,
    "numpy": 3_000,
    "pandas (+ dateutil, pytz, six)": 7_500,
    "matplotlib (+ pillow, fonttools, kiwisolver…)": 10_000,
    "pyyaml": 200,
    "ipywidgets (+ widgetsnbextension, comm…, PyPI)": 2_600,
}


def _serve(folder: Path) -> tuple[subprocess.Popen, str]:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "-d", str(folder)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 15
    while True:
        try:
            urllib.request.urlopen(url + "jupyter-lite.json", timeout=2).read()
            return proc, url
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.terminate()
                raise RuntimeError("http.server did not start") from None
            time.sleep(0.1)


def visit(url: str) -> dict:
    """One first visit of lesson 00: local bytes and requests, refused (CDN) requests, and the two times."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    local, refused = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(url)
                          else (refused.append(route.request.url), route.abort()))
            page = context.new_page()
            page.on("requestfinished", lambda request: local.append(request))
            page.goto(url + START)
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=WAIT_MS)
            readable = page.evaluate("performance.now()")
            try:
                page.wait_for_function("() => /\\bIdle\\b/.test((document.querySelector('#jp-main-statusbar') || "
                                       "{}).innerText || '')", timeout=20_000)
                usable = page.evaluate("performance.now()")
            except PlaywrightTimeout:
                usable = None
            page.wait_for_timeout(1000)  # the requests still under way when the kernel gave up
            sizes = [r.sizes()["responseBodySize"] for r in local if r.url.startswith(url)]
            context.close()
        finally:
            browser.close()
    return {"readable_ms": round(readable), "usable_ms": None if usable is None else round(usable),
            "local_bytes": sum(sizes), "local_requests": len(sizes), "refused": sorted(set(refused))}


def measure() -> dict | None:
    """Build, serve and visit a Lite site; None (with the reason printed) where that cannot be done here."""
    try:
        import jupyterlite_core  # noqa: F401
    except ImportError:
        print("JupyterLite: jupyterlite-core is not installed (requirements-dev.txt): not measured")
        return None
    if not CHROMIUM.exists():
        print(f"JupyterLite: no Chromium at {CHROMIUM}: not measured")
        return None
    from syria_lesson.build.lite import build_lite

    with tempfile.TemporaryDirectory(prefix="lite-bench-") as tmp:
        site = build_lite(Path(tmp) / "site", release=Path(tmp) / "release", quiet=True)
        files = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        proc, url = _serve(site)
        try:
            seen = visit(url)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    seen["site_bytes"] = files
    seen["cdn_estimate_kb"] = CDN_ESTIMATE
    return seen


def rows(report: dict | None) -> list[tuple[str, str, str]]:
    if report is None:
        return [("JupyterLite (local server)", "not measured", "see the line above")]
    usable = ("not reached: Pyodide comes from the CDN, refused here" if report["usable_ms"] is None
              else f"{report['usable_ms']} ms")
    estimate = sum(report["cdn_estimate_kb"].values())
    out = [("JupyterLite (local server): lesson 00, first visit", "", ""),
           ("  from the local server (measured)", f"{report['local_bytes'] / 1024:.0f} KB",
            f"{report['local_requests']} requests; lesson readable (no kernel) in {report['readable_ms']} ms"),
           ("  lesson usable (kernel idle)", "", usable),
           ("  asked of the CDN and refused (measured)", f"{len(report['refused'])} URLs",
            "; ".join(report["refused"][:3]) + (" …" if len(report["refused"]) > 3 else ""))]
    out += [(f"  CDN, ESTIMATED: {name}", f"~{kb / 1024:.1f} MB", "estimate, not measured")
            for name, kb in report["cdn_estimate_kb"].items()]
    out.append(("  JupyterLite total, ESTIMATED (local + CDN)",
                f"~{(report['local_bytes'] / 1024 + estimate) / 1024:.0f} MB", "estimate"))
    return out
