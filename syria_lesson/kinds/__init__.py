"""The registry of question kinds.

Every question in ``data/questions.yaml`` has a ``kind``. A kind is one small
class that knows everything specific to it:

- ``check``: the fields it needs in the data file, with plain messages;
- ``paper`` / ``paper_text``: its worksheet face (what goes under the prompt);
- ``is_answered``, ``is_valid``, ``text``: what a saved value means;
- ``reading``: the module's own reading (the right option, our verdict), which
  only the instructor edition prints and JupyterLab shows after an attempt;
- ``controls``: its live widget (ipywidgets is imported only here, lazily).

Everything shared (the prompt, saving, restoring, the status line) lives in
``syria_lesson.live.questions`` and ``syria_lesson.live.worksheet``, so adding a kind is
adding one module (a subclass of ``base.Kind``) and one line to ``REGISTRY``.
"""

from __future__ import annotations

from syria_lesson.core.validate import Invalid
from syria_lesson.kinds.base import BOX, Controls, Kind, Where, attempts, excerpt_html, excerpt_text, options_text, shuffled, verdict_html
from syria_lesson.kinds.choice import Choice, SelfCheck
from syria_lesson.kinds.classify import Classify
from syria_lesson.kinds.forecast import Forecast
from syria_lesson.kinds.match import Match
from syria_lesson.kinds.predict import Predict, Verdict
from syria_lesson.kinds.ranking import Ranking
from syria_lesson.kinds.scale import Scale
from syria_lesson.kinds.text import Open

__all__ = ["BOX", "Controls", "Kind", "Where", "attempts", "excerpt_html", "excerpt_text", "options_text", "shuffled", "verdict_html",
           "REGISTRY", "get", "kind_of", "check_kind"]

REGISTRY: dict[str, Kind] = {kind.name: kind for kind in (
    Open(), Choice(), SelfCheck(), Scale(), Ranking(), Classify(), Match(), Predict(), Verdict(), Forecast())}


def get(name: str) -> Kind:
    return REGISTRY[name]


def kind_of(q: dict) -> Kind:
    return REGISTRY[q["kind"]]


def check_kind(value: str) -> str:
    if value not in REGISTRY:
        raise Invalid("is not a question kind", "use one of: " + ", ".join(REGISTRY))
    return value
