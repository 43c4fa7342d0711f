"""Boundary conventions: where a team's spans end, inferred from its annotations.

The rules find a figure, an actor or a claim once, with its optional parts (the counted
noun, the currency, the qualifier; the determiner, the title, the possessive; the
reporting clause, the quotation marks); a ``Conventions`` says which parts a span keeps.
``infer`` reads annotated documents: for every mention the rules find, it tries each
combination of the label's conventions and counts which one the annotators' span matches
exactly. ``margin.yaml`` can pin any of them::

    suggest:
      conventions: {figure_counted_noun: out, actor_determiner: in}

With no annotations and no pins, the defaults are the rules' own guideline (docs/suggest.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
import re
from itertools import product

from tui.errors import DataError


@dataclass(frozen=True)
class Conventions:
    """Each field is True when the part is inside the span ("in"). Defaults: the rules'."""

    figure_counted_noun: bool = True  # "1,440 Indonesian nationals" / "1,440"
    figure_unit: bool = True  # "5 km" / "5"
    figure_percent: bool = True  # "15 per cent", "15%" / "15"
    figure_currency: bool = True  # "$4.2 million" / "4.2 million"
    figure_qualifier: bool = True  # "more than 500" / "500"
    actor_determiner: bool = False  # "the Cambodian government" / "Cambodian government"
    actor_title: bool = True  # "Prime Minister Hun Manet" / "Hun Manet"
    actor_possessive: bool = False  # "Amnesty’s" / "Amnesty"
    actor_group_modifiers: bool = False  # "armed police", "FSB officers" / "police", "officers"
    claim_reporting_clause: bool = False  # "Amnesty said it had ..." / "it had ..."
    claim_quotes: bool = False  # "“We cannot ...”" / "We cannot ..."
    claim_hedges: bool = True  # a hedged sentence ("Hundreds have reportedly fled") is a claim / is none
    figure_ages: bool = True  # an age set off after a person ("Kinsman, 49, was") is a figure / is none


DEFAULTS = Conventions()
NAMES = tuple(f.name for f in fields(Conventions))
#: the conventions each label's rules vary
BY_LABEL = {
    "FIGURE": ("figure_counted_noun", "figure_unit", "figure_percent", "figure_currency", "figure_qualifier"),
    "ACTOR": ("actor_determiner", "actor_title", "actor_possessive", "actor_group_modifiers"),
    "CLAIM": ("claim_reporting_clause", "claim_quotes"),
}
EXAMPLES = {
    "figure_counted_noun": "the counted noun: “1,440 Indonesian nationals” / “1,440”",
    "figure_unit": "a unit of measure: “5 km” / “5”",
    "figure_percent": "a percent: “15 per cent” / “15”",
    "figure_currency": "the currency: “$4.2 million” / “4.2 million”",
    "figure_qualifier": "the qualifier: “more than 500” / “500”",
    "actor_determiner": "the determiner: “the Cambodian government” / “Cambodian government”",
    "actor_title": "the title: “Prime Minister Hun Manet” / “Hun Manet”",
    "actor_possessive": "the possessive: “Amnesty’s” / “Amnesty”",
    "actor_group_modifiers": "a group noun's modifiers: “armed police” / “police”",
    "claim_reporting_clause": "the reporting clause: “Amnesty said it had …” / “it had …”",
    "claim_quotes": "the quotation marks: “‘We cannot …’” / “We cannot …”",
    "claim_hedges": "a hedged sentence is a claim: “Hundreds have reportedly fled” / no claim",
    "figure_ages": "an age set off after a person is a figure: “Kinsman, 49, was” / no figure",
}
#: conventions about the same part written two ways: the rules read a spelt-out measure
#: ("thirty miles", "24 hours") as a counted noun and an abbreviated one ("30 mi", "185
#: mph") as a unit, so a team's choice on one is its choice on the other. A convention
#: that no example shows takes its kin's value when the examples showed the kin's
KIN = {"figure_unit": "figure_counted_noun", "figure_counted_noun": "figure_unit"}


def word(v: bool) -> str:
    return "in" if v else "out"


def keeps(c: Conventions, mention) -> bool:
    """Whether the team tags the rules' ``mention`` at all under ``c``: a hedged claim
    ("was reportedly investigating") only when ``claim_hedges`` is in, an age set off after a
    person ("Kinsman, 49,") only when ``figure_ages`` is."""
    return (c.claim_hedges or not getattr(mention, "hedged", False)) and (
        c.figure_ages or not getattr(mention, "age", False))


