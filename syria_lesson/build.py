"""Re-running notebooks, building handouts and the student release.

    python -m syria_lesson.build notebooks   # after editing data/: re-run and save every notebook
    python -m syria_lesson.build figures     # redraw figures/ from the data
    python -m syria_lesson.build handouts    # HTML handouts, student and instructor editions
    python -m syria_lesson.build release     # the student release folder
    python -m syria_lesson.build check-current

The Makefile wraps each of these (``make notebooks`` and so on).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

from . import paths
from .display import WIDGET_MIME, esc

ROOT = paths.ROOT
NOTEBOOK_DIRS = [ROOT / "notebooks", ROOT / "instructor"]
BUILD = ROOT / "build"
MODULE_TITLE = "U.S.–Russia diplomacy over Syria: reading the 2017 Da Nang statement"
LICENCE = ("Lesson content CC BY 4.0; code MIT. Article: N. K. Gvosdev, The Moscow Times, 17 Nov 2017 "
           "(quoted in short phrases only; read the original at its source).")


def notebooks(include_instructor: bool = True) -> list[Path]:
    found = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    if include_instructor:
        found += sorted((ROOT / "instructor").glob("*.ipynb"))
    return found


# ---------------------------------------------------------------- freshness


def fingerprint() -> str:
    """A hash of everything that shapes the notebooks' outputs: the data and
    the package. Stored in each notebook when it is run, so a test can say in
    one sentence that the notebooks need re-running."""
    digest = hashlib.sha256()
    files = sorted((ROOT / "data").glob("*.*")) + sorted((ROOT / "syria_lesson").rglob("*.py"))
    # Build tooling does not shape what a notebook shows.
    files = [p for p in files if p.name not in ("build.py", "lite.py", "pdf.py")]
    for path in files:
        if path.suffix in (".csv", ".yaml", ".py"):
            digest.update(path.relative_to(ROOT).as_posix().encode())
            digest.update(path.read_bytes().replace(b"\r\n", b"\n"))
    return digest.hexdigest()[:16]


def stale_notebooks() -> list[Path]:
    import nbformat

    current = fingerprint()
    stale = []
    for path in notebooks():
        nb = nbformat.read(path, as_version=4)
        if nb.metadata.get("syria_lesson", {}).get("fingerprint") != current:
            stale.append(path)
    return stale


STALE_MESSAGE = ("The lesson data or the helper package changed since the notebooks were last run, so their "
                 "saved outputs are out of date ({names}).\n"
                 "Run:  make notebooks   (it re-runs every notebook; then commit the notebooks)\n"
                 "and then run the tests again.")


# ---------------------------------------------------------------- running notebooks


def strip_widget_views(nb) -> None:
    """Drop live-widget views and widget state from saved outputs, leaving
    each output's static face (text/html, text/plain). A notebook opened
    before it is run then shows worksheets and tables, never 'Error
    displaying widget'."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            output.get("data", {}).pop(WIDGET_MIME, None)


def _client(path: Path, timeout: int):
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    # record_timing=False: no per-cell timestamps, so re-running leaves no churn in git diffs.
    return nb, NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                              resources={"metadata": {"path": str(path.parent)}})


def _kernel_env(answers: str, edition: str) -> dict[str, str]:
    # Given to each kernel rather than set in os.environ, so kernels running
    # side by side cannot see each other's settings.
    return {**os.environ, "SYRIA_LESSON_ANSWERS": answers, "SYRIA_LESSON_EDITION": edition}


async def _execute(path: Path, edition: str, timeout: int):
    nb, client = _client(path, timeout)
    # The kernel's own log (every kernel warns that it talks over TCP) goes to
    # a file, shown only if the run fails, so a teacher running `make handouts`
    # sees progress, not warnings that need no action.
    with tempfile.TemporaryDirectory() as answers, tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        try:
            await client.async_execute(env=_kernel_env(answers, edition), stderr=log)
        except Exception:
            log.seek(0)
            detail = log.read().strip()
            if detail:
                print(f"The kernel running {path.name} wrote:\n{detail[-4000:]}", file=sys.stderr)
            raise
    strip_widget_views(nb)
    return nb


