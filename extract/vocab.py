"""RDF namespaces and IRI minting used across Didar (the single source of truth)."""

from __future__ import annotations

import hashlib
import re

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

__all__ = [
    "DCTERMS",
    "DIDAR",
    "EUCOUNTRY",
    "FOAF",
    "GEONAMES",
    "ID",
    "OA",
    "ORG",
    "PROV",
    "RDF",
    "RDFS",
    "ROLE",
    "ROLE_SCHEME",
    "SCHEMA",
    "SKOS",
    "STATE_SCHEME",
    "TOPIC",
    "TOPIC_SCHEME",
    "XSD",
    "DefinedNamespace",
    "slug",
    "stable_hash",
]


class Vocabulary(Namespace):
    """A namespace whose terms, written as attributes (`DIDAR.evidence`), are made once and then
    kept as ordinary attributes: rdflib's Namespace builds and checks a new URIRef at every use
    (a tenth of graph building), and even a cached `__getattr__` is a call at every use."""

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("__"):  # copy, pickle and the like ask for dunder names
            raise AttributeError(name)
        term = self.term(name)
        self.__dict__[name] = term  # found by the next lookup without calling __getattr__
        return term


DIDAR = Vocabulary("https://w3id.org/didar/ontology#")
ID = Namespace("https://w3id.org/didar/id/")
OA = Vocabulary("http://www.w3.org/ns/oa#")
SCHEMA = Vocabulary("https://schema.org/")
EUCOUNTRY = Namespace("http://publications.europa.eu/resource/authority/country/")
GEONAMES = Namespace("https://sws.geonames.org/")
ROLE = Namespace("https://w3id.org/didar/vocab/role/")
TOPIC = Namespace("https://w3id.org/didar/vocab/topic/")
ROLE_SCHEME = ROLE[""]
TOPIC_SCHEME = TOPIC[""]
STATE_SCHEME = Namespace("https://w3id.org/didar/vocab/")["state"]

PREFIXES: dict[str, Namespace] = {
    "didar": DIDAR,
    "id": ID,
    "oa": OA,
    "schema": SCHEMA,
    "country": EUCOUNTRY,
    "gn": GEONAMES,
    "role": ROLE,
    "topic": TOPIC,
    "foaf": Namespace(str(FOAF)),
    "org": Namespace(str(ORG)),
    "prov": Namespace(str(PROV)),
    "skos": Namespace(str(SKOS)),
}

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def stable_hash(*parts: str, length: int = 16) -> str:
    """A short, deterministic hex digest of the parts (never raw text in an IRI)."""
    h = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return h[:length]


def slug(text: str) -> str:
    """An IRI-safe slug: ASCII-safe text kept, anything else replaced by a hash suffix."""
    cleaned = _UNSAFE.sub("-", text).strip("-.")
    if cleaned == text and cleaned:
        return cleaned
    return f"{cleaned[:40] or 'doc'}-{stable_hash(text, length=8)}"


_FILE_UNSAFE = re.compile(r"[^A-Za-z0-9_\-]+")


def file_stem(doc_id: str) -> str:
    """A file name for what is written of one article: a short ASCII slug of the id and a hash
    of the whole id. Never the raw id: "../x", "/tmp/x", NUL or a 5,000-character id stay one
    name inside their folder, and ids that slug alike ("a.b1", "a.b2") stay apart."""
    cleaned = _FILE_UNSAFE.sub("-", doc_id).strip("-")[:48] or "article"
    return f"{cleaned}-{stable_hash(doc_id, length=10)}"
