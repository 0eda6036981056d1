"""Start the classroom hub (classroom/jupyterhub_config.py) on 127.0.0.1, talk
to its REST API, and stop it with everything it started. Used by
tests/test_hub.py and benchmarks/hub.py; ``make hub-try`` uses it to give a
teacher a hub on their own computer.

Every wait is bounded. The hub runs in a process group of its own; the
proxy, the idle culler and each student's server each start a session of
their own (JupyterHub does that), so stopping means: note every process
descended from the hub, ask the hub to shut down (it stops the servers and
the proxy), wait, then end by pid whatever of those is still there.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
CONFIG = HERE / "jupyterhub_config.py"
# The hub's environment (``make hub-env``): it serves every student, so it is
# built from a Python that every account can run.
HUB_ENV = HERE.parent / ".venv-hub"
PROXY = HERE / "node_modules" / ".bin" / "configurable-http-proxy"


class HubError(RuntimeError):
    """The hub could not start, or a student's server could not; the message is one plain line."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_taken(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def reachable_by_everyone(path: Path) -> bool:
    """Whether other accounts could run a file at ``path``: every folder on
    the way lets others through (a Python under /root, as pyenv's is, does not)."""
    import stat

    path = Path(path).resolve()
    return all(os.stat(p).st_mode & stat.S_IXOTH for p in [path, *path.parents])


def tools_missing(env: Path = HUB_ENV) -> str | None:
    """Why a hub cannot start here (one line that says how to fix it), or None."""
    if not (Path(env) / "bin" / "jupyterhub").exists():
        return f"no hub environment at {env}: run `make hub-env`"
    if os.access(PROXY, os.X_OK):
        return None
    from shutil import which

    if which("configurable-http-proxy"):
        return None
    if not which("npm"):
        return ("npm not found, so configurable-http-proxy cannot be installed: install Node.js 20+ with npm "
                "(Debian/Ubuntu: apt-get install -y nodejs npm), then run `make hub-tools`")
    return "configurable-http-proxy not found: run `make hub-tools` (npm installs it into classroom/node_modules)"


