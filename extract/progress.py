"""Progress of a long build: a bar on a terminal, plain periodic lines in logs."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from tqdm import tqdm

from .batch import Outcome


def outcome_line(outcome: Outcome) -> str:
    """One article's line: ok with its counts, or rejected with the reason."""
    if outcome.loaded:
        line = f"  ok        {outcome.source}: {outcome.meetings} meeting(s), {outcome.triples} triples"
        return "\n".join([line, *(f"  warning   {w}" for w in outcome.warnings)])
    return f"  rejected  {outcome.message}"


class Progress:
    """Counts articles, meetings and rejections. On a terminal it draws a tqdm bar (rate in
    articles/s); elsewhere it writes one line per article and a summary line every
    `every` seconds, so that logs stay readable."""

    def __init__(
        self,
        stream: TextIO | None = None,
        every: float = 10.0,
        tty: bool | None = None,
        *,
        ok_lines: bool = True,
        quiet: bool = False,
    ) -> None:
        """`ok_lines`: a line per article loaded (off a terminal); `quiet`: only rejections."""
        self.stream = stream or sys.stderr
        self.every = every
        self.tty = self.stream.isatty() if tty is None else tty
        self.ok_lines = ok_lines and not quiet
        self.quiet = quiet
        self.started = self.last = time.monotonic()
        self.articles = self.meetings = self.rejected = 0
        self.bar = tqdm(file=self.stream, unit=" articles", dynamic_ncols=True) if self.tty and not quiet else None

    def __call__(self, outcome: Outcome) -> None:
        self.articles += 1
        self.meetings += outcome.meetings
        self.rejected += not outcome.loaded
        if self.bar is not None:
            if not outcome.loaded or outcome.warnings:
                self.bar.write(outcome_line(outcome), file=self.stream)
            self.bar.set_postfix(meetings=self.meetings, rejected=self.rejected, refresh=False)
            self.bar.update(1)
            return
        if not outcome.loaded or self.ok_lines or (outcome.warnings and not self.quiet):
            self.stream.write(outcome_line(outcome) + "\n")
        now = time.monotonic()
        if now - self.last >= self.every and not self.quiet:
            self.last = now
            self.stream.write(self.line() + "\n")
        self.stream.flush()

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        return (
            f"progress: {self.articles} articles ({self.articles / elapsed:.1f}/s), "
            f"{self.meetings} meetings, {self.rejected} rejected"
        )

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
