"""What an article looks like to the extractor: its length and what Didar reads in it.

The same measure is taken of the annotated articles and of the generated ones, so the two
distributions can be compared: characters and sentences of the body, and the extractor's
own counts of meetings, participants (summed over meetings), statements (quoted and
reported speech) and proposals.

    python -m benchmarks.profile                  # annotated (repo + ../shared/corpus/dev) vs generated
    python -m benchmarks.profile --generated 200 --seed 3
"""

from __future__ import annotations

import argparse
import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from extract.article import Article, article_from_text, read_article
from extract.model import Extraction
from extract.pipeline import extract_articles

ROOT = Path(__file__).resolve().parent.parent
SHARED_DEV = ROOT.parent / "shared" / "corpus" / "dev"
REPO_ANNOTATED = (ROOT / "seeds", ROOT / "tests" / "corpus" / "own")
MEASURES = ("chars", "sentences", "meetings", "participants", "statements", "proposals")
# As the pipeline splits sentences (extract.nlp): after . ! ? ؟ … and at line breaks.
_SENTENCE_END = re.compile(r"[.!?؟…]+(?=\s|$)|\n+")


def sentence_count(body: str) -> int:
    """Sentences of a body: non-blank pieces between terminal punctuation and line breaks."""
    return sum(1 for piece in _SENTENCE_END.split(body) if piece.strip())


def annotated_paths(folders: Iterable[Path]) -> list[Path]:
    """The article files (`*.txt`) under the folders, sorted."""
    out: list[Path] = []
    for folder in folders:
        if folder.is_dir():
            out += sorted(folder.rglob("*.txt"))
    return out


def read_annotated(folders: Iterable[Path]) -> list[Article]:
    return [read_article(p) for p in annotated_paths(folders)]


@dataclass(frozen=True)
class Counts:
    chars: int
    sentences: int
    meetings: int
    participants: int
    statements: int
    proposals: int


def counts_of(extraction: Extraction) -> Counts:
    article = extraction.article
    body = article.text[article.body_start :].strip()
    return Counts(
        chars=len(body),
        sentences=sentence_count(body),
        meetings=len(extraction.meetings),
        participants=sum(len(m.participants) for m in extraction.meetings),
        statements=len(extraction.statements),
        proposals=len(extraction.proposals),
    )


def measure(articles: Sequence[Article]) -> list[Counts]:
    return [counts_of(x) for x in extract_articles(articles)]


@dataclass(frozen=True)
class Summary:
    n: int
    mean: dict[str, float]
    stdev: dict[str, float]


def summarize(counts: Sequence[Counts]) -> Summary:
    mean, stdev = {}, {}
    for name in MEASURES:
        values = [getattr(c, name) for c in counts]
        mean[name] = statistics.fmean(values)
        stdev[name] = statistics.pstdev(values)
    return Summary(len(counts), mean, stdev)


def table(columns: dict[str, Summary]) -> str:
    """A plain-text table: one row per measure, mean ± stdev per column."""
    head = f"{'per article':<14}" + "".join(f"{f'{k} (n={s.n})':>26}" for k, s in columns.items())
    lines = [head]
    for name in MEASURES:
        cells = "".join(f"{f'{s.mean[name]:,.1f} ± {s.stdev[name]:,.1f}':>26}" for s in columns.values())
        lines.append(f"{name:<14}{cells}")
    return "\n".join(lines)


def main() -> None:
    from benchmarks.generate import generate

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--generated", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    columns = {"repo annotated": summarize(measure(read_annotated(REPO_ANNOTATED)))}
    if SHARED_DEV.is_dir():
        columns["shared dev"] = summarize(measure(read_annotated([SHARED_DEV])))
        columns["all annotated"] = summarize(measure(read_annotated([*REPO_ANNOTATED, SHARED_DEV])))
    generated = [article_from_text(i, t) for i, t in generate(args.generated, args.seed)]
    columns["generated"] = summarize(measure(generated))
    print(table(columns))


if __name__ == "__main__":
    main()
