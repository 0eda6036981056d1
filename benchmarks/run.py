"""How long the module takes: notebooks, handouts, tests (``make benchmark``).

    python benchmarks/run.py               # everything, about 2-4 minutes
    python benchmarks/run.py --skip-tests  # without the test suite

Measures, in one run:

- each lesson's execution time (nbclient, fresh kernel, the same harness as
  ``syria_lesson.build.execute``) against a floor: a notebook that only
  imports the same libraries (pandas, matplotlib, ipywidgets, syria_lesson)
  in the same harness. Both are the median of three runs, after one untimed
  warm-up run, because a kernel now and then takes seconds to shut down;
- the handout build (``build_handouts`` into a temp folder) against the total
  execution time of the lessons. The lessons are timed as ``build.execute``
  runs them, as a student's kernel would (live widgets, a graceful shutdown);
  the build runs its kernels unattended (``build.execute.run``), several at once;
- each handout's size (its HTML file alone), and the size of each edition's
  ``img/`` folder, the figures its pages share, reported apart;
- the full test suite (``python -m pytest -q`` in a subprocess);
- the web edition beside JupyterLite (``benchmarks/web_edition.py``,
  ``benchmarks/lite_edition.py``): per lesson page its bytes and time to
  interactive in headless Chromium; JupyterLite served from a local server, its
  first visit's bytes and time to a readable lesson measured, its CDN part
  estimated and labelled so (``--web-only``: this part alone).

Targets: the whole module within 1.3x its floor (number of lessons x floor
time); the handout build within the lessons' execution time (1.0x); no
handout's HTML file over 1 MB. Speed is held here, not in a timed test.
Prints a table and writes build/benchmark.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import web_edition  # noqa: E402 - benchmarks/web_edition.py, beside this file

from syria_lesson import build  # noqa: E402
from syria_lesson.build.page_images import IMAGES  # noqa: E402

FLOOR_SOURCE = "import pandas\nimport matplotlib.pyplot\nimport ipywidgets\nimport syria_lesson"
TARGETS = {"module_vs_floor": 1.3, "handouts_vs_execution": 1.0, "handout_max_bytes": 1_000_000}


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


RUNS = 3


def median_time(path: Path, runs: int = RUNS) -> float:
    return statistics.median(timed(build.execute, path)[0] for _ in range(runs))


def floor_time() -> float:
    import nbformat

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "floor.ipynb"
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(FLOOR_SOURCE)]
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, path)
        return median_time(path)


def run_tests() -> dict:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q"], cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    tail = [line for line in proc.stdout.strip().splitlines() if line.strip()][-1:] or [""]
    return {"seconds": round(seconds, 2), "returncode": proc.returncode, "summary": tail[0]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time the notebooks, the handout build and the tests.")
    parser.add_argument("--skip-tests", action="store_true", help="do not run the test suite")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "benchmark.json")
    parser.add_argument("--web-only", action="store_true", help="only the web edition beside JupyterLite")
    args = parser.parse_args(argv)
    if args.web_only:
        return print_web(web_edition.measure(ROOT), args.out.with_name("benchmark-web.json"))

    lessons = build.notebooks(include_instructor=False)
    # Warm-up, not timed: the first run after a change pays one-off costs (byte-compiling the
    # package, the OS file cache) that neither the floor nor the other lessons pay.
    print("warm-up ...", flush=True)
    build.execute(lessons[0])
    print("floor (imports only) ...", flush=True)
    floor = floor_time()
    per_notebook = {}
    for path in lessons:
        print(f"executing {path.name} ...", flush=True)
        per_notebook[path.name] = median_time(path)
    execution = sum(per_notebook.values())
    module_floor = floor * len(lessons)

    print("building handouts ...", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        handouts_seconds, written = timed(build.build_handouts, Path(tmp))
        sizes = {p.relative_to(tmp).as_posix(): p.stat().st_size for p in written if p.suffix == ".html"}
        # The figures the pages of an edition share, written once beside them (not counted in a page's size).
        images = {f"{folder.parent.name}/{folder.name}/": sum(f.stat().st_size for f in folder.iterdir())
                  for folder in sorted(Path(tmp).glob(f"*/{IMAGES}")) if folder.is_dir()}

    print("the web edition in Chromium ...", flush=True)
    web_report = web_edition.measure(ROOT)

    tests = None if args.skip_tests else (print("running the test suite ...", flush=True) or run_tests())

    checks = {
        "module_vs_floor": {"ratio": round(execution / module_floor, 2), "target": TARGETS["module_vs_floor"]},
        "handouts_vs_execution": {"ratio": round(handouts_seconds / execution, 2), "target": TARGETS["handouts_vs_execution"]},
        "largest_handout": {"page": max(sizes, key=sizes.get), "bytes": max(sizes.values()),
                            "target": TARGETS["handout_max_bytes"]},
    }
    checks["module_vs_floor"]["ok"] = checks["module_vs_floor"]["ratio"] <= checks["module_vs_floor"]["target"]
    checks["handouts_vs_execution"]["ok"] = checks["handouts_vs_execution"]["ratio"] <= checks["handouts_vs_execution"]["target"]
    checks["largest_handout"]["ok"] = checks["largest_handout"]["bytes"] <= checks["largest_handout"]["target"]

    report = {
        "python": platform.python_version(), "machine": platform.machine(),
        "floor_seconds": round(floor, 2), "module_floor_seconds": round(module_floor, 2),
        "notebooks_seconds": {k: round(v, 2) for k, v in per_notebook.items()},
        "execution_seconds": round(execution, 2), "handouts_seconds": round(handouts_seconds, 2),
        "handout_bytes": sizes, "image_folder_bytes": images, "tests": tests, "checks": checks,
        "web_edition": web_report,
    }

    rows = [(f"floor (imports only; every time is a median of {RUNS})", f"{floor:6.2f} s", "")]
    rows += [(name, f"{sec:6.2f} s", f"{sec / floor:4.2f}x floor") for name, sec in per_notebook.items()]
    rows += [("all lessons", f"{execution:6.2f} s", f"{execution / module_floor:4.2f}x {len(lessons)} floors (target 1.3x)"),
             ("handout build", f"{handouts_seconds:6.2f} s",
              f"{handouts_seconds / execution:4.2f}x execution (target {TARGETS['handouts_vs_execution']}x)")]
    rows += [(f"  {name}", f"{size / 1024:6.0f} KB", "over 1 MB" if size > TARGETS["handout_max_bytes"] else "")
             for name, size in sizes.items()]
    rows += [(f"  {name} (figures shared by the pages)", f"{size / 1024:6.0f} KB", "") for name, size in images.items()]
    if tests:
        rows.append(("test suite (pytest -q)", f"{tests['seconds']:6.2f} s", tests["summary"][:60]))
    width = max(len(r[0]) for r in rows)
    print()
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>10}  {note}")
    print()
    for name, check in checks.items():
        print(f"{'OK  ' if check['ok'] else 'MISS'} {name}: " + ", ".join(f"{k}={v}" for k, v in check.items() if k != "ok"))

    print()
    print_web(web_report, None)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nWritten: {args.out}")
    return 0


def print_web(report: dict, out: Path | None) -> int:
    """The web edition beside JupyterLite, as a table; written to ``out`` when given."""
    rows = web_edition.rows(report)
    width = max(len(r[0]) for r in rows)
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>10}  {note}")
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(f"\nWritten: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
