"""Stage 7: the Oxigraph store on disk — one named graph per article."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from .errors import StoreError


def open_store(path: Path, *, read_only: bool = False) -> ox.Store:
    """Open (or create) the on-disk store; a clear error when it is busy or broken."""
    try:
        if read_only:
            return ox.Store.read_only(str(path))
        path.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(path))
    except OSError as err:
        raise StoreError(
            f"cannot open the store: {err}",
            path=str(path),
            fix="is another didar process using it? wait for it or pass another --store",
        ) from None


def replace_graph(store: ox.Store, graph_iri: str, graph: Graph) -> None:
    """Put an article's graph in the store, replacing any earlier version, in one transaction."""
    ntriples = graph.serialize(format="nt")
    store.update(f"DROP SILENT GRAPH <{graph_iri}> ;\nINSERT DATA {{ GRAPH <{graph_iri}> {{\n{ntriples}\n}} }}")


def remove_graph(store: ox.Store, graph_iri: str) -> bool:
    """Take one article's graph out; False when it was not there."""
    node = ox.NamedNode(graph_iri)
    if not store.contains_named_graph(node):
        return False
    store.remove_graph(node)
    return True


def article_graphs(store: ox.Store) -> list[str]:
    """The IRIs of the named graphs (one per article), sorted."""
    return sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))


def merged_ntriples(store: ox.Store) -> bytes:
    """All articles' triples as N-Triples, graph after graph (duplicates left in)."""
    chunks = []
    for iri in article_graphs(store):
        data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(iri))
        chunks.append(data or b"")
    return b"".join(chunks)


def merged_graph(store: ox.Store) -> Graph:
    """All articles' graphs as one rdflib Graph (the merged view)."""
    from .graph import new_graph

    g = new_graph()
    g.parse(data=merged_ntriples(store), format="nt")
    return g
