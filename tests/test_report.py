"""`didar report`: static HTML pages with every fact's evidence highlighted where it is."""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from conftest import CORPUS, SEED, SEEDS, needs_corpus
from extract.batch import build_in_memory
from extract.cli import main
from extract.report import articles_from, texts_from, write_report
from extract.report.gather import NO_MEETING, gather
from extract.report.text import segments, shown
from extract.vocab import file_stem

SEED_ID = SEED.stem
# An invented article: invented names, a statement holding a script tag and ESC characters,
# an id that tries to leave the folder and to close an attribute.
HOSTILE_ID = '../evil"<b>\x1b'
HOSTILE_TEXT = (
    " date 2025-06-10\nبه گزارش خبرگزاری، کامران نیک‌پور استاندار گیلان با ارژان تولگانوف سفیر قزاقستان"
    " در ایران دیدار و گفتگو کرد.\n\nنیک‌پور در این دیدار گفت: <script>document.title='pwned'</script>"
    ' \x1b[31m "<img src=x onerror=alert(1)>" همکاری‌های اقتصادی و تجاری میان دو کشور باید گسترش یابد.'
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    """The seed article and the hostile one, in memory."""
    folder = tmp_path_factory.mktemp("in")
    shutil.copy(SEED, folder / SEED.name)
    (folder / "hostile.jsonl").write_text(json.dumps({"id": HOSTILE_ID, "text": HOSTILE_TEXT}) + "\n")
    built, summary = build_in_memory([folder])
    assert len(summary.loaded) == 2, [o.message for o in summary.outcomes]
    return built


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {**texts_from([SEEDS]), HOSTILE_ID: HOSTILE_TEXT}


@pytest.fixture(scope="module")
def report(store: ox.Store, texts: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_report(store, tmp_path_factory.mktemp("report"), texts=texts)


def page_of(report: Path, doc_id: str) -> Path:
    return report.parent / "articles" / f"{file_stem(doc_id)}.html"


class Page(HTMLParser):
    """The marks of an article page (with their text) and its table of facts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: list[dict[str, str]] = []
        self.facts: dict[int, tuple[int, int, str]] = {}  # index -> (start, end, kind)
        self.scripts = 0
        self.in_mark: dict[str, str] | None = None
        self.in_text = False
        self.gaps: list[tuple[int, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "script":
            self.scripts += 1
        if tag == "mark":
            self.in_mark = {**a, "text": ""}
            self.marks.append(self.in_mark)
        if tag == "tr" and "data-fact" in a:
            self.facts[int(a["data-fact"])] = (int(a["data-start"]), int(a["data-end"]), a["data-kind"])
        if tag == "span" and "gap" in a.get("class", ""):
            self.gaps.append((int(a["data-start"]), int(a["data-end"])))

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self.in_mark = None

    def handle_data(self, data: str) -> None:
        if self.in_mark is not None:
            self.in_mark["text"] += data


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def evidence_offsets(store: ox.Store, doc_id: str) -> set[tuple[int, int]]:
    """Every evidence span the store holds for an article, straight from the graph."""
    query = """PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX schema: <https://schema.org/>
        SELECT DISTINCT ?doc ?s ?e WHERE { GRAPH ?g { ?a schema:identifier ?doc . ?ev oa:hasSource ?a ;
        oa:hasSelector ?p . ?p oa:start ?s ; oa:end ?e } }"""
    rows = store.query(query, substitutions={ox.Variable("doc"): ox.Literal(doc_id)})
    assert isinstance(rows, ox.QuerySolutions)
    return {(int(r["s"].value), int(r["e"].value)) for r in rows}  # type: ignore[union-attr]


def test_index_and_one_page_per_article(report: Path, store: ox.Store) -> None:
    assert report.name == "index.html" and report.is_file()
    pages = sorted((report.parent / "articles").glob("*.html"))
    assert [p.name for p in pages] == sorted(f"{file_stem(d)}.html" for d in (SEED_ID, HOSTILE_ID))
    index = report.read_text(encoding="utf-8")
    for page in pages:
        assert f'href="articles/{page.name}"' in index
        assert page.stat().st_mode & 0o777 == 0o644
    assert "<b>2</b> articles" in index and "<b>2</b> meetings" in index
    assert not list(report.parent.parent.glob("evil*"))  # the id did not take the page out of the folder


@pytest.mark.parametrize("with_text", [True, False], ids=["article-text", "quotes-only"])
@pytest.mark.parametrize("doc_id", [SEED_ID, HOSTILE_ID], ids=["seed", "hostile"])
def test_every_highlight_is_its_evidence(
    store: ox.Store, texts: dict[str, str], tmp_path: Path, doc_id: str, with_text: bool
) -> None:
    index = write_report(store, tmp_path, [doc_id], texts if with_text else None)
    page = parse(page_of(index, doc_id))
    text = texts[doc_id]
    assert page.marks
    for mark in page.marks:  # each segment is the text at its offsets
        start, end = int(mark["data-start"]), int(mark["data-end"])
        assert mark["text"] == shown(text[start:end])
        assert set(mark["data-kind"].split()) <= {"participant", "office", "place", "topic", "statement", "proposal",
                                                  "meeting", "date"}  # fmt: skip
    covered: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for mark in page.marks:
        for fact in mark["data-facts"].split():
            covered[int(fact)].append((int(mark["data-start"]), int(mark["data-end"]), mark["text"]))
    assert set(covered) == set(page.facts)
    for fact, (start, end, _) in page.facts.items():  # each fact is the run of segments listing it
        runs = sorted(covered[fact])
        assert runs[0][0] == start and runs[-1][1] == end
        assert all(a[1] == b[0] for a, b in itertools.pairwise(runs))
        assert "".join(t for _, _, t in runs) == shown(text[start:end])
    assert {(s, e) for s, e, _ in page.facts.values()} == evidence_offsets(store, doc_id)
    assert bool(page.gaps) is not with_text  # without the text, unknown parts are gaps


def test_overlapping_spans_split_into_segments() -> None:
    from extract.report.views import Highlight

    spans = (Highlight("statement", "s", 0, 10, "", ""), Highlight("participant", "p", 3, 5, "", ""))
    cut = [(s.start, s.end, s.facts) for s in segments(12, spans)]
    assert cut == [(0, 3, (0,)), (3, 5, (0, 1)), (5, 10, (0,)), (10, 12, ())]


def test_hostile_text_is_escaped(report: Path) -> None:
    html = page_of(report, HOSTILE_ID).read_text(encoding="utf-8")
    assert "<script>document" not in html and "<img" not in html and "\x1b" not in html
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in html
    assert "␛[31m" in html  # ESC shown as its control picture, one character for one
    assert parse(page_of(report, HOSTILE_ID)).scripts == 1  # the page's own script only
    index = report.read_text(encoding="utf-8")
    assert "../evil&quot;&lt;b&gt;␛" in index and '"<b>' not in index


def test_meeting_cards_and_diagram(report: Path, store: ox.Store) -> None:
    view = gather(store, [SEED_ID])[0]
    html = page_of(report, SEED_ID).read_text(encoding="utf-8")
    assert html.count('class="card meeting"') == len(view.meetings) == 1
    assert html.count('class="card proposal"') == len(view.proposals)
    assert "<svg" in html and 'marker-end="url(#arrow-1)"' in html
    route = next(p for p in view.proposals if len(p.route) > 2)
    assert " → ".join(s.label for s in route.route) in html.replace(" (TR)", "").replace(" (IR)", "").replace(
        " (TM)", ""
    )
    assert any(code for p in view.proposals for _, code in p.goods if f"HS {code}" in html)


@pytest.mark.parametrize("source", ["store", "data"])
def test_cli_report(tmp_path: Path, source: str) -> None:
    runner = CliRunner()
    built = runner.invoke(
        main,
        ["build", str(SEEDS), "--store", str(tmp_path / "store"), "-o", str(tmp_path / "g.ttl"), "--no-table"]
        + (["--report"] if source == "store" else []),
    )
    assert built.exit_code == 0, built.output
    if source == "store":  # build --report ends with the index's path
        assert built.stdout.strip().splitlines()[-1] == str(tmp_path / "report" / "index.html")
    where = ["--store", str(tmp_path / "store")] if source == "store" else ["--data", str(tmp_path / "g.ttl")]
    out = tmp_path / "out"
    result = runner.invoke(main, ["report", *where, "--articles", str(SEEDS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out / "index.html")
    page = out / "articles" / f"{file_stem(SEED_ID)}.html"
    assert 'dir="rtl" lang="fa"' in page.read_text(encoding="utf-8")
    assert parse(page).marks


@pytest.mark.parametrize(
    "args, message",
    [
        (["no-such-article"], "'no-such-article': no such article in the store"),
        (["--store", "{tmp}/nowhere"], "{tmp}/nowhere: no store here"),
        (["--data", "{tmp}/nowhere.ttl"], "{tmp}/nowhere.ttl: no such file"),
    ],
)
def test_cli_report_errors_in_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    runner = CliRunner()
    store = tmp_path / "store"
    runner.invoke(main, ["build", str(SEEDS), "--store", str(store), "--no-turtle", "--no-table"])
    args = [a.format(tmp=tmp_path) for a in args]
    result = runner.invoke(main, ["report", "--store", str(store), *args, "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("didar: ")
    assert message.format(tmp=tmp_path) in result.stderr and "Traceback" not in result.output


# An invented article naming the day and the city of its meeting, and one reporting no meeting.
DATED_ID, QUIET_ID = "dated-visit", "no-meeting"
DATED_TEXT = (
    " date 2025-06-10\nکامران نیک‌پور استاندار گیلان روز ۲۰ خرداد ۱۴۰۴ در رشت با ارژان تولگانوف سفیر قزاقستان"
    " در ایران دیدار و گفتگو کرد و دو طرف درباره گسترش همکاری‌های تجاری گفتگو کردند."
)
QUIET_TEXT = " date 2025-06-11\nبارش باران در استان گیلان ادامه دارد و هوا تا پایان هفته خنک خواهد بود."


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dated")
    (folder / f"{DATED_ID}.txt").write_text(DATED_TEXT, encoding="utf-8")
    (folder / f"{QUIET_ID}.txt").write_text(QUIET_TEXT, encoding="utf-8")
    return folder


def test_date_and_place_are_highlighted(inputs: Path, tmp_path: Path) -> None:
    built, summary = build_in_memory([inputs / f"{DATED_ID}.txt"])
    assert len(summary.loaded) == 1, [o.message for o in summary.outcomes]
    index = write_report(built, tmp_path, articles=articles_from([inputs]))
    page = parse(page_of(index, DATED_ID))
    by_kind = {k: m["text"] for m in page.marks for k in m["data-kind"].split()}
    assert by_kind["date"] == "۲۰ خرداد ۱۴۰۴" and by_kind["place"] == "رشت"
    assert {(s, e) for s, e, _ in page.facts.values()} == evidence_offsets(built, DATED_ID)
    assert "no evidence in the graph" not in page_of(index, DATED_ID).read_text(encoding="utf-8")


def test_an_article_with_no_meeting_gets_a_page(inputs: Path, tmp_path: Path) -> None:
    built, summary = build_in_memory([inputs])
    assert len(summary.loaded) == 1 and len(summary.rejected) == 1
    index = write_report(built, tmp_path, articles=articles_from([inputs]))
    assert sorted(p.name for p in (tmp_path / "articles").glob("*.html")) == sorted(
        f"{file_stem(d)}.html" for d in (DATED_ID, QUIET_ID)
    )
    html = page_of(index, QUIET_ID).read_text(encoding="utf-8")
    assert f'<p class="note">{NO_MEETING}</p>' in html
    assert "<mark" not in html and shown(QUIET_TEXT.split("\n", 1)[1]) in html
    assert f"{QUIET_ID}</a></td><td>2025-06-11</td><td>0</td>" in index.read_text(encoding="utf-8")
    assert "<b>2</b> articles" in index.read_text(encoding="utf-8")
    only = write_report(built, tmp_path / "one", [QUIET_ID], articles=articles_from([inputs]))
    assert [p.name for p in (only.parent / "articles").glob("*.html")] == [f"{file_stem(QUIET_ID)}.html"]
    why = {str(inputs / f"{QUIET_ID}.txt"): "does not conform to the shapes"}  # as a build says of a rejection
    told = write_report(built, tmp_path / "why", [QUIET_ID], articles=articles_from([inputs]), left_out=why)
    html = page_of(told, QUIET_ID).read_text(encoding="utf-8")
    assert "not in the store: does not conform to the shapes" in html and NO_MEETING not in html


def test_cli_report_skips_an_unreadable_input_in_one_line(inputs: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    store = tmp_path / "store"
    built = runner.invoke(
        main, ["build", str(inputs), "--store", str(store), "-o", str(tmp_path / "g.ttl"), "--no-table", "--report"]
    )
    assert built.exit_code == 1  # the article with no meeting is rejected, and still gets a page
    assert (tmp_path / "report" / "articles" / f"{file_stem(QUIET_ID)}.html").is_file()
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00binary")
    result = runner.invoke(
        main,
        ["report", "--store", str(store), "--articles", str(inputs), "--articles", str(tmp_path / "bad.txt"),
         "--articles", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "out")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and "bad.txt" in lines[0] and "missing.txt: no such file" in lines[1]
    assert "Traceback" not in result.output
    assert len(list((tmp_path / "out" / "articles").glob("*.html"))) == 2


# -- in a real browser ------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium(tmp_path: Path, *args: str) -> str:
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (apt-get install chromium; .ci/run installs it)")
    run = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout


@pytest.mark.parametrize("doc_id", [SEED_ID, HOSTILE_ID], ids=["seed", "hostile"])
def test_browser_finds_every_highlight_at_its_offsets(report: Path, tmp_path: Path, doc_id: str) -> None:
    """The page's own script measures, in Chromium's DOM, where each highlight starts and
    ends (code points of the text before it) and marks it data-checked="ok" when that is
    where the evidence says; an injected script must not have run."""
    dom = chromium(tmp_path, "--dump-dom", page_of(report, doc_id).as_uri())
    page = Page()
    page.feed(dom)
    expected = parse(page_of(report, doc_id)).marks
    assert len(page.marks) == len(expected) > 0
    assert [m.get("data-checked") for m in page.marks] == ["ok"] * len(expected)
    assert f'data-checked="{len(expected)} ok, 0 misplaced"' in dom
    assert "pwned" not in dom.split("</title>")[0]  # the article's script did not run


def test_browser_screenshot(report: Path, tmp_path: Path) -> None:
    shot = tmp_path / "page.png"
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", page_of(report, SEED_ID).as_uri())
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 50_000


# -- the annotated corpus ---------------------------------------------------------------------


@needs_corpus()
def test_report_on_the_dev_articles(tmp_path: Path) -> None:
    dev = CORPUS / "dev"
    runner = CliRunner()
    built = runner.invoke(main, ["build", str(dev), "--store", str(tmp_path / "store"), "--no-turtle", "--no-table"])
    loaded = len(list(dev.glob("*.txt"))) - built.stderr.count("rejected  ")
    result = runner.invoke(
        main, ["report", "--store", str(tmp_path / "store"), "--articles", str(dev), "-o", str(tmp_path / "r")]
    )
    assert result.exit_code == 0, result.output
    pages = list((tmp_path / "r" / "articles").glob("*.html"))
    assert (tmp_path / "r" / "index.html").is_file()
    assert loaded >= 35
    assert len(pages) == len(list(dev.glob("*.txt"))) == 48  # those reporting no meeting get a page too
    index = (tmp_path / "r" / "index.html").read_text(encoding="utf-8")
    assert "<b>48</b> articles" in index
    kinds: set[str] = set()
    for page in pages:
        marks = parse(page).marks
        assert all(m["text"] for m in marks)
        kinds.update(k for m in marks for k in m["data-kind"].split())
        if not marks:
            assert NO_MEETING in page.read_text(encoding="utf-8")
    assert {"date", "place"} <= kinds
