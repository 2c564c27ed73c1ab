"""People as one article names them: the full name first given, later surnames, offices."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .model import Evidence, Office


@dataclass
class PersonRecord:
    """A person being assembled from all mentions in one article."""

    name: str
    tokens: list[str]
    evidence: Evidence
    offices: list[Office] = field(default_factory=list)
    holder: PersonRecord | None = None  # for an office written alone: the person found to hold it
    _office: tuple[int, Office | None] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def key(self) -> str:
        return "".join(self.tokens)

    def matches(self, mention_tokens: list[str]) -> bool:
        """The mention is the full name or its last name words (a surname alone)."""
        text = "".join(mention_tokens)
        return any("".join(self.tokens[k:]) == text for k in range(len(self.tokens)))

    def office(self) -> Office | None:
        """The first office stated, with states filled in from later mentions of the same role
        (remembered until another office is added)."""
        if self._office is not None and self._office[0] == len(self.offices):
            return self._office[1]
        self._office = (len(self.offices), self._merged_office())
        return self._office[1]

    def _merged_office(self) -> Office | None:
        if not self.offices:
            return None
        first = self.offices[0]
        for other in self.offices[1:]:
            if other.role != first.role:
                continue
            first = replace(
                first,
                sending=first.sending or other.sending,
                receiving=first.receiving or other.receiving,
                jurisdiction=first.jurisdiction or other.jurisdiction,
            )
        return first


def is_suffix(longer: list[str], shorter: list[str]) -> bool:
    """A person first met by surname, now named in full."""
    return len(shorter) > len(longer) and "".join(shorter).endswith("".join(longer))
