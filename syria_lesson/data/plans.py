"""``data/lessons/lesson_NN.yaml``: each lesson's supporting question, its
stated length, what students do that is not a question (reading the op-ed at
its source, a role-play), and its plan for one class, minute by minute; a
two-class and a self-study version where they fit.

The stated length must hold: ``syria_lesson.build.timing`` computes each lesson's
time from its words and its tasks' minutes, and a test compares the two.
"""

from __future__ import annotations

import json

from syria_lesson.core import paths
from syria_lesson.core.readers import display_name, read_yaml
from syria_lesson.core.validate import DataError, Invalid, Problem, ident, integer, text
from syria_lesson.data.common import data_file, raise_if
from syria_lesson.data.documents import check_record
from syria_lesson.data.standards import load_standards, tags


def _ids(value):
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Invalid("is not a list of ids", "list the question or activity ids in [brackets]")
    return [ident(v) for v in value]


def _yes_no(value):
    if not isinstance(value, bool):
        raise Invalid("is not yes or no", "write true or false")
    return value


def _figure(value):
    """A figure of ``figures/`` by its name (``make figures`` lists them in ``figures.json``)."""
    value = ident(value)
    listed = paths.figures_dir() / "figures.json"
    known = sorted(json.loads(listed.read_text(encoding="utf-8"))) if listed.is_file() else [value]
    if value not in known:
        raise Invalid("is not a figure of figures/", "use one of: " + ", ".join(known))
    return value


STEP = {"minutes": integer(1, 120), "step": text(300), "tasks?": _ids, "pause?": _yes_no}
# A step of the one-class plan is also a slide (``make slides``): ``step`` is the teacher's direction
# (instructor only: the instructor deck's speaker notes), ``slide`` the words the class sees, and
# ``figure`` the map or timeline the step uses (on a slide of its own, and on the DOCX worksheet).
SLIDE_STEP = {**STEP, "slide": text(300), "figure?": _figure}
SPEC = {"supporting_question": text(300), "minutes": integer(5, 300),
        # extension: an activity for those who finish early, or a second period: not in the lesson's time
        "activities?": {"id": ident, "minutes": integer(1, 120), "what": text(300), "extension?": _yes_no},
        "plan": SLIDE_STEP}


def load_plan(lesson: str) -> dict:
    path = data_file(f"lessons/lesson_{lesson}.yaml")
    name = display_name(path)
    doc = read_yaml(path)
    problems: list[Problem] = []
    if not isinstance(doc, dict):
        raise DataError([Problem(name, "", "", None, "is not a mapping", "start with 'supporting_question:'")])
    check_record(problems, name, "", doc, {**SPEC, "standards": tags([row["code"] for row in load_standards()])})
    for version in ("two_classes", "self_study"):
        for number, part in enumerate(doc.get(version) or [], start=1):
            check_record(problems, name, f"{version} {number}", part, {"title": text(120), "plan": STEP})
    total = sum(step.get("minutes") or 0 for step in doc.get("plan") or [] if isinstance(step, dict))
    if doc.get("minutes") and total != doc["minutes"]:
        problems.append(Problem(name, "plan", "minutes", total, f"adds up to {total} minutes, but the lesson says "
                                f"{doc['minutes']}", "make the steps' minutes add up to the lesson's minutes"))
    raise_if(problems)
    return doc
