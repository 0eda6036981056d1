"""The teacher's view of a class: what students handed in (read by
``teacher.handed_in``, which trusts none of it), as counts, distributions and
answers side by side. Students are told apart by account or file, never by
the name they typed; when two typed the same name, the view says so. With
names hidden, the list of skipped files hides file names too (they contain names).
"""

from __future__ import annotations

import textwrap
from collections import Counter
from pathlib import Path

from syria_lesson.core.display import show_figure, show_html
from syria_lesson.core.html import html, join, table
from syria_lesson.data import Content, given_content
from syria_lesson.lessons import forecasts as fc
from syria_lesson.live.worksheet import answer_text, is_answered, short_prompt
from syria_lesson.teacher.handed_in import names, notes, read_class

MAX_SHOWN = 1_500        # characters of one answer shown in the notebook


def skipped_lines(skipped: list[tuple[str, str]], anonymise: bool) -> list[str]:
    return [f"{'a file (name hidden)' if anonymise else name}: {reason}; skipped (the file is left as it is)"
            for name, reason in skipped]


def value_of(student: dict, q: dict):
    return (student["answers"].get(q["id"]) or {}).get("value")


def label(q: dict) -> str:
    """How a question is named in the class view: its first words, or a forecast's outcome in short."""
    if q["kind"] == "forecast":
        return f"{q['lesson']}: forecast: {q['forecast'].get('short') or q['forecast']['question']}"
    return f"{q['lesson']}: {short_prompt(q, 8)}"


def counts(students: list[dict], questions: list[dict]) -> list[dict]:
    return [{"question": label(q), "kind": q["kind"],
             "answered": sum(is_answered(q, value_of(s, q)) for s in students), "of": len(students)}
            for q in questions]


def scale_distribution(students: list[dict], question: dict) -> Counter:
    return Counter(value_of(s, question)["score"] for s in students if is_answered(question, value_of(s, question)))


def choice_tally(students: list[dict], question: dict) -> Counter:
    tally: Counter = Counter()
    for s in students:
        value = value_of(s, question)
        if is_answered(question, value):
            tally[value["choice"] if isinstance(value, dict) else value] += 1
    return tally


def capped(text: str, limit: int = MAX_SHOWN) -> str:
    if len(text) <= limit:
        return text
    return text[:limit] + f" … (cut here: {len(text) - limit} more characters in the student's file)"


def overview(folder: Path, anonymise: bool = False, *, content: Content | None = None) -> None:
    """Everything at a glance, for the instructor notebook."""
    content = given_content(content)
    questions = [q for q in content.questions if q["kind"] != "selfcheck"]
    students, skipped = read_class(folder)
    who = names(students, anonymise)
    said = notes(students, who, anonymise)
    lines = skipped_lines(skipped, anonymise)
    show_html(html("<p><strong>{} students' answers read.</strong></p>", len(students))
              + (html('<p>Whose answers are whose:</p><ul role="alert">{}</ul>',
                      join(html("<li>{}</li>", n) for n in said)) if said else "")
              + (html("<p>Skipped:</p><ul>{}</ul>", join(html("<li>{}</li>", n) for n in lines)) if lines else ""),
              f"{len(students)} students' answers read." + "".join(f"\n- {n}" for n in said)
              + ("\nSkipped:" if lines else "") + "".join(f"\n- {n}" for n in lines))
    rows = counts(students, questions)
    show_html(table(rows, [("question", "Question"), ("kind", "Kind"), ("answered", "Answered"), ("of", "Students")],
                    "How many students answered each question"),
              "\n".join(f"{r['question']}: {r['answered']}/{r['of']}" for r in rows))
    for q in questions:
        if q["kind"] == "scale" and students:
            _scale_figure(q, scale_distribution(students, q))
        if q["kind"] == "choice" and students:
            tally = choice_tally(students, q)
            rows_c = [{"option": o, "count": tally.get(o, 0)} for o in q["options"]]
            show_html(table(rows_c, [("option", "Option"), ("count", "Students")], f"{short_prompt(q)}: choices"),
                      "\n".join(f"{r['option']}: {r['count']}" for r in rows_c))
    forecast_overview(students, questions, who)
    for q in questions:
        if q["kind"] in ("open", "scale", "ranking", "verdict"):
            rows_o = [{"who": name, "answer": capped(answer_text(q, value_of(s, q)))} for name, s in zip(who, students)]
            show_html(table(rows_o, [("who", "Student"), ("answer", "Answer")], f"Lesson {q['lesson']}: {q['prompt']}"),
                      "\n".join(f"{r['who']}: {r['answer']}" for r in rows_o))


def _scale_figure(q: dict, tally: Counter) -> None:
    import matplotlib.pyplot as plt

    scale = q["scale"]
    xs = list(range(scale["min"], scale["max"] + 1))
    fig, ax = plt.subplots(figsize=(5, 2.4))
    bars = ax.bar(xs, [tally.get(x, 0) for x in xs], color="#0072B2", edgecolor="black", hatch="//")
    ax.bar_label(bars)
    from matplotlib.ticker import MaxNLocator

    ax.set_ylim(0, max([1, *tally.values()]) + 0.5)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xticks(xs, [f"{x}\n{scale['low']}" if x == xs[0] else f"{x}\n{scale['high']}" if x == xs[-1]
                       else str(x) for x in xs], fontsize=8)
    ax.set_ylabel("Students")
    ax.set_title(f"Scores: {short_prompt(q, 8)}", loc="left", fontsize=10)
    fig.tight_layout()
    alt = (f"Bar chart of the class's scores for the question beginning '{short_prompt(q, 8)}': "
           + ", ".join(f"score {x}: {tally.get(x, 0)} students" for x in xs) + ".")
    show_figure(fig, alt)


