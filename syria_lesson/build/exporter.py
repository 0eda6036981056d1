"""nbconvert's HTML exporter as the handouts use it: a notebook's cells and
outputs as a page, with the handout template, and without the passes that cost
most of a page's time (see ``HandoutExporter``)."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from nbconvert import HTMLExporter
from nbconvert.exporters.templateexporter import TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
from traitlets.config import Config

from syria_lesson.core.html import CELL

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

# What nbconvert's HTMLExporter adds to a page in a last pass, done here by pattern (see exporter()).
_FOCUSABLE = re.compile(r'<div(?= class="(?:[^"]*\s)?(?:jp-Cell-inputWrapper|jp-OutputArea-output)(?:\s[^"]*)?")')
_NO_ALT = re.compile(r"<img\b(?![^>]*\salt=)")
NO_ALT = "No description has been provided for this image"  # nbconvert's words, which the browser tests flag


# A table the package builds (class sl-table) aligns each cell left and top inline, for
# JupyterLab (core.html.CELL); the handout's stylesheet does the same for every .sl-table
# cell, so on a page the attribute is dropped: 3,500 of them, 150 KB, on the instructor
# edition's all-lessons page.
_SL_TABLE = re.compile(r'<table class="sl-table[ "].*?</table>', re.S)


def _finish(page: str) -> str:
    page = _SL_TABLE.sub(lambda table: table.group(0).replace(f" {CELL}", ""), page)
    return _NO_ALT.sub(f'<img alt="{NO_ALT}"', _FOCUSABLE.sub('<div tabindex="0"', page))


class HandoutExporter(HTMLExporter):
    """nbconvert's HTMLExporter (pinned in requirements-dev.txt) without its
    last pass, which parses and re-writes the whole page with BeautifulSoup,
    over half the time a page takes, to add alt text to images without any
    and tabindex="0" to cells and outputs (``_finish`` adds the same two by
    pattern), and without a schema check after each preprocessor."""

    def from_notebook_node(self, nb, resources=None, **kw):
        info = nb.metadata.get("language_info", {})
        lexer = info.get("pygments_lexer", info.get("name", None))
        self.register_filter("highlight_code", self.filters.get(
            "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)))
        resources = self._init_resources(resources)
        self.register_filter("filter_data_type", WidgetsDataTypeFilter(
            notebook_metadata=self._nb_metadata, parent=self, resources=resources))
        page, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        return _finish(page), resources

    def _validate_preprocessor(self, nbc, preprocessor):
        """nbconvert validates the whole notebook against its schema after each
        of its dozen preprocessors, enabled or not: over a third of a page's
        time. Only the tag remover is enabled here; the notebooks were
        checked by nbformat as it reads them, and their outputs come from nbclient."""


def page_config() -> Config:
    """What every page made from a notebook leaves out: the code of cells tagged
    ``remove-input``, cells tagged ``remove-cell``, and the heading anchors."""
    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_input_tags = {"remove-input"}
    config.TagRemovePreprocessor.remove_cell_tags = {"remove-cell"}
    config.HTMLExporter.exclude_anchor_links = True
    return config


@functools.lru_cache(maxsize=1)
def exporter() -> HandoutExporter:
    """One exporter a run: building it compiles the Jinja templates."""
    return HandoutExporter(config=page_config(), template_name="handout", extra_template_basedirs=[str(TEMPLATES)])
