"""A class on a real JupyterHub, end to end, on 127.0.0.1.

The hub is classroom/jupyterhub_config.py as a school would run it (its
environment from ``make hub-env``, the proxy from ``make hub-tools``), with
the class password as the login and ClassroomSpawner giving every student a
system account and a private home (0700) under a temporary folder. The
lessons are served from a local git repository of the student release, and
nbgitpuller pulls them from it (a file:// URL: nothing outside is reachable).

Three students log in through Chromium and follow the nbgitpuller link; each
gets their own copy, runs lesson 04 in JupyterLab, types a name and an
answer, saves, exports. Then: every answer is only in its student's home and
no student's account can read another's; a new commit in the served
repository reaches each student when they click the link again, and their
answers are untouched; the teacher's collect command (python -m
syria_lesson.teacher.collect, from the homes and through the hub's API) gathers the
exports and names the student who has none; the class view shows all three;
a spawn that fails is one line naming the student and the log; stopping the
hub leaves nothing running.

Where the hub is not root, or the hub's environment cannot be reached by
other accounts, every server runs as one account: the test then checks the
modes only, and says so (one account cannot keep students apart).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pwd
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import pytest
from browser_checks import browser_missing_reason, in_own_thread, launch, skip_or_fail
from lab_pages import PANEL, errors_shown, menu, run_all

from syria_lesson import build
from syria_lesson.live import answers
from syria_lesson.teacher import classroom
from syria_lesson.teacher.collect import NO_EXPORT

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "classroom"))
import local_hub  # noqa: E402

pytestmark = [pytest.mark.hub, pytest.mark.slow, pytest.mark.browser]  # the students log in through Chromium

REPO_NAME = "syria-lesson"  # nbgitpuller clones into ~/syria-lesson
LESSON = "notebooks/04_discussion.ipynb"
PASSWORD = "class-password-" + secrets.token_hex(4)
STUDENTS = {  # hub user name -> (name typed in the lesson, answer)
    "ana": ("Ana López", "Deconfliction worked because both militaries needed it (Ana)"),
    "ben": ("Ben Okafor", "The statement repeated old promises; nothing new was agreed (Ben)"),
    "cleo": ("Cleo Ivanova", "Russia gained more: its reading of Geneva became the common one (Cleo)"),
}
NO_EXPORT_STUDENT = "dan"  # logs in, never exports
BROKEN_STUDENT = "broken"  # whose home cannot be made: the spawn fails
UPDATE_LINE = "Update for the class: read lesson 05 before Friday."
STATE: dict = {}  # what one step leaves for the next


def run(command: list[str], cwd: Path | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=60, check=True, **kwargs)


def git(repo: Path, *args: str) -> None:
    run(["git", "-c", "user.name=Teacher", "-c", "user.email=teacher@example.org", *args], cwd=repo)


def pull_link(served: Path) -> str:
    query = urllib.parse.urlencode({"repo": served.as_uri(), "branch": "main",
                                    "urlpath": f"lab/tree/{REPO_NAME}/{LESSON}"})
    return f"/hub/user-redirect/git-pull?{query}"


@pytest.fixture(scope="module")
def hub():
    missing = local_hub.tools_missing() or browser_missing_reason()
    if missing:
        skip_or_fail(missing)
    root = Path(tempfile.mkdtemp(prefix="syria-hub-test-"))
    os.chmod(root, 0o711)  # the students' accounts pass through to their homes; nobody lists it
    served = root / "served" / REPO_NAME
    build.build_release(served)
    for folder in [served.parent, *[p for p in served.rglob("*") if p.is_dir()], served]:
        os.chmod(folder, 0o755)
    run(["git", "init", "-q", "-b", "main"], cwd=served)
    git(served, "add", "-A")
    git(served, "commit", "-q", "-m", "Student release")
    # The served repository belongs to root; git refuses to read another
    # account's repository unless told it is safe (students' git config).
    gitconfig = root / "gitconfig"
    gitconfig.write_text(f"[safe]\n\tdirectory = {served}\n\tdirectory = {served}/.git\n", encoding="utf-8")
    os.chmod(gitconfig, 0o644)

    own_accounts = (os.geteuid() == 0 and local_hub.reachable_by_everyone(local_hub.HUB_ENV / "bin" / "python")
                    and not os.environ.get("SYRIA_HUB_ONE_ACCOUNT"))  # set it to try the one-account fallback
    prefix = f"sl{secrets.token_hex(2)}-"
    settings = {"SYSTEM_USER": prefix + "{username}" if own_accounts else ""}
    # A port that is taken, to see the harness pick another.
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", 0))
    blocker.listen()
    said: list[str] = []
    instance = local_hub.LocalHub(
        root, password=PASSWORD, settings=settings, port=blocker.getsockname()[1], remove_accounts=True,
        extra_config=f"c.Spawner.environment['GIT_CONFIG_GLOBAL'] = {str(gitconfig)!r}\n",
        say=lambda line: (said.append(line), print(line)))
    started = time.monotonic()
    try:
        instance.start()
        STATE.update(root=root, served=served, own_accounts=own_accounts, prefix=prefix, said=said,
                     hub_start_seconds=time.monotonic() - started)
        yield instance
    finally:
        blocker.close()
        instance.stop()
        if os.environ.get("SYRIA_HUB_KEEP"):  # for a look at the logs and homes after a failure
            print(f"kept: {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


def home(hub, user: str) -> Path:
    return hub.homes / user


def copy_of_lessons(hub, user: str) -> Path:
    return home(hub, user) / REPO_NAME


# ---------------------------------------------------------------- one plain line when the hub cannot start


def start_failure(env_changes: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "CLASSROOM_IP": "127.0.0.1", "CLASSROOM_STATE": str(tmp_path / "state"),
           "CLASSROOM_HUB_PORT": str(local_hub.free_port()), "CLASSROOM_PROXY_API_PORT": str(local_hub.free_port()),
           "CLASSROOM_PORT": str(local_hub.free_port()), **env_changes}
    return subprocess.run([str(local_hub.HUB_ENV / "bin" / "jupyterhub"), "-f", str(local_hub.CONFIG)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)


def test_a_hub_that_cannot_start_says_why_in_one_line(tmp_path):
    if local_hub.tools_missing():
        skip_or_fail(local_hub.tools_missing())
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        cases = {
            "port": ({"CLASSROOM_PORT": str(port)}, f"port {port} on 127.0.0.1 is taken"),
            "proxy": ({"CLASSROOM_PROXY": str(tmp_path / "no-proxy")}, "configurable-http-proxy not found"),
            "npm": ({"CLASSROOM_PROXY": str(tmp_path / "no-proxy"), "PATH": str(tmp_path)}, "npm not found"),
        }
        for name, (changes, expected) in cases.items():
            result = start_failure(changes, tmp_path)
            lines = [line for line in result.stderr.splitlines() if line.strip()]
            assert result.returncode == 2, f"{name}: exit code {result.returncode}\n{result.stderr[-2000:]}"
            assert len(lines) == 1 and lines[0].startswith("classroom: ") and expected in lines[0], (name, lines)
            assert "make hub-tools" in lines[0] or "CLASSROOM_PORT" in lines[0], lines[0]


# ---------------------------------------------------------------- three students, in Chromium


def student_session(hub, browser, user: str, then=None) -> float:
    """Log in with the nbgitpuller link as the next page, wait for lesson 04
    in JupyterLab; then run ``then(page)``. Returns seconds from login to
    the rendered lesson."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(30_000)
    try:
        page = context.new_page()
        page.goto(f"{hub.url}/hub/login?next={urllib.parse.quote(pull_link(STATE['served']))}")
        page.fill("#username_input", user)
        page.fill("#password_input", PASSWORD)
        started = time.monotonic()
        page.click("#login_submit")
        # The hub starts the server (spawn page), nbgitpuller pulls, then Lab opens the lesson.
        try:
            page.wait_for_url(re.compile(rf"/user/{user}/lab"), timeout=120_000)
            lesson_tab = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current",
                                      has_text=Path(LESSON).name)
            lesson_tab.wait_for(timeout=60_000)
            # Rendered: the lesson's cells (and, before a student's first run, its worksheets).
            page.locator(f"{PANEL} .jp-Cell .jp-RenderedHTMLCommon").first.wait_for(timeout=30_000)
            if then:
                page.locator(f"{PANEL} .sl-question").first.wait_for(timeout=30_000)
        except Exception as error:
            shot = screenshot(page, user)
            raise AssertionError(f"{user}: the lesson did not open ({error.__class__.__name__}); page {page.url}; "
                                 f"see {hub.user_log(user)}, {hub.log_path}, {shot}") from None
        rendered = time.monotonic() - started
        # The kernel is up: its name in the toolbar, and idle.
        page.locator(f"{PANEL} .jp-Toolbar-kernelName", has_text="Python 3").wait_for(timeout=60_000)
        page.locator(f"{PANEL} .jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for(timeout=60_000)
        if then:
            try:
                then(page)
            except Exception:
                screenshot(page, user)
                raise
        return rendered
    finally:
        context.close()


def screenshot(page, user: str) -> Path:
    shot = STATE["root"] / f"failed-{user}.png"
    with contextlib.suppress(Exception):
        page.screenshot(path=str(shot))
    return shot


def answer_and_export(user: str):
    name, text = STUDENTS[user]

    def steps(page) -> None:
        run_all(page)
        panel = page.locator(PANEL)
        panel.locator("input[placeholder='First name and last name']").fill(name)
        panel.locator("button", has_text=re.compile(r"^\s*Start\s*$")).click()
        panel.get_by_text("Answers in this lesson are saved for").first.wait_for(timeout=15_000)
        box = panel.locator(".widget-vbox").filter(has=page.locator("textarea[placeholder='Type your answer here']")).first
        box.locator("textarea").first.fill(text)
        box.locator("button", has_text="Save").click()
        box.get_by_text(re.compile(r"Saved for .+ at \d\d:\d\d")).wait_for(timeout=15_000)
        panel.locator("button", has_text="Export my answers").click()
        panel.get_by_text(re.compile(r"from every lesson written to answers/export/")).wait_for(timeout=15_000)
        menu(page, "File", "Save Notebook")  # the student's run of the lesson is now their change
        page.wait_for_function("() => !document.querySelector('.lm-DockPanel-tabBar .jp-mod-dirty')", timeout=15_000)
        shown = errors_shown(page)
        assert not shown, f"{user}: lesson 04 shows an error: {shown}"

    return steps


def in_browser(scenario):
    from playwright.sync_api import sync_playwright

    def go():
        with sync_playwright() as p:
            browser = launch(p)
            try:
                return scenario(browser)
            finally:
                browser.close()

    return in_own_thread(go)


def test_the_harness_picked_another_port_when_one_was_taken(hub):
    assert any("is taken; using" in line for line in STATE["said"]), STATE["said"]


def test_three_students_pull_run_answer_and_export(hub):
    times = in_browser(lambda browser: {user: student_session(hub, browser, user, answer_and_export(user))
                                        for user in STUDENTS})
    STATE["login_to_lesson_seconds"] = times
    print("login to rendered lesson 04 (first time: spawn + pull), seconds:",
          {u: round(t, 1) for u, t in times.items()})
    for user, (name, text) in STUDENTS.items():
        saved = copy_of_lessons(hub, user) / "notebooks" / "answers" / f"{answers.file_stem(name)}.json"
        assert text in saved.read_text(encoding="utf-8"), f"{user}: answer not in {saved}"
        exported = copy_of_lessons(hub, user) / "notebooks" / "answers" / "export"
        assert sorted(p.suffix for p in exported.iterdir()) in ([".html", ".md"], [".html", ".json", ".md"]), \
            sorted(exported.iterdir())


def lab_setting(hub, user: str, plugin: str) -> dict:
    """A plugin's settings as the student's JupyterLab gets them: the schema's
    defaults (which overrides.json changes), then the student's own."""
    model = hub.api("GET", f"/user/{user}/lab/api/settings/{plugin}")
    values = {key: prop.get("default") for key, prop in model["schema"].get("properties", {}).items()}
    values.update(model.get("settings") or {})
    return values


def test_every_students_lab_is_quiet(hub):
    """The settings overrides.json (installed into the hub's environment by make hub-env) holds."""
    for user in STUDENTS:
        notification = lab_setting(hub, user, "@jupyterlab/apputils-extension:notification")
        assert notification["fetchNews"] == "false" and notification["checkForUpdates"] is False, notification
        assert lab_setting(hub, user, "@jupyterlab/notebook-extension:tracker")["kernelShutdown"] is True
        assert lab_setting(hub, user, "@jupyterlab/extensionmanager-extension:plugin")["enabled"] is False


def answer_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and "answers" in p.parts]


