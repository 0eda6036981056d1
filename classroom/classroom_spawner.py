"""A JupyterHub spawner for one class on one machine: every student's server
runs as a system account of their own, in a private home folder (mode 0700),
with its output in a log file of its own.

Used by ``classroom/jupyterhub_config.py``. It is JupyterHub's own
LocalProcessSpawner with three changes:

- the home folder comes from ``home_dir_template`` (not from /etc/passwd), and
  is created on the first start with mode 0700, owned by the student;
- when the hub runs as root, the student's system account
  (``system_user_template``, e.g. ``student-{username}``) is created on the
  first start if it does not exist (``create_system_users``), like The
  Littlest JupyterHub does; a hub that is not root runs every server as its
  own account, and says so once in its log (the homes are still 0700, but
  one account cannot keep students apart: use root, or SystemdSpawner);
- every server writes to ``<log_dir>/<username>.log``, and a failed start
  is reported in one plain line that names the student and that log.

LocalProcessSpawner does **not** enforce ``mem_limit`` or ``cpu_limit``: it
only passes them on as MEM_LIMIT / CPU_LIMIT. SystemdSpawner, DockerSpawner
and KubeSpawner enforce them (see classroom/README.md).
"""

from __future__ import annotations

import hashlib
import os
import pwd
import re
import subprocess

from jupyterhub.spawner import LocalProcessSpawner, set_user_setuid
from traitlets import Bool, Unicode

MAX_SYSTEM_NAME = 32  # useradd's limit on Debian


def system_name(template: str, username: str) -> str:
    """The system account for a hub user: the template filled with a form of
    the name that useradd accepts (lowercase letters, digits, '-', '_'); a
    name that had to change, or is too long, gets a short hash so that two
    hub users never share an account."""
    safe = re.sub(r"[^a-z0-9_-]+", "-", username.lower()).strip("-") or "user"
    name = template.format(username=safe)
    if safe != username or len(name) > MAX_SYSTEM_NAME:
        digest = hashlib.sha256(username.encode("utf-8")).hexdigest()[:6]
        keep = MAX_SYSTEM_NAME - len(template.format(username="")) - len(digest) - 1
        name = template.format(username=f"{safe[:max(keep, 1)]}-{digest}")
    if not re.match(r"^[a-z_]", name):
        name = "u" + name
    return name[:MAX_SYSTEM_NAME]


class ClassroomSpawner(LocalProcessSpawner):
    home_dir_template = Unicode(
        "/home/classroom/{username}", config=True,
        help="Each student's home folder; {username} is the hub user name. Created with mode 0700.")
    system_user_template = Unicode(
        "student-{username}", config=True,
        help="The system account each student's server runs as (when the hub runs as root); "
             "empty: the hub's own account, for everyone.")
    create_system_users = Bool(
        True, config=True, help="Create a missing system account on the first start (hub as root only).")
    log_dir = Unicode(
        "", config=True, help="Folder for one log file per student's server; empty: the hub's own output.")

    _warned_single_account = False

    # -- who and where

    @property
    def as_root(self) -> bool:
        """Whether each student gets an account of their own."""
        return os.geteuid() == 0 and bool(self.system_user_template)

    @property
    def home_dir(self) -> str:
        return self.home_dir_template.format(username=self.user.name)

    @property
    def system_user(self) -> str:
        if not self.as_root:
            return pwd.getpwuid(os.getuid()).pw_name
        return system_name(self.system_user_template, self.user.name)

    @property
    def log_path(self) -> str | None:
        return os.path.join(self.log_dir, f"{self.user.name}.log") if self.log_dir else None

    def _where_to_look(self) -> str:
        return self.log_path or "the hub's log"

    def complain(self, what: str) -> None:
        """One plain line that names the student and the log to read (the
        line goes into that log too, so the log always has it)."""
        line = f"classroom: {what} for user {self.user.name}; see {self._where_to_look()}"
        self.log.error(line)
        if self.log_path:
            try:
                os.makedirs(self.log_dir, 0o700, exist_ok=True)
                with open(self.log_path, "a", encoding="utf-8") as log:
                    log.write(line + "\n")
            except OSError:
                pass

    # -- preparing the account and the home

    def ensure_account(self) -> pwd.struct_passwd:
        name = self.system_user
        try:
            return pwd.getpwnam(name)
        except KeyError:
            if not (self.as_root and self.create_system_users):
                raise RuntimeError(f"system account {name} does not exist") from None
        result = subprocess.run(
            ["useradd", "--system", "--user-group", "--no-create-home", "--home-dir", self.home_dir,
             "--shell", "/bin/bash", "--comment", f"classroom student {self.user.name}", name],
            capture_output=True, text=True, timeout=30)
        if result.returncode != 0:
            raise RuntimeError(f"useradd {name} failed: {result.stderr.strip() or result.returncode}")
        self.log.info("classroom: created system account %s for user %s", name, self.user.name)
        return pwd.getpwnam(name)

    def ensure_home(self, account: pwd.struct_passwd) -> None:
        home = self.home_dir
        parent = os.path.dirname(home.rstrip("/"))
        if parent and not os.path.isdir(parent):
            # Others may pass through the folder of homes, but not list it.
            os.makedirs(parent, 0o711, exist_ok=True)
        os.makedirs(home, 0o700, exist_ok=True)
        if self.as_root:
            os.chown(home, account.pw_uid, account.pw_gid)
        os.chmod(home, 0o700)
        if not self.as_root and not ClassroomSpawner._warned_single_account:
            ClassroomSpawner._warned_single_account = True
            self.log.warning("classroom: every student's server runs as %s (the hub is not root, or "
                             "CLASSROOM_SYSTEM_USER is empty): homes are 0700, but one account cannot keep "
                             "students apart", account.pw_name)

    # -- LocalProcessSpawner, with our account and home

    def make_preexec_fn(self, name):
        setuid = set_user_setuid(self.system_user, chdir=False)
        home = self.home_dir

        def preexec():
            setuid()
            os.chdir(home)

        return preexec

    def user_env(self, env):
        env["USER"] = self.system_user
        env["HOME"] = self.home_dir
        env["SHELL"] = "/bin/bash"
        return env

    def get_args(self):
        args = super().get_args()
        if os.geteuid() == 0 and not self.as_root:
            args.append("--allow-root")  # one account for everyone, and that account is root
        return args

    async def move_certs(self, paths):
        return paths  # internal TLS is not used on one machine

    async def start(self):
        self._stopping = False
        try:
            account = self.ensure_account()
            self.ensure_home(account)
        except Exception as error:
            self.complain(f"could not prepare the account or home ({error})")
            raise
        log = None
        if self.log_path:
            os.makedirs(self.log_dir, 0o700, exist_ok=True)
            log = open(self.log_path, "ab")  # noqa: SIM115 - the child keeps its own copy; closed below
            self.popen_kwargs = {**self.popen_kwargs, "stdout": log, "stderr": subprocess.STDOUT}
        try:
            return await super().start()
        except Exception as error:
            self.complain(f"the server could not be started ({error.__class__.__name__}: {error})")
            raise
        finally:
            if log is not None:
                log.close()

    async def poll(self):
        pid = self.pid
        status = await super().poll()
        if status is not None and pid and not getattr(self, "_stopping", False):
            self.complain(f"the server stopped by itself (exit code {status})")
        return status

    async def stop(self, now=False):
        self._stopping = True
        return await super().stop(now=now)
