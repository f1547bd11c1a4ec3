"""`make run` on any machine: the newest Python from 3.13 down to 3.11 that runs, another port
with PORT, and a clear message when the port is taken or no Python fits."""

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

MAKE = shutil.which("make")
pytestmark = pytest.mark.skipif(MAKE is None, reason="make is not installed")


def make(*args, path: Path | None = None, **env):
    environment = {k: v for k, v in os.environ.items() if k not in ("PYTHON", "PORT", "VENV")}
    if path is not None:
        environment["PATH"] = str(path)  # only the fakes: not the machine's own pythons
    environment.update(env)
    return subprocess.run(  # noqa: S603 - our own Makefile
        [MAKE, "--no-print-directory", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def fake(folder: Path, name: str, version: str | None) -> None:
    """A ``name`` command on the PATH: this Python when ``version`` is None, else a program
    that runs like a Python of ``version`` (or not at all, as a pyenv shim of a version not
    selected: ``version="broken"``)."""
    script = folder / name
    if version is None:
        script.symlink_to(sys.executable)
        return
    if version == "broken":
        script.write_text("#!/bin/sh\necho 'pyenv: command not found' >&2\nexit 127\n")
    else:
        major, minor = version.split(".")
        script.write_text(
            "#!/bin/sh\n"
            f'case "$*" in *--version*) echo "Python {version}.0";; '
            f'*version_info*) exec {sys.executable} -c "import sys; '
            f'sys.version_info = ({major}, {minor}, 0); exec(sys.argv[1])" "$2";; esac\n'
        )
    script.chmod(0o755)


@pytest.mark.parametrize(
    ("available", "chosen"),
    [
        ({"python3.13": "broken", "python3.12": "3.12", "python3.11": "3.11"}, "python3.12"),
        ({"python3.13": "3.13", "python3.12": "3.12", "python3.11": "3.11"}, "python3.13"),
        ({"python3.11": "3.11", "python3": "3.12"}, "python3.11"),
        ({"python3": "3.12"}, "python3"),
    ],
)
def test_the_newest_python_that_runs_is_chosen(tmp_path, available, chosen):
    for name, version in available.items():
        fake(tmp_path, name, version)
    result = make("-n", "setup", f"VENV={tmp_path}/venv", path=tmp_path)
    assert f"{chosen} -m venv {tmp_path}/venv" in result.stdout, result.stdout + result.stderr


def test_a_python_too_old_is_refused_with_a_message(tmp_path):
    fake(tmp_path, "python3", "3.10")
    result = make("setup", f"VENV={tmp_path}/venv", path=tmp_path)
    assert result.returncode != 0
    assert "No Python 3.11, 3.12 or 3.13 found" in result.stderr
    assert not (tmp_path / "venv").exists()

    result = make("setup", f"VENV={tmp_path}/venv", f"PYTHON={tmp_path}/python3", path=tmp_path)
    assert result.returncode != 0
    assert "is not Python 3.11, 3.12 or 3.13 (Python 3.10.0)" in result.stderr


def test_port_chooses_where_make_run_serves():
    result = make("-n", "run", PORT="8010")
    assert "manage.py runserver 127.0.0.1:8010" in result.stdout
    assert "manage.py runserver 127.0.0.1:8000" in make("-n", "run").stdout


def test_a_taken_port_is_refused_with_a_message(tmp_path):
    (tmp_path / "bin").mkdir()
    fake(tmp_path / "bin", "python", None)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = make("port-free", f"VENV={tmp_path}", PORT=str(port))
    assert result.returncode != 0
    assert f"Port {port} on 127.0.0.1 is already in use" in result.stderr
    assert f"PORT={port + 10} make run" in result.stderr
    assert make("port-free", f"VENV={tmp_path}", PORT=str(port)).returncode == 0  # closed now