@dataclass
class Finding:
    """One convention: its value, where it came from and the examples counted."""

    name: str
    value: bool
    source: str  # "default", "inferred", "kin" (no example: as its KIN convention) or "pinned"
    votes_in: int = 0
    votes_out: int = 0

    def describe(self) -> str:
        n = self.votes_in + self.votes_out
        seen = f"{self.votes_in} in, {self.votes_out} out" if n else "no example"
        how = {"default": f"default ({seen})", "inferred": f"inferred from {n} example(s): {seen}",
               "kin": f"as {KIN.get(self.name, '?')} ({seen})",
               "pinned": f"pinned in margin.yaml ({seen})"}.get(self.source, f"{self.source} ({seen})")
        return f"{self.name:<24} {word(self.value):<4} {how}"


@dataclass
class Guidelines:
    """The conventions in force, with how each was decided and from which documents."""

    conventions: Conventions = DEFAULTS
    findings: dict[str, Finding] = field(default_factory=dict)
    documents: int = 0
    source: str = ""  # "gold", "every annotator", ... (what the examples were read from)

    def explain(self) -> list[str]:
        head = (f"conventions from {self.documents} annotated document(s) ({self.source})"
                if self.documents else "conventions: no annotated document; the rules' defaults")
        lines = [head] + ["  " + self.findings[n].describe() for n in NAMES if n in self.findings]
        unseen = [n for n in NAMES if n in self.findings and self.findings[n].source == "default"
                  and not self.findings[n].votes_in + self.findings[n].votes_out]
        if self.documents and unseen:
            example = f"{unseen[0]}: {word(not getattr(DEFAULTS, unseen[0]))}"
            lines.append(f"  no example yet of {', '.join(unseen)}: the rules' default holds until a document shows "
                         f"one; if your guideline decides it, pin it in margin.yaml "
                         f"(suggest: {{conventions: {{{example}}}}})")
        return lines


def parse_pins(settings: dict, path: str = "margin.yaml") -> dict[str, bool]:
    """``suggest.conventions`` of margin.yaml as {name: in?}; DataError (one line) when bad."""
    section = settings.get("suggest") if isinstance(settings, dict) else None
    if section is None:
        return {}
    if not isinstance(section, dict):
        raise DataError(f"{path}: suggest must be a mapping")
    pins = section.get("conventions")
    if pins is None:
        return {}
    if not isinstance(pins, dict):
        raise DataError(f"{path}: suggest.conventions must map convention names to in or out")
    out = {}
    for k, v in pins.items():
        if k not in NAMES:
            raise DataError(f"{path}: suggest.conventions: unknown convention {k!r} (known: {', '.join(NAMES)})")
        if v not in ("in", "out"):
            raise DataError(f"{path}: suggest.conventions.{k}: expected in or out, got {v!r}")
        out[k] = v == "in"
    return out


# --------------------------------------------------------------------------- inference


def mentions(text: str, lex=None, extra_actors: dict | None = None) -> dict[str, list]:
    """The rules' mentions of ``text`` by label (each has ``span(conventions)``)."""
    from tui.suggest.rules.actors import find_actors, load_lexicon
    from tui.suggest.rules.claims import find_claims
    from tui.suggest.rules.figures import find_figures

    lex = lex or load_lexicon()
    actors = find_actors(text, extra_actors, lex)
    return {"ACTOR": actors, "FIGURE": find_figures(text, lex.demonyms),
            "CLAIM": find_claims(text, actors, lex)}


# every combination of each label's conventions: (values, Conventions)
_COMBOS = {label: [(vals, replace(DEFAULTS, **dict(zip(names, vals))))
                   for vals in product((True, False), repeat=len(names))]
           for label, names in BY_LABEL.items()}


def _votes(found: dict[str, list], gold: dict[str, set], counts: dict[str, list[int]]) -> None:
    """Add to ``counts`` ({name: [in, out]}) what each mention's exact match in ``gold``
    says: a convention gets a vote when every matching combination agrees on it and
    flipping it would change the span."""
    for label, names in BY_LABEL.items():
        spans = gold.get(label)
        if not spans:
            continue
        for m in found.get(label, ()):
            by_combo = {vals: m.span(c) for vals, c in _COMBOS[label]}
            hits = [vals for vals, sp in by_combo.items() if sp in spans]
            if not hits:
                continue
            for i, name in enumerate(names):
                values = {vals[i] for vals in hits}
                if len(values) != 1:
                    continue
                if any(by_combo[(*vals[:i], not vals[i], *vals[i + 1:])] != by_combo[vals] for vals in hits):
                    counts[name][0 if values.pop() else 1] += 1


