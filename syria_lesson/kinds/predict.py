"""Two kinds that ask for a judgement before showing the module's own:

- ``predict``: one cell of the actor–position table (what did this actor want,
  and how do we know?), checked against ``data/positions.csv``;
- ``verdict``: the student's verdict on one of the author's predictions,
  then ours, from ``data/predictions.yaml``.
"""

from __future__ import annotations

from syria_lesson.core.dates import format_date
from syria_lesson.core.html import Markup, html, join, link
from syria_lesson.core.validate import Invalid, ident
from syria_lesson.core.vocab import BASES, STANCES, VERDICTS
from syria_lesson.kinds.base import BOX, Controls, Kind, reason_wanted


def _cell(value):
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)):
        raise Invalid("is not an actor and a topic", "write cell: [actor id, topic id], e.g. [iran, foreign_forces]")
    return [ident(v) for v in value]


class Predict(Kind):
    name = "predict"
    label = "Predict the position"
    builds_prompt = True

    def check(self, where, item):
        where.field(item, "cell", _cell)

    def resolve(self, q, content):
        actor, topic = q["cell"]
        position = content.position(actor, topic)
        a, t = content.actor(actor), content.topic(topic)
        prompt = q.get("prompt") or (f"{a['name']}, in November 2017. {t['question']} "
                                     "What was its position, and how would we know?")
        return {**q, "position": position, "actor_name": a["name"], "topic_title": t["title"], "prompt": prompt}

    def paper(self, q):
        item = '<li style="margin-right:0.9em">{} {}</li>'
        stances = join(html(item, BOX, s.on_paper) for s in STANCES)
        bases = join(html(item, BOX, b.on_paper) for b in BASES)
        # Each row starts with its label, so seven predictions fit a worksheet's pages.
        row = ('<ul class="sl-options sl-inline" style="list-style:none;padding-left:0;margin:0.3em 0;font-size:85%">'
               "{}{}</ul>")
        reason = ('<div class="sl-line" style="border-bottom:1px solid #555;min-height:1.7em;font-size:85%">'
                  "<strong>Your reason:</strong></div>")  # the first line to write on
        return html(row + row + reason, html("<li><strong>Position:</strong></li>"), stances,
                    html("<li><strong>How we know:</strong></li>"), bases)

    def paper_text(self, q):
        return ["  Position: " + " ".join(f"[ ] {s.as_option}" for s in STANCES),
                "  How we know: " + " ".join(f"[ ] {b.as_option}" for b in BASES)]

    default_lines = 2

    def is_valid(self, q, value):
        return isinstance(value, dict) and value.get("stance") in (None, *STANCES.codes) and value.get("basis") in (None, *BASES.codes)

    def is_answered(self, q, value):
        return self.is_valid(q, value) and bool(value.get("stance")) and bool(value.get("basis"))

    def text(self, q, value):
        same = value["stance"] == q["position"]["stance_code"]
        return (f"{STANCES[value['stance']].as_option}; {BASES[value['basis']].as_option}"
                + (f". {value['reason']}" if value.get("reason") else "")
                + (" (the same stance as the module's table)" if same else " (the table says otherwise)"))

    def reading(self, q):
        p = q["position"]
        return html("<p><strong>The module's table:</strong> {} — {}</p><p>{}</p>", cell_label(p), p["stance"],
                    source_html(p))

    def secrets(self, q):
        return [q["position"]["stance"]]

    def controls(self, q, ui):
        import ipywidgets as w

        stance = w.Dropdown(options=[("– choose –", None)] + [(s.as_option, s.code) for s in STANCES], value=None,
                            description="Position", style={"description_width": "initial"})
        basis = w.Dropdown(options=[("– choose –", None)] + [(b.as_option, b.code) for b in BASES], value=None,
                           description="How we know", style={"description_width": "initial"})
        reason = w.Textarea(placeholder="Your reason, in a sentence (at least 8 words)", description="Reason",
                            continuous_update=False,
                            layout=w.Layout(width="100%", height="4em"))
        check = w.Button(description="Compare with the table", tooltip="Show the module's reading of this cell",
                          layout=w.Layout(width="auto"))

        def get():
            if not (stance.value or basis.value or reason.value.strip()):
                return None
            return {"stance": stance.value, "basis": basis.value, "reason": reason.value}

        def on_check(_=None):
            if not (stance.value and basis.value):
                ui.feedback("Choose a position and how we would know it first.")
                return
            wanted = reason_wanted(reason.value, "compare with the table")
            if wanted:
                ui.feedback(wanted)
                return
            ui.save()
            ui.feedback(self.reading(q))

        def set_(value):
            value = value if isinstance(value, dict) else {}
            stance.value = value.get("stance") if value.get("stance") in STANCES else None
            basis.value = value.get("basis") if value.get("basis") in BASES else None
            reason.value = value.get("reason") or ""
            ui.feedback(self.reading(q) if self.shows_thought(q, value) else "")

        check.on_click(ui.guarded(on_check))
        return Controls([stance, basis, reason, check], get, set_, [reason])


