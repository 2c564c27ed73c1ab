"""Fuzzing the whole path (files → extraction → shapes → store → exports) with random
input: Unicode of every category, control and bidi characters, very long tokens, mixed
scripts, broken and binary JSONL lines, undecodable files. Whatever comes in, no exception
escapes, every input gets exactly one outcome, and what is stored reads back whole: each
evidence span is the input's text at its offsets, and the store's export parses again.

Runs DIDAR_FUZZ_EXAMPLES examples (20 by default; more on demand, e.g. 500)."""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from extract.batch import Outcome, build
from extract.graph import article_iri
from extract.sources import MAX_CHARS_VARIABLE
from extract.store import article_graphs, open_store

EXAMPLES = int(os.environ.get("DIDAR_FUZZ_EXAMPLES", "20"))
OA = "http://www.w3.org/ns/oa#"

# Pieces of a meeting report, so that some inputs reach extraction, shapes and the store.
PIECES = [
    "date 2025-06-10\n",
    "به گزارش خبرگزاری، ",
    "ایلخان نوروزف سفیر قزاقستان در ایران ",
    "آرمان نیک‌نژاد استاندار گیلان ",
    "امروز در رشت با ",
    "دیدار و گفت‌وگو کرد.",
    "را به حضور پذیرفت.",
    " گفت: «",
    "» ",
    "پیشنهاد داد صادرات برنج از طریق بندر انزلی افزایش یابد.",
    "دو طرف درباره همکاری‌های تجاری گفت‌وگو کردند.",
    "همتای ",
    "۱۴۰۴/۰۷/۰۲ ",
    "\n\n",
    "ﻣﻌﺎون ",  # presentation forms
    "سفير ",  # Arabic yeh
]
ODD = ["\x00", "\x1b[2J", "\x1b]0;title\x07", "\u202e", "\u2066", "\u200c", "\u200f", "\r", "\ufeff", "\t", "\x7f"]

any_char = st.characters(exclude_categories=["Cs"])  # every category but lone surrogates
noise = st.text(alphabet=any_char, max_size=60)
long_token = st.tuples(st.sampled_from("بa۱-_\u200c"), st.integers(500, 8_000)).map(lambda p: p[0] * p[1])
body = st.lists(
    st.one_of(st.sampled_from(PIECES), st.sampled_from(ODD), noise, long_token),
    max_size=20,
).map("".join)
MAX_CHARS = 20_000  # longer articles take the over-long path (rejected with a message), quickly
record_id = st.one_of(st.text(alphabet=any_char, max_size=20), st.integers(), st.sampled_from(["../x", "/tmp/x", "a"]))


@st.composite
def jsonl_line(draw: st.DrawFn) -> bytes:
    """One line: a record (sometimes with odd fields), or something broken; never blank."""
    kind = draw(st.sampled_from(["record", "record", "odd-fields", "not-json", "bytes", "cut"]))
    if kind in {"record", "odd-fields"}:
        record: dict[str, object] = {"id": draw(record_id), "text": draw(body)}
        if kind == "odd-fields":
            record["date"] = draw(st.one_of(st.text(max_size=12), st.integers(), st.just("2025-06-10")))
            record["url"] = draw(st.one_of(st.text(max_size=12), st.just("https://example.org/a")))
            record["source"] = draw(st.one_of(st.text(max_size=12), st.integers()))
        line = json.dumps(record, ensure_ascii=draw(st.booleans())).encode()
    elif kind == "not-json":
        line = b"{" + draw(st.text(alphabet=any_char, max_size=40)).encode()
    elif kind == "bytes":
        line = b"x" + draw(st.binary(max_size=40))
    else:
        line = json.dumps({"id": "cut", "text": draw(body)}).encode()[: draw(st.integers(1, 30))]
    return line.replace(b"\n", b" ").replace(b"\r", b" ")