class LocalHub:
    """One hub: ``start()``, ``api()``, ``stop()`` (also as a context manager)."""

    def __init__(self, root: Path, *, password: str, settings: dict[str, str] | None = None,
                 extra_config: str = "", port: int | None = None, remove_accounts: bool = False,
                 env: Path = HUB_ENV, say=print):
        self.root = Path(root)
        self.env = Path(env)
        self.state = self.root / "state"
        self.homes = self.root / "homes"
        self.password = password
        self.settings = dict(settings or {})
        self.extra_config = extra_config
        self.wanted_port = port
        self.remove_accounts = remove_accounts
        self.say = say
        self.token = secrets.token_hex(24)
        self.proc: subprocess.Popen | None = None
        self.url = ""
        self.log_path = self.root / "hub.log"
        self._seen: dict[int, float] = {}  # pid -> create_time of every process the hub started

    # -- starting

    def _env(self, ports: dict[str, int]) -> dict[str, str]:
        local = self.root / "hub_local_config.py"
        harness = {"name": "harness", "api_token": self.token}
        role = {"name": "harness", "services": ["harness"],
                "scopes": ["admin:users", "admin:servers", "access:servers", "list:users", "read:users", "tokens"]}
        local.write_text("# Written by classroom/local_hub.py: an API token for the harness (tests, benchmark).\n"
                         f"c.JupyterHub.services.append({harness!r})\nc.JupyterHub.load_roles.append({role!r})\n"
                         + self.extra_config, encoding="utf-8")
        os.chmod(local, 0o600)
        env = {**os.environ,
               "CLASSROOM_IP": "127.0.0.1", "CLASSROOM_PORT": str(ports["PORT"]),
               "CLASSROOM_HUB_PORT": str(ports["HUB_PORT"]), "CLASSROOM_PROXY_API_PORT": str(ports["PROXY_API_PORT"]),
               "CLASSROOM_STATE": str(self.state), "CLASSROOM_HOMES": str(self.homes),
               "CLASSROOM_PASSWORD": self.password, "CLASSROOM_LOCAL_CONFIG": str(local)}
        env.update({f"CLASSROOM_{k}": v for k, v in self.settings.items()})
        return env

    def _ports(self) -> dict[str, int]:
        port = self.wanted_port
        if port and port_taken(port):
            other = free_port()
            self.say(f"port {port} on 127.0.0.1 is taken; using {other} instead")
            port = other
        ports = {"PORT": port or free_port(), "HUB_PORT": free_port(), "PROXY_API_PORT": free_port()}
        while len(set(ports.values())) < 3:
            ports["PROXY_API_PORT"] = free_port()
        return ports

    def start(self, timeout: float = 60) -> LocalHub:
        missing = tools_missing(self.env)
        if missing:
            raise HubError(missing)
        self.root.mkdir(parents=True, exist_ok=True)
        for attempt in range(3):
            ports = self._ports()
            log = open(self.log_path, "ab")  # noqa: SIM115 - the hub keeps its copy; closed just below
            try:
                self.proc = subprocess.Popen(
                    [str(self.env / "bin" / "jupyterhub"), "-f", str(CONFIG)],
                    cwd=self.root, env=self._env(ports), stdout=log, stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL, start_new_session=True)
            finally:
                log.close()
            self.url = f"http://127.0.0.1:{ports['PORT']}"
            problem = self._wait_up(timeout)
            if problem is None:
                return self
            if "is taken" in problem and attempt < 2:  # a race for a port we had seen free: pick again
                self.say(problem.removeprefix("classroom: ") + "; picking other ports")
                continue
            raise HubError(f"the hub did not start: {problem} (log: {self.log_path})")
        raise AssertionError("not reached")

    def _wait_up(self, timeout: float) -> str | None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return self._last_problem() or f"it exited with code {self.proc.returncode}"
            with contextlib.suppress(OSError, HubError):
                self.api("GET", "/hub/api/", timeout=2)
                self._note_children()
                return None
            time.sleep(0.25)
        self.stop()
        return f"no answer at {self.url} within {timeout:.0f} s"

    def _last_problem(self) -> str | None:
        lines = self.log_text().splitlines()
        ours = [line for line in lines if line.startswith("classroom:") or "classroom: " in line]
        return ours[-1].strip() if ours else (lines[-1].strip() if lines else None)

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    # -- talking to it

    def api(self, method: str, path: str, body: dict | None = None, timeout: float = 30):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method,
                                         headers={"Authorization": f"token {self.token}",
                                                  "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                text = response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace")[:300]
            raise HubError(f"{method} {path}: HTTP {error.code} {detail}") from None
        return json.loads(text) if text.strip() else None

    def user_log(self, name: str) -> Path:
        return self.state / "logs" / f"{name}.log"

    def start_server(self, name: str, timeout: float = 120) -> dict:
        """Start a user's server through the API and wait until it is ready;
        HubError names the user and the log if it cannot start."""
        self.api("POST", f"/hub/api/users/{name}", {}) if not self._user_exists(name) else None
        try:
            self.api("POST", f"/hub/api/users/{name}/server", {})
        except HubError as error:
            raise HubError(f"spawn failed for user {name}: see {self.user_log(name)} and {self.log_path} "
                           f"({self._user_problem(name) or error})") from None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            user = self.api("GET", f"/hub/api/users/{name}")
            server = (user.get("servers") or {}).get("")
            if server and server.get("ready"):
                self._note_children()
                return server
            if not user.get("pending") and not server:
                raise HubError(f"spawn failed for user {name}: see {self.user_log(name)} and {self.log_path} "
                               f"({self._user_problem(name) or 'the server stopped'})")
            time.sleep(0.5)
        raise HubError(f"spawn failed for user {name}: not ready within {timeout:.0f} s; see {self.user_log(name)}")

    def _user_exists(self, name: str) -> bool:
        try:
            self.api("GET", f"/hub/api/users/{name}")
            return True
        except HubError:
            return False

    def _user_problem(self, name: str) -> str | None:
        lines = [line for line in self.log_text().splitlines() if f"for user {name};" in line and "classroom:" in line]
        return lines[-1].split("classroom: ", 1)[1].strip() if lines else None

    # -- stopping, and leaving nothing behind

    def _note_children(self) -> None:
        """Remember every process descended from the hub, so that none can be
        missed after the hub is gone (its children then belong to init)."""
        import psutil

        if not self.proc:
            return
        with contextlib.suppress(psutil.Error):
            for child in psutil.Process(self.proc.pid).children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    self._seen[child.pid] = child.create_time()

    def processes(self) -> list:
        """The hub and every process it started that is still running."""
        import psutil

        self._note_children()
        alive = []
        known = [(self.proc.pid, None), *self._seen.items()] if self.proc else []
        for pid, created in known:
            with contextlib.suppress(psutil.Error):
                process = psutil.Process(pid)
                if (created is None or process.create_time() == created) and process.status() != psutil.STATUS_ZOMBIE:
                    alive.append(process)
        return alive

    def stop(self, timeout: float = 30) -> list[str]:
        """Stop the hub and all it started; returns what had to be killed (ideally nothing)."""
        import psutil

        if not self.proc:
            return []
        self._note_children()
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)  # the hub then stops every server and the proxy
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        killed = []
        leftovers = [p for p in self.processes() if p.pid != self.proc.pid]
        for process in leftovers:
            with contextlib.suppress(psutil.Error):
                killed.append(f"{process.pid} {' '.join(process.cmdline())[:120]}")
                process.terminate()
        _, still = psutil.wait_procs(leftovers, timeout=10)
        for process in still:
            with contextlib.suppress(psutil.Error):
                process.kill()
        psutil.wait_procs(still, timeout=5)
        if self.remove_accounts:
            self.remove_created_accounts()
        return killed

    def created_accounts(self) -> list[str]:
        """System accounts the spawner created (it says so in the hub's log)."""
        marker = "classroom: created system account "
        return [line.split(marker, 1)[1].split()[0] for line in self.log_text().splitlines() if marker in line]

    def remove_created_accounts(self) -> None:
        for name in self.created_accounts():
            subprocess.run(["userdel", name], capture_output=True, timeout=30, check=False)

    def __enter__(self) -> LocalHub:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    """``make hub-try``: a hub on this computer for a teacher to try (Ctrl-C stops it)."""
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(description="A classroom hub on 127.0.0.1, to try it out.")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--password", default="try-the-lessons")
    parser.add_argument("--env", type=Path, default=HUB_ENV, help="the hub's environment (default: .venv-hub)")
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="syria-hub-try-"))
    os.chmod(root, 0o711)
    hub = LocalHub(root, password=args.password, port=args.port, remove_accounts=True, env=args.env,
                   settings={"SYSTEM_USER": "try-{username}"})
    try:
        hub.start()
    except HubError as error:
        print(f"classroom: {error}", file=sys.stderr)
        return 2
    print(f"Hub running at {hub.url}/ : log in with any name and the password {args.password!r}. "
          f"Files in {root}. Ctrl-C stops it.")
    try:
        while hub.proc.poll() is None:
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        hub.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
