"""JupyterLite without the CDN: what the Lite site bundles so that it makes no
request outside its own folder (``python -m syria_lesson.build.lite --bundle``,
which the publish workflow runs where the internet is reachable).

- The Pyodide distribution that matches the kernel (``PYODIDE_VERSION``, the
  version jupyterlite-pyodide-kernel is built for), from Pyodide's release
  tarball, unpacked into the site's ``static/pyodide/``: the runtime and every
  package Pyodide builds (pandas, matplotlib, pyyaml, numpy and the rest).
- The wheels the lessons need that Pyodide does not ship (``FROM_PYPI``,
  ipywidgets and its own dependencies, pinned at the versions this
  environment runs), fetched with ``pip download`` and listed in the site's
  ``pypi/all.json``.
- The kernel told never to fall back to PyPI (``disablePyPIFallback``).

``check_site`` holds the rule: every package the lessons import
(``lesson_imports``: the notebooks and the package modules they reach) resolves
to a file named in the site's configuration, Pyodide's lock or the wheel
index, and that file is in the site.
"""

from __future__ import annotations

import ast
import importlib.metadata
import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
from jupyterlite_pyodide_kernel.constants import PYODIDE_KERNEL_PLUGIN_ID as PYODIDE_KERNEL
from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION

from syria_lesson.build import notebooks as all_notebooks
from syria_lesson.core import paths

# The wheels the lessons need that Pyodide's distribution does not hold: ipywidgets and what it needs.
FROM_PYPI = ("ipywidgets", "comm", "widgetsnbextension", "jupyterlab_widgets")
# Imports a kernel has without a package of its own: the kernel provides IPython.
KERNEL_PROVIDES = {"IPython"}


def pyodide_version() -> str:
    """The Pyodide version the installed kernel is built for."""
    return PYODIDE_VERSION


def pyodide_url(version: str | None = None) -> str:
    version = version or pyodide_version()
    return f"https://github.com/pyodide/pyodide/releases/download/{version}/pyodide-{version}.tar.bz2"


def normal(name: str) -> str:
    """A distribution's name as indexes compare it (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


# ---------------------------------------------------------------- what the lessons import


def _imports(source: str) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def _module_file(name: str) -> Path | None:
    base = paths.ROOT / Path(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.exists():
            return candidate
    return None


def lesson_imports(notebooks: list[Path] | None = None) -> set[str]:
    """The top-level names of every package outside the standard library and ``syria_lesson`` that the
    notebooks import, directly or through the package modules they reach."""
    todo: set[str] = set()
    for path in notebooks or all_notebooks(include_instructor=False):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code" and not cell.source.lstrip().startswith(("%", "!")):
                todo |= _imports("\n".join(line for line in cell.source.splitlines() if not line.startswith("%")))
    seen, outside = set(), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        top = name.split(".")[0]
        if top != "syria_lesson":
            if top not in sys.stdlib_module_names and top not in KERNEL_PROVIDES:
                outside.add(top)
            continue
        module = _module_file(name)
        if module is not None:
            todo |= _imports(module.read_text(encoding="utf-8"))
            parent = name.rsplit(".", 1)[0]
            if module.name == "__init__.py" or parent != name:
                todo.add(parent)
    return outside


def distributions(imports: set[str]) -> dict[str, str]:
    """Each imported top-level name → the distribution that provides it in this environment."""
    provided = importlib.metadata.packages_distributions()
    missing = sorted(name for name in imports if name not in provided)
    if missing:
        raise RuntimeError(f"No installed distribution provides {', '.join(missing)}: install requirements.txt")
    return {name: provided[name][0] for name in imports}


# ---------------------------------------------------------------- the build's part, and the check


def download_wheels(folder: Path) -> list[Path]:
    """The ``FROM_PYPI`` wheels at this environment's versions, fetched by pip (needs the internet)."""
    folder.mkdir(parents=True, exist_ok=True)
    pins = [f"{name}=={importlib.metadata.version(name)}" for name in FROM_PYPI]
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                    "--dest", str(folder), *pins], check=True)
    return sorted(folder.glob("*.whl"))


def build_args(pyodide: str, wheels: list[Path]) -> list[str]:
    """What ``jupyter lite build`` is given to bundle Pyodide (a tarball's URL or path) and the wheels."""
    return ["--pyodide", pyodide, *(arg for wheel in wheels for arg in ("--piplite-wheels", str(wheel)))]


def kernel_settings() -> dict:
    """jupyter-lite.json's settings for the kernel: never fall back to PyPI."""
    return {"litePluginSettings": {PYODIDE_KERNEL: {"disablePyPIFallback": True}}}


def check_site(site: Path, imports: set[str] | None = None) -> list[str]:
    """Every problem with the bundle in a built site, in words: [] when every package the lessons import
    resolves to a file named in the site's configuration, and that file is in the site."""
    config = json.loads((site / "jupyter-lite.json").read_text(encoding="utf-8"))
    kernel = config.get("jupyter-config-data", {}).get("litePluginSettings", {}).get(PYODIDE_KERNEL, {})
    problems = []
    url = kernel.get("pyodideUrl", "")
    if not url.startswith("./"):
        return [f"Pyodide is not in the site: its URL is {url or 'the CDN (none set)'}; build with --bundle"]
    if not kernel.get("disablePyPIFallback"):
        problems.append("the kernel may still fetch from PyPI: disablePyPIFallback is not set")
    lock_path = (site / url).parent / "pyodide-lock.json"
    lock = json.loads(lock_path.read_text(encoding="utf-8")) if lock_path.exists() else {"packages": {}}
    named = {normal(name): lock_path.parent / spec["file_name"] for name, spec in lock["packages"].items()}
    for index_url in kernel.get("pipliteUrls", []):
        index = site / index_url.split("?")[0]  # the URL carries the index's hash as a query
        for name, entry in json.loads(index.read_text(encoding="utf-8")).items():
            for releases in entry["releases"].values():
                named[normal(name)] = index.parent / releases[0]["url"]
    wanted = {normal(d) for d in distributions(imports if imports is not None else lesson_imports()).values()}
    wanted |= {normal(name) for name in FROM_PYPI}
    for name in sorted(wanted):
        if name not in named:
            problems.append(f"{name}: named neither in Pyodide's lock nor in the site's wheel index")
        elif not named[name].exists():
            problems.append(f"{name}: {named[name].relative_to(site)} is named but not in the site")
    return problems