def test_each_answer_is_only_in_its_students_home(hub):
    for user, (_, text) in STUDENTS.items():
        holders = sorted({other for other in STUDENTS
                          if any(text in p.read_text(encoding="utf-8", errors="replace")
                                 for p in answer_files(home(hub, other)))})
        assert holders == [user], f"{user}'s answer is in the homes of {holders}"
        assert not any(text in p.read_text(errors="replace") for p in STATE["served"].rglob("*.json")), \
            "an answer reached the served repository"


def test_no_student_can_read_another_students_answers(hub):
    for user in STUDENTS:
        mode = home(hub, user).stat().st_mode & 0o777
        assert mode == 0o700, f"{user}'s home has mode {oct(mode)}"
    if not STATE["own_accounts"]:
        pytest.skip("every server runs as one account here (the hub is not root, or its environment is not "
                    "reachable by other accounts): homes are 0700, but one account cannot keep students apart")
    accounts = {}
    for user in STUDENTS:
        servers = [p for p in hub.processes() if "jupyterhub-singleuser" in " ".join(p.cmdline())
                   and p.username() == STATE["prefix"] + user]
        assert servers, f"{user}: no server running as {STATE['prefix'] + user}"
        accounts[user] = pwd.getpwnam(STATE["prefix"] + user)
        assert home(hub, user).stat().st_uid == accounts[user].pw_uid
    for reader in STUDENTS:
        for owner, (name, _) in STUDENTS.items():
            if owner == reader:
                continue
            target = copy_of_lessons(hub, owner) / "notebooks" / "answers" / f"{answers.file_stem(name)}.json"
            result = subprocess.run(["cat", str(target)], capture_output=True, text=True, timeout=10,
                                    user=accounts[reader].pw_uid, group=accounts[reader].pw_gid, extra_groups=[])
            assert result.returncode != 0 and "Permission denied" in result.stderr, \
                f"{reader}'s account could read {owner}'s answers"
        mine = copy_of_lessons(hub, reader) / "notebooks" / "answers"
        result = subprocess.run(["ls", str(mine)], capture_output=True, timeout=10,
                                user=accounts[reader].pw_uid, group=accounts[reader].pw_gid, extra_groups=[])
        assert result.returncode == 0, f"{reader} cannot read their own answers"