def _kept_votes(mentions, gold: set, counts: dict[str, list[int]], flag: str, name: str) -> None:
    """Votes on a convention that keeps or drops whole mentions (``claim_hedges``,
    ``figure_ages``): each mention with ``flag`` the rules find in a document with spans of
    its label says "in" when a span of the team's overlaps it, else "out"."""
    _span_votes([(m.start, m.end) for m in mentions if getattr(m, flag, False)], gold, counts, name)


def _span_votes(spans, gold: set, counts: dict[str, list[int]], name: str) -> None:
    """Each of ``spans`` votes on ``name``: "in" when a span of the team's (``gold``, of a
    label the document has) overlaps it, else "out"."""
    if not gold:
        return
    for start, end in spans:
        hit = any(s < end and start < e for s, e in gold)
        counts[name][0 if hit else 1] += 1


_DET_RE = re.compile(r"(?:the|The|a|an|An)[ \t]+")
_DET_BEFORE_RE = re.compile(r"(?<![\w'’-])(?:the|The|a|an|An)[ \t]+\Z")


def _edge_votes(text: str, gold: set, found, counts: dict[str, list[int]], lex) -> None:
    """Votes on ``actor_title`` and ``actor_determiner`` from the team's actor spans the
    rules did not find under any combination (``Pope Francis`` tagged ``Francis``, a role
    group ``the fire service`` tagged without its ``the``): the span's own edges say which
    way the team goes, so a convention the rules' mentions never showed is still learned."""
    from tui.suggest.rules.actor_patterns import patterns

    hit = {m.span(c) for m in found for _, c in _COMBOS["ACTOR"]}
    title = patterns(lex).title
    for s, e in gold - hit:
        if title.match(text, s, e):
            counts["actor_title"][0] += 1
        elif any(t.end() == s for t in title.finditer(text, max(0, s - 40), s + 1)):
            counts["actor_title"][1] += 1
        if _DET_RE.match(text, s, e):
            counts["actor_determiner"][0] += 1
        elif _DET_BEFORE_RE.search(text, max(0, s - 6), s):
            counts["actor_determiner"][1] += 1


_MODIFIER_WORD_RE = re.compile(r"[A-Za-z][\w.-]*")


def _modifier_votes(text: str, gold: set, found, counts: dict[str, list[int]], lex) -> None:
    """Votes on ``actor_group_modifiers`` from the team's actor spans the rules did not find
    under any combination, ending in a lower-case group noun: modifiers before the noun inside
    the span (``world leaders``, ``Coalition forces``) say "in", the bare noun after modifiers
    (``leaders`` in ``world leaders``) says "out". Two articles rarely hold a modifier the
    rules vary, so most pairs of development golds left the convention at its default."""
    from tui.suggest.rules.actor_patterns import patterns
    from tui.suggest.rules.actor_words import NOT_MODIFIERS, modifiers_start
    from tui.suggest.rules.figures import lower_same_offsets

    hit = {m.span(c) for m in found for _, c in _COMBOS["ACTOR"]}
    group, low = patterns(lex).group, lower_same_offsets(text)
    for s, e in gold - hit:
        noun = next((m for m in group.finditer(low, max(s, e - 40), e) if m.end() == e), None)
        if noun is None or not text[noun.start()].islower():
            continue
        words = text[s:noun.start()].split()
        if words and len(words) <= 3 and all(_MODIFIER_WORD_RE.fullmatch(w) and w.lower() not in NOT_MODIFIERS
                                             for w in words):
            counts["actor_group_modifiers"][0] += 1
        elif not words and modifiers_start(text, s, lex) < s:
            counts["actor_group_modifiers"][1] += 1


_OPEN_QUOTES, _CLOSE_QUOTES = "“\"", "”\""


