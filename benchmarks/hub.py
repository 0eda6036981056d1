"""Sizing a classroom hub: memory per student and time to a lesson, for 1, 10
and 30 simulated students on this machine (``make benchmark-hub``).

    python benchmarks/hub.py                      # 1, 10 and 30 students, about 5-8 minutes
    python benchmarks/hub.py --sizes 1,5 --out build/sizing-small.json

It starts the classroom hub (classroom/jupyterhub_config.py, as tests/test_hub.py
does: the environment from ``make hub-env``, an account and a private home per
student when run as root) on 127.0.0.1, serves the student release from a
local git repository, and for N students at once, each in a thread of its own,
does what a student's browser makes the servers do, through the same HTTP
and WebSocket APIs, on loopback only:

1. log in: the hub starts the student's server (the REST API, as the login
   does after the password check);
2. follow the nbgitpuller link: the server clones the lessons into the home;
3. open lesson 00: the JupyterLab page, the notebook, a kernel. This is
   "login to lesson on screen" (static worksheets, as a student first sees it);
4. run it, cell by cell, in its kernel ("login to lesson run");
5. then run every other lesson the same way, one kernel at a time, as
   JupyterLab does when closing a tab shuts its kernel down (overrides.json
   sets kernelShutdown); the last one stays open.

Memory is the resident memory (RSS) of each student's server and kernels,
read from /proc (psutil) at the end and sampled during the run; CPU is the
CPU time those processes used. With one student it also measures Lab's default,
where a closed tab's kernel keeps running: six kernels after six lessons.

The sizing table assumes a class logs in at once: cores = students x CPU
seconds per student for steps 1-4 / 30 s, so that everyone's lesson runs
within about half a minute, rounded up; memory = the hub and proxy + students
x the largest memory one student used (server and kernels), + 25 % headroom.
Prints a table and writes build/sizing.json. Every wait is bounded; the hub
and everything it started are stopped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import platform
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "classroom"))

import local_hub  # noqa: E402

from syria_lesson import build  # noqa: E402

REPO_NAME = "syria-lesson"
LESSONS = [p.name for p in build.notebooks(include_instructor=False)]
LOGIN_WINDOW_SECONDS = 30  # everyone's first lesson runs within this, when the class logs in at once
HEADROOM = 1.25
CLASSES = (10, 30, 100, 300)


# ---------------------------------------------------------------- talking to a student's server


class Student:
    def __init__(self, hub: local_hub.LocalHub, name: str, served: Path):
        self.hub, self.name, self.served = hub, name, served
        self.server = ""  # http://127.0.0.1:PORT/user/NAME/
        self.times: dict[str, float] = {}
        self.errors: list[str] = []
        self.errors_retried: list[str] = []

    def _request(self, method: str, url: str, body: dict | None = None, timeout: float = 60) -> bytes:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, method=method,
                                         headers={"Authorization": f"token {self.hub.token}",
                                                  "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read()

    def log_in(self) -> None:
        """Start the server; when too many start at once the hub says 429 (its
        concurrent_spawn_limit), and the student tries again, as they would."""
        deadline = time.monotonic() + 300
        while True:
            try:
                server = self.hub.start_server(self.name, timeout=300)
                break
            except local_hub.HubError as error:
                if "HTTP 429" not in str(error) or time.monotonic() > deadline:
                    raise
                self.times["retries"] = self.times.get("retries", 0) + 1
                time.sleep(2)
        self.server = self.hub.url + server["url"]

    def pull(self) -> None:
        query = urllib.parse.urlencode({"repo": self.served.as_uri(), "branch": "main"})
        stream = self._request("GET", f"{self.server}git-pull/api?{query}", timeout=300).decode("utf-8", "replace")
        events = [json.loads(line[6:]) for line in stream.splitlines() if line.startswith("data: {")]
        if not events or events[-1].get("phase") != "finished":
            raise RuntimeError(f"nbgitpuller did not finish for {self.name}: {events[-1:]}")

    def open_lesson(self, lesson: str) -> None:
        path = f"{REPO_NAME}/notebooks/{lesson}"
        self._request("GET", f"{self.server}lab/tree/{urllib.parse.quote(path)}")
        self._request("GET", f"{self.server}api/contents/{urllib.parse.quote(path)}?content=1")

    def run_lesson(self, lesson: str, keep: bool) -> None:
        from tornado.websocket import WebSocketClosedError

        path = f"{REPO_NAME}/notebooks/{lesson}"
        model = json.loads(self._request("GET", f"{self.server}api/contents/{urllib.parse.quote(path)}?content=1"))
        cells = ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                 for c in model["content"]["cells"] if c["cell_type"] == "code"]
        session = json.loads(self._request("POST", f"{self.server}api/sessions",
                                           {"path": path, "name": lesson, "type": "notebook",
                                            "kernel": {"name": "python3"}}))
        try:
            for attempt in (1, 2):
                try:
                    errors = asyncio.run(execute(self.server, self.hub.token, session["kernel"]["id"], cells))
                    break
                except (TimeoutError, ConnectionError, OSError, WebSocketClosedError) as error:
                    # On a machine this busy a WebSocket now and then drops, as in a browser, which
                    # reconnects: run the lesson once more, and count it.
                    if attempt == 2:
                        raise
                    self.times["reconnects"] = self.times.get("reconnects", 0) + 1
                    self.errors_retried.append(f"{lesson}: {error.__class__.__name__}")
            self.errors += [f"{lesson}: {e}" for e in errors]
        finally:
            if not keep:
                self._request("DELETE", f"{self.server}api/sessions/{session['id']}")

    def session(self, keep_all: bool = False) -> None:
        start = time.monotonic()
        self.log_in()
        self.times["login_to_server"] = time.monotonic() - start
        self.pull()
        self.open_lesson(LESSONS[0])
        self.times["login_to_lesson_on_screen"] = time.monotonic() - start
        for number, lesson in enumerate(LESSONS):
            last = number == len(LESSONS) - 1
            self.run_lesson(lesson, keep=keep_all or last)
            if number == 0:
                self.times["login_to_lesson_run"] = time.monotonic() - start
        self.times["whole_session"] = time.monotonic() - start


async def execute(server: str, token: str, kernel_id: str, cells: list[str], timeout: float = 120) -> list[str]:
    """Run each cell in the kernel over the server's WebSocket (JSON messages),
    the way JupyterLab does; return the errors the cells raised."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    url = server.replace("http://", "ws://") + f"api/kernels/{kernel_id}/channels?session_id={uuid.uuid4().hex}"
    request = HTTPRequest(url, headers={"Authorization": f"token {token}"}, connect_timeout=120, request_timeout=120)
    connection = await asyncio.wait_for(websocket_connect(request), timeout=150)
    errors = []
    try:
        for code in cells:
            msg_id = uuid.uuid4().hex
            await connection.write_message(json.dumps({
                "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "benchmark",
                           "session": uuid.uuid4().hex, "version": "5.3", "date": ""},
                "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                            "allow_stdin": False, "stop_on_error": True}}))
            replied = idle = False
            deadline = time.monotonic() + timeout
            while not (replied and idle):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"a cell did not finish within {timeout:.0f} s")
                raw = await asyncio.wait_for(connection.read_message(), timeout=left)
                if raw is None:
                    raise ConnectionError("the kernel's WebSocket closed")
                if isinstance(raw, bytes):
                    continue
                message = json.loads(raw)
                if message.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                kind = message["header"]["msg_type"]
                if kind == "execute_reply":
                    replied = True
                    if message["content"].get("status") == "error":
                        errors.append(f"{message['content'].get('ename')}: {message['content'].get('evalue')}")
                elif kind == "status" and message["content"].get("execution_state") == "idle":
                    idle = True
    finally:
        connection.close()
    return errors


# ---------------------------------------------------------------- measuring


def student_processes(hub: local_hub.LocalHub) -> dict[str, list]:
    """Each student's server and its kernels, by hub user name."""
    import psutil

    found: dict[str, list] = {}
    for process in hub.processes():
        with contextlib.suppress(psutil.Error):
            line = process.cmdline()
            if any("jupyterhub-singleuser" in part for part in line):
                user = process.environ().get("JUPYTERHUB_USER", "?")
                found[user] = [process, *process.children(recursive=True)]
    return found


def rss(processes: list) -> int:
    import psutil

    total = 0
    for process in processes:
        with contextlib.suppress(psutil.Error):
            total += process.memory_info().rss
    return total


def cpu_seconds(processes: list) -> float:
    """CPU time of a server and its kernels, including kernels already shut down (reaped by the server)."""
    import psutil

    total = 0.0
    for number, process in enumerate(processes):
        with contextlib.suppress(psutil.Error):
            times = process.cpu_times()
            total += times.user + times.system
            if number == 0:
                total += times.children_user + times.children_system
    return total


def hub_and_proxy_rss(hub: local_hub.LocalHub) -> int:
    import psutil

    total = 0
    for process in hub.processes():
        with contextlib.suppress(psutil.Error):
            line = " ".join(process.cmdline())
            if "jupyterhub-singleuser" not in line and "ipykernel" not in line:
                total += process.memory_info().rss
    return total


class Sampler(threading.Thread):
    """Peak memory of all students' processes together, every second."""

    def __init__(self, hub):
        super().__init__(daemon=True)
        self.hub, self.peak, self.per_student_peak = hub, 0, {}
        self.done = threading.Event()

    def run(self):
        while not self.done.wait(1.0):
            with contextlib.suppress(Exception):
                by_user = student_processes(self.hub)
                self.peak = max(self.peak, sum(rss(p) for p in by_user.values()))
                for user, processes in by_user.items():
                    self.per_student_peak[user] = max(self.per_student_peak.get(user, 0), rss(processes))


def serve_release(root: Path) -> Path:
    served = root / "served" / REPO_NAME
    build.build_release(served)
    for folder in [served.parent, served, *[p for p in served.rglob("*") if p.is_dir()]]:
        os.chmod(folder, 0o755)
    git = ["git", "-c", "user.name=Teacher", "-c", "user.email=teacher@example.org"]
    for command in (["git", "init", "-q", "-b", "main"], [*git, "add", "-A"], [*git, "commit", "-q", "-m", "release"]):
        subprocess.run(command, cwd=served, check=True, capture_output=True, timeout=60)
    return served


def one_class(size: int, served: Path, root: Path, own_accounts: bool, keep_all: bool = False,
              bound: float = 600) -> dict:
    """N students at once on a fresh hub; returns the measurements."""
    gitconfig = root / "gitconfig"
    prefix = f"sb{secrets.token_hex(2)}-"
    hub = local_hub.LocalHub(
        root / f"hub-{size}{'-keep' if keep_all else ''}", password="benchmark-" + secrets.token_hex(4),
        settings={"SYSTEM_USER": prefix + "{username}" if own_accounts else ""}, remove_accounts=True,
        extra_config=f"c.Spawner.environment['GIT_CONFIG_GLOBAL'] = {str(gitconfig)!r}\n", say=lambda line: None)
    hub.root.mkdir(parents=True)
    os.chmod(hub.root, 0o711)
    students = [Student(hub, f"s{n:03d}", served) for n in range(1, size + 1)]
    try:
        hub.start()
        hub_rss = hub_and_proxy_rss(hub)
        sampler = Sampler(hub)
        sampler.start()
        started = time.monotonic()
        threads = []
        for student in students:
            def go(student=student):
                try:
                    student.session(keep_all=keep_all)
                except Exception as error:  # noqa: BLE001 - recorded and reported, never hidden
                    student.errors.append(f"{error.__class__.__name__}: {error}")
            threads.append(threading.Thread(target=go, daemon=True))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=max(1.0, bound - (time.monotonic() - started)))
        wall = time.monotonic() - started
        unfinished = sum(thread.is_alive() for thread in threads)
        time.sleep(2)  # let the servers settle after the last kernel shut down
        sampler.done.set()
        by_user = student_processes(hub)
        end_rss = {user: rss(p) for user, p in by_user.items()}
        cpu = {user: cpu_seconds(p) for user, p in by_user.items()}
        kernels = {user: len(p) - 1 for user, p in by_user.items()}
        errors = [f"{s.name}: {e}" for s in students for e in s.errors]
        retried = [f"{s.name}: {e}" for s in students for e in s.errors_retried]
        if unfinished:
            errors.append(f"{unfinished} students did not finish within {bound:.0f} s")
    finally:
        killed = hub.stop()
    def spread(key):
        values = [s.times[key] for s in students if key in s.times]
        if not values:
            return None
        values.sort()
        return {"median": round(statistics.median(values), 2), "max": round(values[-1], 2),
                "p90": round(values[min(len(values) - 1, math.ceil(0.9 * len(values)) - 1)], 2)}
    mb = 2 ** 20
    return {
        "students": size, "kernels_kept": "all six" if keep_all else "the last one",
        "wall_seconds": round(wall, 1), "errors": errors[:20], "run_again_after_a_dropped_connection": retried[:20],
        "left_running_killed": killed,
        "login_to_server_s": spread("login_to_server"),
        "login_to_lesson_on_screen_s": spread("login_to_lesson_on_screen"),
        "login_to_lesson_run_s": spread("login_to_lesson_run"),
        "whole_session_s": spread("whole_session"),
        "hub_and_proxy_mb": round(hub_rss / mb),
        "per_student_end_mb": {"median": round(statistics.median(end_rss.values()) / mb) if end_rss else None,
                               "max": round(max(end_rss.values()) / mb) if end_rss else None},
        "per_student_peak_mb": round(max(sampler.per_student_peak.values()) / mb) if sampler.per_student_peak else None,
        "class_peak_mb": round(sampler.peak / mb),
        "kernels_at_end": statistics.median(kernels.values()) if kernels else None,
        "cpu_seconds_per_student": round(statistics.median(cpu.values()), 2) if cpu else None,
    }


