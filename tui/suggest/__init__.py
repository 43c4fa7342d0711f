"""Offline suggestions: rules that propose ACTOR, FIGURE and CLAIM spans and
``attributed_to`` relations for an article, cut to the corpus's conventions, combined with
a model trained on the corpus (``tui.suggest.learn``) for every label of the schema. No network.

    >>> s = suggest(text)                 # Suggestions(spans, relations, sources, confidence)
    >>> s = suggest(text, schema, conventions=guidelines.conventions, model=model)
    >>> s.sources["g3"], s.confidence["g3"]          # ("model", 0.93)
    >>> ann, n_spans, n_rels = merge(annotation, s)

Spans carry ``source="suggest"`` (the file format's marker) and ids ``g1, g2, ...``
(relations ``gr1, ...``) in document order; ``Suggestions.sources`` says which of "rules" or
"model" proposed each. See docs/suggest.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from tui.errors import DataError
from tui.model import Annotation, IdAllocator, Relation, Span, make_span, now_utc, span_order
from tui.schema import DEFAULT_SCHEMA, Schema
from tui.suggest.rules.actors import find_actors, load_lexicon
from tui.suggest.rules.claims import find_claims
from tui.suggest.conventions import DEFAULTS, Conventions, keeps
from tui.suggest.edges import tidy
from tui.suggest.figure_reader import read_figure
from tui.suggest.selection import selected
from tui.suggest.rules.figures import find_figures

SOURCE = "suggest"
LABELS = ("ACTOR", "FIGURE", "CLAIM")
_FAMILY_NAMES = {"actor": "ACTOR", "actors": "ACTOR", "figure": "FIGURE", "figures": "FIGURE",
                 "claim": "CLAIM", "claims": "CLAIM"}


@dataclass
class Suggestions:
    spans: list[Span] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # span id -> "rules" | "model"
    confidence: dict[str, float | None] = field(default_factory=dict)  # span id -> model's, or None


def wanted_labels(families, schema: Schema = DEFAULT_SCHEMA, model=None) -> list[str]:
    """The labels to suggest: ``families`` (labels or family names, any case) or all that
    the rules or ``model`` know and the schema has. Raises DataError for a name neither can do."""
    known = [lab for lab in LABELS if lab in schema.labels]
    if model is not None:
        known += [lab for lab in model.labels if lab in schema.labels and lab not in known]
    if families is None:
        return known
    out = []
    for f in families:
        lab = _FAMILY_NAMES.get(f.lower(), f.upper())
        if lab not in known:
            raise DataError(f"cannot suggest {f!r}: suggestions exist for {', '.join(known) or 'no label of this schema'}"
                            + ("" if model is not None else " (run `margin learn` to train a model for other labels)"))
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
            extra_actors: dict | None = None, conventions: Conventions | None = None,
            model=None, habits=None, selection=None, entities=None) -> Suggestions:
    """Suggested spans (``source="suggest"``) and ``attributed_to`` relations for ``text``.

    ``families``: labels or family names to produce (default: all the rules or the model
    know that the schema has). ``extra_actors``: more names to propose as actors,
    ``{name: type}`` (margin.yaml). ``conventions``: where the rules' spans end (default:
    the rules' own). ``model``: a ``tui.suggest.learn.Model``; its spans are added with source
    "model", and it scores the rules' spans (``Suggestions.confidence``). ``habits``: a
    ``tui.suggest.habits.Habits``; attributes become the team's (values it never writes are
    never suggested). ``selection``: a ``tui.suggest.selection.Selection``; the rules' actor
    candidates it says the team does not tag are left out. ``entities``: a
    ``tui.suggest.entities.Entities`` (margin.yaml names a spaCy pipeline): the pipeline's
    entities the team tags are added as actors (source "spacy") where no other actor stands.
    """
    labels = wanted_labels(families, schema, model)
    conv = conventions or DEFAULTS
    extra_actors = selection.extra_actors(extra_actors) if selection is not None else extra_actors
    lex = load_lexicon()
    need_actors = {"ACTOR", "CLAIM"} & set(labels) or model is not None
    actors = find_actors(text, extra_actors, lex) if need_actors else []
    figures = [f for f in find_figures(text, lex.demonyms) if keeps(conv, f)] \
        if "FIGURE" in labels or model is not None else []
    claims = [c for c in find_claims(text, actors, lex) if keeps(conv, c)] \
        if "CLAIM" in labels or model is not None else []
    raw = _rules_raw(labels, actors, figures, claims, conv)
    scores: dict[tuple, float] = {}
    if model is not None:
        found = {"ACTOR": actors, "FIGURE": figures, "CLAIM": claims}
        raw, scores = model.combine(text, [lab for lab in labels], found, raw)
        raw = [(r[0], r[1], r[2], read_figure(text, r[0], r[1], lex.demonyms) or r[3], r[4])  # the one figure reader
               if r[2] == "FIGURE" and r[4] == "model" else r for r in _outside_left_out_edges(raw, actors, conv)]
    confirmed: set = set()
    parsed: dict = {}
    if entities is not None and "ACTOR" in labels:
        raw, confirmed, parsed = _entity_actors(text, raw, entities, conv)
    if selection is not None and "ACTOR" in labels:
        raw = selected(text, raw, selection, confirmed, parsed)
    spans: dict[tuple, Span] = {}
    sources: dict[str, str] = {}
    confidence: dict[str, float | None] = {}
    keep = _AttrFilter(schema)
    ids = IdAllocator()  # suggestions' own ids (g<N>, gr<N>); a session gives accepted ones its own
    for start, end, label, attrs, source, score in _tidied(text, raw, scores):
        if (start, end, label) not in spans:
            sid = ids.new("g")
            if habits is not None:
                attrs = habits.apply(label, text[start:end], attrs)
            spans[(start, end, label)] = make_span(
                text, sid, label, start, end, attrs=keep(label, attrs), source=SOURCE)
            sources[sid] = source
            confidence[sid] = score
    relations = _relations(schema, labels, spans, claims, conv, ids) if "ACTOR" in labels else []
    return Suggestions(list(spans.values()), relations, sources, confidence)


def _rules_raw(labels, actors: list, figures: list, claims: list, conv: Conventions) -> list:
    """The rules' mentions of the wanted ``labels`` as (start, end, label, attrs, "rules")
    under the team's conventions."""
    raw: list[tuple[int, int, str, dict, str]] = []
    if "ACTOR" in labels:
        spans = [a.span(conv) for a in actors]
        inside = _inside_another(spans)
        raw += [(*sp, "ACTOR", {"type": a.type}, "rules") for a, sp in zip(actors, spans) if sp not in inside]
    if "FIGURE" in labels:
        raw += [(*f.span(conv), "FIGURE", {"value": f.value, "unit": f.unit, "qualifier": f.qualifier}, "rules")
                for f in figures]
    if "CLAIM" in labels:
        raw += [(*c.span(conv), "CLAIM", {"status": c.status}, "rules") for c in claims]
    return raw


