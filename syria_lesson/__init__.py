"""Helper package for the teaching module on U.S.-Russia diplomacy over Syria.

The notebooks stay short and readable by calling into it. Its folders are its
layers, lowest first; a module imports only from its own layer or a lower one
(``tests/test_architecture.py`` holds the rule):

- ``core``     paths, editions, the vocabulary of codes, dates, validation, HTML, display;
- ``kinds``    the question kinds: checking, paper face, reading, live controls;
- ``data``     loading everything in ``data/`` into one cross-checked ``Content``;
- ``live``     a student's answers, the session, live questions, reveals, exports;
- ``lessons``  one folder per topic (article, timeline, positions, map, forecasts);
- ``teacher``  collecting exports and the class view;
- ``build``    notebooks, figures, handouts, PDFs, the release, Lite; ``python -m syria_lesson.build``.

Importing the package is cheap: pandas, matplotlib and ipywidgets load only when
a lesson needs them.
"""

import sys

from syria_lesson.core.validate import DataError

__version__ = "1.0.0"


def _show_data_errors_plainly() -> None:
    """In a notebook, a mistake in data/ is shown as its message alone (file,
    row, column, fix), not as a traceback through the package."""
    if "IPython" not in sys.modules:  # not in a notebook: nothing to do, and no slow import
        return
    shell = sys.modules["IPython"].get_ipython()
    if shell is None:
        return

    def handler(shell, etype, value, tb, tb_offset=None):
        print(f"{value}\n\n(After fixing the file, run this notebook again: Run > Run All.)")
        return None

    shell.set_custom_exc((DataError,), handler)


_show_data_errors_plainly()
