"""What Didar makes from its lexicons at start-up, kept between runs.

Reading the lexicons' Turtle with rdflib takes about a second at every start of every
command that extracts. The result is kept as a pickle in the user's cache folder
(`$DIDAR_CACHE`, else `$XDG_CACHE_HOME/didar`, else `~/.cache/didar`), named after a
digest of everything it was made from: the files read, the source of the code that read
them and Didar's version. A changed file or a new version is simply another name, so a
kept result is never stale. A cache that cannot be read or written is not used
(`DIDAR_CACHE=off` turns it off): the result is made again, as it would be without one.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from .files import write_atomically
from .resources import software_version

T = TypeVar("T")


def cache_dir() -> Path | None:
    """The folder for kept results; None when turned off."""
    chosen = os.environ.get("DIDAR_CACHE")
    if chosen is not None:
        return None if chosen.strip().lower() in {"", "off", "0", "no"} else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "didar"


def digest(inputs: Iterable[Path | str]) -> str:
    """A digest of the files' contents, of the strings given (package versions) and of
    Didar's version."""
    h = hashlib.sha256(software_version().encode())
    for item in inputs:
        data = item.read_bytes() if isinstance(item, Path) else item.encode()
        h.update(f"\0{item if isinstance(item, str) else item.name}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()[:20]


def kept(name: str, inputs: Iterable[Path | str], make: Callable[[], T]) -> T:
    """make(), or what it returned in an earlier run from the same `inputs`."""
    folder = cache_dir()
    if folder is None:
        return make()
    path = folder / f"{name}-{digest(inputs)}.pickle"
    try:
        return pickle.loads(path.read_bytes())  # type: ignore[no-any-return]  # written by `kept` alone
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        pass  # not kept yet, or unreadable: made again
    value = make()
    try:
        write_atomically(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        for older in folder.glob(f"{name}-*.pickle"):
            if older != path:
                older.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home: the next run makes it again
    return value
