"""What every question kind shares: the base class, where a question sits
for messages, the live controls, and the helpers for options and feedback."""


from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from syria_lesson.core.html import Markup, html, join
from syria_lesson.core.readers import check_field
from syria_lesson.core.validate import Problem


@dataclass
class Where:
    """Where a question sits in its file, for messages: collects problems."""

    problems: list[Problem]
    file: str
    place: str

    def field(self, item: dict, name: str, checker: Callable[[Any], Any], required: bool = True,
              place: str | None = None) -> Any:
        return check_field(self.problems, self.file, place or self.place, item, name, checker, required=required)

    def problem(self, column: str, value: Any, problem: str, fix: str, place: str | None = None) -> None:
        self.problems.append(Problem(self.file, place or self.place, column, value, problem, fix))


@dataclass
class Controls:
    """A kind's live widget: what to show, and how to read and set its value."""

    widgets: list
    get: Callable[[], Any]          # the value to save, or None when there is nothing to save yet
    set: Callable[[Any], None]      # show a saved value; None clears
    watched: list                   # widgets whose changes are saved as they happen
    incomplete: Callable[[], str | None] = field(default=lambda: None)  # why get() is None


BOX = "\u2610"  # an empty check box, for paper


class Kind:
    name = ""
    label = ""            # printed above the prompt on paper
    default_lines = 0     # ruled lines on paper
    builds_prompt = False  # the kind writes the prompt from other data when the file gives none
    reason_in: str | None = "reason"  # the saved answer's field with the student's reason; None: the answer is the writing

    def check(self, where: Where, item: dict) -> None:
        """Kind-specific fields (the shared ones are checked by the loader)."""

    def paper(self, q: dict) -> Markup:
        return Markup("")

    def paper_after(self, q: dict) -> Markup:
        """What goes on paper after the task's box (a long list the task refers to)."""
        return Markup("")

    def paper_text(self, q: dict) -> list[str]:
        return []

    def is_valid(self, q: dict, value: Any) -> bool:
        """Whether a stored value has the form this kind saves (it may not,
        after a question is changed in the data)."""
        return isinstance(value, str)

    def is_answered(self, q: dict, value: Any) -> bool:
        return self.is_valid(q, value) and bool(str(value).strip())

    def text(self, q: dict, value: Any) -> str:
        return str(value)

    def reason(self, q: dict, value: Any) -> str:
        """The words the student wrote to explain the answer: the reason box's (``reason_in``), or,
        in a kind whose answer is itself the writing, the answer (a list's items joined by spaces)."""
        if self.reason_in is not None:
            return str(value.get(self.reason_in) or "") if isinstance(value, dict) else ""
        return " ".join(str(v) for v in value) if isinstance(value, list) else str(value or "")

    def thought_rule(self, q: dict) -> dict[str, Any]:
        """What earns our reading, as data: ``shows_thought`` applies it here, and the web edition's
        page carries it (build/web_kinds.public) for its script to apply the same way."""
        return {"reasonIn": self.reason_in, "minWords": MIN_WORDS, "minDistinct": MIN_WORDS // 2,
                "word": WORD_IN_SCRIPT}

    def shows_thought(self, q: dict, value: Any) -> bool:
        """Whether an answer has earned our reading: answered, with a reason of a
        sentence (``MIN_WORDS`` words). Clicks alone, or one letter, never earn it."""
        rule = self.thought_rule(q)
        return self.is_answered(q, value) and thoughtful(self.reason(q, value), rule["minWords"], rule["minDistinct"])

    def partial(self, q: dict, value: Any) -> str | None:
        """What a saved but unfinished answer holds, as text (a reason without a score)."""
        return None

    def reading(self, q: dict) -> Markup | None:
        """The module's own reading of the question, if it has one."""
        return None

    def secrets(self, q: dict) -> list[str]:
        """The texts of the module's reading that must never reach the student
        edition (the explanations, not the options a student chooses from)."""
        return []

    def tasks(self, q: dict) -> int:
        """How many answers the student gives (a matching question has one per item)."""
        return 1

    def resolve(self, q: dict, content) -> dict:
        """Fill in what the question takes from other data files (a claim from
        the article, a cell from the positions table). Called once, after loading."""
        return q

    def answer_positions(self, q: dict) -> list[int]:
        """For kinds with a right option: where it sits among the options shown (0 = first)."""
        return []

    def controls(self, q: dict, ui) -> Controls:  # pragma: no cover - every kind overrides it
        raise NotImplementedError


