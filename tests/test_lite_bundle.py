"""JupyterLite without the CDN (build/lite_bundle.py), tested here without the internet.

The publish workflow builds the Lite site with ``--bundle``: Pyodide's release tarball and
the wheels from PyPI. Neither can be fetched here, so the site is built the same way from
stand-ins made on the spot (a Pyodide tarball holding a lock and a file per package it
names, and a wheel per ``FROM_PYPI`` package), and the tests check the configuration: the
site points the kernel at its own Pyodide and wheel index and never at PyPI, and every
package the lessons import resolves to a file named there; and the check names what is
missing when it is not.
"""

from __future__ import annotations

import io
import json
import shutil
import tarfile
import zipfile

import pytest
from browser_checks import skip_or_fail

from syria_lesson.build import lite, lite_bundle

pytestmark = pytest.mark.slow


def test_the_lessons_imports_are_found_in_the_lessons_and_the_package():
    found = lite_bundle.lesson_imports()
    assert {"pandas", "matplotlib", "yaml", "ipywidgets", "markupsafe"} <= found  # pandas etc. are imported lazily
    assert not found & {"os", "json", "syria_lesson", "IPython"}  # the standard library, ours, the kernel's
    names = {lite_bundle.normal(d) for d in lite_bundle.distributions(found).values()}
    assert {"pyyaml", "markupsafe", "ipywidgets"} <= names
    setup = lite.setup_source()
    assert all(name in setup.lower() for name in names)  # the Lite set-up cell installs every one


def _wheel(folder, name, version="1.0"):
    path = folder / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as whl:
        info = f"{name}-{version}.dist-info"
        whl.writestr(f"{info}/METADATA", f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")
        whl.writestr(f"{info}/WHEEL", "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n")
        whl.writestr(f"{info}/RECORD", "")
    return path


def _pyodide_tarball(path, packages):
    """A stand-in for Pyodide's release tarball: its entry point, its lock, and a file per package."""
    lock = {"info": {"version": lite_bundle.pyodide_version()},
            "packages": {name: {"name": name, "file_name": f"{name}-0-py3-none-any.whl"} for name in packages}}
    files = {"pyodide/pyodide.mjs": b"export {};", "pyodide/pyodide-lock.json": json.dumps(lock).encode()}
    files |= {f"pyodide/{spec['file_name']}": b"stand-in" for spec in lock["packages"].values()}
    with tarfile.open(path, "w:bz2") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    try:
        import jupyterlite_pyodide_kernel  # noqa: F401
    except ImportError:
        skip_or_fail("jupyterlite-pyodide-kernel is not installed (pip install -r requirements-dev.txt)")
    tmp = tmp_path_factory.mktemp("bundle")
    (tmp / "wheels").mkdir()
    wheels = [_wheel(tmp / "wheels", name) for name in lite_bundle.FROM_PYPI]
    from_pyodide = {lite_bundle.normal(d) for d in lite_bundle.distributions(lite_bundle.lesson_imports()).values()}
    from_pyodide -= {lite_bundle.normal(n) for n in lite_bundle.FROM_PYPI}
    tarball = _pyodide_tarball(tmp / "pyodide.tar.bz2", sorted(from_pyodide) + ["numpy"])
    return lite.build_lite(tmp / "site", release=tmp / "release", quiet=True, pyodide=str(tarball), wheels=wheels)


def test_the_bundled_site_asks_no_cdn_and_holds_every_package_the_lessons_import(bundled):
    config = json.loads((bundled / "jupyter-lite.json").read_text(encoding="utf-8"))
    kernel = config["jupyter-config-data"]["litePluginSettings"][lite_bundle.PYODIDE_KERNEL]
    assert kernel["pyodideUrl"].startswith("./") and (bundled / kernel["pyodideUrl"]).exists()
    assert kernel["disablePyPIFallback"] is True
    assert kernel["pipliteUrls"] and all(u.startswith("./") for u in kernel["pipliteUrls"])
    assert lite_bundle.check_site(bundled) == []
    text = "\n".join(p.read_text(encoding="utf-8") for p in bundled.rglob("jupyter-lite.json"))
    assert "cdn.jsdelivr" not in text and "pypi.org" not in text


def test_the_check_names_a_package_that_is_missing(bundled, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(bundled, site)
    lock_path = next(site.rglob("pyodide-lock.json"))
    lock = json.loads(lock_path.read_text(encoding="utf-8"))
    del lock["packages"]["pandas"]
    lock_path.write_text(json.dumps(lock), encoding="utf-8")
    next(site.rglob("ipywidgets-*.whl")).unlink()
    problems = lite_bundle.check_site(site)
    assert any(p.startswith("pandas: named neither") for p in problems)
    assert any(p.startswith("ipywidgets:") and "not in the site" in p for p in problems)
    config = json.loads((site / "jupyter-lite.json").read_text(encoding="utf-8"))
    del config["jupyter-config-data"]["litePluginSettings"][lite_bundle.PYODIDE_KERNEL]["pyodideUrl"]
    (site / "jupyter-lite.json").write_text(json.dumps(config), encoding="utf-8")
    assert lite_bundle.check_site(site)[0].startswith("Pyodide is not in the site")
