"""Pushing: the SPARQL 1.1 Graph Store Protocol client that copies the store to another server."""

from __future__ import annotations

import http.client
import re
import urllib.error
import urllib.parse
import urllib.request
from email.message import Message
from typing import IO

import pyoxigraph as ox

from .errors import StoreError
from .store import DESCRIPTION_GRAPH, article_graphs


def push_graphs(
    store: ox.Store, url: str, timeout: float = 60.0, user: str | None = None, password: str | None = None
) -> int:
    """PUT every article graph, then the dataset description, to a Graph Store Protocol
    endpoint; the number of article graphs sent.

    Credentials (`user`, `password`, or the URL's own `http://USER:PASSWORD@HOST/...`) are
    answered by HTTP Basic or Digest, whichever the server asks for (Virtuoso's
    /sparql-graph-crud-auth asks for Digest)."""
    try:
        parts = urllib.parse.urlsplit(url)
        hostname = parts.hostname
    except ValueError:  # an unclosed [IPv6 address
        hostname = None
    if hostname is None or parts.scheme not in {"http", "https"}:
        raise StoreError(f"{url}: not an http(s) URL", fix="pass the Graph Store endpoint, e.g. http://host:7878/store")
    if parts.username is not None:
        user = user if user is not None else urllib.parse.unquote(parts.username)
        password = password if password is not None else urllib.parse.unquote(parts.password or "")
        url = without_userinfo(url)  # never shown, nor sent, with the password in it
    opener = _opener(url, user, password)
    sent = 0
    described = store.contains_named_graph(ox.NamedNode(DESCRIPTION_GRAPH))
    for iri in [*article_graphs(store), *([DESCRIPTION_GRAPH] if described else [])]:
        body = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(iri)) or b""
        target = f"{url}{'&' if '?' in url else '?'}graph={urllib.parse.quote(iri, safe='')}"
        request = urllib.request.Request(
            target, data=body, method="PUT", headers={"Content-Type": "application/n-triples"}
        )
        try:
            with opener.open(request, timeout=timeout) as response:
                response.read()
        except urllib.error.HTTPError as err:
            raise StoreError(
                f"{url}: the endpoint refused graph {iri}: HTTP {err.code} {err.reason}{_said(err)}",
                fix=_refusal_fix(err.code, user),
            ) from None
        except urllib.error.URLError as err:
            raise StoreError(f"{url}: cannot reach the endpoint ({err.reason})", fix="is the server running?") from None
        except (OSError, ValueError, http.client.HTTPException) as err:  # a dropped connection, a strange challenge
            raise StoreError(f"{url}: the exchange with the endpoint failed ({err})") from None
        sent += iri != DESCRIPTION_GRAPH
    return sent


def without_userinfo(url: str) -> str:
    """The URL without a `USER:PASSWORD@` part, to show or to send."""
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def _opener(url: str, user: str | None, password: str | None) -> urllib.request.OpenerDirector:
    """An opener that answers the server's Basic or Digest challenge when a user is given."""
    if user is None:
        return urllib.request.build_opener()
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, url, user, password or "")
    return urllib.request.build_opener(_BasicAuth(passwords), _DigestAuth(passwords))


class _ClosingChallenge(urllib.request.BaseHandler):
    """Closes the 401 response once the request has been sent again with credentials
    (urllib's own auth handlers leave its socket open)."""

    def http_error_401(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: Message
    ) -> object:
        answered = False
        try:
            retried: object = super().http_error_401(req, fp, code, msg, headers)  # type: ignore[misc]
            answered = retried is not None
            return retried
        except BaseException:
            answered = True
            raise
        finally:
            if answered:
                fp.close()


class _BasicAuth(_ClosingChallenge, urllib.request.HTTPBasicAuthHandler):
    pass


class _DigestAuth(_ClosingChallenge, urllib.request.HTTPDigestAuthHandler):
    pass


def _said(err: urllib.error.HTTPError) -> str:
    """What the server said about a refusal, as one short line (Virtuoso names the missing
    grant in an HTML page), or nothing."""
    try:
        text = err.read(4000).decode("utf-8", "replace")
    except (OSError, http.client.HTTPException):
        return ""
    finally:
        err.close()
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S | re.I)
    text = " ".join(re.sub(r"<[^>]*>", " ", text).split())
    text = " ".join(text.replace(f"HTTP/1.1 {err.code} {err.reason}", " ").split())
    return f": {text[:200]}" if text else ""


def _refusal_fix(code: int, user: str | None) -> str | None:
    if code == 401:
        if user is None:
            return "the endpoint wants credentials: pass --user NAME (or use an endpoint open to writes)"
        return "check the user name and password"
    if code == 403:
        return (
            "the user may not write graphs; on Virtuoso's /sparql-graph-crud run"
            ' isql-vt 1111 dba PASSWORD exec="grant SPARQL_UPDATE to \\"SPARQL\\";"'
            " or push to /sparql-graph-crud-auth with --user"
        )
    return None
