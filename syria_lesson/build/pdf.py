"""Printing the HTML handouts to PDF, on A4 and US Letter paper.

    python -m syria_lesson.build.pdf                    # every edition in build/handouts/, A4 and Letter
    python -m syria_lesson.build.pdf --paper A4 --edition student
    python -m syria_lesson.build.pdf --check            # say in one line what is missing, if anything

``make pdf`` builds the handouts if they are out of date, then runs this.

An edition is simply a folder of HTML handouts: every
``build/handouts/<edition>/<name>.html`` is printed to
``build/pdf/<paper>/<edition>/<name>.pdf``. A new edition needs no code here,
only a folder (and, if it is in the editions table, a page budget there).

The printing is done by the system's Chromium (Debian's ``chromium``, found
through the CHROMIUM environment variable or on PATH), driven by Playwright's
``page.pdf()``: one browser for the whole run, a few pages printed side by
side. Every request that is not a ``file:`` or ``data:`` URL is refused, so a
printout never depends on the network. Page margins come from the handout's
own ``@page`` rule; each page gets a small footer with the handout's title,
the edition and "page X of Y".
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

from syria_lesson.build.pdf_print import CHROMIUM_HINT, Job, Missing, PdfReader, Printed, print_jobs, run
from syria_lesson.core import paths
from syria_lesson.core.editions import EDITIONS

ROOT = paths.ROOT
HANDOUTS = ROOT / "build" / "handouts"
OUT = ROOT / "build" / "pdf"
PAPERS = ("A4", "Letter")
CHROMIUM_ENV = "CHROMIUM"
CHROMIUM_NAMES = ("chromium", "chromium-browser")
WHOLE = "all_lessons"  # the all-in-one handout of each edition

# ---------------------------------------------------------------- page budgets
#
# The most pages each printed handout may take, per edition, on either paper
# (A4 and Letter), as declared in the editions table (syria_lesson.core.editions).
# "*" is every handout of the edition not named otherwise. tests/test_pdfs.py
# holds every PDF to these. A folder that is not an edition has no budget.
BUDGETS: dict[str, dict[str, int]] = {e.name: {"*": e.page_budget, WHOLE: e.whole_budget, "reference": e.reference_budget}
                                     for e in EDITIONS.values()}
# A worksheet's extension tasks, on pages of their own after the core, may take this many more.
EXTENSION_PAGES = {e.name: e.extension_pages for e in EDITIONS.values() if e.extension_pages}
# The budgets are for A4; Letter pages are 18 mm shorter and may take this many more.
LETTER_EXTRA = {e.name: e.letter_extra for e in EDITIONS.values() if e.letter_extra}


def letter_allowance(edition: str, name: str, lessons: int) -> int:
    """More pages allowed on Letter than on A4: per lesson handout, and so per lesson in the
    all-lessons page (its A4 budget is unchanged)."""
    return LETTER_EXTRA.get(edition, 0) * (lessons if name == WHOLE else 1)


def budget(edition: str, name: str) -> int | None:
    """Most pages ``<edition>/<name>.pdf`` may take, or None if no budget is set."""
    declared = BUDGETS.get(edition, {})
    return declared.get(name, declared.get("*"))


# ---------------------------------------------------------------- what is needed

PLAYWRIGHT_HINT = ("Playwright for Python is needed to print PDFs: .venv/bin/python -m pip install -r requirements-dev.txt "
                   "(make pdf does this); do not run `playwright install`, the system's Chromium is used")


def find_chromium() -> Path:
    """The Chromium to print with: $CHROMIUM if set, else chromium or
    chromium-browser on PATH. Raises :class:`Missing` if there is none."""
    named = os.environ.get(CHROMIUM_ENV)
    if named:
        found = shutil.which(named)
        if not found:
            raise Missing(f"{CHROMIUM_ENV}={named} is not a program that can be run. {CHROMIUM_HINT}")
        return Path(found)
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return Path(found)
    raise Missing(CHROMIUM_HINT)


def check() -> Path:
    """Chromium's path, if Chromium and Playwright are both here; else :class:`Missing`."""
    chromium = find_chromium()
    try:
        import playwright.async_api  # noqa: F401
    except ImportError as error:
        raise Missing(PLAYWRIGHT_HINT) from error
    return chromium


# ---------------------------------------------------------------- what to print


def editions(handouts: Path = HANDOUTS) -> dict[str, list[Path]]:
    """Each edition folder under ``handouts`` that holds HTML, with its handouts."""
    if not handouts.is_dir():
        return {}
    found = {}
    for folder in sorted(p for p in handouts.iterdir() if p.is_dir()):
        pages = sorted(folder.glob("*.html"))
        if pages:
            found[folder.name] = pages
    return found


def plan(handouts: Path = HANDOUTS, out: Path = OUT, papers=PAPERS, only_editions=None,
         only_names=None) -> list[Job]:
    jobs = []
    for edition, pages in editions(handouts).items():
        if only_editions and edition not in only_editions:
            continue
        for paper in papers:
            for source in pages:
                if only_names and source.stem not in only_names:
                    continue
                jobs.append(Job(edition, source.stem, paper, source, out / paper / edition / f"{source.stem}.pdf"))
    return jobs