@st.composite
def inputs(draw: st.DrawFn) -> dict[str, bytes]:
    """A folder's files: text articles (some not UTF-8) and a JSONL file."""
    files: dict[str, bytes] = {}
    for n in range(draw(st.integers(0, 3))):
        text = draw(body)
        data = text.encode() if draw(st.integers(0, 4)) else draw(st.binary(max_size=200))
        files[f"a{n}.txt"] = data
    lines = draw(st.lists(jsonl_line(), max_size=6))
    if lines:
        files["feed.jsonl"] = b"\n".join(lines) + b"\n"
    return files


def expected_inputs(files: dict[str, bytes]) -> Counter[str]:
    """The outcome labels the inputs must get: one per text file, one per JSONL line."""
    labels: Counter[str] = Counter()
    for name, data in files.items():
        if name.endswith(".jsonl"):
            labels.update(f"{name}:{n}" for n in range(1, data.count(b"\n") + 1))
        else:
            labels[name] += 1
    return labels


def texts_of(files: dict[str, bytes]) -> dict[str, str]:
    """The text of every readable article, by the label of its input."""
    texts: dict[str, str] = {}
    for name, data in files.items():
        lines = data.split(b"\n")[:-1] if name.endswith(".jsonl") else [data]
        for n, line in enumerate(lines, 1):
            try:
                value = json.loads(line)["text"] if name.endswith(".jsonl") else line.decode()
            except (ValueError, KeyError, TypeError):
                continue
            texts[f"{name}:{n}" if name.endswith(".jsonl") else name] = value
    return texts


def check_evidence(store: ox.Store, graph: str, text: str) -> int:
    """Every evidence span in the graph is the article's text at its offsets; how many."""
    rows = store.query(
        f"""SELECT ?start ?end ?exact WHERE {{ GRAPH <{graph}> {{
              ?ev <{OA}hasSelector> ?pos, ?quote .
              ?pos <{OA}start> ?start ; <{OA}end> ?end . ?quote <{OA}exact> ?exact }} }}"""
    )
    seen = 0
    for row in rows:  # type: ignore[union-attr]
        start, end, exact = int(row["start"].value), int(row["end"].value), row["exact"].value
        assert text[start:end] == exact, (graph, start, end)
        seen += 1
    return seen


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(files=inputs())
def test_whatever_comes_in_gets_an_outcome_and_reads_back(files: dict[str, bytes]) -> None:
    before = os.environ.get(MAX_CHARS_VARIABLE)
    os.environ[MAX_CHARS_VARIABLE] = str(MAX_CHARS)
    try:
        check_whole_path(files)
    finally:
        if before is None:
            del os.environ[MAX_CHARS_VARIABLE]
        else:
            os.environ[MAX_CHARS_VARIABLE] = before


def check_whole_path(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "in").mkdir()
        for name, data in files.items():
            (root / "in" / name).write_bytes(data)
        outcomes: list[Outcome] = []
        summary = build([root / "in"], root / "store", root / "graph.ttl", rejected_dir=root / "rejected",
                        on_outcome=outcomes.append)  # fmt: skip

        assert Counter(Path(o.source).name for o in outcomes) == expected_inputs(files)
        assert all(o.message.strip() for o in summary.rejected)

        store = open_store(root / "store", read_only=True)
        texts = texts_of(files)
        latest = {str(article_iri(o.doc_id or "")): Path(o.source).name for o in summary.loaded}  # later id wins
        assert set(article_graphs(store)) == set(latest)
        for graph, label in latest.items():
            assert check_evidence(store, graph, texts[label]) > 0
        again = ox.Store()
        again.load(store.dump(format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
        assert len(again) == len(store)
        ox.Store().load((root / "graph.ttl").read_bytes(), format=ox.RdfFormat.TURTLE)
        written = {p.name for p in root.iterdir()}
        assert written <= {"in", "store", "store.lock", "rejected", "graph.ttl"}
