"""Sorting one of the op-ed's claims: which kind of claim is it, and which of
its words are vague? The claim, its kind and why, and the candidate words come
from ``data/article.yaml``. Feedback needs a choice and a reason (a sentence);
it nudges after a wrong choice, however many tries, and explains after a right one."""

from __future__ import annotations

from syria_lesson.core.html import Markup, html, join
from syria_lesson.core.validate import ident
from syria_lesson.core.vocab import CLAIM_KINDS
from syria_lesson.kinds.base import (
    BECAUSE_TEXT,
    BOX,
    Controls,
    Kind,
    attempts,
    because_line,
    reason_area,
    reason_wanted,
    shuffled,
    verdict_html,
)

LABELS = CLAIM_KINDS.labels()  # code -> what a student chooses
# After a wrong choice: why the chosen kind may not fit, without naming the right one.
NUDGE = {
    "reported_fact": "A reported fact is something that happened or was said, which you could look up in a "
                     "document or a news report. Could you check this sentence that way, or does it go further?",
    "interpretation": "An interpretation explains what facts mean, or why something happened. Does this "
                      "sentence give a reason or a motive, or does it only say what happened, will happen, or is good?",
    "prediction": "A prediction says what will happen. Is this sentence really about the future?",
    "opinion": "An opinion judges: good or bad, important or not, hopeful or not. Does this sentence judge, "
               "or could someone check it?",
}


def odd_word(words: list[dict]) -> dict | None:
    """The one word whose verdict (vague or not) differs from all the others, if there is one."""
    odd = [w for w in words if sum(x["vague"] == w["vague"] for x in words) == 1]
    return odd[0] if len(odd) == 1 and len(words) > 2 else None


class Classify(Kind):
    name = "classify"
    label = "Sort the claim"
    builds_prompt = True

    def check(self, where, item):
        where.field(item, "claim", ident)

    def resolve(self, q, content):
        claim = content.claim(q["claim"])
        # The question itself ("What kind of claim?") is the label of the choices, on paper and on screen.
        prompt = q.get("prompt") or f"Paragraph {claim['paragraph']}, in our words: “{claim['text']}”"
        return {**q, "claim_data": claim, "prompt": prompt, "answer": LABELS[claim["kind"]]}

    def shown(self, q) -> list[str]:
        return shuffled(list(LABELS.values()), q["id"], right=q["answer"])

    def words(self, q) -> list[dict]:
        """The candidate words in the order shown: shuffled by the question's id, with
        the odd one (the only vague word, or the only one that is not) at a position
        the seed alone chooses, so it is not always last as authors tend to write it."""
        words = q["claim_data"].get("words") or []
        return shuffled(words, q["id"], right=odd_word(words))

    def paper(self, q):
        # Two short lines on paper, close together: the four kinds, then the words to tick.
        gap = Markup('<span style="display:inline-block;width:1.2em"></span>')
        kinds = join((html("{} {}", BOX, label) for label in self.shown(q)), gap)
        out = html('<p class="sl-options sl-claim-face" style="margin:0.2em 0 0.1em 1.5em;line-height:1.7">'
                   "<em>What kind of claim?</em>{}{}", gap, kinds)
        if self.words(q):
            words = join((html("{} “{}”", BOX, w["text"]) for w in self.words(q)), gap)
            out += html("<br><em>Vague words?</em>{}{}", gap, words)
        return out + Markup("</p>") + because_line()  # why this kind: the screen asks before it checks

    def paper_text(self, q):
        out = ["  What kind of claim? [ ] " + " [ ] ".join(self.shown(q))]
        if self.words(q):
            out.append("  Vague words: " + " ".join(f"[ ] {w['text']}" for w in self.words(q)))
        return out + [BECAUSE_TEXT]

    def is_valid(self, q, value):
        return isinstance(value, dict) and isinstance(value.get("kind"), str)

    def is_answered(self, q, value):
        return self.is_valid(q, value) and value["kind"] in LABELS.values()

    def text(self, q, value):
        out = value["kind"] + (" (right)" if value.get("correct") else " (not right yet)")
        if value.get("vague"):
            out += "; vague words marked: " + ", ".join(value["vague"])
        if (value.get("reason") or "").strip():
            out += f". Because: {value['reason']}"
        return out

    def answer_positions(self, q):
        return [self.shown(q).index(q["answer"])]

    def explanation(self, q) -> Markup:
        claim = q["claim_data"]
        out = html("<p><strong>{}.</strong> {}</p>", LABELS[claim["kind"]], claim["why"])
        if self.words(q):
            items = join(html("<li>“{}”: {} {}</li>", w["text"], "vague." if w["vague"] else "not vague.", w["why"])
                         for w in self.words(q))
            out += html("<ul>{}</ul>", items)
        return out

    def reading(self, q):
        return self.explanation(q)

    def secrets(self, q):
        return [q["claim_data"]["why"]] + [w["why"] for w in self.words(q)]

    def feedback(self, q, value) -> Markup:
        # A wrong choice gets a nudge about the kind chosen, never the answer, however many tries.
        if value["kind"] == q["answer"]:
            return verdict_html(True, "", tries_left=False) + self.explanation(q)
        chosen = next(k for k, label in LABELS.items() if label == value["kind"])
        return verdict_html(False, NUDGE[chosen])

    def controls(self, q, ui):
        import ipywidgets as w

        radio = w.RadioButtons(options=self.shown(q), value=None, description="What kind of claim?",
                               style={"description_width": "initial"})
        boxes = [w.Checkbox(value=False, description=f"“{word['text']}”", indent=False) for word in self.words(q)]
        reason = reason_area("Why this kind? Because ... (a sentence: at least 8 words)")
        check = w.Button(description="Check", tooltip="Check your answer")
        state = {"attempts": 0}
        rows = [radio]
        if boxes:
            rows += [w.HTML("<p>Tick the words that are vague (undefined, open to two readings):</p>"), w.HBox(boxes)]
        rows.append(reason)

        def get():
            if radio.value is None:
                return None
            return {"kind": radio.value, "vague": [b.description.strip("“”") for b in boxes if b.value],
                    "attempts": state["attempts"], "correct": radio.value == q["answer"], "reason": reason.value}

        def on_check(_=None):
            if radio.value is None:
                ui.feedback("Choose a kind of claim first.")
                return
            wanted = reason_wanted(reason.value, "press Check")
            if wanted:
                ui.feedback(wanted)
                return
            state["attempts"] += 1
            ui.feedback(self.feedback(q, get()))
            ui.save()

        def set_(value):
            value = value if isinstance(value, dict) else {}
            radio.value = value.get("kind") if value.get("kind") in self.shown(q) else None
            for box in boxes:
                box.value = box.description.strip("“”") in (value.get("vague") or [])
            reason.value = value.get("reason") or ""
            state["attempts"] = attempts(value)
            earned = radio.value and state["attempts"] and self.shows_thought(q, value)
            ui.feedback(self.feedback(q, get()) if earned else "")

        check.on_click(ui.guarded(on_check))
        return Controls([*rows, check], get, set_, [])
