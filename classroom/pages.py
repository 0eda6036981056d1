"""The published site's pieces that are not built elsewhere (``make site``).

    python classroom/pages.py pdfs build/site     # copy the worksheet and student PDFs into build/site/pdf/
    python classroom/pages.py index build/site    # the landing page: build/site/index.html
    python classroom/pages.py assets build/release-assets   # the PDFs to attach to a release

The site is ``build/site/``: the JupyterLite site of the student release at its
root (``lab/``), the student handouts in ``handouts/``, the PDFs of the
worksheets and student handouts in ``pdf/<paper>/<edition>/``, and
``index.html``, a landing page that links them all. Only what a student may
be given is published: the instructor edition holds the model answers.
"""

from __future__ import annotations

import html
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from syria_lesson.build.pdf import OUT as PDF  # noqa: E402 - the folder `make pdf` writes
from syria_lesson.build.pdf import PAPERS  # noqa: E402
from syria_lesson.core.editions import published  # noqa: E402

START = "lab/index.html?path=notebooks/00_start_here.ipynb"
# What may be published: what a student may be given. Never the instructor edition.
PUBLISHED = {e.name: e.published for e in published()}


def title() -> str:
    from syria_lesson.data import load_all

    return load_all().module["title"]


def published_pdfs() -> dict[tuple[str, str], list[Path]]:
    """build/pdf/<paper>/<edition>/*.pdf for the published editions, by (paper, edition)."""
    return {(paper, edition): sorted((PDF / paper / edition).glob("*.pdf")) for paper in PAPERS for edition in PUBLISHED
            if (PDF / paper / edition).is_dir()}


def copy_pdfs(site: Path) -> int:
    count = 0
    for (paper, edition), files in published_pdfs().items():
        target = site / "pdf" / paper.lower() / edition
        target.mkdir(parents=True, exist_ok=True)
        for path in files:
            shutil.copy2(path, target / path.name)
            count += 1
    return count


def release_assets(out: Path) -> list[Path]:
    """The published PDFs, named by edition and paper, for a release (e.g. worksheet-01_the_article-a4.pdf)."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    written = []
    for (paper, edition), files in published_pdfs().items():
        for path in files:
            target = out / f"{edition}-{path.stem}-{paper.lower()}.pdf"
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
    if (site / "web" / "index.html").is_file():
        sections.append(
            "<section><h2>Work through the lessons in any browser</h2>"
            '<p><a href="web/index.html">Open the lessons (web edition)</a>: nothing to install, works offline '
            "once opened and on a phone. Answers stay in that browser, so export them at the end of each "
            "lesson.</p></section>")
    if (site / "lab").is_dir():
        sections.append(
            "<section><h2>Run the lessons in your browser</h2>"
            f'<p><a href="{esc(START)}">Open the lessons (JupyterLite)</a>: the Python option, nothing to install; the '
            "lessons run in the browser. It needs an internet connection, and answers stay in that browser only, so "
            "export them before you leave.</p></section>")
    if handouts:
        items = "".join(f'<li><a href="handouts/{esc(p.name)}">{esc(label(p.stem))}</a></li>' for p in handouts)
        sections.append("<section><h2>Handouts</h2><p>One page per lesson, to read or print "
                        f"(student edition).</p><ul>{items}</ul></section>")
    blocks = []
    for edition, heading in PUBLISHED.items():
        for paper in PAPERS:
            files = sorted((site / "pdf" / paper.lower() / edition).glob("*.pdf"))
            if files:
                folder = f"pdf/{paper.lower()}/{edition}"
                blocks.append(f"<h3>{esc(heading)}, {esc(paper)} paper</h3><ul>"
                              + "".join(f'<li><a href="{folder}/{esc(p.name)}">{esc(label(p.stem))}</a></li>' for p in files)
                              + "</ul>")
    if blocks:
        sections.append("<section><h2>PDFs for printing</h2>" + "".join(blocks) + "</section>")
    name = esc(title())
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{name}</title>"
            "<style>body{font-family:sans-serif;max-width:46em;margin:2em auto;padding:0 1em;line-height:1.5}"
            "a{color:#0b5394}</style></head><body><main>"
            f"<h1>{name}</h1>"
            "<p>An open teaching module in six Jupyter notebooks (CC BY 4.0). The instructor edition, with "
            "model answers, is not published here.</p>"
            + "".join(sections) + "</main></body></html>\n")


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("pdfs", "index", "assets"):
        print(__doc__)
        return 2
    command, folder = argv[0], Path(argv[1])
    if command == "pdfs":
        count = copy_pdfs(folder)
        print(f"{count} PDFs copied into {folder / 'pdf'}" if count else
              "no worksheet or student PDFs in build/pdf/ (make pdf writes them): the site has none")
    elif command == "index":
        (folder / "index.html").write_text(index_html(folder), encoding="utf-8")
        print(f"Landing page written: {folder / 'index.html'}")
    else:
        written = release_assets(folder)
        print(f"{len(written)} PDFs for the release in {folder}" if written else
              f"no worksheet or student PDFs in build/pdf/ (make pdf writes them): nothing in {folder}")
        return 0 if written else 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