def evidence(prediction: dict, content) -> dict | None:
    """The events to weigh, in date order, each with its number in the timeline (its place in the record,
    1 = earliest, as ``data.events.number_events`` numbers it), which a verdict's reason cites:
    '47. 24 Feb 2018: the UN Security Council ...' (an excerpt)."""
    numbers = {e["id"]: n for n, e in enumerate(content.events, start=1)}
    found = sorted((e for e in content.events if e["id"] in (prediction.get("events") or [])), key=lambda e: e["date"])
    if not found:
        return None
    return {"title": "Events to weigh (numbered as in the timeline)",
            "items": [f"{numbers[e['id']]}. {format_date(str(e['date']))}: {e['title'].rstrip('.')}" for e in found]}


class Verdict(Kind):
    name = "verdict"
    label = "Your verdict"
    builds_prompt = True
    default_lines = 2

    def check(self, where, item):
        where.field(item, "prediction", ident)

    def resolve(self, q, content):
        item = content.prediction(q["prediction"])
        prompt = q.get("prompt") or (f"Paragraph {item['paragraph']} (the author, in our words): {item['claim']} "
                                     "Was he right? Use the timeline of what happened next.")
        # The task carries its own evidence (the events the prediction is tested against, by date and
        # title, not our outcome), so that a student, and a worksheet, need no other page to answer it.
        return {**q, "prediction_data": item, "prompt": prompt, "excerpt": evidence(item, content)}

    def paper(self, q):
        marks = join(html("<li>{} {}</li>", BOX, v.label) for v in VERDICTS)
        return html('<ul class="sl-options sl-inline" style="list-style:none">{}</ul><p>Because:</p>', marks)

    def paper_text(self, q):
        return ["  " + " ".join(f"[ ] {v.label}" for v in VERDICTS) + "  Because: ____"]

    def is_valid(self, q, value):
        return isinstance(value, dict) and value.get("verdict") in (None, *VERDICTS.codes)

    def is_answered(self, q, value):
        return self.is_valid(q, value) and bool(value.get("verdict"))

    def text(self, q, value):
        return VERDICTS.label(value["verdict"]) + (f". Because: {value['reason']}" if value.get("reason") else "")

    def reading(self, q):
        item = q["prediction_data"]
        return html("<p><strong>The module's verdict:</strong> {} (as of {}). {}</p>", VERDICTS.label(item["verdict"]),
                    format_date(str(item["as_of"])), item["outcome"])

    def secrets(self, q):
        return [q["prediction_data"]["outcome"]]

    def controls(self, q, ui):
        import ipywidgets as w

        verdict = w.Dropdown(options=[("– choose –", None)] + [(v.label, v.code) for v in VERDICTS], value=None,
                             description="Verdict")
        reason = w.Textarea(placeholder="Because ... (name an event and its date; at least 8 words)", description="Because",
                            continuous_update=False, layout=w.Layout(width="100%", height="4em"))
        show = w.Button(description="Compare with the module", tooltip="Show the module's verdict",
                         layout=w.Layout(width="auto"))

        def get():
            if not (verdict.value or reason.value.strip()):
                return None
            return {"verdict": verdict.value, "reason": reason.value}

        def on_show(_=None):
            if not verdict.value:
                ui.feedback("Choose your verdict first.")
                return
            wanted = reason_wanted(reason.value, "compare with the module")
            if wanted:
                ui.feedback(wanted)
                return
            ui.save()
            ui.feedback(self.reading(q))

        def set_(value):
            value = value if isinstance(value, dict) else {}
            verdict.value = value.get("verdict") if value.get("verdict") in VERDICTS else None
            reason.value = value.get("reason") or ""
            ui.feedback(self.reading(q) if self.shows_thought(q, value) else "")

        show.on_click(ui.guarded(on_show))
        return Controls([verdict, reason, show], get, set_, [verdict, reason])


# -- a cell of the positions table, in words: the reading above, and the table in lesson 03

def cell_label(position: dict) -> str:
    """'+ Supports [A+R]': the stance's symbol and word, and what it rests on."""
    stance, basis = STANCES[position["stance_code"]], BASES[position["basis"]]
    return f"{stance.symbol} {stance.label}" + (f" [{basis.symbol}]" if basis.symbol else "")


def source_html(position: dict) -> Markup:
    """Where a position comes from: the article's paragraph, a dated source, or neither."""
    parts = []
    if position["basis"] in ("article", "article_and_record"):
        quote = html(" “{}”", position["quote"]) if position.get("quote") else ""
        parts.append(html("Article, paragraph {}{}", position["paragraph"], quote))
    if position["basis"] in ("record", "article_and_record"):
        parts.append(html("{} ({})", link(position["source_url"], position["source_title"]), position["source_date"]))
    if position["basis"] == "not_stated":
        parts.append(Markup("Neither the article nor a source we found states this."))
    if position.get("note"):
        parts.append(html("<em>Note: {}</em>", position["note"]))
    return Markup("<br>").join(parts)
