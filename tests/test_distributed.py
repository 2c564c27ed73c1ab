"""`didar build --dask`: the same graph as a single-process build, on a real LocalCluster."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from conftest import CORPUS, SEED, timeless, timeless_graph
from extract.batch import build
from extract.distributed import build_with_dask
from extract.store import open_store, stats

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as c:
        yield c.scheduler_address


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    if CORPUS.is_dir():
        for path in sorted((CORPUS / "dev").glob("*.txt"))[:6]:
            shutil.copy(path, folder / path.name)
    (folder / "empty.txt").write_bytes(b"")
    return folder


def test_dask_build_equals_local_build(cluster: str, articles: Path, tmp_path: Path) -> None:
    local = build([articles], tmp_path / "local", tmp_path / "local.ttl")
    remote = build_with_dask(
        [articles],
        cluster,
        tmp_path / "dask",
        tmp_path / "dask.ttl",
        partitions_dir=tmp_path / "parts",
        partition_size=2,
    )
    assert sorted(o.source for o in remote.loaded) == sorted(o.source for o in local.loaded)
    assert sorted(o.source for o in remote.rejected) == sorted(o.source for o in local.rejected)
    assert timeless(open_store(tmp_path / "dask", read_only=True)) == timeless(
        open_store(tmp_path / "local", read_only=True)
    )  # the same but for when each build ran
    dask_ttl, local_ttl = (timeless_graph(Graph().parse(tmp_path / f"{name}.ttl")) for name in ("dask", "local"))
    assert isomorphic(dask_ttl, local_ttl)
    parts = sorted((tmp_path / "parts").glob("part-*.nq"))
    assert len(parts) == (len(local.outcomes) + 1) // 2
    quads = sum(1 for p in parts for line in p.read_text(encoding="utf-8").splitlines() if line.strip())
    assert quads == stats(open_store(tmp_path / "dask", read_only=True)).quads  # the article graphs


def test_cli_build_with_dask(cluster: str, articles: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from extract.cli import main

    result = CliRunner().invoke(
        main,
        [
            "build",
            str(articles),
            "--dask",
            cluster,
            "--store",
            str(tmp_path / "s"),
            "-o",
            str(tmp_path / "g.ttl"),
            "--table",
        ],
    )
    assert result.exit_code == 1  # the empty article is rejected, the others go in
    assert "empty.txt" in result.stderr and "governor" in result.stdout
    assert (tmp_path / "partitions").is_dir()
