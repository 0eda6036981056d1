"""Where students' handed-in files are read from: their home folders on the
hub's machine, or each student's server through the hub's REST API. Both read
only regular files, never follow a link, and cap what they read."""

from __future__ import annotations

import base64
import contextlib
import errno
import json
import os
import stat
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path, PurePosixPath

MAX_FILE = 4_000_000  # bytes: an export of a whole module is well under 1 MB

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


class Unreadable(Exception):
    """A file or folder that could not be read; the message says why."""


@contextlib.contextmanager
def _open_inside(home: Path, parts: tuple[str, ...], directory: bool):
    """A file descriptor for ``home/parts...``, opened one folder at a time
    without following any link (a student's link could point at another
    student's home or at a root-only file, and collect runs as root).
    A FIFO, device or link is refused, never waited on or followed."""
    fds = []
    try:
        fds.append(os.open(home, os.O_RDONLY | _DIRECTORY | _NOFOLLOW))
        for n, part in enumerate(parts):
            if part in ("", ".", ".."):
                raise OSError(f"{part!r} in a path")
            last = n == len(parts) - 1
            flags = os.O_RDONLY | _NOFOLLOW | (os.O_NONBLOCK if last and not directory else _DIRECTORY)
            fds.append(os.open(part, flags, dir_fd=fds[-1]))
        info = os.fstat(fds[-1])
        if not (stat.S_ISDIR(info.st_mode) if directory else stat.S_ISREG(info.st_mode)):
            raise Unreadable("cannot be read: not a regular file (a link, pipe or device)")
        yield fds[-1], info
    finally:
        for fd in fds:
            os.close(fd)


class HomeFolders:
    """Students' homes on this machine: every folder inside ``homes``."""

    def __init__(self, homes: Path):
        self.homes = Path(homes)

    def students(self) -> list[tuple[str, str | None]]:
        """(account, None) for each student; None: nothing stops us looking."""
        if not self.homes.is_dir():
            raise SystemExit(f"collect: {self.homes} is not a folder of home folders")
        return [(p.name, None) for p in sorted(self.homes.iterdir())
                if p.is_dir() and not p.is_symlink() and not p.name.startswith(".")]

    def _parts(self, path: PurePosixPath) -> tuple[str, ...]:
        return tuple(part for part in PurePosixPath(path).parts if part != ".")

    def listdir(self, account: str, folder: PurePosixPath) -> list[tuple[str, bool]]:
        """(name, is a folder) in the student's own home; a link is never a folder."""
        try:
            with _open_inside(self.homes / account, self._parts(folder), directory=True) as (fd, _):
                with os.scandir(fd) as entries:
                    return sorted((e.name, e.is_dir(follow_symlinks=False)) for e in entries)
        except (FileNotFoundError, NotADirectoryError):
            return []
        except Unreadable:
            return []
        except OSError as error:
            if error.errno == errno.ELOOP:  # a link where a folder should be: not followed
                return []
            raise Unreadable(f"{folder or '.'}: cannot be listed ({error.__class__.__name__})") from None

    def read(self, account: str, path: PurePosixPath) -> bytes:
        """A regular file inside the student's own home, not a link, at most MAX_FILE bytes."""
        try:
            with _open_inside(self.homes / account, self._parts(path), directory=False) as (fd, info):
                if info.st_size > MAX_FILE:
                    raise Unreadable(f"{path}: cannot be read: too large ({info.st_size // 1000} KB; an export is a few hundred KB)")
                chunks, size = [], 0
                while size <= MAX_FILE:  # the size may grow while we read
                    chunk = os.read(fd, 1 << 20)
                    if not chunk:
                        break
                    chunks.append(chunk)
                    size += len(chunk)
                data = b"".join(chunks)
        except Unreadable as error:
            raise Unreadable(error if str(error).startswith(f"{path}:") else f"{path}: {error}") from None
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise Unreadable(f"{path}: cannot be read: it is a link (links are never followed)") from None
            raise Unreadable(f"{path}: cannot be read ({error.__class__.__name__})") from None
        if len(data) > MAX_FILE:
            raise Unreadable(f"{path}: cannot be read: too large (over {MAX_FILE // 1000} KB)")
        return data


class HubServers:
    """Students' servers behind a JupyterHub, through its REST API (an admin's token)."""

    def __init__(self, hub: str, token: str, timeout: float = 30):
        self.hub = hub.rstrip("/")
        self.token = token
        self.timeout = timeout
        self.urls: dict[str, str] = {}

    def _get(self, url: str) -> dict | list:
        request = urllib.request.Request(url, headers={"Authorization": f"token {self.token}"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            raise Unreadable(f"HTTP {error.code} from {urllib.parse.urlsplit(url).path}") from None
        except (OSError, ValueError) as error:
            raise Unreadable(f"no answer from {urllib.parse.urlsplit(url).path} ({error.__class__.__name__})") from None

    def students(self) -> list[tuple[str, str | None]]:
        try:
            users = self._get(f"{self.hub}/hub/api/users")
        except Unreadable as error:
            raise SystemExit(f"collect: cannot list the hub's users ({error}); is the token an admin's?") from None
        found = []
        for user in sorted(users, key=lambda u: u["name"]):
            server = (user.get("servers") or {}).get("")
            if server and server.get("ready"):
                self.urls[user["name"]] = self.hub + server["url"]
                found.append((user["name"], None))
            else:
                found.append((user["name"], "server not running (ask the student to log in, "
                                            "or start it from the hub's admin page), so nothing was read"))
        return found

    def _contents(self, account: str, path: PurePosixPath, query: str) -> dict:
        quoted = urllib.parse.quote(str(path)) if str(path) != "." else ""
        return self._get(f"{self.urls[account]}api/contents/{quoted}?{query}")

    def listdir(self, account: str, folder: PurePosixPath) -> list[tuple[str, bool]]:
        try:
            model = self._contents(account, folder, "content=1")
        except Unreadable as error:
            if "HTTP 404" in str(error):
                return []
            raise
        if model.get("type") != "directory":
            return []
        return sorted((item["name"], item["type"] == "directory") for item in model["content"])

    def read(self, account: str, path: PurePosixPath) -> bytes:
        model = self._contents(account, path, "content=1&type=file&format=base64")
        if not isinstance(model.get("content"), str) or len(model["content"]) > MAX_FILE * 4 // 3 + 4:
            raise Unreadable(f"{path}: too large, or not a file: not read")
        return base64.b64decode(model["content"])
