"""The reference in the web edition: the anchors of its parts and sections, and each mention of
"the **Reference**" in a lesson's text made a link to its page (``reference.html``), at the part or
section the lesson names ("the **Reference** (Part 1, section 3)"). The notebooks keep their words:
JupyterLab has no page to link to. The reference is one page (it is well under 1 MB; a test holds it).
"""

from __future__ import annotations

import copy
import re

REFERENCE_NOTEBOOK, REFERENCE_PAGE = "reference.ipynb", "reference.html"
# "the **Reference**" (and a plain "the Reference", but not "the Reference handout"), with the part it names.
MENTION = re.compile(r"(?P<word>\*\*Reference\*\*|(?<=[Tt]he )Reference(?! handout))(?P<part> \(Part \d[^)]*\))?")
HEADING = re.compile(r"^#{2,3} (?:(Part \d)|(\d+)\.) ?.*$", re.M)


def _slug(heading: re.Match) -> str:
    return heading.group(1).lower().replace(" ", "-") if heading.group(1) else f"section-{heading.group(2)}"


def reference_anchors(nb) -> dict[str, str]:
    """'Part 1, section 3' → the id of that heading on the reference's page; 'Part 2' → its part's."""
    found, part = {}, ""
    for cell in nb.cells:
        for line in cell.source.splitlines() if cell.cell_type == "markdown" else []:
            heading = HEADING.match(line)
            if heading:
                part = heading.group(1) or part
                found[heading.group(1) or f"{part}, section {heading.group(2)}"] = _slug(heading)
    return found


def anchor_headings(nb):
    """The reference with an id on each part's and numbered section's heading, for the lessons' links."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = HEADING.sub(lambda m: m.group(0).replace(" ", f' <span id="{_slug(m)}"></span>', 1),
                                      cell.source)
    return nb


def link_mentions(text: str, anchors: dict[str, str]) -> str:
    """A lesson's text with each mention of the Reference a link to its page (at the part named, if found)."""
    def link(m: re.Match) -> str:
        part = (m.group("part") or "").strip(" ()")
        anchor = anchors.get(part) or anchors.get(part.split(",")[0]) if part else None
        return f"[{m.group('word')}]({REFERENCE_PAGE}{'#' + anchor if anchor else ''}){m.group('part') or ''}"
    return MENTION.sub(link, text)
