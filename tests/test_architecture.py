"""The package's shape: layers as folders, one direction of dependency, no loops.

Read from the source with ``ast`` (nothing is imported), so a test fails on the
line that breaks the rule, whether the import sits at the top of a file or inside
a function.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "syria_lesson"

# Lowest first: a module may import from its own layer or from a layer below it.
LAYERS = ["core", "kinds", "data", "live", "lessons", "teacher", "build"]
# The only imports that may wait inside a function: heavy libraries that a
# lesson may never need (importing the package must stay cheap), and the browser.
LAZY = {"ipywidgets", "matplotlib", "pandas", "playwright"}
MAX_TOP_MODULES = 8
MAX_LINES = 300


def module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(package: Path = PACKAGE) -> dict[str, Path]:
    return {module_name(p, package): p for p in sorted(package.rglob("*.py")) if "__pycache__" not in p.parts}


def imports(path: Path, name: str, known: set[str]) -> list[tuple[int, str, bool]]:
    """(line, imported package module, inside a function?) for every import of the package."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    inner = {id(n) for f in ast.walk(tree) if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)
             for n in ast.walk(f) if isinstance(n, ast.Import | ast.ImportFrom)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
                here = here[:len(here) - node.level + 1]
                base = ".".join(here + ([node.module] if node.module else []))
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        else:
            continue
        found += [(node.lineno, t, id(node) in inner) for t in targets]
    return found


def layer(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def folder(name: str, package: Path = PACKAGE) -> str:
    """The folder a module sits in (a package's __init__ belongs to its own folder)."""
    path = package.parent / Path(*name.split("."))
    return name if path.is_dir() else name.rpartition(".")[0]


def layer_violations(package: Path = PACKAGE) -> list[str]:
    mods = modules(package)
    found = []
    for name, path in mods.items():
        mine = layer(name)
        for line, target, _ in imports(path, name, set(mods)):
            theirs = layer(target)
            if not target.startswith(package.name + ".") or theirs is None:
                continue
            # The package's own __init__ runs before any layer: it may use only the bottom one.
            lowest = LAYERS[0] if mine is None else mine
            if LAYERS.index(theirs) > LAYERS.index(lowest):
                found.append(f"{path.relative_to(package.parent)}:{line} imports {target} ({theirs} is above {lowest})")
    return found


def folder_loops(package: Path = PACKAGE) -> list[list[str]]:
    """Groups of folders that import one another, round a loop (Tarjan's strongly connected components)."""
    mods = modules(package)
    edges: dict[str, set[str]] = {}
    for name, path in mods.items():
        source = folder(name, package)
        for _, target, _ in imports(path, name, set(mods)):
            if target in mods and folder(target, package) != source:
                edges.setdefault(source, set()).add(folder(target, package))
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    loops = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in edges.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                loops.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return loops


def lazy_imports(package: Path = PACKAGE) -> list[str]:
    """Imports inside functions other than the heavy libraries allowed to wait."""
    found = []
    for _name, path in modules(package).items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for f in ast.walk(tree):
            if not isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(f):
                if isinstance(node, ast.Import):
                    roots = [a.name.split(".")[0] for a in node.names]
                elif isinstance(node, ast.ImportFrom):
                    roots = [(node.module or "").split(".")[0]] if not node.level else [package.name]
                else:
                    continue
                found += [f"{path.relative_to(package.parent)}:{node.lineno} {r}" for r in roots if r not in LAZY]
    return found


def test_no_import_runs_up_a_layer():
    assert layer_violations() == []


def test_no_loop_between_folders():
    assert folder_loops() == []


def test_imports_sit_at_the_top_except_the_heavy_libraries():
    assert lazy_imports() == []


def test_few_modules_sit_at_the_top_of_the_package():
    top = [p.name for p in PACKAGE.glob("*.py")]
    assert len(top) <= MAX_TOP_MODULES, top


def test_every_module_has_one_job_in_under_about_300_lines():
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_every_folder_is_a_known_layer():
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders == set(LAYERS)


# -- the checks themselves catch what they are for, on a small package of their own

def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "syria_lesson"
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for layer_name in LAYERS:
        (root / layer_name).mkdir(exist_ok=True)
        (root / layer_name / "__init__.py").touch()
    (root / "__init__.py").touch()
    return root


def test_an_import_up_a_layer_is_caught(tmp_path):
    root = _package(tmp_path, {"core/html.py": "from ..lessons import timeline\n", "lessons/timeline.py": ""})
    assert layer_violations(root) == ["syria_lesson/core/html.py:1 imports syria_lesson.lessons.timeline "
                                      "(lessons is above core)"]


def test_an_import_up_a_layer_inside_a_function_is_caught(tmp_path):
    root = _package(tmp_path, {"data/load.py": "def f():\n    from syria_lesson.live import session\n",
                               "live/session.py": ""})
    assert len(layer_violations(root)) == 1
    assert lazy_imports(root) == ["syria_lesson/data/load.py:2 syria_lesson"]


def test_a_loop_between_two_folders_of_one_layer_is_caught(tmp_path):
    root = _package(tmp_path, {"lessons/timeline/__init__.py": "from ..positions import x\n",
                               "lessons/positions/__init__.py": "from ..timeline import y\n"})
    assert layer_violations(root) == []
    assert folder_loops(root) == [["syria_lesson.lessons.positions", "syria_lesson.lessons.timeline"]]


@pytest.mark.parametrize("lazy", sorted(LAZY))
def test_the_heavy_libraries_may_wait(tmp_path, lazy):
    root = _package(tmp_path, {"lessons/figure.py": f"def f():\n    import {lazy}\n"})
    assert lazy_imports(root) == []


def test_the_package_root_may_use_only_the_bottom_layer(tmp_path):
    root = _package(tmp_path, {"__init__.py": "from .core import validate\nfrom .data import load_all\n"})
    assert layer_violations(root) == ["syria_lesson/__init__.py:2 imports syria_lesson.data (data is above core)"]


def test_contributing_lists_every_module():
    """A newcomer finds every module in CONTRIBUTING.md's table, by its path in the package."""
    text = (PACKAGE.parent / "CONTRIBUTING.md").read_text(encoding="utf-8")
    missing = []
    for name, path in modules().items():
        if name == PACKAGE.name or not path.read_text(encoding="utf-8").strip():
            continue  # the package itself, and a layer's empty __init__
        short = name.removeprefix(PACKAGE.name + ".").replace(".", "/")
        leaf = short.rsplit("/", 1)[-1]
        if f"`{short}`" not in text and not (f"`{leaf}`" in text and f"`{short.rsplit('/', 1)[0]}`" in text):
            missing.append(short)
    assert missing == []
