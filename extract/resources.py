"""Where the shipped data lives: `ontology/` and `queries/`, in a wheel or a checkout."""

from __future__ import annotations

from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def software_version() -> str:
    """The installed version of the `didar` distribution."""
    try:
        return version("didar")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "0.0.0+checkout"


def _data_dir(name: str) -> Path:
    shipped = _PACKAGE_DIR / "_data" / name  # placed there by the wheel build
    if shipped.is_dir():
        return shipped
    checkout = _PACKAGE_DIR.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"Didar's {name}/ folder is missing; reinstall the package")


def ontology_dir() -> Path:
    """The folder with the OWL ontology, SKOS lexicons, SHACL shapes and patterns."""
    return _data_dir("ontology")


def queries_dir() -> Path:
    """The folder with the named SPARQL queries (`*.rq`)."""
    return _data_dir("queries")