# ---------------------------------------------------------------- forecasts (lesson 04, scored in lesson 05)


def forecast_spread(students: list[dict], questions: list[dict]) -> list[dict]:
    """Per outcome: the class's forecasts (how many, lowest, median, highest), what happened, and our
    reading of the author. Forecasts that are missing or not numbers are left out, never counted as 0."""
    rows = []
    for q in fc.forecast_questions(questions):
        values = [p for s in students if (p := fc.read_probability(value_of(s, q))[0]) is not None]
        spread = fc.spread(values)
        rows.append({"outcome": q["forecast"].get("short") or q["forecast"]["question"], "values": values, **spread,
                     "happened": {"yes": "yes", "no": "no", "open": "still open"}[q["forecast"]["resolution"]],
                     "author": q["forecast"]["author_probability"]})
    return rows


def forecast_scores(students: list[dict], questions: list[dict], who: list[str]) -> list[dict]:
    """Per student: their Brier score on the settled outcomes they forecast, and what was not scored."""
    rows = []
    for name, student in zip(who, students):
        values = {qid: entry.get("value") for qid, entry in student["answers"].items()}
        result = fc.score(questions, values)
        rows.append({"who": name, "scored": len(result["scored"]), "brier": result["student"],
                     "author": result["author"], "missing": len(result["missing"]),
                     "unusable": len(result["unusable"])})
    return rows


def forecast_overview(students: list[dict], questions: list[dict], who: list[str]) -> None:
    spread = forecast_spread(students, questions)
    if not spread or not students:
        return
    cells = [{"outcome": r["outcome"], "n": r["count"], "range": "–" if not r["count"] else
              f"{fc.fmt_pct(r['low'])} / {fc.fmt_pct(r['median'])} / {fc.fmt_pct(r['high'])}",
              "author": f"{r['author']}%", "happened": r["happened"]} for r in spread]
    show_html(table(cells, [("outcome", "Outcome"), ("n", "Forecasts"),
                            ("range", "Lowest / median / highest"), ("author", "Our reading of the author"),
                            ("happened", "Happened?")], "The class's forecasts (missing or non-numbers left out)"),
              "\n".join(f"{c['outcome']}: {c['n']} forecasts, {c['range']}; happened: {c['happened']}" for c in cells))
    _forecast_figure(spread)
    scores = forecast_scores(students, questions, who)
    rows = [{"who": r["who"], "brier": fc.fmt(r["brier"]), "scored": r["scored"], "author": fc.fmt(r["author"]),
             "left": f"{r['missing']} missing, {r['unusable']} not a number"} for r in scores]
    show_html(table(rows, [("who", "Student"), ("brier", "Brier score (0 best; 0.25 = 50% on everything)"),
                           ("scored", "Outcomes scored"), ("author", "Author (our reading), same outcomes"),
                           ("left", "Not scored")], "Forecast scores, student by student"),
              "\n".join(f"{r['who']}: {r['brier']} on {r['scored']} ({r['left']})" for r in rows))


def _forecast_figure(spread: list[dict]) -> None:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 0.55 * len(spread) + 1.4))
    for y, row in enumerate(spread):
        ax.scatter(row["values"], [y] * len(row["values"]), marker="o", color="#0072B2", edgecolor="black",
                   alpha=0.7, zorder=3, label="A student's forecast" if y == 0 else None)
        ax.scatter([row["author"]], [y], marker="D", color="#E69F00", edgecolor="black", zorder=4,
                   label="Our reading of the author" if y == 0 else None)
        mark = {"yes": 100, "no": 0}.get(row["happened"])
        if mark is not None:
            ax.scatter([mark], [y], marker="|", s=300, color="black", zorder=2,
                       label="What happened (100 = yes, 0 = no)" if y == 0 else None)
    ax.set_yticks(range(len(spread)), [textwrap.fill(r["outcome"], 34) for r in spread], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(-3, 103)
    ax.set_xlabel("Forecast (%)")
    ax.set_title("The class's forecasts, outcome by outcome", loc="left", fontsize=10)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12 - 0.3 / max(1, len(spread))), ncol=3, fontsize=8,
              frameon=False)
    ax.grid(True, axis="x", linewidth=0.3)
    fig.tight_layout()
    alt = ("Dot chart of the class's forecasts, one row per outcome: " + "; ".join(
        f"{short_prompt({'prompt': r['outcome']}, 8)}: {r['count']} forecasts"
        + (f" from {r['low']:.0f}% to {r['high']:.0f}%" if r["count"] else "")
        + f", author (our reading) {r['author']}%, happened: {r['happened']}" for r in spread) + ".")
    show_figure(fig, alt)
