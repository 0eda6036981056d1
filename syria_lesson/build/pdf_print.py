"""The printing itself, for ``syria_lesson.build.pdf``: one Chromium driven by
Playwright's async API, a few pages printed side by side, every request that
is not a ``file:`` or ``data:`` URL refused and recorded."""

from __future__ import annotations

import asyncio
import html
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

try:  # pypdf reads PDFs back (page counts, texts); without it pages are counted from the raw file
    from pypdf import PdfReader
except ImportError:
    PdfReader = None



def footer_template(edition: str) -> str:
    """Chromium fills in the spans with these classes on each page."""
    label = html.escape(f"{edition.replace('-', ' ').capitalize()} edition")
    return ('<div style="width:100%; font-family:\'DejaVu Sans\', Arial, sans-serif; '
            'font-size:8pt; color:#444; text-align:center; font-variant-ligatures:no-common-ligatures;">'
            f'<span class="title"></span> · {label} · page <span class="pageNumber"></span>'
            ' of <span class="totalPages"></span></div>')



async def print_jobs(jobs: list[Job], chromium: Path, workers: int, progress) -> list[Printed]:
    from playwright.async_api import Error as PlaywrightError
    from playwright.async_api import async_playwright

    results: dict[Job, Printed] = {}
    # Biggest first, so that no worker is left with the all-in-one page at the end.
    queue: asyncio.Queue[Job] = asyncio.Queue()
    for job in sorted(jobs, key=lambda j: -j.source.stat().st_size):
        queue.put_nowait(job)

    async with async_playwright() as playwright:
        try:
            browser = await playwright.chromium.launch(executable_path=str(chromium), args=BROWSER_ARGS)
        except PlaywrightError as error:
            first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise Missing(f"Chromium at {chromium} could not be started ({first}). {CHROMIUM_HINT}") from error
        try:
            context = await browser.new_context()
            refused: list[tuple[object, str]] = []  # (page, url)

            async def gate(route):
                url = route.request.url
                if url.startswith(LOCAL_SCHEMES):
                    await route.continue_()
                else:
                    try:
                        page = route.request.frame.page
                    except Exception:  # a request with no frame (a service worker's)
                        page = None
                    refused.append((page, url))
                    await route.abort()

            await context.route("**/*", gate)

            async def worker():
                page = await context.new_page()
                try:
                    while not queue.empty():
                        job = queue.get_nowait()
                        started = time.monotonic()
                        job.target.parent.mkdir(parents=True, exist_ok=True)
                        try:
                            await page.goto(job.source.resolve().as_uri(), wait_until="load")
                            await page.pdf(path=str(job.target), format=job.paper, print_background=True,
                                           prefer_css_page_size=True, display_header_footer=True,
                                           header_template="<span></span>",
                                           footer_template=footer_template(job.edition),
                                           outline=True, tagged=True)
                        except PlaywrightError as error:
                            first = str(error).strip().splitlines()[0]
                            raise RuntimeError(f"printing {job.source} on {job.paper} failed: {first}") from error
                        mine = [url for owner, url in refused if owner in (page, None)]
                        refused[:] = [(owner, url) for owner, url in refused if owner not in (page, None)]
                        done = Printed(job, count_pages(job.target), time.monotonic() - started, mine)
                        results[job] = done
                        progress(done)
                finally:
                    await page.close()

            await asyncio.gather(*(worker() for _ in range(max(1, min(workers, len(jobs))))))
        finally:
            await browser.close()
    return [results[job] for job in jobs]


def run(coroutine):
    """asyncio.run, also where this thread already runs an event loop (a
    notebook, or Playwright's sync API in a test): then in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    box: dict = {}

    def target():
        try:
            box["value"] = asyncio.run(coroutine)
        except BaseException as error:  # handed back to the caller below
            box["error"] = error

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["value"]


BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]


LOCAL_SCHEMES = ("file:", "data:")


CHROMIUM_HINT = ("Chromium is needed to print PDFs: sudo apt-get install chromium (Debian/Ubuntu), "
                 "sudo dnf install chromium (Fedora), brew install --cask chromium (macOS); "
                 "or set CHROMIUM=/path/to/chromium")


class Missing(Exception):
    """Something the printing needs is not here. The message is one line that says how to get it."""


@dataclass(frozen=True)
class Job:
    edition: str
    name: str
    paper: str
    source: Path
    target: Path


@dataclass
class Printed:
    job: Job
    pages: int
    seconds: float
    blocked: list[str] = field(default_factory=list)  # requests refused (not file: or data:)


def count_pages(path: Path) -> int:
    if PdfReader is None:  # Chromium writes each page's dictionary uncompressed
        return len(re.findall(rb"/Type\s*/Page\b(?!s)", path.read_bytes()))
    return len(PdfReader(path).pages)
