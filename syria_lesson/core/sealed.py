"""Data files that hold answers, as the student release keeps them (issue 23: "no plain answer key").

A student who browses the release's files must not read a self-check's answer, a claim's kind or a
verdict at a glance. The release writes each such file as ``<name>.sealed``: a one-line header, then the
file compressed (zlib) and written in base64. It is not a secret from anyone who sets out to decode it,
since the lessons read it with nothing but the package; it keeps the answers out of sight, which is
what a student opening a file in JupyterLab's file browser needs. The checkout itself keeps plain files.
"""

from __future__ import annotations

import base64
import zlib
from pathlib import Path

SUFFIX = ".sealed"
HEADER = "# syria-lesson: the lessons read this file; it holds answers, so it is not kept as plain text\n"


def sealed_path(path: Path) -> Path:
    return path.with_name(path.name + SUFFIX)


def present(path: Path) -> Path | None:
    """The file as it is kept: plain, else sealed; None if neither is there."""
    for candidate in (path, sealed_path(path)):
        if candidate.is_file():
            return candidate
    return None


def seal(raw: bytes) -> str:
    return HEADER + base64.b64encode(zlib.compress(raw, 9)).decode("ascii") + "\n"


def unseal(text: str) -> bytes:
    body = text[len(HEADER):] if text.startswith(HEADER) else text
    return zlib.decompress(base64.b64decode(body.strip()))


def read_bytes(path: Path) -> bytes:
    """A data file's bytes, whether it is kept plain or sealed (``path`` names the plain file)."""
    found = present(path)
    if found is None:
        raise FileNotFoundError(path)
    raw = found.read_bytes()
    return unseal(raw.decode("ascii")) if found.name.endswith(SUFFIX) else raw


def seal_file(path: Path) -> Path:
    """Replace a plain file by its sealed copy (the release does this)."""
    target = sealed_path(path)
    target.write_text(seal(path.read_bytes()), encoding="ascii")
    path.unlink()
    return target