def execute(path: Path, edition: str = "student", timeout: int = 300):
    """Run a notebook in a fresh kernel; answers go to a throw-away folder so
    a teacher's or student's saved answers never leak into outputs."""
    from jupyter_core.utils import run_sync

    # run_sync, not asyncio.run: it also works when an event loop is already
    # running in this thread (as under Playwright's sync API in the tests).
    return run_sync(_execute)(path, edition, timeout)


def execute_all(paths: list[Path], edition: str = "student", timeout: int = 300,
                workers: int | None = None) -> list:
    """Run several notebooks as :func:`execute` does, as many at once as there
    are CPU cores. Returns the notebooks in the order given; the first
    failure is raised."""
    import asyncio

    from jupyter_core.utils import run_sync

    workers = workers or max(1, min(len(paths), os.cpu_count() or 1))

    async def run_all():
        gate = asyncio.Semaphore(workers)

        async def run_one(path: Path):
            async with gate:
                note = " (instructor edition)" if edition == "instructor" else ""
                shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
                print(f"running {shown}{note} ...", flush=True)
                return await _execute(path, edition, timeout)

        return await asyncio.gather(*(run_one(path) for path in paths))

    return run_sync(run_all)()


def run_notebooks() -> None:
    import nbformat

    save_figures()
    stamp = fingerprint()
    paths = notebooks()
    for path, nb in zip(paths, execute_all(paths)):
        nb.metadata["syria_lesson"] = {"fingerprint": stamp}
        for cell in nb.cells:
            cell.metadata.pop("execution", None)  # timestamps from older runs
        nbformat.write(nb, path)
    print("Notebooks are up to date. Commit them with the data you changed.")


