"""A plain (non-editable) install ships ontology/ and queries/ and works from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, SEED


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(ROOT)],
        check=True,
        timeout=300,
    )
    return next(out.glob("didar-*.whl"))


def test_wheel_ships_the_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "extract/_data/ontology/shapes.ttl",
        "extract/_data/ontology/states.ttl",
        "extract/_data/ontology/patterns/words.json",
        "extract/_data/queries/participants.rq",
    ):
        assert required in names


def test_installed_package_builds_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        timeout=300,
    )
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    code = (
        "import sys, extract, extract.resources as r; "
        "assert str(r.ontology_dir()).startswith(sys.argv[1]), r.ontology_dir(); "
        "from extract.cli import main; main(['build', sys.argv[2], '--table'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(target), str(SEED)],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert (work / "build" / "graph.ttl").exists()
    assert "governor" in result.stdout
