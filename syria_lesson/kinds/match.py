"""Matching items to options: the key terms to their meanings, or the op-ed's
phrases to the deals in the timeline they point to. Items and options come
from a data source (``source:``); each item has one or more right options and
a note that says why, shown once the item is right. A wrong match gets a hint,
never the answer, however many tries; Check needs a reason (a sentence) first."""

from __future__ import annotations

from syria_lesson.core.html import Markup, html, join
from syria_lesson.core.validate import DataError, Invalid, Problem, one_of
from syria_lesson.kinds.base import Controls, Kind, because_line, reason_area, reason_wanted, shuffled, verdict_html

SOURCES = ("key_terms", "phrases")
LEAST_SURE = "The match I was least sure of, and why:"  # on paper, what the screen's reason box asks
# Sources whose options carry their own numbers (the timeline's events, "12. Title (date)"):
# they stay in their own order, and on paper a student writes that number.
NUMBERED = ("phrases",)


def _ids(value):
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Invalid("is not a list of ids", "list the ids, one per line, each after '- '")
    return value


class Match(Kind):
    name = "match"
    label = "Match each one"

    def check(self, where, item):
        where.field(item, "source", one_of(*SOURCES))
        where.field(item, "items", _ids, required=False)

    def resolve(self, q, content):
        items, choices = content.match_source(q["source"])
        if q.get("items"):
            known = {i["id"]: i for i in items}
            missing = [i for i in q["items"] if i not in known]
            if missing:
                raise DataError([Problem("data/questions", f"question {q['id']!r}", "items", missing[0],
                                         f"is not an item of {q['source']}", "use one of: " + ", ".join(known))])
            items = [known[i] for i in q["items"]]
        order = choices if q["source"] in NUMBERED else shuffled(choices, q["id"])
        return {**q, "match_items": items, "match_choices": order}

    def tasks(self, q):
        return len(q["match_items"])

    def _letter(self, q, choice_id) -> str:
        ids = [c["id"] for c in q["match_choices"]]
        return chr(ord("A") + ids.index(choice_id)) if len(ids) <= 26 else str(ids.index(choice_id) + 1)

    def paper(self, q):
        # The Because line: the screen asks for a reason before it checks the matches.
        items = join(html("<li>{} ____</li>", i["text"]) for i in q["match_items"])
        if q["source"] in NUMBERED:
            return html('<ol class="sl-match-items">{}</ol><p>Write the number of the matching event '
                        "(the events are listed below this task).</p>{}", items, because_line(LEAST_SURE))
        marker = "A" if len(q["match_choices"]) <= 26 else "1"
        choices = join(html("<li>{}</li>", c["label"]) for c in q["match_choices"])
        return html('<ol class="sl-match-items">{}</ol><p>Write the {} of the matching option:</p>'
                    '<ol class="sl-match-choices" type="{}">{}</ol>{}',
                    items, "letter" if marker == "A" else "number", marker, choices, because_line(LEAST_SURE))

    def paper_after(self, q):
        """The timeline's events, numbered, below the task: a long list that may run
        on to the next page, while the task itself stays whole."""
        if q["source"] not in NUMBERED:
            return Markup("")
        choices = join(html("<li>{}</li>", c["label"]) for c in q["match_choices"])
        return html('<div class="sl-match-list"><p><strong>The events</strong> (numbered as in the timeline):</p>'
                    '<ul class="sl-match-choices sl-numbered" style="list-style:none;padding-left:0;columns:3;'
                    'column-gap:1.2em;font-size:80%">{}</ul></div>', choices)

    def paper_text(self, q):
        numbered = q["source"] in NUMBERED
        return [f"  {n}. {i['text']} ____" for n, i in enumerate(q["match_items"], start=1)] + [
            f"  {c['label']}" if numbered else f"  ({self._letter(q, c['id'])}) {c['label']}"
            for c in q["match_choices"]] + [f"  {LEAST_SURE} ______________________________"]

    def is_valid(self, q, value):
        return isinstance(value, dict) and isinstance(value.get("chosen"), dict)

    def is_answered(self, q, value):
        return self.is_valid(q, value) and all(value["chosen"].get(i["id"]) for i in q["match_items"])

    def right(self, item, chosen) -> bool:
        return chosen in item["answers"]

    def text(self, q, value):
        labels = {c["id"]: c["label"] for c in q["match_choices"]}
        reason = f". Because: {value['reason']}" if (value.get("reason") or "").strip() else ""
        return "; ".join(f"{i['text']} → {labels.get(value['chosen'].get(i['id']), '(none)')}"
                         + (" (right)" if self.right(i, value["chosen"].get(i["id"])) else "")
                         for i in q["match_items"]) + reason

    def item_feedback(self, q, item, chosen, tries):
        if self.right(item, chosen):
            return verdict_html(True, "", tries_left=False) + html("<p>{}</p>", item["note"])
        return verdict_html(False, item.get("hint") or "Look again: read the option's words closely, and the text around it.")

    def reading(self, q):
        labels = {c["id"]: c["label"] for c in q["match_choices"]}
        rows = join(html("<li><strong>{}</strong> → {}. {}</li>", i["text"],
                         "; ".join(labels[a] for a in i["answers"] if a in labels), i["note"]) for i in q["match_items"])
        return html("<ol>{}</ol>", rows)

    def secrets(self, q):
        return [i["note"] for i in q["match_items"]]

    def controls(self, q, ui):
        import ipywidgets as w

        options = [("– choose –", None)] + [(c["label"], c["id"]) for c in q["match_choices"]]
        drops, notes, tries = {}, {}, {i["id"]: 0 for i in q["match_items"]}
        rows = []
        for item in q["match_items"]:
            drops[item["id"]] = w.Dropdown(options=options, value=None, description="Matches",
                                           layout=w.Layout(width="95%"))
            drops[item["id"]].tooltip = f"What {item['text'][:60]} matches"
            notes[item["id"]] = w.HTML()
            rows.append(w.VBox([w.HTML(html("<p><strong>{}</strong></p>", item["text"])), drops[item["id"]],
                                notes[item["id"]]]))
        reason = reason_area("Which match were you least sure of, and why? (a sentence: at least 8 words)")
        check = w.Button(description="Check", tooltip="Check your matches")

        def get():
            chosen = {k: d.value for k, d in drops.items() if d.value}
            return {"chosen": chosen, "tries": dict(tries), "reason": reason.value} if chosen else None

        def show_notes():
            for item in q["match_items"]:
                chosen = drops[item["id"]].value
                notes[item["id"]].value = (str(self.item_feedback(q, item, chosen, tries[item["id"]]))
                                           if chosen and tries[item["id"]] and not reason_wanted(reason.value) else "")

        def on_check(_=None):
            if not any(d.value for d in drops.values()):
                ui.feedback("Choose a match for at least one item first.")
                return
            wanted = reason_wanted(reason.value, "press Check")
            if wanted:
                ui.feedback(wanted)
                return
            for key, drop in drops.items():
                item = next(i for i in q["match_items"] if i["id"] == key)
                if drop.value and not (tries[key] and self.right(item, drop.value)):
                    tries[key] += 1
            show_notes()
            done = sum(self.right(i, drops[i["id"]].value) for i in q["match_items"])
            ui.feedback(html("<p role='status'>{} of {} right.</p>", done, len(q["match_items"])))
            ui.save()

        def set_(value):
            value = value if isinstance(value, dict) else {}
            chosen = value.get("chosen") or {}
            for key, drop in drops.items():
                drop.value = chosen.get(key) if chosen.get(key) in {c["id"] for c in q["match_choices"]} else None
                tries[key] = int((value.get("tries") or {}).get(key, 0))
            reason.value = value.get("reason") or ""
            show_notes()

        check.on_click(ui.guarded(on_check))
        return Controls([*rows, reason, check], get, set_, [])
