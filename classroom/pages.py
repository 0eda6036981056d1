"""The published site's pieces that are not built elsewhere (``make site``).

    python classroom/pages.py pdfs build/site     # copy the student PDFs from build/pdf/ into build/site/pdf/
    python classroom/pages.py index build/site    # the landing page: build/site/index.html
    python classroom/pages.py assets build/release-assets   # the PDFs to attach to a release

The site is ``build/site/``: the JupyterLite site of the student release at its
root (``lab/``), the student handouts in ``handouts/``, their PDFs in
``pdf/a4/`` and ``pdf/letter/``, and ``index.html``, a landing page that links
all three. Only the student edition is published: the instructor edition
holds the model answers.
"""

from __future__ import annotations

import html
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PDF = ROOT / "build" / "pdf"
TITLE = "U.S.–Russia diplomacy over Syria: reading the 2017 Da Nang statement"
START = "lab/index.html?path=notebooks/00_start_here.ipynb"
PAPERS = {"a4": "A4", "letter": "US Letter"}


def student_pdfs() -> dict[str, list[Path]]:
    """build/pdf/<paper>/student/*.pdf, by paper (what ``make pdf`` writes)."""
    return {paper: sorted((PDF / paper / "student").glob("*.pdf")) for paper in PAPERS
            if (PDF / paper / "student").is_dir()}


def copy_pdfs(site: Path) -> int:
    count = 0
    for paper, files in student_pdfs().items():
        target = site / "pdf" / paper
        target.mkdir(parents=True, exist_ok=True)
        for path in files:
            shutil.copy2(path, target / path.name)
            count += 1
    return count


def release_assets(out: Path) -> list[Path]:
    """The student PDFs, named by paper, for a release (e.g. all_lessons-a4.pdf)."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    written = []
    for paper, files in student_pdfs().items():
        for path in files:
            target = out / f"{path.stem}-{paper}.pdf"
            shutil.copy2(path, target)
            written.append(target)
    return written


def label(stem: str) -> str:
    if stem == "all_lessons":
        return "All lessons in one document"
    number, _, rest = stem.partition("_")
    return f"{number} · {rest.replace('_', ' ').capitalize()}" if number.isdigit() else stem.replace("_", " ")


def index_html(site: Path) -> str:
    esc = html.escape
    handouts = sorted((site / "handouts").glob("*.html"))
    sections = []
    if (site / "lab").is_dir():
        sections.append(
            "<section><h2>Run the lessons in your browser</h2>"
            f'<p><a href="{esc(START)}">Open the lessons (JupyterLite)</a>: nothing to install; the lessons run '
            "in the browser. It needs an internet connection, and answers stay in that browser only, so "
            "export them before you leave.</p></section>")
    if handouts:
        items = "".join(f'<li><a href="handouts/{esc(p.name)}">{esc(label(p.stem))}</a></li>' for p in handouts)
        sections.append("<section><h2>Handouts</h2><p>One page per lesson, to read or print "
                        f"(student edition).</p><ul>{items}</ul></section>")
    papers = [(paper, sorted((site / "pdf" / paper).glob("*.pdf"))) for paper in PAPERS]
    papers = [(paper, files) for paper, files in papers if files]
    if papers:
        blocks = "".join(
            f"<h3>{esc(PAPERS[paper])}</h3><ul>"
            + "".join(f'<li><a href="pdf/{paper}/{esc(p.name)}">{esc(label(p.stem))}</a></li>' for p in files)
            + "</ul>" for paper, files in papers)
        sections.append(f"<section><h2>PDFs for printing</h2>{blocks}</section>")
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(TITLE)}</title>"
            "<style>body{font-family:sans-serif;max-width:46em;margin:2em auto;padding:0 1em;line-height:1.5}"
            "a{color:#0b5394}</style></head><body><main>"
            f"<h1>{esc(TITLE)}</h1>"
            "<p>An open teaching module in six Jupyter notebooks (CC BY 4.0).</p>"
            + "".join(sections) + "</main></body></html>\n")


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("pdfs", "index", "assets"):
        print(__doc__)
        return 2
    command, folder = argv[0], Path(argv[1])
    if command == "pdfs":
        count = copy_pdfs(folder)
        print(f"{count} student PDFs copied into {folder / 'pdf'}" if count else
              "no student PDFs in build/pdf/ (make pdf writes them): the site has none")
    elif command == "index":
        (folder / "index.html").write_text(index_html(folder), encoding="utf-8")
        print(f"Landing page written: {folder / 'index.html'}")
    else:
        written = release_assets(folder)
        print(f"{len(written)} PDFs for the release in {folder}" if written else
              f"no student PDFs in build/pdf/ (make pdf writes them): nothing in {folder}")
        return 0 if written else 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