def _quote_votes(text: str, gold: set, found, counts: dict[str, list[int]]) -> None:
    """Votes on ``claim_quotes`` from the team's claims no mention whose span the conventions
    change matches (found at other edges, or with marks the rules did not see as a quotation):
    a claim that opens or closes with a quotation it holds (`“Stay home.”`, `the death “the
    senseless killing …”`) says "in", one with a quotation mark right outside it (punctuation
    between: `Stay home` in `“Stay home.”`) says "out"."""
    hit: set = set()
    for m in found:
        if m.quote is not None:  # its span follows claim_quotes: _votes counts it
            hit |= {m.span(c) for _, c in _COMBOS["CLAIM"]}
    for s, e in gold - hit:
        inner = text[s + 1:e - 1]
        if text[s] in _OPEN_QUOTES and any(q in inner + text[e - 1] for q in _CLOSE_QUOTES) \
                or text[e - 1] in _CLOSE_QUOTES and any(q in text[s] + inner for q in _OPEN_QUOTES):
            counts["claim_quotes"][0] += 1
        elif s and text[s - 1] in _OPEN_QUOTES or text[e:e + 2].lstrip(".,!?;:…")[:1] in _CLOSE_QUOTES:
            counts["claim_quotes"][1] += 1


def infer(annotated: Iterable[tuple], pins: dict[str, bool] | None = None,
          source: str = "", extra_actors: dict | None = None) -> Guidelines:
    """Guidelines from ``annotated`` pairs (text, spans with .label/.start/.end), or
    triples (text, spans, the rules' ``mentions`` of text) to save running the rules.

    A convention takes the value most examples show (a tie or no example keeps the
    default, or takes its ``KIN``'s: ``decide_conventions``); ``pins`` ({name: in?}) override whatever
    was inferred. ``actor_title`` with no example of a title takes the votes of lower-case
    roles before names (``tui.suggest.role_votes``: ``Local prosecutor Remy Heitz``)."""
    from tui.suggest.rules.actors import load_lexicon

    from tui.suggest.role_votes import role_votes
    from tui.suggest.rules.figcontext import age_phrases

    lex = load_lexicon()
    counts = {n: [0, 0] for n in NAMES}
    roles = [0, 0]  # a lower-case role before a name: the title's votes when no title showed
    docs = 0
    for text, spans, *found in annotated:
        gold: dict[str, set] = {}
        for s in spans:
            gold.setdefault(s.label, set()).add((s.start, s.end))
        if not gold:
            continue
        docs += 1
        found_ = found[0] if found else mentions(text, lex, extra_actors)
        _votes(found_, gold, counts)
        _kept_votes(found_.get("CLAIM", ()), gold.get("CLAIM", set()), counts, "hedged", "claim_hedges")
        _kept_votes(found_.get("FIGURE", ()), gold.get("FIGURE", set()), counts, "age", "figure_ages")
        _span_votes(age_phrases(text), gold.get("FIGURE", set()), counts, "figure_ages")  # "aged 36": how ages go
        _edge_votes(text, gold.get("ACTOR", set()), found_.get("ACTOR", ()), counts, lex)
        _modifier_votes(text, gold.get("ACTOR", set()), found_.get("ACTOR", ()), counts, lex)
        _quote_votes(text, gold.get("CLAIM", set()), found_.get("CLAIM", ()), counts)
        roles = [a + b for a, b in zip(roles, role_votes(text, gold.get("ACTOR", set())))]
    if counts["actor_title"] == [0, 0]:
        counts["actor_title"] = roles
    findings = decide_conventions(counts, pins)
    values = {n: f.value for n, f in findings.items()}
    return Guidelines(Conventions(**values), findings, docs, source)


def decide_conventions(counts: dict[str, list[int]], pins: dict[str, bool] | None = None) -> dict[str, Finding]:
    """Each convention from its votes ({name: [in, out]}): the majority; a tie or no example
    keeps the default, except that a convention with no example of its own takes its
    ``KIN``'s majority when that one has examples; ``pins`` override everything."""
    findings = {}
    for n in NAMES:
        vin, vout = counts[n]
        kin = KIN.get(n)
        kin_in, kin_out = counts[kin] if kin else (0, 0)
        if pins and n in pins:
            value, src = pins[n], "pinned"
        elif vin != vout:
            value, src = vin > vout, "inferred"
        elif vin == vout == 0 and kin_in != kin_out:
            value, src = kin_in > kin_out, "kin"
        else:
            value, src = getattr(DEFAULTS, n), "default"
        findings[n] = Finding(n, value, src, vin, vout)
    return findings
