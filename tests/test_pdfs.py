"""The PDFs that `make pdf` writes, opened with pypdf.

Every handout of every edition is printed once per test run, on A4 and on
Letter, into a temp folder, just as `make pdf` prints them (about 12 s). The
tests check that every PDF is there on both papers and on the right paper; that
each keeps to its page budget (declared once, in syria_lesson.build.pdf.BUDGETS);
that the lesson's title and questions are in its text; that no question id and
no teaching note or model answer reaches a student PDF, while the instructor
PDFs do carry them; that nothing was fetched from the network; and that every
font is embedded.

Text is extracted (about 40 ms a page) from the A4 PDFs of single lessons,
which hold every page of the all-in-one PDFs; the browser tests check the
all-in-one HTML for leaks.

Without Chromium or Playwright these tests are skipped, and say why; with
REQUIRE_BROWSER=1 (as in CI) they fail instead.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import browser_checks as bc
import leaks
import pytest

from syria_lesson import build
from syria_lesson.build import pdf
from syria_lesson.data import load_all

PAPER_POINTS = {"A4": (595.92, 842.88), "Letter": (612.0, 792.0)}
STUDENT_FACING = ("student", "worksheet", "worksheet-core")  # editions a student may be given
WORKSHEETS = ("worksheet", "worksheet-core")
pytestmark = [pytest.mark.slow, pytest.mark.browser]


def _expected() -> dict[str, list[str]]:
    """The handouts each edition must have (the editions build.py makes today)."""
    found = {}
    for edition in ("student", "instructor", *WORKSHEETS):
        stems = [p.stem for p in build.notebooks(include_instructor=edition == "instructor",
                                                 include_reference=edition in ("student", "instructor"))]
        found[edition] = stems + [pdf.WHOLE]
    return found


EXPECTED = _expected()
LESSON_PDFS = [(edition, name) for edition, names in EXPECTED.items() for name in names if re.match(r"\d\d_", name)]


def _lesson(name: str) -> str | None:
    match = re.match(r"(\d\d)_", name)
    return match.group(1) if match else None


def normalise(text: str) -> str:
    """As a reader would search it: ligatures (ﬁ, ﬀ) as their letters, a word
    broken after its hyphen at the end of a line ("U.S.-\\nRussia") joined
    again, and one space for any run of white space."""
    text = re.sub(r"(?<=\S[-–])\n", "", unicodedata.normalize("NFKC", text))
    return re.sub(r"\s+", " ", text).strip()


def on_paper(question: dict, words: int = 8) -> str:
    """How a forecast is named on the worksheet's compact sheet: its outcome."""
    return normalise(leaks.distinctive_prefix(question["forecast"]["question"], words))


def prompt_start(question: dict, words: int = 10) -> str:
    return normalise(leaks.distinctive_prefix(question["prompt"], words))


# ---------------------------------------------------------------- checks (pure functions, tested below)


def over_budget(edition: str, name: str, paper: str, pages: int, limit: int,
                texts: list[str] | None, questions: list[dict]) -> str | None:
    """None if the PDF keeps to its budget; otherwise a sentence naming the
    lesson and the tasks that start past the last page allowed."""
    if pages <= limit:
        return None
    lesson = _lesson(name)
    where = f"lesson {lesson}" if lesson else name.replace("_", " ")
    message = f"{edition}/{name}.pdf ({where}) on {paper}: {pages} pages, over its budget of {limit}"
    if texts:
        asked = [q for q in questions if lesson is None or q["lesson"] == lesson]
        pages_text = [normalise(t) for t in texts]
        late = []
        for q in asked:
            start = next((n for n, t in enumerate(pages_text, start=1) if prompt_start(q) in t), None)
            if start is not None and start > limit:
                late.append(f"{q['id']} (starts on page {start}: {prompt_start(q)!r})")
        message += "; tasks past page {}: {}".format(limit, ", ".join(late) if late else "none (the overflow is not a task)")
    return message


