"""The classroom set-up files agree with each other: the hub config, the
Kubernetes values, the students' image and its build context, the pins, and
the sizing table the admin guide quotes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
CLASSROOM = ROOT / "classroom"
sys.path.insert(0, str(CLASSROOM))


def pins(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)==([^\s#]+)\s*(#.*)?", line.strip())
        if match:
            found[match.group(1).lower()] = match.group(2)
    return found


def load_config(tmp_path: Path, **env: str):
    """classroom/jupyterhub_config.py as JupyterHub reads it, into a traitlets Config."""
    pytest.importorskip("jupyterhub")
    from local_hub import free_port
    from traitlets.config import Config

    config = Config()
    values = {"CLASSROOM_STATE": str(tmp_path / "state"), "CLASSROOM_IP": "127.0.0.1",
              "CLASSROOM_PORT": str(free_port()), "CLASSROOM_HUB_PORT": str(free_port()),
              "CLASSROOM_PROXY_API_PORT": str(free_port()), "CLASSROOM_PROXY": "/bin/true",
              "CLASSROOM_PASSWORD": "a-class-password", "CLASSROOM_LOCAL_CONFIG": str(tmp_path / "none.py"), **env}
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        path = CLASSROOM / "jupyterhub_config.py"
        exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), {"get_config": lambda: config, "__file__": str(path)})
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return config


def test_the_hub_config_sets_up_a_class(tmp_path):
    c = load_config(tmp_path)
    assert c.JupyterHub.authenticator_class == "shared-password"
    assert c.Spawner.default_url == "/lab" and c.Spawner.environment["NBGITPULLER_APP"] == "lab"
    assert c.Spawner.mem_limit == "1G"
    assert [s["name"] for s in c.JupyterHub.services] == ["idle-culler"]
    assert "jupyterhub_idle_culler" in c.JupyterHub.services[0]["command"]
    assert c.JupyterHub.load_roles[0]["scopes"] == ["list:users", "read:users:activity", "read:servers", "delete:servers"]
    assert c.JupyterHub.bind_url.startswith("http://127.0.0.1:")
    assert (tmp_path / "state" / "logs").is_dir() and (tmp_path / "state").stat().st_mode & 0o777 == 0o700
    systemd = load_config(tmp_path, CLASSROOM_SPAWNER="systemd")
    assert systemd.JupyterHub.spawner_class == "systemdspawner.SystemdSpawner"


def test_the_image_and_the_one_machine_hub_quiet_lab_the_same_way(tmp_path):
    """The server options the hub passes on one machine are the ones the image bakes in."""
    c = load_config(tmp_path)
    args = dict(arg[2:].split("=", 1) for arg in c.Spawner.args)
    image = json.loads((CLASSROOM / "jupyter_server_config.json").read_text(encoding="utf-8"))
    flat = {f"{section}.{key}": str(value) for section, values in image.items() for key, value in values.items()}
    assert flat == args


def test_lab_settings_are_quiet_and_free_kernels():
    overrides = json.loads((CLASSROOM / "lab-settings" / "overrides.json").read_text(encoding="utf-8"))
    assert overrides["@jupyterlab/apputils-extension:notification"] == {"fetchNews": "false", "checkForUpdates": False}
    assert overrides["@jupyterlab/extensionmanager-extension:plugin"] == {"enabled": False}
    assert overrides["@jupyterlab/notebook-extension:tracker"]["kernelShutdown"] is True


def test_pins_agree():
    hub, image = pins(CLASSROOM / "requirements-hub.txt"), pins(CLASSROOM / "requirements-image.txt")
    assert hub["jupyterhub"].startswith("6.") and hub["nbgitpuller"] == image["nbgitpuller"]
    values = (CLASSROOM / "values.yaml").read_text(encoding="utf-8")
    chart = re.search(r"chart (\d+\.\d+\.\d+), which runs JupyterHub (\d+\.\d+\.\d+)", values)
    assert chart and image["jupyterhub"] == chart.group(2), "the image's jupyterhub must match the chart's hub"
    package = json.loads((CLASSROOM / "package.json").read_text(encoding="utf-8"))
    assert re.fullmatch(r"\d+\.\d+\.\d+", package["dependencies"]["configurable-http-proxy"])


def test_values_yaml_for_zero_to_jupyterhub():
    values = yaml.safe_load((CLASSROOM / "values.yaml").read_text(encoding="utf-8"))
    single = values["singleuser"]
    assert single["defaultUrl"] == "/lab" and single["extraEnv"]["NBGITPULLER_APP"] == "lab"
    assert single["image"]["name"] and single["image"]["tag"]
    to_mb = {"M": 1, "G": 1024}
    guarantee, limit = (int(single["memory"][k][:-1]) * to_mb[single["memory"][k][-1]] for k in ("guarantee", "limit"))
    assert 0 < guarantee < limit
    assert values["cull"]["enabled"] is True and values["cull"]["timeout"] > 0


@pytest.mark.slow  # runs `make hub-image`: the student release build (minutes on a fresh checkout)
def test_the_image_context_is_the_student_release_and_the_classroom_settings(tmp_path):
    context = tmp_path / "hub-image"  # not build/hub-image: a test writes nothing into the checkout
    result = subprocess.run(["make", "hub-image", f"HUB_IMAGE={context}"], cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Image context: {context}/" in result.stdout, result.stdout
    assert not (context / "instructor").exists(), "the image must not hold the model answers"
    dockerfile = (context / "Dockerfile").read_text(encoding="utf-8")
    for used in re.findall(r"(?:-r |cp )((?:classroom/)?[\w./-]+)", dockerfile):
        assert (context / used).exists(), f"the Dockerfile uses {used}, which is not in the build context"
    assert (context / "notebooks" / "04_discussion.ipynb").exists() and (context / "syria_lesson").is_dir()


def sizing_lines(text: str) -> list[tuple[int, float, int]]:
    return [(int(n), float(gb), int(cores)) for n, gb, cores in
            re.findall(r"a class of\s+(\d+) needs about\s+([\d.]+) GB of memory and\s+(\d+) cores?", text)]


def test_the_admin_guide_quotes_the_measured_sizing_table():
    measured = json.loads((CLASSROOM / "sizing.json").read_text(encoding="utf-8"))
    table = [(row["students"], float(row["memory_gb"]), row["cores"]) for row in measured["sizing"]]
    quoted = sizing_lines((CLASSROOM / "README.md").read_text(encoding="utf-8"))
    assert table and quoted == table, f"classroom/README.md quotes {quoted}, classroom/sizing.json says {table}"