def hub_and_proxy_cpu(hub: local_hub.LocalHub) -> float:
    import psutil

    total = 0.0
    for process in hub.processes():
        with contextlib.suppress(psutil.Error):
            line = " ".join(process.cmdline())
            if "jupyterhub-singleuser" not in line and "ipykernel" not in line:
                times = process.cpu_times()
                total += times.user + times.system
    return total


def first_lesson_cpu(served: Path, root: Path, own_accounts: bool) -> tuple[float, float]:
    """CPU seconds for steps 1-4 (log in, pull, open and run lesson 00): the
    student's server and kernel, and the hub and proxy on their behalf."""
    gitconfig = root / "gitconfig"
    hub = local_hub.LocalHub(root / "hub-cpu", password="benchmark-" + secrets.token_hex(4),
                             settings={"SYSTEM_USER": f"sb{secrets.token_hex(2)}-" + "{username}" if own_accounts else ""},
                             remove_accounts=True, say=lambda line: None,
                             extra_config=f"c.Spawner.environment['GIT_CONFIG_GLOBAL'] = {str(gitconfig)!r}\n")
    hub.root.mkdir(parents=True)
    os.chmod(hub.root, 0o711)
    try:
        hub.start()
        time.sleep(2)
        hub_before = hub_and_proxy_cpu(hub)
        student = Student(hub, "s001", served)
        student.log_in()
        student.pull()
        student.open_lesson(LESSONS[0])
        student.run_lesson(LESSONS[0], keep=True)
        time.sleep(1)
        students = sum(cpu_seconds(p) for p in student_processes(hub).values())
        return students, hub_and_proxy_cpu(hub) - hub_before
    finally:
        hub.stop()


