"""extract/kept.py: start-up results kept between runs, never stale, never required."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import kept as kept_module
from extract.kept import kept
from extract.language.names import read_name_data
from extract.lexicon import LEXICON_FILES, read_lexicon
from extract.resources import ontology_dir


@pytest.fixture
def source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DIDAR_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "input.txt"
    path.write_text("one", encoding="utf-8")
    return path


class Maker:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> dict[str, int]:
        self.calls += 1
        return {"made": self.calls}


def test_a_result_is_made_once_and_then_read(source: Path) -> None:
    make = Maker()
    assert kept("thing", [source], make) == kept("thing", [source], make) == {"made": 1}
    assert make.calls == 1


def test_a_changed_input_is_made_again_and_the_old_result_goes(source: Path, tmp_path: Path) -> None:
    make = Maker()
    kept("thing", [source], make)
    source.write_text("two", encoding="utf-8")
    assert kept("thing", [source], make) == {"made": 2}
    assert len(list((tmp_path / "cache").glob("thing-*.pickle"))) == 1
    assert kept("thing", [source, "package==2"], make) == {"made": 3}  # a version is an input too


def test_a_broken_kept_file_is_made_again(source: Path, tmp_path: Path) -> None:
    make = Maker()
    kept("thing", [source], make)
    (pickled,) = (tmp_path / "cache").glob("thing-*.pickle")
    pickled.write_bytes(b"\x80\x05not a pickle")
    assert kept("thing", [source], make) == {"made": 2}


@pytest.mark.parametrize("setting", ["off", ""])
def test_the_cache_can_be_turned_off(source: Path, monkeypatch: pytest.MonkeyPatch, setting: str) -> None:
    monkeypatch.setenv("DIDAR_CACHE", setting)
    assert kept_module.cache_dir() is None
    make = Maker()
    kept("thing", [source], make)
    assert kept("thing", [source], make) == {"made": 2}


def test_a_cache_that_cannot_be_written_is_not_needed(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    monkeypatch.setenv("DIDAR_CACHE", str(tmp_path / "a-file" / "cache"))
    assert kept("thing", [source], Maker()) == {"made": 1}


def test_the_kept_lexicon_and_names_are_what_the_files_say(source: Path) -> None:
    from extract.language.names import load_name_data
    from extract.lexicon import load_lexicon

    for load in (load_lexicon, load_name_data):
        load.cache_clear()
    try:
        first, again = load_lexicon(), (load_lexicon.cache_clear(), load_lexicon())[1]
        assert first == again == read_lexicon(ontology_dir())
        names = load_name_data()
        load_name_data.cache_clear()
        assert names == load_name_data() == read_name_data()
        assert all((ontology_dir() / name).is_file() for name in LEXICON_FILES)
    finally:
        for load in (load_lexicon, load_name_data):
            load.cache_clear()


def test_the_code_that_shapes_a_kept_result_is_among_its_inputs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A change to the folding (names are keyed by it) or to the vocabulary makes them anew."""
    from extract import lexicon
    from extract.language import names
    from extract.lexicon import load_lexicon

    seen: dict[str, list[str]] = {}

    def record(name: str, inputs: list[Path | str], make: object) -> None:
        seen[name] = [item.name if isinstance(item, Path) else item for item in inputs]

    monkeypatch.setattr(names, "kept", record)
    monkeypatch.setattr(lexicon, "kept", record)
    for load in (load_lexicon, names.load_name_data):
        load.cache_clear()
    try:
        load_lexicon()
        names.load_name_data()
    finally:
        for load in (load_lexicon, names.load_name_data):
            load.cache_clear()
    assert {"lexicon.py", "vocab.py", "words.json", "places.ttl"} <= set(seen["lexicon"])
    assert {"names.py", "normalize.py"} <= set(seen["names"])
    assert any(item.startswith("wordfreq==") for item in seen["names"])
