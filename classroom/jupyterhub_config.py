"""JupyterHub for one class on one machine (JupyterHub 6; see README.md here).

    make hub-env hub-tools                  # once: the hub, nbgitpuller, the proxy, quiet Lab settings
    CLASSROOM_PASSWORD=... CLASSROOM_ADMIN_PASSWORD=... \\
        .venv/bin/jupyterhub -f classroom/jupyterhub_config.py

Everything a class needs to change is an environment variable (CLASSROOM_*),
listed in SETTINGS below with its default, so this file stays as tested
(tests/test_hub.py starts a hub with it). For anything else, put ordinary
JupyterHub settings in ``jupyterhub_config_local.py`` beside this file (or in
the file CLASSROOM_LOCAL_CONFIG names): it is read last, so it can override
anything here (your school's single sign-on, say).

What it sets up:
- students log in (a shared class password, or your own authenticator) and
  each gets a JupyterLab server, running as a system account of their own,
  in a private home folder (0700) under CLASSROOM_HOMES;
- the lessons come from an nbgitpuller link (nbgitpuller is in the
  students' environment, which is this environment: the module's
  requirements.txt and classroom/requirements-hub.txt);
- idle servers are stopped after CLASSROOM_CULL_TIMEOUT seconds
  (jupyterhub-idle-culler), idle kernels after CLASSROOM_KERNEL_CULL_TIMEOUT;
- a memory limit per student (CLASSROOM_MEM_LIMIT). Only spawners that
  enforce it (SystemdSpawner: CLASSROOM_SPAWNER=systemd; DockerSpawner;
  KubeSpawner) make it a limit: the default ClassroomSpawner, like
  LocalProcessSpawner, only passes it on as MEM_LIMIT;
- JupyterLab without news, update checks or the extension manager (the
  overrides.json that ``make hub-env`` installs into the environment).

A problem that stops the hub is one plain line: the proxy or npm missing
(and how to install it), a port taken (and how to choose another).
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from classroom_spawner import ClassroomSpawner  # noqa: E402

c = get_config()  # noqa: F821 - provided by JupyterHub when it reads this file

SETTINGS = {
    "IP": "0.0.0.0",  # where students connect; 127.0.0.1 to try it out on your own computer
    "PORT": "8000",
    "HUB_PORT": "8081",  # internal (127.0.0.1): the hub's own port
    "PROXY_API_PORT": "8001",  # internal (127.0.0.1): the proxy's control port
    "STATE": "/srv/classroom",  # the hub's database, cookie secret and logs
    "HOMES": "/home/classroom",  # one private folder per student
    "SYSTEM_USER": "student-{username}",  # each student's system account (hub as root); empty: one for all
    "PASSWORD": "",  # the class password (8+ characters); empty: set your own authenticator
    "ADMINS": "",  # comma-separated teacher user names; they log in with CLASSROOM_ADMIN_PASSWORD
    "ADMIN_PASSWORD": "",  # 32+ characters
    "STUDENTS": "",  # a file with one user name a line; empty: anyone with the password
    "MEM_LIMIT": "1G",  # see README.md for the sizing table
    "CPU_LIMIT": "1",
    "CULL_TIMEOUT": "3600",  # stop a server after this many idle seconds
    "KERNEL_CULL_TIMEOUT": "1200",  # stop an idle kernel (a lesson left open) after this many seconds
    "SPAWNER": "classroom",  # or "systemd" (jupyterhub-systemdspawner: enforces the memory limit)
    "PROXY": "",  # path of configurable-http-proxy; empty: classroom/node_modules, then PATH
    "LAB_SETTINGS": "",  # a folder with overrides.json, instead of the one installed in the environment
    "LOCAL_CONFIG": str(HERE / "jupyterhub_config_local.py"),  # more JupyterHub settings, read last
}


def setting(name: str) -> str:
    return os.environ.get(f"CLASSROOM_{name}", SETTINGS[name])


def fail(message: str) -> None:
    """Stop the hub with one plain line (no traceback)."""
    print(f"classroom: {message}", file=sys.stderr, flush=True)
    raise SystemExit(2)


def port_taken(ip: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((ip, port))
        except OSError:
            return True
    return False


def find_proxy() -> str:
    chosen = setting("PROXY")
    candidates = [chosen] if chosen else [str(HERE / "node_modules" / ".bin" / "configurable-http-proxy"),
                                          shutil.which("configurable-http-proxy") or ""]
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    if not shutil.which("npm"):
        fail("npm not found, so configurable-http-proxy cannot be installed: install Node.js 20+ with npm "
             "(Debian/Ubuntu: apt-get install -y nodejs npm), then run `make hub-tools`")
    if not shutil.which("node"):
        fail("node not found: install Node.js 20+ (Debian/Ubuntu: apt-get install -y nodejs), then `make hub-tools`")
    fail(f"configurable-http-proxy not found{' at ' + chosen if chosen else ''}: "
         "run `make hub-tools` (npm installs it into classroom/node_modules)")
    raise AssertionError  # not reached


IP = setting("IP")
PORTS = {name: int(setting(name)) for name in ("PORT", "HUB_PORT", "PROXY_API_PORT")}
if len(set(PORTS.values())) < len(PORTS):
    fail(f"CLASSROOM_PORT, CLASSROOM_HUB_PORT and CLASSROOM_PROXY_API_PORT must differ: {PORTS}")
for name, port in PORTS.items():
    host = IP if name == "PORT" else "127.0.0.1"
    if port_taken(host, port):
        fail(f"port {port} on {host} is taken (is another hub running?): "
             f"pick another with CLASSROOM_{name}=<free port>")
PROXY = find_proxy()

STATE = Path(setting("STATE"))
(STATE / "logs").mkdir(parents=True, exist_ok=True)
os.chmod(STATE, 0o700)

# -- the hub and the proxy, on this machine
c.JupyterHub.bind_url = f"http://{IP}:{PORTS['PORT']}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{PORTS['HUB_PORT']}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{PORTS['PROXY_API_PORT']}"
c.ConfigurableHTTPProxy.command = [PROXY]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every student's server
c.JupyterHub.concurrent_spawn_limit = 20  # a class logging in at once queues, instead of swamping the CPU

# -- who may log in
password = setting("PASSWORD")
if password:
    c.JupyterHub.authenticator_class = "shared-password"
    c.SharedPasswordAuthenticator.user_password = password
    if setting("ADMIN_PASSWORD"):
        c.SharedPasswordAuthenticator.admin_password = setting("ADMIN_PASSWORD")
admins = {name.strip() for name in setting("ADMINS").split(",") if name.strip()}
if admins:
    c.Authenticator.admin_users = admins
roster = setting("STUDENTS")
if roster:
    c.Authenticator.allowed_users = {line.strip() for line in Path(roster).read_text(encoding="utf-8").splitlines()
                                     if line.strip() and not line.startswith("#")}
else:
    c.Authenticator.allow_all = True

# -- each student's server
if setting("SPAWNER") == "systemd":
    c.JupyterHub.spawner_class = "systemdspawner.SystemdSpawner"
    c.SystemdSpawner.dynamic_users = True  # a private account and home per student, made by systemd
else:
    c.JupyterHub.spawner_class = ClassroomSpawner
    c.ClassroomSpawner.home_dir_template = str(Path(setting("HOMES")) / "{username}")
    c.ClassroomSpawner.system_user_template = setting("SYSTEM_USER")
    c.ClassroomSpawner.log_dir = str(STATE / "logs")
c.Spawner.cmd = [str(Path(sys.executable).with_name("jupyterhub-singleuser"))]
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
c.Spawner.mem_limit = setting("MEM_LIMIT")
c.Spawner.cpu_limit = float(setting("CPU_LIMIT"))
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 90
c.Spawner.environment = {
    "NBGITPULLER_APP": "lab",  # nbgitpuller links open JupyterLab
}
c.Spawner.args = [
    # A lesson left open stops using memory after a while (its answers are saved as typed).
    f"--MappingKernelManager.cull_idle_timeout={int(setting('KERNEL_CULL_TIMEOUT'))}",
    "--MappingKernelManager.cull_interval=120",
    # No calls home from a classroom (the Lab side is in overrides.json).
    "--LabApp.news_url=",
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    "--LabApp.extension_manager=readonly",  # students do not install extensions
]
if setting("LAB_SETTINGS"):
    c.Spawner.args.append(f"--LabApp.app_settings_dir={setting('LAB_SETTINGS')}")

# -- idle servers are stopped (their files stay)
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={int(setting('CULL_TIMEOUT'))}",
                "--cull-every=300"],
}]
c.JupyterHub.load_roles = [{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]

# -- anything else: the school's own settings, read last
local = Path(setting("LOCAL_CONFIG"))
if local.exists():
    exec(compile(local.read_text(encoding="utf-8"), str(local), "exec"))  # noqa: S102 - the admin's own file