def font_problems(path: Path) -> tuple[list[str], set[str]]:
    """Fonts used on any page (directly or in a form XObject) that are not
    embedded, and the names of all fonts used."""
    from pypdf import PdfReader

    problems, names, seen = [], set(), set()

    def descriptor(font):
        if font.get("/Subtype") == "/Type0":
            descendant = font["/DescendantFonts"][0].get_object()
            return descendant.get("/FontDescriptor")
        return font.get("/FontDescriptor")

    def walk(resources, page_number: int, depth: int = 0) -> None:
        if resources is None or depth > 10:
            return
        resources = resources.get_object()
        for key, ref in (resources.get("/Font") or {}).items():
            font = ref.get_object()
            if id(font) in seen:
                continue
            seen.add(id(font))
            name = str(font.get("/BaseFont", key))
            names.add(name)
            if font.get("/Subtype") == "/Type3":  # glyphs drawn by the PDF itself
                continue
            found = descriptor(font)
            found = found.get_object() if found is not None else None
            if found is None or not any(k in found for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                problems.append(f"{path.name} page {page_number}: font {name} ({font.get('/Subtype')}) is not embedded")
        for ref in (resources.get("/XObject") or {}).values():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Form":
                walk(xobject.get("/Resources"), page_number, depth + 1)

    for number, page in enumerate(PdfReader(path).pages, start=1):
        walk(page.get("/Resources"), number)
    return problems, names


# ---------------------------------------------------------------- fixtures


def _missing() -> str | None:
    try:
        pdf.check()
    except pdf.Missing as error:
        return str(error)
    try:
        import pypdf  # noqa: F401
    except ImportError:
        return "pypdf is not installed (it is in requirements-dev.txt)"
    return None


@pytest.fixture(scope="session")
def printed(handouts, tmp_path_factory):
    """Every handout on both papers, printed once, as `make pdf` does."""
    missing = _missing()
    if missing:
        bc.skip_or_fail(missing)
    out = tmp_path_factory.mktemp("pdf")
    results = pdf.print_handouts(pdf.plan(handouts, out))
    print("\n" + pdf.table(results, out))
    return {"out": out, "results": results}


@pytest.fixture(scope="session")
def texts(printed):
    """(edition, name) -> the text of each page of its A4 PDF, for single lessons.
    Extracted in parallel processes: pypdf takes about 40 ms a page."""
    paths = [printed["out"] / "A4" / edition / f"{name}.pdf" for edition, name in LESSON_PDFS]
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1, mp_context=get_context("spawn")) as pool:
        extracted = list(pool.map(pdf.page_texts, paths))
    return dict(zip(LESSON_PDFS, extracted))


@pytest.fixture(scope="session")
def questions():
    return load_all().questions  # resolved: kinds that take their task from other data have their prompt


def _whole(texts, edition: str, name: str) -> str:
    return normalise(" ".join(texts[(edition, name)]))


# ---------------------------------------------------------------- every PDF, on both papers


def test_every_handout_is_printed_on_both_papers(handouts, printed):
    from pypdf import PdfReader

    out = printed["out"]
    editions = pdf.editions(handouts)
    for edition, names in EXPECTED.items():
        assert sorted(p.stem for p in editions[edition]) == sorted(names), f"handouts of the {edition} edition"
    problems = []
    for edition, sources in editions.items():
        for paper, (width, height) in PAPER_POINTS.items():
            found = sorted(p.stem for p in (out / paper / edition).glob("*.pdf"))
            if found != sorted(p.stem for p in sources):
                problems.append(f"{paper}/{edition}: PDFs {found}, handouts {[p.stem for p in sources]}")
            for path in (out / paper / edition).glob("*.pdf"):
                sizes = {(round(float(p.mediabox.width), 1), round(float(p.mediabox.height), 1))
                         for p in PdfReader(path).pages}
                if any(abs(w - width) > 1 or abs(h - height) > 1 for w, h in sizes):
                    problems.append(f"{paper}/{edition}/{path.name}: pages of {sizes} points, not {paper}")
    assert problems == [], "\n".join(problems)


def starts(texts: list[str], questions: list[dict]) -> dict[str, int]:
    """The page each question's prompt starts on (questions not found are left out)."""
    pages = [normalise(t) for t in texts]
    found = {}
    for q in questions:
        page = next((n for n, t in enumerate(pages, start=1) if prompt_start(q) in t), None)
        if page is not None:
            found[q["id"]] = page
    return found


def worksheet_problems(name: str, paper: str, pages: int, texts: list[str], questions: list[dict]) -> tuple[list[str], int]:
    """A worksheet keeps its core tasks within the budget, and its extension tasks
    (on pages of their own) within the allowance; returns the problems and the
    page the core ends on."""
    lesson = _lesson(name)
    asked = [q for q in questions if q["lesson"] == lesson]
    begin = starts(texts, asked)
    limit, allowance = pdf.budget("worksheet", name), pdf.EXTENSION_PAGES["worksheet"]
    if paper == "Letter":
        limit += pdf.LETTER_EXTRA["worksheet"]
    core_end = max((begin[q["id"]] for q in asked if q["tier"] == "core" and q["id"] in begin), default=1)
    problems = [f"worksheet/{name}.pdf (lesson {lesson}) on {paper}: core task {q['id']} starts on page "
                f"{begin[q['id']]}, past the budget of {limit} ({prompt_start(q)!r})"
                for q in asked if q["tier"] == "core" and begin.get(q["id"], 0) > limit]
    if pages > limit + allowance:
        problems.append(f"worksheet/{name}.pdf (lesson {lesson}) on {paper}: {pages} pages, more than {limit} "
                        f"for the core and {allowance} for the extension tasks")
    return problems, core_end


