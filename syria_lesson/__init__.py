"""Helper package for the teaching module on U.S.-Russia diplomacy over Syria.

The notebooks stay short and readable by calling into these modules:

- ``data``       loads and validates everything in ``data/``;
- ``display``    shows a widget together with a static face for handouts;
- ``article``, ``timeline``, ``positions``, ``questions``, ``epilogue``: one module per lesson;
- ``answers``    keeps each student's answers safe on disk;
- ``build``      re-runs the notebooks, builds handouts and the student release.

Importing the package is cheap: heavy libraries load only when a lesson needs them.
"""

__version__ = "1.0.0"


def _show_data_errors_plainly() -> None:
    """In a notebook, a mistake in data/ is shown as its message alone (file,
    row, column, fix), not as a traceback through the package."""
    import sys

    if "IPython" not in sys.modules:  # not in a notebook: nothing to do, and no slow import
        return
    shell = sys.modules["IPython"].get_ipython()
    if shell is None:
        return
    from syria_lesson.core.validate import DataError

    def handler(shell, etype, value, tb, tb_offset=None):
        print(f"{value}\n\n(After fixing the file, run this notebook again: Run > Run All.)")
        return None

    shell.set_custom_exc((DataError,), handler)


_show_data_errors_plainly()
