"""Are the committed notebooks current with the data and the code?

Each notebook stores a fingerprint of everything that shapes its outputs when
it is run. The fingerprint covers the data files and the *meaning* of the
package's code: each module is parsed and its syntax tree hashed without
docstrings, so a comment or docstring fix does not make every notebook stale,
while any change to what the code does does. Build tooling (this package,
``lite``) does not shape outputs and is left out.
"""

from __future__ import annotations

import ast
import hashlib
from pathlib import Path

import nbformat

from syria_lesson.core import paths

PACKAGE = Path(__file__).resolve().parent.parent
# What never shapes a notebook's outputs: the builders, and the teacher's collecting tool.
NOT_RENDERING = {"build", "teacher/collect.py"}
DATA_SUFFIXES = {".csv", ".yaml", ".json"}

STALE_MESSAGE = ("The lesson data or the helper package changed since the notebooks were last run, so their "
                 "saved outputs are out of date ({names}).\n"
                 "Run:  make notebooks   (it re-runs every notebook; then commit the notebooks)\n"
                 "and then run the tests again.")


def code_meaning(source: str) -> str:
    """The module's syntax tree without docstrings: what the code does, not how it is commented."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (isinstance(body, list) and body and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str)):
            node.body = body[1:] or [ast.Pass()]
    return ast.dump(tree)


def rendering_modules() -> list[Path]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        inside = path.relative_to(PACKAGE)
        if inside.parts[0] not in NOT_RENDERING and inside.as_posix() not in NOT_RENDERING and "__pycache__" not in path.parts:
            found.append(path)
    return found


def fingerprint() -> str:
    """A hash of the data and of the code that renders the notebooks' outputs."""
    digest = hashlib.sha256()
    data = paths.data_dir()
    for path in sorted(p for p in data.rglob("*") if p.is_file() and p.suffix in DATA_SUFFIXES):
        digest.update(path.relative_to(data).as_posix().encode())
        digest.update(path.read_bytes().replace(b"\r\n", b"\n"))
    for path in rendering_modules():
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(code_meaning(path.read_text(encoding="utf-8")).encode())
    return digest.hexdigest()[:16]


def stale_notebooks(notebooks: list[Path]) -> list[Path]:
    current = fingerprint()
    return [path for path in notebooks
            if nbformat.read(path, as_version=4).metadata.get("syria_lesson", {}).get("fingerprint") != current]
