"""``data/standards.csv``: the standards the lessons and their tasks serve, the
C3 Framework's dimensions and the Common Core's Literacy in History/Social
Studies (RH) and Writing (WHST) codes for grades 9-10 and 11-12, each with a
summary in our words; and the checker of the ``standards:`` lists that tag
each lesson (``data/lessons/``) and each question (``data/questions/``)."""

from __future__ import annotations

import re

from syria_lesson.core.readers import display_name, read_csv, unique
from syria_lesson.core.validate import Checker, Column, Invalid, one_of, text, url
from syria_lesson.data.common import data_file, raise_if

CODE = re.compile(r"^(D[1-4](\.[A-Z][a-z]{2})?|RH\.(9-10|11-12)\.\d{1,2}|WHST\.(9-10|11-12)\.\d{1,2})$")


def _code(value: str) -> str:
    if not CODE.match(value):
        raise Invalid("is not a C3 dimension (D1, D2.His ...) or a Common Core code (RH.9-10.8, WHST.11-12.1 ...)",
                      "write the code as the framework prints it")
    return value


STANDARD_COLUMNS = [
    Column("code", _code),
    Column("framework", one_of("C3", "CCSS")),
    Column("grades", one_of("9-10", "11-12", "9-12")),
    Column("summary", text(160)),
    Column("source_url", url),
]


def load_standards() -> list[dict]:
    path = data_file("standards.csv")
    rows, problems = read_csv(path, STANDARD_COLUMNS)
    problems += unique(rows, "code", display_name(path))
    raise_if(problems)
    return rows


def tags(known: list[str]) -> Checker:
    """A ``standards:`` list: at least one code, each a row of ``data/standards.csv``."""
    def check(value) -> list[str]:
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise Invalid("is not a list of standard codes", "list the codes in [brackets], e.g. [D3, RH.9-10.8]")
        for code in value:
            if code not in known:
                raise Invalid(f"has {code!r}, which is not a code of data/standards.csv",
                              "use one of: " + ", ".join(known) + " (or add a row for it to data/standards.csv)")
        return value

    return check
