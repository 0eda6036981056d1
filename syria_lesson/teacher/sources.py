"""Where students' handed-in files are read from: their home folders on the
hub's machine, or each student's server through the hub's REST API. Both read
only regular files, never follow a link, and cap what they read."""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path, PurePosixPath


class Unreadable(Exception):
    """A file or folder that could not be read; the message says why."""


class HomeFolders:
    """Students' homes on this machine: every folder inside ``homes``."""

    def __init__(self, homes: Path):
        self.homes = Path(homes)

    def students(self) -> list[tuple[str, str | None]]:
        """(account, None) for each student; None: nothing stops us looking."""
        if not self.homes.is_dir():
            raise SystemExit(f"collect: {self.homes} is not a folder of home folders")
        return [(p.name, None) for p in sorted(self.homes.iterdir()) if p.is_dir() and not p.name.startswith(".")]

    def listdir(self, account: str, folder: PurePosixPath) -> list[tuple[str, bool]]:
        path = self.homes / account / folder
        try:
            return sorted((p.name, p.is_dir()) for p in path.iterdir())
        except FileNotFoundError:
            return []
        except OSError as error:
            raise Unreadable(f"{folder or '.'}: cannot be listed ({error.__class__.__name__})") from None

    def read(self, account: str, path: PurePosixPath) -> bytes:
        try:
            return (self.homes / account / path).read_bytes()
        except OSError as error:
            raise Unreadable(f"{path}: cannot be read ({error.__class__.__name__})") from None


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
        return base64.b64decode(model["content"])
