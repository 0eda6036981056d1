"""``python -m syria_lesson.build COMMAND``: see the package's docstring."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from syria_lesson.build import (
    BUILD,
    STALE_MESSAGE,
    build_handouts,
    build_release,
    check,
    notebooks,
    run_notebooks,
    save_figures,
    scaffold,
    stale_notebooks,
)
from syria_lesson.build import __doc__ as USAGE
from syria_lesson.build.docs import write_docs
from syria_lesson.build.lms import build_lms
from syria_lesson.build.pack import build_pack
from syria_lesson.build.slides import build_slides
from syria_lesson.build.web import build_web
from syria_lesson.build.worksheet_docx import build_docx


def check_current(out: Path | None) -> int:
    stale = stale_notebooks()
    if stale:
        print(STALE_MESSAGE.format(names=", ".join(p.name for p in stale)), file=sys.stderr)
        return 1
    print("Notebooks are current with the data.")
    return 0


def docs(out: Path | None) -> None:
    write_docs()


COMMANDS = {
    "notebooks": lambda out: run_notebooks(),
    "figures": lambda out: save_figures(),
    "handouts": lambda out: build_handouts(out),
    # The class sets only (all tasks, and core tasks only), for `make worksheets`.
    "worksheets": lambda out: build_handouts(out or BUILD / "worksheets", editions=("worksheet", "worksheet-core")),
    "release": lambda out: build_release(out),
    "web": lambda out: build_web(out or BUILD / "web", notebooks(include_instructor=False, include_reference=True)),
    "docs": docs,
    # The teacher's own formats (issue 27): teacher material, never published.
    "lms": lambda out: build_lms(out),
    "slides": lambda out: build_slides(out),
    "docx": lambda out: build_docx(out),
    # All of them and the instructor PDFs in one zip (make teacher-pack builds them first).
    "teacher-pack": lambda out: build_pack(out),
    "check-current": check_current,
    "check": lambda out: check.main(),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m syria_lesson.build", description=USAGE.split("\n\n")[0],
                                     epilog=USAGE.split("\n\n")[1], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=[*COMMANDS, "new-lesson"])
    parser.add_argument("lesson", nargs="*", help='new-lesson only: the lesson\'s id and title (06 "What came after")')
    parser.add_argument("--out", type=Path, default=None, help="where to write (handouts, worksheets, release)")
    args = parser.parse_args(argv)
    if args.command == "new-lesson":
        return scaffold.main(args.lesson)
    if args.lesson:
        parser.error(f"{args.command} takes no other arguments (got {' '.join(args.lesson)})")
    result = COMMANDS[args.command](args.out)
    return result if isinstance(result, int) else 0  # the builders return what they wrote


if __name__ == "__main__":
    sys.exit(main())