def save_figures() -> None:
    from . import positions, timeline
    from .data import load_all

    content = load_all()
    manifest = timeline.save_figures(content.events)
    positions.save_figure(paths.figures_dir())
    manifest["positions"] = {"alt": positions.alt_text()}
    (paths.figures_dir() / "figures.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


# ---------------------------------------------------------------- handouts


def _title(nb, path: Path) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if match:
                return match.group(1).strip()
    return path.stem


@functools.lru_cache(maxsize=1)
def exporter():
    # Building the exporter compiles the Jinja templates; do it once per run.
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_input_tags = {"remove-input"}
    config.TagRemovePreprocessor.remove_cell_tags = {"remove-cell"}
    config.HTMLExporter.exclude_anchor_links = True
    return HTMLExporter(config=config, template_name="handout",
                        extra_template_basedirs=[str(Path(__file__).parent / "templates")])


@functools.lru_cache(maxsize=1)
def _handout_css() -> str:
    return (Path(__file__).parent / "templates" / "handout" / "handout.css").read_text(encoding="utf-8")


def handout_html(nb, path: Path, edition: str, built: str) -> str:
    css = _handout_css()
    label = "Instructor edition (contains model answers)" if edition == "instructor" else "Student edition"
    resources = {"metadata": {"name": _title(nb, path)},
                 "sl": {"css": css, "edition": edition, "edition_label": label, "lesson": _title(nb, path),
                        "module": MODULE_TITLE, "built": built, "licence": LICENCE}}
    body, _ = exporter().from_notebook_node(nb, resources=resources)
    return body


def build_handouts(out: Path | None = None) -> list[Path]:
    """Student handouts from the committed notebooks; instructor handouts from
    a fresh run with the instructor notes switched on. Plus one all-in-one
    page per edition."""
    import nbformat

    out = out or BUILD / "handouts"
    built = dt.date.today().isoformat()
    written = []
    for edition in ("student", "instructor"):
        folder = out / edition
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        pages = []
        paths = notebooks(include_instructor=edition == "instructor")
        if edition == "student":
            executed = [nbformat.read(path, as_version=4) for path in paths]
            for nb in executed:
                strip_widget_views(nb)
        else:
            executed = execute_all(paths, edition="instructor")
        for path, nb in zip(paths, executed):
            html = handout_html(nb, path, edition, built)
            target = folder / f"{path.stem}.html"
            target.write_text(html, encoding="utf-8")
            pages.append((path.stem, _title(nb, path), html))
            written.append(target)
        whole = folder / "all_lessons.html"
        whole.write_text(all_in_one(pages, edition, built), encoding="utf-8")
        written.append(whole)
    for path in written:
        print(f"{path.relative_to(out)}: {path.stat().st_size / 1024:.0f} KB")
    return written


def _demote(html: str) -> str:
    """h1 -> h2, h2 -> h3 ... so the all-in-one page keeps a single h1."""
    def shift(match):
        level = min(int(match.group(2)) + 1, 6)
        return f"<{match.group(1)}h{level}"
    return re.sub(r"<(/?)h([1-5])", shift, html)


def all_in_one(pages: list[tuple[str, str, str]], edition: str, built: str) -> str:
    first = pages[0][2]
    head = first[: first.index("<main>")]
    tail = first[first.index("</main>"):]
    toc = "".join(f'<li><a href="#{esc(stem)}">{esc(title)}</a></li>' for stem, title, _ in pages)
    sections = []
    for stem, _, html in pages:
        inner = html[html.index("<main>") + len("<main>"): html.index("</main>")]
        sections.append(f'<section class="sl-lesson" id="{esc(stem)}">{_demote(inner)}</section>')
    label = "instructor edition" if edition == "instructor" else "student edition"
    head = re.sub(r"<title>.*?</title>", f"<title>{esc(MODULE_TITLE)}: all lessons ({label})</title>", head, flags=re.S)
    # The first lesson's title ("00 · Start here") itself contains " · ": match up to " · built".
    head = re.sub(r'(<p class="sl-edition"><strong>[^<]*</strong> · ).*?( · built )', r"\1All lessons\2", head)
    return (head + f"<main><h1>{esc(MODULE_TITLE)}</h1>"
            f'<nav class="sl-toc" aria-label="Contents"><h2>Contents</h2><ol>{toc}</ol></nav>'
            + "".join(sections) + tail)


# ---------------------------------------------------------------- student release


RELEASE_GITIGNORE = """.venv/
__pycache__/
*.egg-info/
.ipynb_checkpoints/
# Students' answers stay on their machine.
notebooks/answers/
"""


def build_release(out: Path | None = None) -> Path:
    """Everything a student needs and nothing only a teacher should see."""
    out = out or BUILD / "student-release"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    shutil.copytree(ROOT / "notebooks", out / "notebooks",
                    ignore=shutil.ignore_patterns("answers", ".ipynb_checkpoints"))
    shutil.copytree(ROOT / "data", out / "data")
    shutil.copytree(ROOT / "figures", out / "figures")
    shutil.copytree(ROOT / "syria_lesson", out / "syria_lesson", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("requirements.txt", "pyproject.toml", "LICENSE", "LICENSE-CONTENT.md"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, out / name)
    shutil.copy2(ROOT / "docs" / "STUDENT_README.md", out / "README.md")
    # So the release can be pushed to a repository of its own and opened with
    # Binder or nbgitpuller without exposing instructor/.
    shutil.copytree(ROOT / "binder", out / "binder")
    shutil.copytree(ROOT / "jupyterlab-settings", out / "jupyterlab-settings")  # JupyterLab without news prompts
    (out / ".gitignore").write_text(RELEASE_GITIGNORE, encoding="utf-8")
    print(f"Student release written to {out}")
    return out


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "notebooks":
        run_notebooks()
    elif command == "figures":
        save_figures()
    elif command == "handouts":
        build_handouts()
    elif command == "release":
        build_release()
    elif command == "check-current":
        stale = stale_notebooks()
        if stale:
            print(STALE_MESSAGE.format(names=", ".join(p.name for p in stale)), file=sys.stderr)
            return 1
        print("Notebooks are current with the data.")
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
