"""The teacher's view of a class: read a folder of students' answer files (or
their exports, as ``python -m syria_lesson.collect`` gathers them) and show
counts, distributions and answers side by side."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from .answers import read_answer_file
from .display import esc, show_figure, show_html, table
from .questions import answer_text, is_answered


def read_student_file(path: Path) -> dict:
    """A student's answers file, or the .json that "Export my answers" writes
    (format syria-lesson-export); ValueError, naming the file, if neither."""
    from .collect import Unreadable, read_export

    try:
        return read_answer_file(path)
    except ValueError as not_answers:
        try:
            return read_export(Path(path).read_bytes(), Path(path).name)
        except (OSError, Unreadable):
            raise not_answers from None


def read_class(folder: Path) -> tuple[list[dict], list[str]]:
    """Every readable answers file (or export) in ``folder``, and a message for
    each file that was skipped. One bad file never stops the rest."""
    folder = Path(folder)
    students, problems = [], []
    for path in sorted(folder.glob("*")):
        if path.is_dir() or path.name.startswith("."):
            continue
        if path.suffix != ".json":
            if not path.name.endswith((".bak", ".lock")):
                problems.append(f"{path.name}: skipped, not a .json answers file")
            continue
        try:
            students.append(read_student_file(path))
        except ValueError as err:
            problems.append(f"{err}; skipped (the file is left as it is)")
    return students, problems


def names(students: list[dict], anonymise: bool) -> list[str]:
    if anonymise:
        return [f"Student {n}" for n in range(1, len(students) + 1)]
    return [s.get("student") or "(no name)" for s in students]


def counts(students: list[dict], questions: list[dict]) -> list[dict]:
    rows = []
    for q in questions:
        values = [s["answers"].get(q["id"], {}).get("value") for s in students]
        rows.append({"id": q["id"], "kind": q["kind"], "answered": sum(is_answered(q, v) for v in values),
                     "of": len(students)})
    return rows


def scale_distribution(students: list[dict], question: dict) -> Counter:
    tally: Counter = Counter()
    for s in students:
        value = s["answers"].get(question["id"], {}).get("value")
        if is_answered(question, value):
            tally[value["score"]] += 1
    return tally


def choice_tally(students: list[dict], question: dict) -> Counter:
    tally: Counter = Counter()
    for s in students:
        value = s["answers"].get(question["id"], {}).get("value")
        if is_answered(question, value):
            tally[value["choice"] if isinstance(value, dict) else value] += 1
    return tally


def overview(folder: Path, anonymise: bool = False) -> None:
    """Everything at a glance, for the instructor notebook."""
    import matplotlib.pyplot as plt

    from .data import load_all

    questions = [q for q in load_all().questions if q["kind"] != "selfcheck"]
    students, problems = read_class(folder)
    who = names(students, anonymise)
    show_html(f"<p><strong>{len(students)} answer files read.</strong></p>"
              + ("<ul>" + "".join(f"<li>{esc(p)}</li>" for p in problems) + "</ul>" if problems else ""),
              f"{len(students)} answer files read." + "".join(f"\n- {p}" for p in problems))
    rows = counts(students, questions)
    show_html(table(rows, [("id", "Question"), ("kind", "Kind"), ("answered", "Answered"), ("of", "Students")],
                    "How many students answered each question"),
              "\n".join(f"{r['id']}: {r['answered']}/{r['of']}" for r in rows))
    for q in questions:
        if q["kind"] == "scale" and students:
            tally = scale_distribution(students, q)
            scale = q["scale"]
            xs = list(range(scale["min"], scale["max"] + 1))
            fig, ax = plt.subplots(figsize=(5, 2.4))
            bars = ax.bar(xs, [tally.get(x, 0) for x in xs], color="#0072B2", edgecolor="black", hatch="//")
            ax.bar_label(bars)
            ax.set_xticks(xs, [f"{x}\n{scale['low']}" if x == xs[0] else f"{x}\n{scale['high']}" if x == xs[-1]
                               else str(x) for x in xs], fontsize=8)
            ax.set_ylabel("Students")
            ax.set_title(f"{q['id']}: scores", loc="left", fontsize=10)
            fig.tight_layout()
            alt = (f"Bar chart of scores for question {q['id']}: "
                   + ", ".join(f"score {x}: {tally.get(x, 0)} students" for x in xs) + ".")
            show_figure(fig, alt)
        if q["kind"] == "choice" and students:
            tally = choice_tally(students, q)
            rows_c = [{"option": o, "count": tally.get(o, 0)} for o in q["options"]]
            show_html(table(rows_c, [("option", "Option"), ("count", "Students")], f"{q['id']}: choices"),
                      "\n".join(f"{r['option']}: {r['count']}" for r in rows_c))
    for q in questions:
        if q["kind"] in ("open", "scale", "ranking"):
            rows_o = [{"who": name, "answer": answer_text(q, s["answers"].get(q["id"], {}).get("value"))}
                      for name, s in zip(who, students)]
            show_html(table(rows_o, [("who", "Student"), ("answer", "Answer")], f"{q['id']}: {q['prompt']}"),
                      "\n".join(f"{r['who']}: {r['answer']}" for r in rows_o))