def test_page_counts_keep_to_their_budgets(printed, questions):
    problems = []
    core_pages: dict[str, int] = {}
    for done in printed["results"]:
        job = done.job
        limit = pdf.budget(job.edition, job.name)
        if limit is None:
            problems.append(f"{job.edition}/{job.name}: no page budget declared in syria_lesson.build.pdf.BUDGETS")
            continue
        if job.edition == "worksheet" and _lesson(job.name):
            found, core_end = worksheet_problems(job.name, job.paper, done.pages, pdf.page_texts(job.target), questions)
            problems += found
            if job.paper == "A4":
                core_pages[job.name] = core_end
            continue
        if job.edition == "worksheet":
            continue  # the whole module's worksheets: counted from the lessons' core pages below
        if job.paper == "Letter":
            limit += pdf.letter_allowance(job.edition, job.name, len(load_all().module["lessons"]))
        if done.pages > limit:  # only then is the (slow) text needed, to name the tasks
            problems.append(over_budget(job.edition, job.name, job.paper, done.pages, limit,
                                        pdf.page_texts(job.target), questions))
    whole = pdf.budget("worksheet", pdf.WHOLE)
    assert sum(core_pages.values()) <= whole, f"the core worksheets take {core_pages} A4 pages, more than {whole} in all"
    assert problems == [], "\n".join(problems)


ASKS_THE_NETWORK = """<!DOCTYPE html><html lang="en"><head><title>A new edition</title>
<link rel="stylesheet" href="https://cdn.example.invalid/style.css"></head>
<body><main><h1>Lesson 01 worksheet</h1><img src="https://img.example.invalid/map.png" alt="A map"></main></body></html>"""


def test_any_edition_folder_is_printed_and_the_network_is_refused(tmp_path):
    """A new edition needs only a folder of HTML; a handout that asks for
    anything outside file: and data: still prints, and the request is refused
    and reported."""
    missing = _missing()
    if missing:
        bc.skip_or_fail(missing)
    (tmp_path / "html" / "worksheet").mkdir(parents=True)
    (tmp_path / "html" / "worksheet" / "01_the_article.html").write_text(ASKS_THE_NETWORK, encoding="utf-8")
    jobs = pdf.plan(tmp_path / "html", tmp_path / "pdf", ("A4",))
    assert [(j.edition, j.name, j.paper) for j in jobs] == [("worksheet", "01_the_article", "A4")]
    (done,) = pdf.print_handouts(jobs)
    assert done.pages == 1 and (tmp_path / "pdf" / "A4" / "worksheet" / "01_the_article.pdf").is_file()
    assert sorted(done.blocked) == ["https://cdn.example.invalid/style.css", "https://img.example.invalid/map.png"]
    assert "Lesson 01 worksheet" in normalise(" ".join(pdf.page_texts(done.job.target)))


def test_nothing_was_fetched_from_the_network(printed):
    refused = {f"{d.job.edition}/{d.job.name}": d.blocked for d in printed["results"] if d.blocked}
    assert refused == {}


