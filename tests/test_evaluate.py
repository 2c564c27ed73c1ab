"""The scorer: a graph made from the gold itself scores 1.0; missing half the articles
halves recall; alignment and proposal matching follow FORMAT.md."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from conftest import CORPUS, needs_corpus
from extract import evaluate
from extract.article import article_from_text
from extract.graph import GraphBuilder, article_iri
from extract.model import Evidence, Extraction, Location, Meeting, Office, Participant, Person, TopicMention
from extract.normalize import fold_name
from extract.store import replace_graph
from extract.vocab import DIDAR, ID, PROV, RDF, SCHEMA

EV = Evidence(0, 1, "x")


def gold_graph_store(folder: Path, keep: set[str] | None = None) -> ox.Store:
    """A store holding, for each gold file, the graph the gold describes (proposals included)."""
    store = ox.Store()
    for doc, path in evaluate.gold_files(folder).items():
        if keep is not None and doc not in keep:
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        meetings = []
        for n, m in enumerate(data["meetings"], 1):
            participants = []
            for p in m["participants"]:
                office = Office(p["role"], p.get("represents"), p.get("accredited_to"), p.get("jurisdiction"), EV)
                person = Person(fold_name(p["name"]), p["name"], EV)
                participants.append(Participant(person, office, p.get("represents"), Evidence(0, 1, p["name"])))
            loc = m.get("location")
            meetings.append(
                Meeting(
                    n,
                    dt.date.fromisoformat(m["date"]) if m.get("date") else None,
                    Location(loc["name"], None, loc.get("country"), EV) if loc else None,
                    tuple(participants),
                    tuple(TopicMention(t, EV) for t in m["topics"]),
                    EV,
                )
            )
        article = article_from_text(doc, "x" * 10)
        builder = GraphBuilder(Extraction(article, tuple(meetings)))
        graph = builder.build()
        for n, m in enumerate(data["meetings"], 1):
            meeting_iri = URIRef(builder.meeting_iri(meetings[n - 1]).strip("<>"))  # the builder writes N-Triples text
            for k, prop in enumerate(m["proposals"]):
                node = ID[f"proposal/{doc}/{n}/{k}"]
                graph.add((node, RDF.type, DIDAR.Proposal))
                graph.add((node, DIDAR.atMeeting, meeting_iri))
                graph.add((node, PROV.wasDerivedFrom, article_iri(doc)))
                proposer = URIRef(f"urn:proposer:{doc}:{n}:{k}")
                graph.add((node, DIDAR.proposer, proposer))
                graph.add((proposer, SCHEMA.name, Literal(prop["proposer"], lang="fa")))
                for sector in prop["sectors"]:
                    graph.add((node, DIDAR.sector, URIRef(f"https://w3id.org/didar/vocab/topic/{sector}")))
        replace_graph(store, str(article_iri(doc)), graph)
    return store


@needs_corpus()
@pytest.mark.parametrize(
    "folder",
    ["seed", "dev"],
)
def test_gold_scores_one(folder: str) -> None:
    score = evaluate.evaluate(gold_graph_store(CORPUS / folder), CORPUS / folder)
    for kind, counts in score.kinds.items():
        if kind != "proposal":
            assert (counts.fp, counts.fn) == (0, 0), kind
    assert score.micro().f1 == 1.0


@needs_corpus()
def test_half_the_articles_halves_recall(tmp_path: Path) -> None:
    docs = sorted(evaluate.gold_files(CORPUS / "dev"))
    kept = set(docs[::2])
    score = evaluate.evaluate(gold_graph_store(CORPUS / "dev", kept), CORPUS / "dev")
    gold_meetings = {
        d: len(json.loads(p.read_text(encoding="utf-8"))["meetings"])
        for d, p in evaluate.gold_files(CORPUS / "dev").items()
    }
    kept_meetings = sum(n for d, n in gold_meetings.items() if d in kept)
    assert score.kinds["meeting"].recall == pytest.approx(kept_meetings / sum(gold_meetings.values()))
    assert score.micro().precision == 1.0
    assert 0.3 < score.micro().recall < 0.7


def test_alignment_is_one_to_one_by_overlap() -> None:
    def mf(*names: str) -> evaluate.MeetingFacts:
        m = evaluate.MeetingFacts()
        m.facts["participant"] = {(n,) for n in names}
        return m

    pred = [mf("a", "b"), mf("a", "c")]
    gold = [mf("a", "c"), mf("x", "y")]
    assert evaluate.align(pred, gold) == [(1, 0)]


def test_proposals_match_by_proposer_and_a_shared_sector() -> None:
    pred = [("a", frozenset({"trade"})), ("a", frozenset({"energy"})), ("b", frozenset({"trade"}))]
    gold = [("a", frozenset({"trade", "transit"})), ("b", frozenset({"energy"}))]
    assert evaluate.match_proposals(pred, gold) == 1


@needs_corpus()
def test_cli_eval_on_a_copy(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from extract.cli import main

    for f in (CORPUS / "seed").iterdir():
        shutil.copy(f, tmp_path / f.name)
    result = CliRunner().invoke(main, ["eval", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["kinds"]["participant"]["f1"] == 1.0
