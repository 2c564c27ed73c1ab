"""Report stage 4: the pages, as HTML strings, from the gathered views.

Everything taken from an article or the graph goes through `esc` (HTML-escaped, control
characters made visible), so no article can open a tag, close an attribute or reorder
the page. No external resource: the CSS and the few lines of JavaScript are inline.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from .svg import meeting_svg
from .text import Segment, segments, shown
from .views import KINDS, ArticleView, Endpoint, MeetingCard, ParticipantView, ProposalCard, office_line

KIND_NAMES = {
    "participant": "participant",
    "office": "office / role",
    "date": "date",
    "place": "place",
    "topic": "topic",
    "statement": "statement",
    "proposal": "proposal",
    "meeting": "meeting",
}

CSS = """
body { font-family: system-ui, "Noto Sans", "Vazirmatn", "DejaVu Sans", sans-serif; margin: 0; color: #1c1c1c;
       background: #fafafa; }
header, main, footer { padding: 0 1.5rem; }
header { background: #263238; color: #fff; padding-top: .6rem; padding-bottom: .6rem; }
header a { color: #b3e5fc; }
h1 { font-size: 1.3rem; margin: .2rem 0; } h2 { font-size: 1.1rem; margin: 1rem 0 .4rem; }
.meta { color: #cfd8dc; font-size: .9rem; }
.layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.5rem; align-items: start; }
@media (max-width: 900px) { .layout { grid-template-columns: 1fr; } }
#text { white-space: pre-wrap; line-height: 2.1; font-size: 1.08rem; background: #fff; padding: 1rem 1.2rem;
        border: 1px solid #ddd; border-radius: 6px; }
.gap::before { content: "[…]"; color: #999; }
mark { background: none; color: inherit; border-radius: 3px; cursor: help; }
mark:focus { outline: 2px solid #1565c0; }
.k-meeting { background: #e8eaf6; }
.k-statement { background: #eceff1; }
.k-proposal { border-bottom: 3px solid #ff8a65; }
.k-topic { background: #80deea; }
.k-place { background: #ce93d8; }
.k-date { background: #90caf9; }
.k-office { background: #a5d6a7; }
.k-participant { background: #ffd54f; }
.legend { display: flex; flex-wrap: wrap; gap: .4rem; margin: .5rem 0; padding: 0; list-style: none;
          font-size: .85rem; }
.legend li { padding: .1rem .5rem; border: 1px solid #ccc; border-radius: 3px; }
.card { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: .6rem .9rem; margin-bottom: .8rem; }
.card h3 { font-size: 1rem; margin: .1rem 0 .4rem; }
.card dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem .7rem; margin: 0; font-size: .9rem; }
.card dt { color: #555; }
.card ul { margin: .2rem 0; padding-inline-start: 1.2rem; }
.route { font-size: .9rem; }
.iri { font-family: ui-monospace, monospace; font-size: .75rem; color: #607d8b; word-break: break-all; }
.note { background: #fff8e1; border: 1px solid #ffe082; padding: .4rem .7rem; border-radius: 4px; }
#panel { position: sticky; top: 0; background: #fffde7; border: 1px solid #ddd; padding: .4rem .7rem;
         min-height: 2.5rem; white-space: pre-wrap; font-size: .85rem; margin-bottom: .8rem; border-radius: 4px; }
svg.diagram { max-width: 100%; height: auto; background: #fff; border: 1px solid #ddd; border-radius: 6px; }
svg.diagram rect { fill: #e3f2fd; stroke: #1565c0; stroke-width: 1.5; }
svg.diagram .state-label { font: 600 14px system-ui, sans-serif; fill: #0d47a1; }
svg.diagram .person { font: 13px system-ui, "Noto Sans", sans-serif; fill: #1c1c1c; }
svg.diagram .office { font: 11px system-ui, sans-serif; fill: #555; }
svg.diagram .flow-head { font-weight: 600; }
svg.diagram .flow-label { font: 12px system-ui, sans-serif; fill: #b4541a; paint-order: stroke;
                          stroke: #fff; stroke-width: 3px; }
table { border-collapse: collapse; background: #fff; font-size: .88rem; margin-bottom: 1rem; }
th, td { border: 1px solid #ddd; padding: .25rem .5rem; text-align: start; vertical-align: top; }
th { background: #eceff1; cursor: pointer; user-select: none; }
th[aria-sort="ascending"]::after { content: " ▲"; } th[aria-sort="descending"]::after { content: " ▼"; }
.counts { display: flex; gap: 1rem; flex-wrap: wrap; list-style: none; padding: 0; }
.counts li { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: .4rem .8rem; }
.counts b { font-size: 1.2rem; }
"""

# Each highlight's offset is measured in the page itself (code points of the text nodes
# before it, gaps counted by their length) and written to data-checked: "ok" when it is
# where the evidence says. Focusing or hovering a highlight shows its facts in #panel.
ARTICLE_JS = """
(function () {
  var root = document.getElementById("text"), off = 0, ok = 0, bad = 0;
  function length(s) { var n = 0; for (var _ of s) { n++; } return n; }
  function walk(node) {
    for (var c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) { off += length(c.data); continue; }
      if (c.nodeType !== 1) { continue; }
      if (c.classList.contains("gap")) { off += parseInt(c.dataset.length, 10); continue; }
      var start = off; walk(c);
      if (c.tagName === "MARK") {
        var good = start === +c.dataset.start && off === +c.dataset.end;
        c.dataset.checked = good ? "ok" : "found at " + start + "-" + off;
        if (good) { ok++; } else { bad++; }
      }
    }
  }
  walk(root);
  root.dataset.checked = ok + " ok, " + bad + " misplaced";
  var panel = document.getElementById("panel");
  function show(e) { if (e.target.tagName === "MARK") { panel.textContent = e.target.title; } }
  root.addEventListener("focusin", show);
  root.addEventListener("mouseover", show);
})();
"""

SORT_JS = """
(function () {
  function key(cell) { var t = cell.textContent.trim(); return /^-?\\d+(\\.\\d+)?$/.test(t) ? +t : t; }
  document.querySelectorAll("table.sortable th").forEach(function (th, _) {
    th.tabIndex = 0;
    function sort() {
      var table = th.closest("table"), body = table.tBodies[0], col = th.cellIndex;
      var down = th.getAttribute("aria-sort") === "ascending";
      table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", down ? "descending" : "ascending");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = key(a.cells[col]), y = key(b.cells[col]);
        var c = typeof x === typeof y ? (x < y ? -1 : x > y ? 1 : 0) : (typeof x === "number" ? -1 : 1);
        return down ? -c : c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    }
    th.addEventListener("click", sort);
    th.addEventListener("keydown", function (e) { if (e.key === "Enter") { sort(); } });
  });
})();
"""


def esc(value: object) -> str:
    """Text or attribute value, HTML-escaped, with control characters made visible."""
    return escape(shown(str(value)), quote=True)


def fa(value: str) -> str:
    """Persian text inside English text, isolated so it cannot reorder its neighbours."""
    return f'<bdi lang="fa">{esc(value)}</bdi>'


def page(title: str, body: str, script: str = "") -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'unsafe-inline'; img-src data:\">\n"
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}\n"
        + (f"<script>{script}</script>\n" if script else "")
        + "</body>\n</html>\n"
    )


# -- the article page ------------------------------------------------------------------


def article_text_html(view: ArticleView) -> str:
    """The text, cut into segments; a covered segment is a <mark> listing its facts (the
    first of each proposal has the id `c<start>` the proposal cards link to)."""
    anchors = {p.start for p in view.proposals}
    return "".join(
        _segment(view, seg, seg.start in anchors) for seg in segments(len(view.text), view.highlights, view.known)
    )


def _segment(view: ArticleView, seg: Segment, anchor: bool = False) -> str:
    piece = view.text[seg.start : seg.end]
    if not seg.known:
        n = seg.end - seg.start
        return (
            f'<span class="gap" data-start="{seg.start}" data-end="{seg.end}" data-length="{n}" '
            f'title="{n} characters not kept in the graph"></span>'
        )
    text = esc(piece).replace("\r", "&#13;")
    if not seg.facts:
        return text
    facts = [view.highlights[i] for i in seg.facts]
    kinds = list(dict.fromkeys(h.kind for h in sorted(facts, key=lambda h: KINDS.index(h.kind))))
    classes = " ".join(f"k-{k}" for k in kinds)
    ident = f' id="c{seg.start}"' if anchor else ""
    tip = "\n".join(f"{h.label} [{h.start}–{h.end}] <{h.iri}>" for h in facts)
    return (
        f'<mark{ident} class="{classes}" tabindex="0" data-kind="{" ".join(kinds)}" data-start="{seg.start}" '
        f'data-end="{seg.end}" data-facts="{" ".join(str(i) for i in seg.facts)}" '
        f'data-iri="{esc(" ".join(h.iri for h in facts))}" title="{esc(tip)}">{text}</mark>'
    )


def legend(view: ArticleView) -> str:
    counts = {k: 0 for k in KINDS}
    for h in view.highlights:
        counts[h.kind] += 1
    items = "".join(
        f'<li class="k-{k}">{esc(KIND_NAMES[k])} <small>({counts[k]})</small></li>' for k in KINDS if counts[k]
    )
    return f'<ul class="legend" aria-label="legend">{items}</ul>'


def participant_item(p: ParticipantView) -> str:
    side = f" <small>({esc(p.side)})</small>" if p.side else ""
    office = f"<br><small>{fa(p.office)}</small>" if p.office else ""
    return f"<li>{fa(p.name)}{side} — {esc(office_line(p))}{office}</li>"


def meeting_card(m: MeetingCard, n: int) -> str:
    people = "".join(participant_item(p) for p in m.participants)
    place = fa(m.place) if m.place else "not given"
    if m.place_country:
        place += f" ({esc(m.place_country)})"
    states = sorted({p.state for p in m.participants if p.state})
    provinces = sorted({f"{p.province} {p.province_label}".strip() for p in m.participants if p.province})
    return (
        f'<section class="card meeting" data-iri="{esc(m.iri)}"><h3>Meeting {n}</h3><dl>'
        f"<dt>date</dt><dd>{esc(m.date or 'not given')}</dd><dt>place</dt><dd>{place}</dd>"
        f"<dt>states</dt><dd>{esc(', '.join(states) or '—')}</dd>"
        f"<dt>provinces</dt><dd>{esc(', '.join(provinces) or '—')}</dd>"
        f"<dt>topics</dt><dd>{esc(', '.join(m.topics) or '—')}</dd></dl>"
        f'<h4>who</h4><ul>{people}</ul><div class="iri">{esc(m.iri)}</div></section>'
    )


def _place(end: Endpoint | None) -> str:
    if end is None:
        return "?"
    code = f" ({end.code})" if end.code and end.code != end.label else ""
    return esc(end.label + code)


def proposal_card(p: ProposalCard) -> str:
    goods = "".join(f"<li>{esc(g)}{f' — HS {esc(c)}' if c else ''}</li>" for g, c in p.goods)
    route = " → ".join(_place(s) for s in p.route)
    flow = f"{_place(p.origin)} → {_place(p.destination)}" if p.origin or p.destination else "—"
    via = ", ".join(_place(v) for v in p.via)
    return (
        f'<section class="card proposal" data-iri="{esc(p.iri)}" data-start="{p.start}" data-end="{p.end}">'
        f"<h3>{esc(p.modality or 'proposal')} <small>by</small> {fa(p.proposer or '?')}</h3><dl>"
        f"<dt>goods</dt><dd>{f'<ul>{goods}</ul>' if goods else '—'}</dd>"
        f"<dt>sectors</dt><dd>{esc(', '.join(p.sectors) or '—')}</dd>"
        f"<dt>flow</dt><dd>{flow}</dd>"
        + (f"<dt>via</dt><dd>{via}</dd>" if via else "")
        + (f'<dt>route</dt><dd class="route">{route}</dd>' if route else "")
        + f"<dt>states</dt><dd>{esc(', '.join(p.states) or '—')}</dd>"
        f'<dt>text</dt><dd><a href="#c{p.start}">characters {p.start}–{p.end}</a></dd></dl>'
        f'<div class="iri">{esc(p.iri)}</div></section>'
    )


def article_page(view: ArticleView) -> str:
    """The page of one article: its text with highlights, cards, diagrams and every fact."""
    notes = "".join(f'<p class="note">{esc(n)}</p>' for n in view.notes)
    meta = " · ".join(
        x
        for x in (
            f"published {esc(view.published)}" if view.published else "",
            esc(view.publisher),
            f'<a href="{esc(view.url)}" rel="noreferrer">source</a>'
            if view.url.startswith(("http:", "https:"))
            else "",
            f"{len(view.text)} characters" if view.text_from == "input" else "",
        )
        if x
    )
    diagrams = "".join(
        f"<h2>Meeting {n}: diagram</h2>"
        + meeting_svg(m, view.proposals, view.state_names, f"Meeting {n} of {view.doc_id}", uid=str(n))
        for n, m in enumerate(view.meetings, 1)
    )
    cards = "".join(meeting_card(m, n) for n, m in enumerate(view.meetings, 1))
    offers = "".join(proposal_card(p) for p in view.proposals)
    text = article_text_html(view)
    body = (
        f'<header><a href="../index.html">← all articles</a><h1>{esc(view.doc_id)}</h1>'
        f'<div class="meta">{meta}</div></header><main>{notes}'
        f'<div class="layout"><div><h2>Article</h2>{legend(view)}'
        f'<div id="text" dir="rtl" lang="fa">{text}</div>{diagrams}</div>'
        f'<aside><div id="panel" aria-live="polite">Hover or focus a highlight to see its facts.</div>'
        f"<h2>Meetings ({len(view.meetings)})</h2>{cards or '<p>none found</p>'}"
        f"<h2>Proposals ({len(view.proposals)})</h2>{offers or '<p>none</p>'}</aside></div>"
        f"{facts_table(view)}</main>" + (f'<footer><p class="iri">{esc(view.iri)}</p></footer>' if view.iri else "")
    )
    return page(f"{view.doc_id} — Didar", body, ARTICLE_JS)


def facts_table(view: ArticleView) -> str:
    rows = "".join(
        f'<tr data-fact="{i}" data-kind="{h.kind}" data-start="{h.start}" data-end="{h.end}" '
        f'data-iri="{esc(h.iri)}"><td>{i}</td><td>{esc(KIND_NAMES[h.kind])}</td><td>{h.start}</td><td>{h.end}</td>'
        f'<td dir="rtl" lang="fa">{esc(h.exact)}</td><td>{esc(h.label)}</td><td class="iri">{esc(h.iri)}</td></tr>'
        for i, h in enumerate(view.highlights)
    )
    return (
        f"<details><summary>Every fact with its evidence ({len(view.highlights)})</summary>"
        '<table id="facts" class="sortable"><thead><tr><th>#</th><th>kind</th><th>start</th><th>end</th>'
        f"<th>text</th><th>fact</th><th>IRI</th></tr></thead><tbody>{rows}</tbody></table></details>"
    )


# -- the index -----------------------------------------------------------------------------


def table(caption: str, heads: Iterable[str], rows: Iterable[Iterable[str]], table_id: str) -> str:
    head = "".join(f"<th>{esc(h)}</th>" for h in heads)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (
        f'<h2>{esc(caption)}</h2><table id="{table_id}" class="sortable"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


def index_page(views: list[ArticleView], link: dict[str, str]) -> str:
    """The index: counts, and tables of articles, meetings, participants and proposals."""
    meetings = [(v, m) for v in views for m in v.meetings]
    people = [(v, m, p) for v, m in meetings for p in m.participants]
    offers = [(v, p) for v in views for p in v.proposals]

    def art(v: ArticleView) -> str:
        return f'<a href="{esc(link[v.doc_id])}">{esc(v.doc_id)}</a>'

    articles = table(
        "Articles",
        ["article", "published", "meetings", "participants", "proposals", "highlights"],
        (
            [
                art(v),
                esc(v.published),
                str(len(v.meetings)),
                str(sum(len(m.participants) for m in v.meetings)),
                str(len(v.proposals)),
                str(len(v.highlights)),
            ]
            for v in views
        ),
        "articles",
    )
    meeting_rows = table(
        "Meetings",
        ["date", "place", "states", "participants", "topics", "article"],
        (
            [
                esc(m.date),
                fa(m.place),
                esc(" – ".join(sorted({p.state for p in m.participants if p.state}))),
                "<br>".join(fa(p.name) for p in m.participants),
                esc(", ".join(m.topics)),
                art(v),
            ]
            for v, m in meetings
        ),
        "meetings",
    )
    people_rows = table(
        "Participants",
        ["name", "role", "state", "province / host", "date", "article"],
        (
            [
                fa(p.name),
                esc(p.role_label or p.role),
                esc(p.state),
                esc(p.province or (f"→ {p.accredited_to}" if p.accredited_to else "")),
                esc(m.date),
                art(v),
            ]
            for v, m, p in people
        ),
        "participants",
    )
    offer_rows = table(
        "Proposals",
        ["proposer", "modality", "goods (HS)", "from", "to", "route", "article"],
        (
            [
                fa(p.proposer),
                esc(p.modality),
                esc(", ".join(f"{g} ({c})" if c else g for g, c in p.goods) or ", ".join(p.sectors)),
                _place(p.origin) if p.origin else "",
                _place(p.destination) if p.destination else "",
                " → ".join(_place(s) for s in p.route),
                art(v),
            ]
            for v, p in offers
        ),
        "proposals",
    )
    counts = (
        f'<ul class="counts"><li><b>{len(views)}</b> articles</li><li><b>{len(meetings)}</b> meetings</li>'
        f"<li><b>{len(people)}</b> participants</li><li><b>{len(offers)}</b> proposals</li></ul>"
    )
    body = (
        "<header><h1>Didar — diplomatic meetings</h1>"
        '<div class="meta">Every fact links to its article, where its evidence is highlighted.</div></header>'
        f"<main>{counts}{articles}{meeting_rows}{people_rows}{offer_rows}</main>"
    )
    return page("Didar report", body, SORT_JS)