@pytest.mark.parametrize("edition, name", LESSON_PDFS)
def test_the_lessons_text_is_there(handouts, texts, questions, edition, name):
    """The lesson's title, every one of its questions, and numbered pages;
    words searchable as typed (no ligature characters)."""
    text = _whole(texts, edition, name)
    title = re.search(r"<h1[^>]*>(.*?)</h1>", (handouts / edition / f"{name}.html").read_text(encoding="utf-8"), re.S)
    assert title, f"{edition}/{name}.html has no <h1>"
    title = normalise(html.unescape(re.sub(r"<[^>]+>", "", title.group(1))))
    assert title in text, f"title {title!r} not in the PDF"
    # A worksheet has every core task (extension tasks where they fit); a forecast's row there shows the outcome.
    asked = [q for q in questions if q["lesson"] == _lesson(name) and (edition not in WORKSHEETS or q["tier"] == "core")]
    missing = [q["id"] for q in asked if prompt_start(q) not in text
               and not (edition in WORKSHEETS and q["kind"] == "forecast" and on_paper(q) in text)]
    assert missing == [], f"{edition}/{name}.pdf lacks the prompts of {missing}"
    if edition == "worksheet-core":
        # A forecast is named by its outcome: every forecast's prompt starts the same way.
        extension = [q["id"] for q in questions if q["lesson"] == _lesson(name) and q["tier"] == "extension"
                     and (on_paper(q) if q["kind"] == "forecast" else prompt_start(q)) in text]
        assert extension == [], f"{edition}/{name}.pdf has extension tasks: {extension}"
    pages = texts[(edition, name)]
    ligatures = sorted({c for t in pages for c in t if "\ufb00" <= c <= "\ufb06"})
    assert ligatures == [], f"ligatures {ligatures} in the text: searching the PDF for 'official' would miss 'oﬃcial'"
    footers = [f"page {n} of {len(pages)}" in normalise(t) for n, t in enumerate(pages, start=1)]
    assert all(footers), f"pages without 'page N of {len(pages)}' in the footer: {[n for n, ok in enumerate(footers, 1) if not ok]}"


# ---------------------------------------------------------------- nothing for the teacher on a student's paper


@pytest.mark.parametrize("edition, name", [(e, n) for e, n in LESSON_PDFS if e in STUDENT_FACING])
def test_no_question_id_on_a_students_paper(texts, questions, edition, name):
    ids = [q["id"] for q in questions]
    found = leaks.ids_in(_whole(texts, edition, name), ids)
    assert found == [], f"{edition}/{name}.pdf shows question ids: {found}"


def test_no_teaching_note_or_model_answer_on_a_student_pdf(texts, questions):
    notes = [(key, field, lesson, normalise(prefix)) for key, field, lesson, prefix in leaks.instructor_texts(questions)]
    assert len(notes) >= 40
    pages = {f"student/{name}.pdf": _whole(texts, edition, name) for edition, name in LESSON_PDFS
             if edition in STUDENT_FACING}
    found = leaks.leaks_in(notes, pages)
    assert found == [], "\n".join(found)


def test_the_instructor_pdfs_carry_the_notes_and_model_answers(texts, questions):
    """The other half of the leak test: the same text is found where it belongs,
    so the test above looks for text that PDF extraction really yields."""
    by_lesson = {_lesson(name): _whole(texts, "instructor", name) for edition, name in LESSON_PDFS if edition == "instructor"}
    missing = [f"{key}.{field} ({prefix!r}) not in instructor lesson {lesson}"
               for key, field, lesson, prefix in leaks.instructor_texts(questions)
               if normalise(prefix) not in by_lesson.get(lesson, "")]
    assert missing == [], "\n".join(missing)
    answers = [t for t in leaks.instructor_texts(questions) if t[1] == "model_answer"]
    assert len(answers) >= 20


# ---------------------------------------------------------------- fonts


@pytest.fixture(scope="session")
def fonts(printed):
    """Fonts that are not embedded, and the names of all fonts, over every PDF."""
    problems, names = [], set()
    for done in printed["results"]:
        found, used = font_problems(done.job.target)
        problems += [f"{done.job.paper}/{done.job.edition}/{p}" for p in found]
        names |= used
    return problems, names


def test_every_font_is_embedded(fonts):
    problems, names = fonts
    assert names, "no fonts found: the font walk is broken"
    assert problems == [], "\n".join(problems[:20])


def test_every_font_is_dejavu(fonts):
    """DejaVu is on every Debian/Ubuntu system, so a PDF printed in CI looks
    like one printed on a teacher's machine. Another font here means a
    glyph fell back to whatever else was installed."""
    assert {n.split("+")[-1] for n in fonts[1] if "DejaVu" not in n} == set()


# ---------------------------------------------------------------- the checks themselves can fail (no browser needed)


def _pdf_with_font(tmp_path: Path, font: dict) -> Path:
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=200, height=200)
    fonts = DictionaryObject({NameObject("/F1"): writer._add_object(DictionaryObject(
        {NameObject(k): (NameObject(v) if isinstance(v, str) else v) for k, v in font.items()}))})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
    path = tmp_path / "font.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def test_the_font_check_catches_a_font_that_is_not_embedded(tmp_path):
    pytest.importorskip("pypdf")
    path = _pdf_with_font(tmp_path, {"/Type": "/Font", "/Subtype": "/Type1", "/BaseFont": "/Helvetica"})
    problems, names = font_problems(path)
    assert names == {"/Helvetica"}
    assert problems == ["font.pdf page 1: font /Helvetica (/Type1) is not embedded"]