def fingerprint(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_clicking_the_link_again_brings_the_update_and_keeps_the_answers(hub):
    served = STATE["served"]
    with open(served / "README.md", "a", encoding="utf-8") as readme:
        readme.write(f"\n{UPDATE_LINE}\n")
    (served / "NEWS.md").write_text(f"# News\n\n{UPDATE_LINE}\n", encoding="utf-8")
    os.chmod(served / "NEWS.md", 0o644)
    git(served, "add", "-A")
    git(served, "commit", "-q", "-m", "An update for the class")
    before = {user: fingerprint(copy_of_lessons(hub, user) / "notebooks" / "answers") for user in STUDENTS}
    lesson_before = {user: (copy_of_lessons(hub, user) / LESSON).read_bytes() for user in STUDENTS}

    times = in_browser(lambda browser: {user: student_session(hub, browser, user) for user in STUDENTS})
    STATE["login_to_lesson_again_seconds"] = times
    for user in STUDENTS:
        copy = copy_of_lessons(hub, user)
        assert UPDATE_LINE in (copy / "NEWS.md").read_text(encoding="utf-8"), f"{user}: the update did not arrive"
        assert UPDATE_LINE in (copy / "README.md").read_text(encoding="utf-8")
        assert fingerprint(copy / "notebooks" / "answers") == before[user], f"{user}: the answers changed"
        assert (copy / LESSON).read_bytes() == lesson_before[user], f"{user}: their run of lesson 04 was replaced"


@pytest.fixture(scope="module")
def student_who_has_not_exported(hub):
    """A fourth student, logged in (their server is running) who never pressed Export."""
    hub.start_server(NO_EXPORT_STUDENT)
    return NO_EXPORT_STUDENT


def test_teacher_collects_every_export_and_the_class_view_shows_all_three(hub, student_who_has_not_exported, tmp_path,
                                                                         monkeypatch):
    names = sorted(name for name, _ in STUDENTS.values())
    for how, args in {"homes": [str(hub.homes)], "hub API": ["--hub", hub.url, "--token", hub.token]}.items():
        out = tmp_path / how.replace(" ", "-")
        result = subprocess.run([sys.executable, "-m", "syria_lesson.teacher.collect", *args, "--out", str(out)],
                                capture_output=True, text=True, timeout=120, cwd=tmp_path)
        assert result.returncode == 0, f"collect ({how}) failed:\n{result.stdout}\n{result.stderr}"
        assert f"Collected answers from 3 of {len(STUDENTS) + 1} students." in result.stdout, result.stdout
        assert f"SKIPPED    {NO_EXPORT_STUDENT}: {NO_EXPORT}" in result.stdout, result.stdout
        for user in STUDENTS:
            assert any((out / "handed-in" / user).rglob("*-answers.html")), f"{how}: {user}'s export not collected"

        found, problems = classroom.read_class(out / "class")
        assert problems == [] and sorted(s["student"] for s in found) == names, (how, problems)

    # The class view (the instructor notebook's overview) shows all three, with their answers.
    shown: list[str] = []
    monkeypatch.setattr(classroom, "show_html", lambda html, plain: shown.append(plain))
    monkeypatch.setattr(classroom, "show_figure", lambda fig, alt, caption="": shown.append(alt))
    classroom.overview(out / "class")
    text = "\n".join(shown)
    assert text.startswith("3 students' answers read."), text[:200]
    for name, answer in STUDENTS.values():
        assert f"{name}: {answer}" in text, f"the class view does not show {name}'s answer"


def test_a_failed_spawn_names_the_student_and_the_log(hub):
    (hub.homes / BROKEN_STUDENT).write_text("a file where the home folder should be\n", encoding="utf-8")
    with pytest.raises(local_hub.HubError) as failure:
        hub.start_server(BROKEN_STUDENT, timeout=30)
    message = str(failure.value)
    assert message.startswith(f"spawn failed for user {BROKEN_STUDENT}: see ") and str(hub.user_log(BROKEN_STUDENT)) in message
    lines = [line for line in hub.log_text().splitlines() if f"for user {BROKEN_STUDENT};" in line]
    assert any("classroom: could not prepare the account or home" in line
               and line.rstrip().endswith(str(hub.user_log(BROKEN_STUDENT))) for line in lines), lines


def test_stopping_the_hub_leaves_nothing_running(hub, student_who_has_not_exported):
    import psutil

    running = hub.processes()
    assert len([p for p in running if "jupyterhub-singleuser" in " ".join(p.cmdline())]) == len(STUDENTS) + 1
    accounts = hub.created_accounts()
    killed = hub.stop()
    assert hub.processes() == [], f"still running: {hub.processes()}"
    root = str(STATE["root"])
    left = []
    for process in psutil.process_iter(["pid", "cmdline", "username"]):
        with contextlib.suppress(psutil.Error):
            if root in " ".join(process.info["cmdline"] or []) or process.info["username"] in accounts:
                left.append(process.info)
    assert not left, f"left running: {left}"
    assert not killed, f"the hub did not stop these itself (they were killed by pid): {killed}"
    if STATE["own_accounts"]:
        assert sorted(accounts) == sorted(STATE["prefix"] + u for u in [*STUDENTS, NO_EXPORT_STUDENT, BROKEN_STUDENT])
        for account in accounts:
            with pytest.raises(KeyError):
                pwd.getpwnam(account)
    print(json.dumps({"hub_start_seconds": round(STATE["hub_start_seconds"], 1),
                      "login_to_lesson_seconds": {u: round(t, 1) for u, t in STATE.get("login_to_lesson_seconds", {}).items()},
                      "again_seconds": {u: round(t, 1) for u, t in STATE.get("login_to_lesson_again_seconds", {}).items()}}))
