"""The exceptions Didar raises; the CLI turns each into a one-line message."""

from __future__ import annotations


class DidarError(Exception):
    """Base class: a problem the user can fix, with the file it concerns."""

    def __init__(self, message: str, *, path: str | None = None, fix: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.fix = fix

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        hint = f" ({self.fix})" if self.fix else ""
        return f"{where}{self.message}{hint}"


class InputError(DidarError):
    """An input article cannot be read (missing, empty, binary, not UTF-8)."""


class NoMeetingError(DidarError):
    """An article that reports no meeting between officials."""


class ValidationFailed(DidarError):
    """A graph does not conform to the SHACL shapes."""

    def __init__(self, message: str, report: str, *, path: str | None = None) -> None:
        super().__init__(message, path=path, fix="see the report; the article was kept out of the store")
        self.report = report


class QueryError(DidarError):
    """A named query is unknown or fails."""


class StoreError(DidarError):
    """The store cannot be opened or written."""
