"""Scoring a graph against annotated articles, as `corpus/FORMAT.md` ("Scoring") describes.

The graph is read only through the four contract queries, so what is scored is exactly
what users get. Meetings are aligned by shared participant names (greatest overlap
first, one to one); facts of aligned meetings are compared as sets; proposals are
matched one to one by proposer and a shared sector.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from . import queries
from .normalize import fold_name

FACT_KINDS = (
    "meeting",
    "participant",
    "role",
    "represents",
    "jurisdiction",
    "accredited_to",
    "date",
    "location",
    "topic",
)
ALL_KINDS = (*FACT_KINDS, "proposal")

Fact = tuple[str, ...]


@dataclass
class MeetingFacts:
    """One meeting's facts in comparable form (names folded)."""

    facts: dict[str, set[Fact]] = field(default_factory=lambda: defaultdict(set))
    proposals: list[tuple[str, frozenset[str]]] = field(default_factory=list)

    @property
    def names(self) -> set[str]:
        return {f[0] for f in self.facts["participant"]}


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score:
    kinds: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in ALL_KINDS})
    explain: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def micro(self, kinds: tuple[str, ...] = FACT_KINDS) -> Counts:
        total = Counts()
        for kind in kinds:
            total.add(self.kinds[kind])
        return total

    def as_dict(self) -> dict[str, Any]:
        def row(c: Counts) -> dict[str, float | int]:
            return {"tp": c.tp, "fp": c.fp, "fn": c.fn, "precision": c.precision, "recall": c.recall, "f1": c.f1}

        return {
            "kinds": {k: row(c) for k, c in self.kinds.items()},
            "facts": row(self.micro()),
            "explain": dict(self.explain),
        }


def gold_meetings(data: dict[str, Any]) -> list[MeetingFacts]:
    out = []
    for m in data.get("meetings", []):
        mf = MeetingFacts()
        mf.facts["meeting"].add(("meeting",))
        for p in m.get("participants", []):
            name = fold_name(p["name"])
            mf.facts["participant"].add((name,))
            for kind, key in (
                ("role", "role"),
                ("represents", "represents"),
                ("jurisdiction", "jurisdiction"),
                ("accredited_to", "accredited_to"),
            ):
                if p.get(key):
                    mf.facts[kind].add((name, p[key]))
        if m.get("date"):
            mf.facts["date"].add((m["date"],))
        if m.get("location") and m["location"].get("name"):
            mf.facts["location"].add((fold_name(m["location"]["name"]),))
        for topic in m.get("topics", []):
            mf.facts["topic"].add((topic,))
        for prop in m.get("proposals", []):
            mf.proposals.append((fold_name(prop["proposer"]), frozenset(prop.get("sectors", []))))
        out.append(mf)
    return out


def predicted_meetings(store: ox.Store) -> dict[str, list[MeetingFacts]]:
    """Per article id, the meetings the contract queries return."""
    by_doc: dict[str, dict[str, MeetingFacts]] = defaultdict(dict)

    def meeting(doc: str | None, iri: str | None) -> MeetingFacts:
        mf = by_doc[doc or ""].setdefault(iri or "", MeetingFacts())
        mf.facts["meeting"].add(("meeting",))
        return mf

    for r in queries.run(store, queries.load_query("meetings")).dicts():
        mf = meeting(r["doc"], r["meeting"])
        if r["date"]:
            mf.facts["date"].add((r["date"],))
        if r["locationName"]:
            mf.facts["location"].add((fold_name(r["locationName"]),))
    for r in queries.run(store, queries.load_query("participants")).dicts():
        mf = meeting(r["doc"], r["meeting"])
        name = fold_name(r["name"] or "")
        mf.facts["participant"].add((name,))
        for kind, col in (
            ("role", "role"),
            ("represents", "represents"),
            ("jurisdiction", "jurisdiction"),
            ("accredited_to", "accreditedTo"),
        ):
            value = r[col]
            if value:
                mf.facts[kind].add((name, value))
    for r in queries.run(store, queries.load_query("topics")).dicts():
        meeting(r["doc"], r["meeting"]).facts["topic"].add((r["topic"] or "",))
    proposals: dict[tuple[str, str, str], tuple[str, set[str]]] = {}
    for r in queries.run(store, queries.load_query("proposals")).dicts():
        key = (r["doc"] or "", r["meeting"] or "", r["proposal"] or "")
        _, sectors = proposals.setdefault(key, (fold_name(r["proposer"] or ""), set()))
        if r["sector"]:
            sectors.add(r["sector"])
    for (doc, iri, _), (proposer, sectors) in sorted(proposals.items()):
        meeting(doc, iri).proposals.append((proposer, frozenset(sectors)))
    return {doc: list(ms.values()) for doc, ms in by_doc.items()}


