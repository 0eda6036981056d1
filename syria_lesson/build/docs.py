"""The teachers' documents that restate the lessons' data: the lesson plan
(``docs/lesson_plan.md``, generated whole) and the lesson tables in the README
and ``docs/teachers.md``, and the standards table of ``docs/teachers.md``
(generated between markers). ``make docs`` rewrites
them; a test fails when they disagree with the data, so a typed time can never
drift from the computed one."""

from __future__ import annotations

import re
from pathlib import Path

from syria_lesson import kinds
from syria_lesson.core import paths
from syria_lesson.data import load_all
from syria_lesson.live.worksheet import short_prompt

START, END = "<!-- lessons:start (made by `make docs` from data/; do not edit) -->", "<!-- lessons:end -->"
STANDARDS = ("<!-- standards:start (made by `make docs` from data/standards.csv and the tags; do not edit) -->",
             "<!-- standards:end -->")



def _tasks(lesson_id: str) -> tuple[int, int]:
    questions = load_all().lesson_questions(lesson_id)
    count = lambda tier: sum(kinds.kind_of(q).tasks(q) for q in questions if q["tier"] == tier)  # noqa: E731
    return count("core"), count("extension")


def lessons_table() -> str:
    content = load_all()
    rows = ["| Lesson | The question it answers | Time | Tasks |", "| --- | --- | --- | --- |"]
    total = 0
    for lesson in content.module["lessons"]:
        plan = content.plan(lesson["id"])
        core, extension = _tasks(lesson["id"])
        total += plan["minutes"]
        more = f" (+{extension} extension)" if extension else ""
        rows.append(f"| {lesson['id']} · {lesson['title']} | {plan['supporting_question']} | {plan['minutes']} min "
                    f"| {core}{more} |")
    rows.append(f"| **All** | {content.module['compelling_question'].strip()} | **{total // 60} h {total % 60:02d} min** | |")
    return "\n".join(rows)


def standards_table() -> str:
    """The standards each lesson serves (C3, then Common Core for grades 9-10 and 11-12), and what
    each code asks with the number of tasks tagged with it."""
    content = load_all()
    rows = ["| Lesson | C3 Framework | Common Core, grades 9-10 | Common Core, grades 11-12 |", "| --- | --- | --- | --- |"]
    for lesson in content.module["lessons"]:
        codes = content.plan(lesson["id"])["standards"]
        bands = [[c for c in codes if not c.startswith(("RH", "WHST"))], [c for c in codes if ".9-10." in c],
                 [c for c in codes if ".11-12." in c]]
        rows.append(f"| {lesson['id']} · {lesson['title']} | " + " | ".join(", ".join(b) or "—" for b in bands) + " |")
    rows += ["", "| Code | What it asks (in our words) | Tasks |", "| --- | --- | ---: |"]
    for standard in content.standards():
        tasks = sum(standard["code"] in q["standards"] for q in content.questions)
        rows.append(f"| [{standard['code']}]({standard['source_url']}) | {standard['summary']} | {tasks} |")
    return "\n".join(rows)


def _plan_table(steps: list[dict]) -> list[str]:
    content = load_all()
    names = {q["id"]: q for q in content.questions}
    out = ["| Minutes | What happens | Tasks |", "| --- | --- | --- |"]
    clock = 0
    for step in steps:
        tasks = "; ".join(f"“{short_prompt(names[t], 8)}”" if t in names else t.replace("_", " ")
                          for t in step.get("tasks") or [])
        what = ("**Pause to discuss.** " if step.get("pause") else "") + step["step"]
        out.append(f"| {clock}–{clock + step['minutes']} | {what} | {tasks} |")
        clock += step["minutes"]
    return out


def lesson_plan() -> str:
    content = load_all()
    out = ["# Lesson plans", "",
           "Made from `data/lessons/` by `make docs`: edit those files, not this one. Each plan is for one "
           "class; the times are the ones the lessons state, and a test checks that each lesson's words "
           "and tasks fit them. Tasks are named by their first words (the notebooks number them).", ""]
    for lesson in content.module["lessons"]:
        plan = content.plan(lesson["id"])
        core, extension = _tasks(lesson["id"])
        out += [f"## {lesson['id']} · {lesson['title']} ({plan['minutes']} minutes)", "",
                f"*{plan['supporting_question']}*", "",
                f"{core} core tasks" + (f", {extension} extension tasks." if extension else "."), "",
                "### One class", ""] + _plan_table(plan["plan"]) + [""]
        for version, heading in (("two_classes", "Two classes"), ("self_study", "Self-study")):
            for part in plan.get(version) or []:
                out += [f"### {heading}: {part['title']}", ""] + _plan_table(part["plan"]) + [""]
    return "\n".join(out).rstrip() + "\n"


def with_table(text: str) -> str:
    """``text`` with its lessons and standards tables (each between its markers) made anew."""
    for (start, end), table in (((START, END), lessons_table), (STANDARDS, standards_table)):
        pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
        if pattern.search(text):
            text = pattern.sub(lambda _, start=start, end=end, table=table: f"{start}\n{table()}\n{end}", text)
    return text


def targets() -> dict[Path, str]:
    """Each generated document and what it should hold."""
    root = paths.ROOT
    out = {root / "docs" / "lesson_plan.md": lesson_plan()}
    for path in (root / "README.md", root / "docs" / "teachers.md"):
        if path.exists():
            out[path] = with_table(path.read_text(encoding="utf-8"))
    return out


def write_docs() -> None:
    for path, text in targets().items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(paths.ROOT)}")
