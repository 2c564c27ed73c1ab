"""What the command line prints, in one place.

Results (tables, CSV, JSON, exported data) go to standard output whatever the level.
Messages go to standard error by level: `--quiet` keeps only errors and rejected
articles; the default adds a summary and warnings; `-v` adds one line per article loaded.
"""

from __future__ import annotations

import sys
from enum import IntEnum

import click

SHORT_TABLE = 40  # rows a build prints at the end, on a terminal; beyond it, how to get them


class Level(IntEnum):
    QUIET = 0
    NORMAL = 1
    VERBOSE = 2


_level = Level.NORMAL


def set_level(quiet: bool, verbose: int) -> None:
    global _level
    _level = Level.QUIET if quiet else Level.VERBOSE if verbose else Level.NORMAL


def level() -> Level:
    return _level


def result(text: str, *, newline: bool = True) -> None:
    """Data the user asked for, on standard output."""
    click.echo(text, nl=newline)


def info(text: str) -> None:
    """A summary or a note on what was done (hidden by --quiet)."""
    if _level >= Level.NORMAL:
        click.echo(text, err=True)


def detail(text: str) -> None:
    """A line per item (shown with -v)."""
    if _level >= Level.VERBOSE:
        click.echo(text, err=True)


def problem(text: str) -> None:
    """Something the user must see even with --quiet: an article left out, a failure."""
    click.echo(text, err=True)


def error(text: str) -> None:
    click.echo(f"didar: {text}", err=True)


def on_terminal() -> bool:
    return sys.stdout.isatty()


def short_enough(rows: int, asked: bool | None) -> bool:
    """Print a table of `rows` rows at the end of a command? Always when asked (--table),
    never when refused (--no-table); otherwise on a terminal and when it is short."""
    if asked is not None:
        return asked
    return on_terminal() and rows <= SHORT_TABLE