def align(pred: list[MeetingFacts], gold: list[MeetingFacts]) -> list[tuple[int, int]]:
    """Pairs (pred index, gold index): most shared names first, one to one, at least one shared."""
    pairs = [(len(p.names & g.names), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold)]
    taken_p: set[int] = set()
    taken_g: set[int] = set()
    out = []
    for overlap, i, j in sorted(pairs, key=lambda t: (-t[0], t[1], t[2])):
        if overlap and i not in taken_p and j not in taken_g:
            out.append((i, j))
            taken_p.add(i)
            taken_g.add(j)
    return out


def match_proposals(pred: list[tuple[str, frozenset[str]]], gold: list[tuple[str, frozenset[str]]]) -> int:
    """How many proposals pair up one to one (same proposer, a sector in common), greedily by overlap."""
    pairs = sorted(
        ((len(p[1] & g[1]), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold) if p[0] == g[0]),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    for overlap, i, j in pairs:
        if overlap and i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
    return len(used_p)


def score_article(doc: str, pred: list[MeetingFacts], gold: list[MeetingFacts], score: Score) -> None:
    pairs = align(pred, gold)
    note = score.explain[doc]
    for i, j in pairs:
        p, g = pred[i], gold[j]
        for kind in FACT_KINDS:
            both, extra, missing = (
                p.facts[kind] & g.facts[kind],
                p.facts[kind] - g.facts[kind],
                g.facts[kind] - p.facts[kind],
            )
            score.kinds[kind].add(Counts(len(both), len(extra), len(missing)))
            note += [f"extra   {kind}: {' '.join(f)}" for f in sorted(extra)]
            note += [f"missing {kind}: {' '.join(f)}" for f in sorted(missing)]
        matched = match_proposals(p.proposals, g.proposals)
        score.kinds["proposal"].add(Counts(matched, len(p.proposals) - matched, len(g.proposals) - matched))
        if len(g.proposals) - matched:
            note.append(f"missing proposal: {len(g.proposals) - matched} of {len(g.proposals)}")
        if len(p.proposals) - matched:
            note.append(f"extra   proposal: {len(p.proposals) - matched} of {len(p.proposals)}")
    for i in set(range(len(pred))) - {i for i, _ in pairs}:
        for kind in FACT_KINDS:
            score.kinds[kind].add(Counts(0, len(pred[i].facts[kind]), 0))
        score.kinds["proposal"].add(Counts(0, len(pred[i].proposals), 0))
        note.append(f"extra   meeting with {', '.join(sorted(pred[i].names))}")
    for j in set(range(len(gold))) - {j for _, j in pairs}:
        for kind in FACT_KINDS:
            score.kinds[kind].add(Counts(0, 0, len(gold[j].facts[kind])))
        score.kinds["proposal"].add(Counts(0, 0, len(gold[j].proposals)))
        note.append(f"missing meeting with {', '.join(sorted(gold[j].names))}")


def gold_files(folder: Path) -> dict[str, Path]:
    """Gold files by article id (`NAME.gold.json` -> NAME)."""
    return {p.name.removesuffix(".gold.json"): p for p in sorted(folder.glob("*.gold.json"))}


def evaluate(store: ox.Store, folder: Path) -> Score:
    """Score the graph in `store` against every gold file in `folder`."""
    predicted = predicted_meetings(store)
    score = Score()
    for doc, path in gold_files(folder).items():
        gold = gold_meetings(json.loads(path.read_text(encoding="utf-8")))
        score_article(doc, predicted.get(doc, []), gold, score)
    return score


def render(score: Score) -> str:
    rows = []
    for kind in ALL_KINDS:
        c = score.kinds[kind]
        rows.append([kind, str(c.tp), str(c.fp), str(c.fn), f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}"])
    c = score.micro()
    rows.append(
        ["facts (micro)", str(c.tp), str(c.fp), str(c.fn), f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}"]
    )
    return queries.text_table(["kind", "tp", "fp", "fn", "precision", "recall", "f1"], rows)
