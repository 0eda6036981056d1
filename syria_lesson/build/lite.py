"""A JupyterLite site of the student release: the lessons in a browser, with
no server and nothing to install.

    python -m syria_lesson.build.lite                 # build/lite/ (make lite)
    python -m syria_lesson.build.lite --out DIR       # somewhere else
    python -m syria_lesson.build.lite --storage-name syria-lesson-2027   # a fresh browser storage

Serve the folder with any static web server (GitHub Pages, a school web
space, ``python -m http.server -d build/lite``) and give students the link
``.../lab/index.html?path=notebooks/00_start_here.ipynb``.

How the site is laid out, and why
---------------------------------
The Lite contents mirror the student release: ``notebooks/``, ``data/``,
``figures/`` and ``syria_lesson/`` side by side. The helper package ships as
plain source next to the notebooks' folder (not as a piplite wheel), so that
``syria_lesson.core.paths.ROOT`` (found from the notebook's folder, and also the
package's parent) is the root of the contents, and ``data/``, ``figures/``
and ``notebooks/answers/`` resolve just as they do on a laptop. In the Pyodide kernel the browser's storage is mounted at
``/drive`` and a notebook's kernel starts in its own folder (``/drive/notebooks``),
so answers are written to ``/drive/notebooks/answers``, which is writable and
persists in the browser.

Pyodide loads a library only when a cell itself imports it, and the lessons
import pandas, matplotlib, yaml and ipywidgets inside the helper package. So
each notebook copy in the site starts with one extra cell, tagged ``lite-setup``,
that installs those libraries with ``%pip`` (piplite: Pyodide's own builds, and
ipywidgets from PyPI) and puts the contents root on ``sys.path``. The committed
notebooks are not changed. Outputs are cleared (saved outputs render badly in
Lite, jupyterlite#1105): students run each notebook, as they do in JupyterLab.

Without the CDN
---------------
By default Pyodide and its packages come from a CDN at run time. ``--bundle``
(the publish workflow, which has the internet) puts the Pyodide distribution
that matches the kernel and the wheels the lessons need into the site, and
checks that every package the lessons import is there (``lite_bundle``).

Storage
-------
Files a student edits (notebooks, and the answers folder) live in the
browser's storage and take precedence over the site's copies: an updated
notebook stays hidden behind the student's edited copy until they delete or
rename theirs. The storage is named ``syria-lesson`` (not the default, which
depends only on the site's base URL and so is shared with any other Lite site
on the same host). To give everyone fresh copies after a big update, rebuild
with a new ``--storage-name``: that also starts every student with an empty
answers folder, so have students press "Export my answers" first.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

from syria_lesson.build import build_release, lite_bundle
from syria_lesson.core import paths

ROOT = paths.ROOT
BUILD = ROOT / "build"
STORAGE_NAME = "syria-lesson"
START = "notebooks/00_start_here.ipynb"

SETUP_SOURCE = """\
# JupyterLite only: load the libraries this lesson uses (the first time, this can take a minute).
%pip install -q {packages}
import os, sys
sys.path.insert(0, os.path.abspath(".."))  # the lesson's helper package, syria_lesson/, is one folder up"""


def setup_source() -> str:
    """The set-up cell: every library the lessons import, found in the lessons and the package
    (lite_bundle.lesson_imports), not listed by hand, so none is missed."""
    names = lite_bundle.distributions(lite_bundle.lesson_imports()).values()
    return SETUP_SOURCE.format(packages=" ".join(sorted({n.lower() for n in names})))

SETUP_TAG = "lite-setup"