def test_the_budget_message_names_the_lesson_and_the_task(questions):
    lesson_03 = [q for q in questions if q["lesson"] == "03"]
    assert lesson_03
    late = lesson_03[-1]
    texts = ["Title page", " ".join(prompt_start(q) for q in lesson_03[:-1]), "", f"… {late['prompt']} …"]
    message = over_budget("worksheet", "03_actors_and_positions", "A4", 4, 3, texts, questions)
    assert message.startswith("worksheet/03_actors_and_positions.pdf (lesson 03) on A4: 4 pages, over its budget of 3")
    assert f"tasks past page 3: {late['id']} (starts on page 4" in message
    assert over_budget("worksheet", "03_actors_and_positions", "A4", 3, 3, texts, questions) is None


def test_the_id_check_matches_whole_ids_only():
    assert leaks.ids_in("see d04_modest_steps, then", ["d04_modest_steps", "d04_modest"]) == ["d04_modest_steps"]
    assert leaks.ids_in("q-d04_modest_stepsX", ["d04_modest_steps"]) == []


def test_budgets_are_declared_for_every_edition_built_today():
    for edition, names in EXPECTED.items():
        assert all(pdf.budget(edition, name) for name in names), edition


# ---------------------------------------------------------------- without Chromium or Playwright: one line


def _run_check(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "syria_lesson.build.pdf", "--check"], env=env, cwd=bc.ROOT,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("chromium", [None, "/nonexistent/chromium"])
def test_without_chromium_one_line_says_how_to_install_it(tmp_path, chromium):
    env = {k: v for k, v in os.environ.items() if k != pdf.CHROMIUM_ENV}
    env["PATH"] = str(tmp_path)  # an empty folder: no chromium on PATH
    if chromium:
        env[pdf.CHROMIUM_ENV] = chromium
    result = _run_check(env)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert "Chromium is needed to print PDFs: sudo apt-get install chromium" in lines[0]
    assert result.stdout == ""


def test_without_playwright_one_line_says_how_to_install_it(monkeypatch, capsys):
    monkeypatch.setattr(pdf, "find_chromium", lambda: Path("/usr/bin/chromium"))
    monkeypatch.setitem(sys.modules, "playwright.async_api", None)  # import fails as if not installed
    assert pdf.main(["--check"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("Playwright for Python is needed to print PDFs"), err


# An A4 page less the handout's 15 mm margins, in CSS pixels (96 to the inch).
A4_CONTENT_PX = (round((210 - 30) / 25.4 * 96), round((297 - 30) / 25.4 * 96))


def _task_boxes(browser, pages: list[Path]) -> dict[str, list]:
    view = browser.new_page(viewport={"width": A4_CONTENT_PX[0], "height": A4_CONTENT_PX[1]})
    view.emulate_media(media="print")
    found = {}
    for page in pages:
        view.goto(page.as_uri())
        found[page.stem] = view.evaluate("""() => [...document.querySelectorAll('.sl-question')].map(e =>
            [e.id.slice(2), e.getBoundingClientRect().height, getComputedStyle(e).breakInside])""")
    view.close()
    return found


def test_no_worksheet_task_can_be_split_across_a_page_break(handouts, questions):
    """Every task on a worksheet is kept whole by the print CSS, and is shorter
    than a page, so Chromium never splits it (measured at A4 width in print)."""
    missing = _missing()
    if missing:
        bc.skip_or_fail(missing)
    lessons = sorted((handouts / "worksheet").glob("[0-9][0-9]_*.html"))
    driver = bc.BrowserThread()
    try:
        boxes = driver.run(_task_boxes, lessons)
    finally:
        driver.close()
    labels = {q["id"]: f"lesson {q['lesson']}: {prompt_start(q, 6)!r}" for q in questions}
    problems = [f"{labels.get(qid, qid)} is not kept whole (break-inside: {rule})" for tasks in boxes.values()
                for qid, _, rule in tasks if rule != "avoid"]
    problems += [f"{labels.get(qid, qid)} is {height:.0f}px tall, taller than a page ({A4_CONTENT_PX[1]}px)"
                 for tasks in boxes.values() for qid, height, _ in tasks if height >= A4_CONTENT_PX[1]]
    assert sum(len(t) for t in boxes.values()) >= 20 and problems == [], "\n".join(problems)
