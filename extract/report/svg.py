"""Report stage 3: a meeting as an inline SVG diagram.

States are boxes on a line, each with its people under it; a proposed trade flow is an
arrow arched above the boxes, from the state where it starts to the state where it ends,
labelled with its goods (or sectors). A place with no state (a region) gets a box of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from html import escape

from .text import shown
from .views import Endpoint, MeetingCard, ProposalCard

BOX_W, BOX_H, GAP = 150, 44, 40
TOP = 16
LINE = 18
LABEL_MAX = 42


@dataclass(frozen=True)
class Flow:
    origin: str  # box key
    destination: str
    label: str
    detail: str


def _key(end: Endpoint) -> str:
    return end.state or f"place:{end.label}"


def _clip(text: str, limit: int = LABEL_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _t(text: str) -> str:
    """Text for an SVG text node or attribute: escaped, control characters made visible."""
    return escape(shown(text), quote=True)


def flows_of(proposals: tuple[ProposalCard, ...]) -> list[Flow]:
    """The flows worth an arrow: both ends known and in different boxes."""
    out = []
    for p in proposals:
        if p.origin is None or p.destination is None or _key(p.origin) == _key(p.destination):
            continue
        what = ", ".join(g for g, _ in p.goods) or ", ".join(p.sectors) or "cooperation"
        stops = " > ".join(s.label for s in p.route) or " > ".join(s.label for s in (p.origin, *p.via, p.destination))
        hs = ", ".join(f"{g} (HS {c})" for g, c in p.goods if c)
        detail = f"{p.modality or 'proposal'}: {what}; {stops}" + (f"; {hs}" if hs else "") + f" — {p.iri}"
        out.append(Flow(_key(p.origin), _key(p.destination), what, detail))
    return out


def meeting_svg(
    meeting: MeetingCard,
    proposals: tuple[ProposalCard, ...],
    state_names: Mapping[str, str],
    title: str = "",
    uid: str = "m",
) -> str:
    """The diagram of one meeting and the flows proposed at it (`uid` keeps its ids apart
    from other diagrams of the page)."""
    mine = tuple(p for p in proposals if p.meeting == meeting.iri)
    flows = flows_of(mine)
    boxes: dict[str, str] = {}  # key -> label, in order of first appearance
    for person in meeting.participants:
        key = person.state or f"place:{person.name}"
        boxes.setdefault(key, state_names.get(person.state, person.state_label or person.state or "?"))
    for p in mine:
        for end in (p.origin, p.destination):
            if end is not None and (p.origin and p.destination) and _key(p.origin) != _key(p.destination):
                boxes.setdefault(_key(end), state_names.get(end.state, end.label) if end.state else end.label)
    keys = list(boxes)
    x_of = {k: GAP // 2 + i * (BOX_W + GAP) for i, k in enumerate(keys)}
    arrows: dict[tuple[str, str], list[Flow]] = {}  # one arrow per direction between two boxes
    for flow in flows:
        arrows.setdefault((flow.origin, flow.destination), []).append(flow)
    apexes, height_above = [], 0  # each arrow's peak sits above the previous one's labels
    for items in arrows.values():
        apex = height_above + 40
        apexes.append(apex)
        height_above = apex + 6 + (len(items) + 1) * LINE
    box_y = TOP + height_above
    people_of: dict[str, list[tuple[str, str]]] = {k: [] for k in keys}
    for person in meeting.participants:
        role = person.role_label or person.role
        where = person.province or (f"→ {person.accredited_to}" if person.accredited_to else "")
        people_of[person.state or f"place:{person.name}"].append((person.name, " ".join(x for x in (role, where) if x)))
    rows = max((len(v) for v in people_of.values()), default=0)
    width = max(len(keys) * (BOX_W + GAP), 320)
    height = box_y + BOX_H + 24 + rows * 2 * LINE + 10
    out = [
        f'<svg class="diagram" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{_t(title or "meeting diagram")}">',
        f"<title>{_t(title or 'meeting diagram')}</title>",
        f'<defs><marker id="arrow-{uid}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#b4541a"/></marker></defs>',
    ]
    for n, ((origin, destination), items) in enumerate(arrows.items()):
        x1 = x_of[origin] + BOX_W // 2 - 25  # leave a box from its left half, arrive on the right half
        x2 = x_of[destination] + BOX_W // 2 + 25
        apex = apexes[n]
        lift = apex * 4 // 3  # a cubic curve with both control points at `lift` peaks at 3/4 of it
        path = f"M{x1},{box_y} C{x1},{box_y - lift} {x2},{box_y - lift} {x2},{box_y}"
        mid = (x1 + x2) // 2
        lines = [f"{boxes[origin]} → {boxes[destination]}", *(_clip(f.label) for f in items)]
        label = "".join(
            f'<tspan x="{mid}" y="{box_y - apex - 6 - (len(lines) - 1 - k) * LINE}"'
            + (' class="flow-head"' if k == 0 else "")
            + f">{_t(line)}</tspan>"
            for k, line in enumerate(lines)
        )
        out.append(
            f'<g class="flow"><title>{_t(chr(10).join(f.detail for f in items))}</title>'
            f'<path d="{path}" fill="none" stroke="#b4541a" stroke-width="1.8" marker-end="url(#arrow-{uid})"/>'
            f'<text text-anchor="middle" class="flow-label">{label}</text></g>'
        )
    for key in keys:
        x = x_of[key]
        out.append(
            f'<g class="state"><rect x="{x}" y="{box_y}" width="{BOX_W}" height="{BOX_H}" rx="6"/>'
            f'<text x="{x + BOX_W // 2}" y="{box_y + 27}" text-anchor="middle" class="state-label">'
            f"{_t(_clip(boxes[key], 22))}</text>"
        )
        for k, (name, office) in enumerate(people_of[key]):
            y = box_y + BOX_H + 22 + k * 2 * LINE
            out.append(
                f'<text x="{x + BOX_W // 2}" y="{y}" text-anchor="middle" direction="rtl" class="person">'
                f"{_t(_clip(name, 28))}</text>"
                f'<text x="{x + BOX_W // 2}" y="{y + LINE - 2}" text-anchor="middle" class="office">'
                f"{_t(_clip(office, 28))}</text>"
            )
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)