def lite_notebook(source: Path, target: Path, setup: str | None = None) -> None:
    """Copy a notebook with its outputs cleared and the Lite set-up cell first."""
    nb = nbformat.read(source, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nb.metadata.pop("widgets", None)
    nb.cells.insert(0, nbformat.v4.new_code_cell(setup or setup_source(), metadata={"tags": [SETUP_TAG]}))
    nb.metadata["kernelspec"] = {"name": "python", "display_name": "Python (Pyodide)", "language": "python"}
    nbformat.validate(nb)
    nbformat.write(nb, target)


def stage_contents(release: Path, contents: Path) -> None:
    """The release's notebooks (cleared), data, figures, package and README."""
    (contents / "notebooks").mkdir(parents=True)
    setup = setup_source()
    for source in sorted((release / "notebooks").glob("*.ipynb")):
        lite_notebook(source, contents / "notebooks" / source.name, setup)
    for name in ("data", "figures", "syria_lesson"):
        shutil.copytree(release / name, contents / name,
                        ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints", "answers"))
    for name in ("README.md", "LICENSE", "LICENSE-CONTENT.md"):
        if (release / name).exists():
            shutil.copy2(release / name, contents / name)


def site_config(storage_name: str, bundled: bool = False) -> dict:
    return {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": "Syria lesson (JupyterLite)",
            # Our own storage, not shared with other Lite sites on the same host (see the module doc).
            "contentsStorageName": storage_name,
            "settingsStorageName": storage_name + "-settings",
            **(lite_bundle.kernel_settings() if bundled else {}),
        },
    }


def jupyter() -> str:
    here = Path(sys.executable).parent / "jupyter"
    return str(here) if here.exists() else "jupyter"


def build_lite(out: Path | None = None, release: Path | None = None, storage_name: str = STORAGE_NAME,
               quiet: bool = False, pyodide: str | None = None, wheels: list[Path] = ()) -> Path:
    """Build the student release, then a JupyterLite site of it in ``out``. With ``pyodide`` (the URL or
    path of a Pyodide tarball) and ``wheels``, the site bundles them and is checked to hold every package
    the lessons import (``lite_bundle``)."""
    out = Path(out or BUILD / "lite").resolve()
    release = build_release(release)
    with tempfile.TemporaryDirectory(prefix="syria-lite-") as tmp:
        lite_dir = Path(tmp)
        stage_contents(release, lite_dir / "contents")
        (lite_dir / "jupyter-lite.json").write_text(json.dumps(site_config(storage_name, bool(pyodide)), indent=2)
                                                    + "\n", encoding="utf-8")
        if out.exists():
            shutil.rmtree(out)
        command = [jupyter(), "lite", "build", "--no-sourcemaps", "--no-unused-shared-packages", "--apps", "lab",
                   "--lite-dir", str(lite_dir), "--contents", str(lite_dir / "contents"), "--output-dir", str(out),
                   *(lite_bundle.build_args(pyodide, list(wheels)) if pyodide else [])]
        result = subprocess.run(command, cwd=lite_dir, capture_output=quiet, text=True)
        if result.returncode != 0:
            detail = (result.stdout or "") + (result.stderr or "") if quiet else ""
            raise RuntimeError(f"jupyter lite build failed ({result.returncode}).\n{detail[-4000:]}")
    # GitHub Pages runs Jekyll on a site without this file, and Jekyll drops files whose
    # names start with "_", such as files/syria_lesson/__init__.py.
    (out / ".nojekyll").write_text("", encoding="utf-8")
    if pyodide and (problems := lite_bundle.check_site(out)):
        raise RuntimeError("The Lite site does not hold every package the lessons import:\n- " + "\n- ".join(problems))
    print(f"JupyterLite site written to {out}\n"
          f"Try it:  python -m http.server -d {out} 8000   then open "
          f"http://127.0.0.1:8000/lab/index.html?path={START}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=None, help="output folder (default: build/lite)")
    parser.add_argument("--storage-name", default=STORAGE_NAME,
                        help="browser storage name; a new name gives every student fresh copies (and no saved answers)")
    parser.add_argument("--bundle", action="store_true",
                        help="bundle Pyodide and the wheels the lessons need, so the site asks no CDN (needs the internet)")
    args = parser.parse_args(argv)
    if not args.bundle:
        build_lite(args.out, storage_name=args.storage_name)
        return 0
    with tempfile.TemporaryDirectory(prefix="syria-wheels-") as tmp:
        build_lite(args.out, storage_name=args.storage_name, pyodide=lite_bundle.pyodide_url(),
                   wheels=lite_bundle.download_wheels(Path(tmp)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
