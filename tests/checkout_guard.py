"""What a test run left in the checkout: every file and folder under it, with
size and modification time, before and after.

Left out: the .git entry (git's own), the virtual environments (.venv*, made
by the Makefile, not by tests) and __pycache__ folders (the interpreter's and
pytest's bytecode, which git ignores)."""

from __future__ import annotations

import os
from pathlib import Path

SKIPPED = {".git", "__pycache__"}


def snapshot(root: Path) -> dict[str, tuple[int, int] | None]:
    """relative path -> (size, mtime_ns) for a file, None for a folder."""
    found: dict[str, tuple[int, int] | None] = {}
    for folder, dirs, files in os.walk(root):
        top = Path(folder) == root
        dirs[:] = [d for d in dirs if d not in SKIPPED and not (top and d.startswith(".venv"))]
        for name in dirs:
            found[os.path.relpath(os.path.join(folder, name), root) + "/"] = None
        for name in files:
            if top and name in SKIPPED:
                continue
            path = os.path.join(folder, name)
            try:
                info = os.lstat(path)
            except FileNotFoundError:  # removed while we looked
                continue
            found[os.path.relpath(path, root)] = (info.st_size, info.st_mtime_ns)
    return found


def changes(before: dict, after: dict) -> list[str]:
    """'new: x', 'changed: y', 'removed: z', sorted by path."""
    said = []
    for path in sorted(before.keys() | after.keys()):
        if path not in before:
            said.append(f"new: {path}")
        elif path not in after:
            said.append(f"removed: {path}")
        elif before[path] != after[path]:
            said.append(f"changed: {path}")
    return said
