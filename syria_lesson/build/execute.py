"""Running notebooks in fresh kernels, and saving them with their outputs.

Each kernel gets a throw-away answers folder, so a teacher's or student's
saved answers never leak into committed outputs, and its own environment,
so kernels running side by side cannot see each other's settings.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
from pathlib import Path

import nbformat
from jupyter_core.utils import run_sync
from nbclient import NotebookClient

from syria_lesson.build.figures import save_figures
from syria_lesson.build.freshness import fingerprint
from syria_lesson.core import editions, paths
from syria_lesson.core.display import WIDGET_MIME


def strip_widget_views(nb) -> None:
    """Drop live-widget views and widget state from saved outputs, leaving
    each output's static face (text/html, text/plain). A notebook opened
    before it is run then shows worksheets and tables, never 'Error
    displaying widget'."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            output.get("data", {}).pop(WIDGET_MIME, None)


def client(path: Path, timeout: int):
    nb = nbformat.read(path, as_version=4)
    # record_timing=False: no per-cell timestamps, so re-running leaves no churn in git diffs.
    return nb, NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                              resources={"metadata": {"path": str(path.parent)}})


def kernel_env(answers: str, edition: str) -> dict[str, str]:
    # get() refuses a name that is not an edition, so a typo fails here, not in a silent student edition.
    return {**os.environ, "SYRIA_LESSON_ANSWERS": answers, editions.ENV: editions.get(edition).name}


def _shown(path: Path) -> str:
    return str(path.relative_to(paths.ROOT) if path.is_relative_to(paths.ROOT) else path)


# For a run that no one watches (the handout build): every widget's comm becomes a
# comm.DummyComm, which sends nothing, so the kernel no longer serialises and sends, and
# nbclient no longer receives and parses, thousands of comm_open messages (over 3,000 for
# the six lessons) for live views that strip_widget_views() drops anyway. Output
# widgets keep a real comm: nbclient routes what is shown inside one through it.
NO_VIEWER = """import comm as _sl_comm
def _sl_create_comm(*args, _dummy=_sl_comm.DummyComm, _real=_sl_comm.create_comm, **kwargs):
    state = (kwargs.get("data") or {}).get("state") or {}
    return (_real if state.get("_model_name") == "OutputModel" else _dummy)(*args, **kwargs)
_sl_comm.create_comm = _sl_create_comm
del _sl_comm, _sl_create_comm"""


def _after_last_cell(nb, done):
    """An nbclient hook that calls ``done()`` once the notebook's last code cell has run."""
    last = max((i for i, cell in enumerate(nb.cells) if cell.cell_type == "code"), default=None)

    def hook(cell, cell_index, execute_reply):
        if cell_index == last:
            done()

    return hook


async def run(path: Path, edition: str, timeout: int, done=None, unattended: bool = False):
    """Run a notebook in a fresh kernel. ``done()``, if given, is called as soon
    as the last cell's outputs are in, before the kernel is shut down (mostly
    waiting, a few tenths of a second): :func:`execute_many` starts the next
    notebook then.

    ``unattended=True``, for a build that keeps only the outputs: no widget
    talks to a front end (see :data:`NO_VIEWER`), no history is kept, and once
    its outputs are in, the kernel is stopped at once rather than asked to shut
    down, which now and then takes it seconds (its answers folder is thrown
    away in any case). The saved outputs are the same once stripped."""
    nb, kernel = client(path, timeout)
    if unattended:
        # No IPython history either: no one will look back through a build's kernels, and
        # every kernel would open, and write each cell to, the same SQLite file (about a
        # tenth of a kernel's CPU time).
        kernel.extra_arguments = [f"--IPKernelApp.exec_lines={json.dumps([NO_VIEWER])}",
                                  "--HistoryManager.enabled=False"]
        kernel.shutdown_kernel = "immediate"
    if done is not None:
        kernel.on_cell_executed = _after_last_cell(nb, done)
    # The kernel's own log (every kernel warns that it talks over TCP) goes to
    # a file, shown only if the run fails, so a teacher running `make handouts`
    # sees progress, not warnings that need no action.
    with tempfile.TemporaryDirectory() as answers, tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        try:
            await kernel.async_execute(env=kernel_env(answers, edition), stderr=log)
        except Exception:
            log.seek(0)
            detail = log.read().strip()
            if detail:
                print(f"The kernel running {path.name} wrote:\n{detail[-4000:]}", file=sys.stderr)
            raise
    strip_widget_views(nb)
    return nb


def execute(path: Path, edition: str = "student", timeout: int = 300):
    """Run a notebook in a fresh kernel and return it with its outputs."""

    # run_sync, not asyncio.run: it also works when an event loop is already
    # running in this thread (as under Playwright's sync API in the tests).
    return run_sync(run)(path, edition, timeout)


def execute_all(notebooks: list[Path], edition: str = "student", timeout: int = 300, workers: int | None = None) -> list:
    """Run several notebooks as :func:`execute` does, a few at once (see
    :func:`execute_many`). Returns them in the order given; the first failure is raised."""
    return execute_many([(path, edition) for path in notebooks], timeout, workers)


def execute_many(jobs: list[tuple[Path, str]], timeout: int = 300, workers: int | None = None,
                 unattended: bool = False, each=None) -> list:
    """Run each (notebook, edition) as :func:`execute` does, in one pool of
    kernels (one more than there are CPU cores), so that one edition's last
    notebook does not hold up the next edition's first. The biggest notebooks
    (the slowest, as a rule) start first, so that none is left to run alone at
    the end; a kernel's slot goes to the next notebook as soon as its outputs
    are in, while it shuts down. ``unattended``: see :func:`run`.
    ``each(index, notebook)``, if given, is called as each job is done. Returns
    the notebooks in the order given; the first failure is raised."""

    # One kernel more than there are cores: a kernel spends part of its run waiting (while it
    # starts, between cells), and the extra one runs then. On 2 cores, 3 kernels build the
    # handouts in about 15-20% less time than 2.
    workers = workers or max(1, min(len(jobs), (os.cpu_count() or 1) + 1))
    order = sorted(range(len(jobs)), key=lambda i: -jobs[i][0].stat().st_size)

    async def run_all():
        gate = asyncio.Semaphore(workers)

        async def run_one(index: int, path: Path, edition: str):
            await gate.acquire()
            freed = False

            def free():
                nonlocal freed
                if not freed:
                    freed = True
                    gate.release()

            try:
                note = f" ({edition} edition)" if edition != "student" else ""
                print(f"running {_shown(path)}{note} ...", flush=True)
                nb = await run(path, edition, timeout, done=free, unattended=unattended)
                if each is not None:
                    each(index, nb)
                return nb
            finally:
                free()

        tasks = {i: asyncio.ensure_future(run_one(i, *jobs[i])) for i in order}
        try:
            await asyncio.gather(*tasks.values())
        finally:
            for task in tasks.values():
                task.cancel()
        return [tasks[i].result() for i in range(len(jobs))]

    return run_sync(run_all)()


def run_notebooks(notebooks: list[Path]) -> None:
    """Re-run every notebook and save it with its outputs and fingerprint."""
    save_figures()
    stamp = fingerprint()
    for path, nb in zip(notebooks, execute_all(notebooks)):
        nb.metadata["syria_lesson"] = {"fingerprint": stamp}
        for cell in nb.cells:
            cell.metadata.pop("execution", None)  # timestamps from older runs
        nbformat.write(nb, path)
    print("Notebooks are up to date. Commit them with the data you changed.")
