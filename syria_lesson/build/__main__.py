"""``python -m syria_lesson.build COMMAND``: see the package's docstring."""

from __future__ import annotations

import argparse
import sys

from . import STALE_MESSAGE, __doc__ as USAGE, build_handouts, build_release, run_notebooks, save_figures, stale_notebooks


def check_current() -> int:
    stale = stale_notebooks()
    if stale:
        print(STALE_MESSAGE.format(names=", ".join(p.name for p in stale)), file=sys.stderr)
        return 1
    print("Notebooks are current with the data.")
    return 0


COMMANDS = {
    "notebooks": run_notebooks,
    "figures": save_figures,
    "handouts": build_handouts,
    "release": build_release,
    "check-current": check_current,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m syria_lesson.build", description=USAGE.split("\n\n")[0],
                                     epilog=USAGE.split("\n\n")[1], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=COMMANDS)
    args = parser.parse_args(argv)
    return COMMANDS[args.command]() or 0


if __name__ == "__main__":
    sys.exit(main())
