"""Extraction time of one report, and how it grows with length.

Texts are built from the paragraphs of the annotated corpus (`../shared/corpus/dev`) or,
where it is absent, of the seed article, joined until the wanted length. Each figure is the
median of several runs after a warm-up; the tokenizer's own time is given beside it so the
ratio can be read on a noisy machine.

    python -m benchmarks.extraction                        # 5k, 10k, 20k, 40k characters
    python -m benchmarks.extraction 5000 50000 500000      # any lengths
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from extract.article import article_from_text
from extract.pipeline import extract_article, load_pipeline

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
SEEDS = ROOT / "seeds"
LENGTHS = (5_000, 10_000, 20_000, 40_000)


def paragraphs() -> list[str]:
    """Body paragraphs of the annotated articles (date lines dropped), in file order."""
    files = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else sorted(SEEDS.glob("*.txt"))
    out: list[str] = []
    for path in files:
        out += [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n")[1:] if p.strip()]
    return out


def text_of_length(chars: int, pool: list[str], first: int = 0) -> str:
    """A report of about `chars` characters: a date line, then whole paragraphs from the
    `first`-th on."""
    body: list[str] = []
    k = first
    while sum(len(p) + 2 for p in body) < chars:
        body.append(pool[k % len(pool)])
        k += 1
    return " date 2025-10-01\n" + "\n\n".join(body)


def median_ms(works: list[Callable[[], object]]) -> float:
    times = []
    for work in works:
        start = time.perf_counter()
        work()
        times.append(1000 * (time.perf_counter() - start))
    return statistics.median(times)


def rows(lengths: tuple[int, ...] = LENGTHS) -> list[tuple[str, str, str]]:
    """(label, time, ratio) rows for the bench table. Each run reads a different text (the
    paragraphs rotate), as a batch does, so caches of words help only as much as they would
    on real input."""
    pool = paragraphs()
    nlp = load_pipeline()
    extract_article(article_from_text("warm-up", text_of_length(2_000, pool)))  # lexicons, name data
    out = []
    for chars in lengths:
        runs = 20 if chars <= 10_000 else 5 if chars <= 100_000 else 3
        articles = [article_from_text(f"bench-{k}", text_of_length(chars, pool, 7 * k)) for k in range(runs)]
        total = median_ms([lambda a=a: extract_article(a) for a in articles])  # type: ignore[misc]
        tokens = median_ms([lambda a=a: nlp.make_doc(a.text) for a in articles])  # type: ignore[misc]
        size = statistics.median(len(a.text) for a in articles)
        out.append(
            (
                f"extraction of one report, {size:,.0f} characters",
                f"{total:.1f} ms ({total / size * 1000:.1f} ms per 1,000 characters)",
                f"{total / tokens:.0f}x the bare tokenizer",
            )
        )
    return out


def main() -> None:
    lengths = tuple(int(a.replace(",", "").replace("_", "")) for a in sys.argv[1:]) or LENGTHS
    for label, value, ratio in rows(lengths):
        print(f"{label:<48} {value:<40} {ratio}")


if __name__ == "__main__":
    main()
