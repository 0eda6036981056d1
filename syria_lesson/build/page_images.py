"""The figures of a handout build: each PNG encoded once, then linked from a
file beside the pages when several pages show it, or kept inside the one page
that does."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

IMAGES = "img"  # beside the pages of an edition: build/handouts/<edition>/img/<hash>.png
_PNG = "data:image/png;base64,"
# A PNG data URL in a text/html output (a figure inside a static face), up to its closing quote.
_PNG_URL = re.compile(re.escape(_PNG) + r"([A-Za-z0-9+/=\s]+)(?=[\"'])")
_TOKEN = "sl-figure-"
_TOKEN_URL = re.compile(re.escape(_PNG + _TOKEN) + r"([0-9a-f]{16})")


class Figures:
    """The PNG figures of a build, each encoded once.

    ``lift`` takes every figure out of a notebook before it becomes HTML,
    leaving a short token where its base64 was (an ``image/png`` output, or a
    data URL inside a ``text/html`` one), so that the pages are rendered and
    parsed without the figures' bytes. ``place`` then gives each token its
    final form for one edition: a file in ``img/`` if the figure is on more
    than one page of the edition, its data URL if it is on one page only.
    """

    def __init__(self):
        self.data: dict[str, str] = {}  # key -> base64, without line breaks

    def _key(self, b64: str) -> str:
        b64 = "".join(b64.split())
        key = hashlib.sha256(b64.encode("ascii")).hexdigest()[:16]
        self.data.setdefault(key, b64)
        return key

    def _token_url(self, match: re.Match) -> str:
        return f"{_PNG}{_TOKEN}{self._key(match.group(1))}"

    def lift(self, nb):
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                png = data.get("image/png")
                if isinstance(png, str) and not png.startswith(_TOKEN):
                    data["image/png"] = _TOKEN + self._key(png)
                page = data.get("text/html")
                if page is not None and _PNG in (page if isinstance(page, str) else "".join(page)):
                    data["text/html"] = _PNG_URL.sub(self._token_url, page if isinstance(page, str) else "".join(page))
        return nb

    def place(self, pages: dict[str, str], folder: Path) -> dict[str, str]:
        """The pages of one edition (name -> HTML with tokens), with every
        figure linked or inlined; the linked ones written to ``folder/img``."""
        used: dict[str, int] = {}
        for page in pages.values():
            for key in set(_TOKEN_URL.findall(page)):
                used[key] = used.get(key, 0) + 1
        shared = {key for key, count in used.items() if count > 1}
        if shared:
            (folder / IMAGES).mkdir(exist_ok=True)
        for key in sorted(shared):
            (folder / IMAGES / f"{key}.png").write_bytes(base64.b64decode(self.data[key]))

        def final(match: re.Match) -> str:
            key = match.group(1)
            return f"{IMAGES}/{key}.png" if key in shared else _PNG + self.data[key]

        return {name: _TOKEN_URL.sub(final, page) for name, page in pages.items()}