def sizing(results: list[dict], login_cpu: float) -> list[dict]:
    measured = [r for r in results if r["kernels_kept"] == "the last one" and r["per_student_peak_mb"]]
    per_student_mb = max(r["per_student_peak_mb"] for r in measured)
    hub_mb = max(r["hub_and_proxy_mb"] for r in measured)
    rows = []
    for n in CLASSES:
        memory_gb = (hub_mb + n * per_student_mb) * HEADROOM / 1024
        cores = max(1, math.ceil(n * login_cpu / LOGIN_WINDOW_SECONDS))
        rows.append({"students": n, "memory_gb": math.ceil(memory_gb * 2) / 2, "cores": cores})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,10,30", help="class sizes to simulate (default 1,10,30)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "sizing.json")
    parser.add_argument("--label", default="", help="a note stored with the results (e.g. 'before')")
    args = parser.parse_args(argv)
    missing = local_hub.tools_missing()
    if missing:
        print(f"benchmark-hub: {missing}", file=sys.stderr)
        return 2
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    root = Path(tempfile.mkdtemp(prefix="syria-hub-bench-"))
    os.chmod(root, 0o711)
    own_accounts = os.geteuid() == 0 and local_hub.reachable_by_everyone(local_hub.HUB_ENV / "bin" / "python")
    started = time.monotonic()
    load_before = [round(x, 1) for x in os.getloadavg()]
    try:
        print("serving the student release ...", flush=True)
        served = serve_release(root)
        (root / "gitconfig").write_text(f"[safe]\n\tdirectory = {served}\n\tdirectory = {served}/.git\n",
                                        encoding="utf-8")
        os.chmod(root / "gitconfig", 0o644)
        print("CPU for one student's first lesson ...", flush=True)
        student_cpu, hub_cpu = first_lesson_cpu(served, root, own_accounts)
        login_cpu = student_cpu + hub_cpu
        results = []
        print("1 student, Lab's default (every lesson's kernel kept) ...", flush=True)
        results.append(one_class(1, served, root, own_accounts, keep_all=True))
        for size in sizes:
            print(f"{size} student{'s' if size > 1 else ''} at once ...", flush=True)
            results.append(one_class(size, served, root, own_accounts))
    finally:
        subprocess.run(["rm", "-rf", str(root)], check=False)
    table = sizing(results, login_cpu)
    report = {"python": platform.python_version(), "machine": platform.machine(), "cores": os.cpu_count(),
              "load_average_at_end": [round(x, 1) for x in os.getloadavg()],
              "load_average_at_start": load_before, "label": args.label, "own_accounts": own_accounts,
              "seconds": round(time.monotonic() - started),
              "cpu_seconds_login_to_first_lesson": round(login_cpu, 2),
              "cpu_seconds_login_to_first_lesson_parts": {"student_server_and_kernel": round(student_cpu, 2),
                                                          "hub_and_proxy": round(hub_cpu, 2)},
              "runs": results, "sizing": table,
              "assumptions": {"login_window_seconds": LOGIN_WINDOW_SECONDS, "headroom": HEADROOM}}
    print_report(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nWritten: {args.out}")
    return 0 if not any(r["errors"] for r in results) else 1


def print_report(report: dict) -> None:
    print(f"\nOn this machine ({report['cores']} cores), every student's server and kernels measured:")
    print(f"{'students':>8} {'kernels kept':>13} {'to lesson':>10} {'to run':>9} {'MB/student':>11} "
          f"{'peak MB':>8} {'class MB':>9} {'CPU s':>6}")
    for r in report["runs"]:
        on_screen, ran = r["login_to_lesson_on_screen_s"] or {}, r["login_to_lesson_run_s"] or {}
        print(f"{r['students']:>8} {r['kernels_kept']:>13} {on_screen.get('median', '-'):>9}s {ran.get('median', '-'):>8}s "
              f"{r['per_student_end_mb']['median'] or '-':>11} {r['per_student_peak_mb'] or '-':>8} {r['class_peak_mb']:>9} "
              f"{r['cpu_seconds_per_student'] or '-':>6}")
        for error in r["errors"][:5]:
            print(f"         ! {error}")
        if r["run_again_after_a_dropped_connection"]:
            print(f"         ({len(r['run_again_after_a_dropped_connection'])} lessons run again after a dropped "
                  "WebSocket, as a browser reconnects)")
    print("(times: median from login; 'to lesson' = lesson 00 on screen, 'to run' = lesson 00 run in its kernel)")
    print(f"\nSizing (a class logging in at once; {report['cpu_seconds_login_to_first_lesson']} CPU s per student "
          f"to a running lesson; +{round((report['assumptions']['headroom'] - 1) * 100)} % memory headroom):")
    for row in report["sizing"]:
        cores = f"{row['cores']} core{'s' if row['cores'] > 1 else ''}"
        print(f"  a class of {row['students']:>3} needs about {row['memory_gb']:>5} GB of memory and {cores}")


if __name__ == "__main__":
    sys.exit(main())