def page_texts(path: Path) -> list[str]:
    """The text of each page, as pypdf extracts it (about 40 ms a page)."""
    return [page.extract_text() for page in PdfReader(path).pages]


def print_handouts(jobs: list[Job], workers: int | None = None, chromium: Path | None = None,
                   progress=None) -> list[Printed]:
    """Print every job in one browser, ``workers`` pages at a time (default:
    the number of CPU cores, at most 4). Old PDFs in each (paper, edition)
    folder are removed first, so none is left from a handout that is gone."""
    if not jobs:
        return []
    chromium = chromium or check()
    for folder in {job.target.parent for job in jobs}:
        if folder.is_dir():
            for old in folder.glob("*.pdf"):
                old.unlink()
    workers = workers or min(4, os.cpu_count() or 1)

    return run(print_jobs(jobs, chromium, workers, progress or (lambda printed: None)))


def table(results: list[Printed], out: Path = OUT) -> str:
    """Pages per PDF: one row per handout, one column per paper."""
    papers = [p for p in PAPERS if any(r.job.paper == p for r in results)]
    papers += sorted({r.job.paper for r in results} - set(papers))
    rows: dict[tuple[str, str], dict[str, int]] = {}
    for r in results:
        rows.setdefault((r.job.edition, r.job.name), {})[r.job.paper] = r.pages
    width = max([len("PDF (pages)")] + [len(f"{e}/{n}") for e, n in rows])
    lines = [f"{'PDF (pages)':<{width}}  " + "  ".join(f"{p:>6}" for p in papers)]
    for (edition, name), counts in rows.items():
        limit = budget(edition, name)
        # A worksheet's budget is for its core tasks; its extension tasks follow on pages of their own.
        extra = EXTENSION_PAGES.get(edition, 0) if name != WHOLE else 0
        lessons = sum(1 for e, n in rows if e == edition and n != WHOLE)
        over = [p for p, n in counts.items() if limit is not None
                and n > limit + extra + (letter_allowance(edition, name, lessons) if p == "Letter" else 0)]
        note = f"  over its budget of {limit} pages" + (f" (+{extra} for extension tasks)" if extra else "") if over else ""
        if edition in EXTENSION_PAGES and name == WHOLE:  # its budget is for the lessons' core pages, summed
            note = f"  (the lessons' core tasks: at most {limit} pages in all)"
        lines.append(f"{edition + '/' + name:<{width}}  " + "  ".join(f"{counts.get(p, ''):>6}" for p in papers) + note)
    shown = out.relative_to(ROOT) if out.is_relative_to(ROOT) else out
    lines.append(f"PDFs in {shown}/<paper>/<edition>/")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m syria_lesson.build.pdf", description=__doc__.split("\n\n")[0])
    parser.add_argument("--handouts", type=Path, default=HANDOUTS, help="folder of edition folders of HTML handouts")
    parser.add_argument("--out", type=Path, default=OUT, help="where to write <paper>/<edition>/<name>.pdf")
    parser.add_argument("--paper", action="append", choices=PAPERS, help="paper size (default: A4 and Letter)")
    parser.add_argument("--edition", action="append", help="edition folder to print (default: all)")
    parser.add_argument("--only", action="append", metavar="NAME", help="handout to print, e.g. 02_timeline (default: all)")
    parser.add_argument("--workers", type=int, default=None, help="pages printed at once (default: CPU cores, at most 4)")
    parser.add_argument("--check", action="store_true", help="only check that Chromium and Playwright are here")
    parser.add_argument("--verbose", action="store_true", help="a line for each PDF as it is printed")
    args = parser.parse_args(argv)
    try:
        chromium = check()
        if args.check:
            return 0
        jobs = plan(args.handouts, args.out, tuple(args.paper or PAPERS), args.edition, args.only)
        if not jobs:
            print(f"No handouts to print in {args.handouts}: run `make handouts` first.", file=sys.stderr)
            return 1
        started = time.monotonic()
        workers = args.workers or min(4, os.cpu_count() or 1)
        print(f"Printing {len(jobs)} PDFs, {workers} at a time, with {chromium} ...", flush=True)

        def progress(done: Printed) -> None:
            if args.verbose:
                print(f"{done.job.paper:>6} {done.job.edition}/{done.job.name}.pdf: {done.pages} pages "
                      f"({done.seconds:.1f} s)", flush=True)
            for url in done.blocked:
                print(f"{done.job.edition}/{done.job.name}.html asked for {url}: refused "
                      "(a handout must not need the network)", flush=True)

        results = print_handouts(jobs, workers, chromium, progress)
    except Missing as error:
        print(error, file=sys.stderr)
        return 1
    except RuntimeError as error:
        print(f"Could not print the PDFs: {error}", file=sys.stderr)
        return 1
    print(table(results, args.out))
    print(f"{len(results)} PDFs in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
