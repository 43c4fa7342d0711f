"""Offline suggestions: rules that propose ACTOR, FIGURE and CLAIM spans and
``attributed_to`` relations for an article. Pure Python, no model, no network.

    >>> s = suggest(text)                 # Suggestions(spans, relations)
    >>> ann, n_spans, n_rels = merge(annotation, s)

Spans carry ``source="suggest"`` and ids ``g1, g2, ...`` (relations ``gr1, ...``) in
document order. See docs/suggest.md for what each rule family finds and misses.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..errors import DataError
from ..model import Annotation, Relation, Span, make_span, now_utc, span_order
from ..schema import DEFAULT_SCHEMA, Schema
from .actors import find_actors, load_lexicon
from .claims import find_claims
from .figures import find_figures

SOURCE = "suggest"
LABELS = ("ACTOR", "FIGURE", "CLAIM")
_FAMILY_NAMES = {"actor": "ACTOR", "actors": "ACTOR", "figure": "FIGURE", "figures": "FIGURE",
                 "claim": "CLAIM", "claims": "CLAIM"}


@dataclass
class Suggestions:
    spans: list[Span] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


def wanted_labels(families, schema: Schema = DEFAULT_SCHEMA) -> list[str]:
    """The labels to suggest: ``families`` (labels or family names, any case) or all that
    the rules know and the schema has. Raises DataError for a name the rules cannot do."""
    known = [lab for lab in LABELS if lab in schema.labels]
    if families is None:
        return known
    out = []
    for f in families:
        lab = _FAMILY_NAMES.get(f.lower(), f.upper())
        if lab not in known:
            raise DataError(f"cannot suggest {f!r}: suggestions exist for {', '.join(known) or 'no label of this schema'}")
        if lab not in out:
            out.append(lab)
    return out


class _AttrFilter:
    """Keeps the attributes the schema defines for a label and accepts (checks memoised)."""

    def __init__(self, schema: Schema):
        self.schema = schema
        self.ok: dict[tuple, bool] = {}

    def __call__(self, label: str, attrs: dict) -> dict:
        out = {}
        for k, v in attrs.items():
            key = (label, k, type(v), v)
            good = self.ok.get(key)
            if good is None:
                d = self.schema.labels[label].attrs.get(k)
                good = self.ok[key] = v is not None and d is not None and d.check(v) is None
            if good:
                out[k] = v
        return out


def suggest(text: str, schema: Schema = DEFAULT_SCHEMA, families=None,
            extra_actors: dict | None = None) -> Suggestions:
    """Suggested spans (``source="suggest"``) and ``attributed_to`` relations for ``text``.

    ``families``: labels or family names to produce (default: all the schema has).
    ``extra_actors``: more names to propose as actors, ``{name: type}`` (margin.yaml).
    """
    labels = wanted_labels(families, schema)
    lex = load_lexicon()
    raw: list[tuple[int, int, str, dict]] = []
    actors = find_actors(text, extra_actors, lex) if {"ACTOR", "CLAIM"} & set(labels) else []
    if "ACTOR" in labels:
        raw += [(a.start, a.end, "ACTOR", {"type": a.type}) for a in actors]
    if "FIGURE" in labels:
        raw += [(f.start, f.end, "FIGURE", {"value": f.value, "unit": f.unit, "qualifier": f.qualifier})
                for f in find_figures(text, lex.demonyms)]
    claims = find_claims(text, actors, lex) if "CLAIM" in labels else []
    raw += [(c.start, c.end, "CLAIM", {"status": c.status}) for c in claims]
    spans: dict[tuple, Span] = {}
    keep = _AttrFilter(schema)
    raw.sort(key=lambda r: (r[0], r[1], r[2]))
    for start, end, label, attrs in raw:
        if (start, end, label) not in spans:
            spans[(start, end, label)] = make_span(
                text, f"g{len(spans) + 1}", label, start, end, attrs=keep(label, attrs), source=SOURCE)
    pairs: dict[tuple[str, str], None] = {}
    rdef = schema.relations.get("attributed_to")
    if "ACTOR" in labels and rdef and "CLAIM" in rdef.from_labels and "ACTOR" in rdef.to_labels:
        for c in claims:
            if c.speaker is not None:
                pairs[(spans[(c.start, c.end, "CLAIM")].id,
                       spans[(c.speaker.start, c.speaker.end, "ACTOR")].id)] = None
    relations = [Relation(f"gr{i}", "attributed_to", src, dst) for i, (src, dst) in enumerate(pairs, 1)]
    return Suggestions(list(spans.values()), relations)


def corpus_actors(corpus) -> dict:
    """``{name: type}`` from the corpus's margin.yaml (``suggest: {actors: {...}}``), for
    ``suggest(..., extra_actors=...)``. Raises DataError when the mapping is malformed."""
    from ..corpus import load_settings

    section = load_settings(corpus.root).get("suggest") or {}
    actors = section.get("actors") if isinstance(section, dict) else None
    if actors is None:
        return {}
    labels = corpus.schema.labels
    types = labels["ACTOR"].attrs.get("type") if "ACTOR" in labels else None
    allowed = types.values if types is not None and types.kind == "enum" else None
    if not isinstance(actors, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and (allowed is None or v in allowed)
            for k, v in actors.items()):
        raise DataError(f"{corpus.root / 'margin.yaml'}: suggest.actors must map names to actor types"
                        + (f" ({', '.join(allowed)})" if allowed else ""))
    return actors


def _fresh_ids(prefix: str, used: set[str]):
    n = 0
    while True:
        n += 1
        if f"{prefix}{n}" not in used:
            used.add(f"{prefix}{n}")
            yield f"{prefix}{n}"


def merge(ann: Annotation, sugg: Suggestions) -> tuple[Annotation, int, int]:
    """``ann`` plus the suggestions it does not already have: a span with the same
    (start, end, label) is never added twice, no existing span or relation is changed, and
    relations are added only from newly added claims. Returns (annotation, spans added,
    relations added); the annotation is ``ann`` itself when nothing was added."""
    existing = {s.key: s.id for s in ann.spans}
    used = {s.id for s in ann.spans} | {r.id for r in ann.relations}
    span_ids, rel_ids = _fresh_ids("g", used), _fresh_ids("gr", used)
    id_map: dict[str, str] = {}
    added: list[Span] = []
    for s in sugg.spans:
        if s.key in existing:
            id_map[s.id] = existing[s.key]
            continue
        new = s.with_(id=next(span_ids))
        id_map[s.id] = new.id
        added.append(new)
    fresh = {s.id for s in added}
    have = {(r.label, r.source, r.target) for r in ann.relations}
    rels = []
    for r in sugg.relations:
        src, dst = id_map[r.source], id_map[r.target]
        if src in fresh and (r.label, src, dst) not in have:
            have.add((r.label, src, dst))
            rels.append(Relation(next(rel_ids), r.label, src, dst))
    if not added and not rels:
        return ann, 0, 0
    merged = replace(ann, spans=sorted([*ann.spans, *added], key=span_order),
                     relations=[*ann.relations, *rels], updated=now_utc())
    return merged, len(added), len(rels)