def _seed(seed: str) -> int:
    return int(hashlib.sha256(seed.encode("utf-8")).hexdigest(), 16)


def shuffled(items: list, seed: str, right: Any = None) -> list:
    """The items in an order fixed by ``seed`` (a question id): the same on
    every run, so saved outputs stay comparable, but not the order of the file,
    where the right option tends to come first. With ``right``, that item goes
    to a position chosen by the seed alone, so across many questions the right
    answer is spread evenly over the positions."""
    order = list(items)
    random.Random(_seed(seed)).shuffle(order)
    if right is not None and right in order:
        order.remove(right)
        order.insert(_seed("position:" + seed) % (len(order) + 1), right)
    return order


def options_text(option: Any) -> str:
    return option["text"] if isinstance(option, dict) else str(option)


def verdict_html(right: bool, explanation: Any, tries_left: bool = True) -> Markup:
    """Feedback on one attempt: 'Right.' or 'Not quite.' and why, in words."""
    text = str(explanation)
    for lead in ("Right. ", "No. ", "Not quite. "):  # the data often starts with its own verdict
        if text.startswith(lead):
            text = text[len(lead):]
    head = "Right." if right else ("Not quite. Read why, then try again." if tries_left else "Not quite.")
    return html('<p role="status"><strong>{}</strong> {}</p>', head, text)


MIN_WORDS = 8  # a sentence of reasoning: what a reveal of our reading asks for first
_WORD = re.compile(r"[^\W\d_]{2,}")  # a word: two or more letters ("a" and "x" do not count)
# The same words in a browser's script (a RegExp with the flags "gu"): letters, and numerals that are not digits.
WORD_IN_SCRIPT = r"[\p{L}\p{Nl}\p{No}]{2,}"


def excerpt_html(q: dict) -> Markup:
    """What a task quotes beside its prompt (``excerpt``: a title and short lines, set by its kind's
    ``resolve``), so that the task needs no other page, on screen or on paper."""
    excerpt = q.get("excerpt")
    if not excerpt:
        return Markup("")
    return html('<div class="sl-excerpt"><p>{}</p><ul>{}</ul></div>', excerpt["title"],
                join(html("<li>{}</li>", item) for item in excerpt["items"]))


def excerpt_text(q: dict) -> str:
    """The excerpt as one line of text, for formats without HTML ('' when the task has none)."""
    excerpt = q.get("excerpt")
    return f"{excerpt['title']}: " + "; ".join(excerpt["items"]) + "." if excerpt else ""


def words_in(text: str) -> list[str]:
    return _WORD.findall(str(text or ""))


def thoughtful(text: str, words: int = MIN_WORDS, distinct: int = MIN_WORDS // 2) -> bool:
    """A reason of at least ``words`` words, not one word typed over and over."""
    found = [w.lower() for w in words_in(text)]
    return len(found) >= words and len(set(found)) >= distinct


def reason_wanted(text: str, before: str = "see our reading") -> str | None:
    """None if the reason is enough; else what to write first, in words."""
    if thoughtful(text):
        return None
    have = len(words_in(text))
    return (f"Say why in a sentence first, in the box (at least {MIN_WORDS} words; you have {have}), "
            f"then {before}.")


def because_line(label: str = "Because:") -> Markup:
    """On paper, the line for the reason that the kind's screen face asks for in its box (a
    self-check, a claim sort, a match): a worksheet asks for reasons as the screen does."""
    return html('<div class="sl-line sl-because" style="border-bottom:1px solid #555;min-height:1.7em;'
                'font-size:85%;margin-left:1.5em"><strong>{}</strong></div>', label)


BECAUSE_TEXT = "  Because: ______________________________"


def reason_area(placeholder: str = "Because ... (a sentence: at least 8 words)"):
    """The box for a student's reason, the same in every kind that has one."""
    import ipywidgets as w

    return w.Textarea(placeholder=placeholder, description="Because", continuous_update=False,
                      layout=w.Layout(width="100%", height="3.5em"))


def attempts(value: Any) -> int:
    return value.get("attempts", 0) if isinstance(value, dict) else 0