def _inside_another(spans: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The ``spans`` (cut to the team's conventions) inside another of them. A group's
    modifiers the team keeps can hold a name the rules found on its own (``Hampshire Police``
    in ``Hampshire Police spokesman``, ``Coast Guard`` in ``Coast Guard spokesperson``): the
    name is the group's modifier there, no actor of its own. One sweep by start (a longer span
    first at the same start): a span is inside another when one before it ends at or after its
    end, in n log n where comparing every pair was quadratic in a long article's actors."""
    inside, reach = set(), -1
    for s, e in sorted(set(spans), key=lambda se: (se[0], -se[1])):
        if reach >= e:
            inside.add((s, e))
        reach = max(reach, e)
    return inside


def _outside_left_out_edges(raw: list, actors: list, conv: Conventions) -> list:
    """``raw`` without the model's actor spans inside the part of a rules' mention the team's
    conventions leave out (``Spokesperson`` of ``Presidential Spokesperson Harry Roque`` where
    titles are out): words the team cuts off a mention are no actor of their own."""
    cut = [(min(a.start, a.det if a.det is not None else a.start, a.mods if a.mods is not None else a.start),
            a.span(conv)[0]) for a in actors]
    cut = [(s, e) for s, e in cut if s < e]
    if not cut:
        return raw
    return [r for r in raw if r[2] != "ACTOR" or r[4] != "model" or not any(s <= r[0] and r[1] <= e for s, e in cut)]


def _entity_actors(text: str, raw: list, entities, conv: Conventions) -> tuple[list, set, dict]:
    """(``raw`` with the spaCy pipeline's actor candidates where no proposed actor stands
    (an entity's noun phrase replaces the actors inside it), the rules' actor spans the
    parse confirms act (``Entities.confirms``), each rules actor span's parse context
    (``entities.span_context``: the selection reads it where the words around decide
    nothing)). ``raw`` as it is when the pipeline cannot be loaded here (the suggester said
    so once)."""
    from tui.suggest.entities import span_context
    from tui.suggest.pipeline import PipelineMissing, parse, tokens

    try:
        ents, table = parse(entities.pipeline, text, entities.root), tokens(entities.pipeline, text, entities.root)
    except PipelineMissing:
        return raw, set(), {}
    rules = [(r[0], r[1]) for r in raw if r[2] == "ACTOR" and r[4] == "rules"]
    added, replaced = entities.candidates(text, ents, conv, [(r[0], r[1]) for r in raw if r[2] == "ACTOR"])
    confirmed = entities.confirms(text, ents, rules)
    parsed = {sp: span_context(table, *sp) for sp in rules}
    return [r for r in raw if r[2] != "ACTOR" or (r[0], r[1]) not in replaced] + added, confirmed, parsed


def _tidied(text: str, raw: list, scores: dict) -> list[tuple]:
    """Every proposed span, the rules' and the model's, cut to edges a span may have
    (``tui.suggest.edges``: no leading comma or closing quote, no trailing opening
    bracket, ...; nothing left: dropped), with its score, in document order."""
    out = []
    for start, end, label, attrs, source in raw:
        cut = tidy(text, start, end)
        if cut is not None:
            out.append((*cut, label, attrs, source, scores.get((start, end, label))))
    out.sort(key=lambda r: (r[0], r[1], r[2]))
    return out


def _relations(schema: Schema, labels: list[str], spans: dict, claims: list, conv: Conventions,
               ids: IdAllocator) -> list[Relation]:
    """``attributed_to`` from each suggested claim to its suggested speaker (when the
    schema has the relation and both labels): relations only ever join suggested spans."""
    pairs: dict[tuple[str, str], None] = {}
    rdef = schema.relations.get("attributed_to")
    if rdef and "CLAIM" in rdef.from_labels and "ACTOR" in rdef.to_labels:
        claim_on, actor_on = _OnWords(spans, "CLAIM"), _OnWords(spans, "ACTOR")
        for c in claims:
            claim = claim_on((*c.span(conv), "CLAIM"))
            speaker = actor_on((*c.speaker.span(conv), "ACTOR")) if c.speaker is not None else None
            if claim is not None and speaker is not None:
                pairs[(claim.id, speaker.id)] = None
    return [Relation(ids.new("gr"), "attributed_to", src, dst) for src, dst in pairs]


class _OnWords:
    """Suggested spans of one label, to find the one on a key's words: the span at the key,
    else the one sharing most characters with it (the model recut a rule's claim or
    speaker): relations only ever join suggested spans."""

    def __init__(self, spans: dict, label: str):
        self.spans = spans
        self.mine = sorted((sp for sp in spans.values() if sp.label == label), key=lambda sp: sp.start)
        self.starts = [sp.start for sp in self.mine]
        self.longest = max((sp.end - sp.start for sp in self.mine), default=0)

    def __call__(self, key: tuple) -> Span | None:
        from bisect import bisect_left

        hit = self.spans.get(key)
        if hit is not None or not self.mine:
            return hit
        s, e, _ = key
        lo, hi = bisect_left(self.starts, s - self.longest), bisect_left(self.starts, e)
        near = [sp for sp in self.mine[lo:hi] if sp.end > s]
        return max(near, key=lambda sp: min(sp.end, e) - max(sp.start, s), default=None)


def corpus_actors(corpus) -> dict:
    """``{name: type}`` from the corpus's margin.yaml (``suggest: {actors: {...}}``), for
    ``suggest(..., extra_actors=...)``. Raises DataError when the mapping is malformed."""
    from tui.corpus import load_settings

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


def merge(ann: Annotation, sugg: Suggestions, updated: str | None = None) -> tuple[Annotation, int, int]:
    """``ann`` plus the suggestions it does not already have: a span with the same
    (start, end, label) is never added twice, no existing span or relation is changed, and
    relations are added only from newly added claims. Returns (annotation, spans added,
    relations added); the annotation is ``ann`` itself when nothing was added. ``updated``:
    the time to record (default now; a batch gives all its files one time)."""
    existing = {s.key: s.id for s in ann.spans}
    ids = IdAllocator([*(s.id for s in ann.spans), *(r.id for r in ann.relations)], fill_gaps=True)
    id_map: dict[str, str] = {}
    added: list[Span] = []
    for s in sugg.spans:
        if s.key in existing:
            id_map[s.id] = existing[s.key]
            continue
        new = s.with_(id=ids.new("g"))
        id_map[s.id] = new.id
        added.append(new)
    fresh = {s.id for s in added}
    have = {(r.label, r.source, r.target) for r in ann.relations}
    rels = []
    for r in sugg.relations:
        src, dst = id_map[r.source], id_map[r.target]
        if src in fresh and (r.label, src, dst) not in have:
            have.add((r.label, src, dst))
            rels.append(Relation(ids.new("gr"), r.label, src, dst))
    if not added and not rels:
        return ann, 0, 0
    merged = replace(ann, spans=sorted([*ann.spans, *added], key=span_order),
                     relations=[*ann.relations, *rels], updated=updated or now_utc())
    return merged, len(added), len(rels)
