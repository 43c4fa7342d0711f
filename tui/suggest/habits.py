"""What a team decides beyond boundaries, learned from its annotations: which attribute
values it writes (an actor's type, a figure's unit and qualifier, a claim's status), what
it writes where the rules would say something else, and the types it gives the names it
has tagged. Pure (no Textual).

``learn(pairs, schema)`` reads (suggested attrs, annotated span) pairs: for each annotated
span, what the rules or the figure reader say over the same words next to what the team
wrote. ``Habits.apply(label, text, attrs)`` turns a suggestion's attributes into the
team's: a name the team has typed keeps its type; a value the rules give is replaced by
what the team wrote most often in its place (or dropped when the team writes nothing
there); and an enumerated value the team never uses is never suggested.

    h = learn(pairs, schema)
    h.apply("FIGURE", "at least 23", {"value": 23, "qualifier": "exact"})   # {"value": 23}
    h.values("FIGURE", "unit")        # the team's units, most used first
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

NOTHING = "-"  # the team wrote no value where the rules had one


#: a fraction said in words (no percent written): the rules read it as a percentage ("half": 50,
#: percent); a team may write the share itself ("About a quarter": 0.25, no unit: bench/realtext)
_FRACTION_RE = re.compile(r"(?i)\b(?:half|thirds?|quarters?|fifths?|tenths?)\b")
_PERCENT_RE = re.compile(r"(?i)%|\bper[ \t]?cent\b|\bpercent")
FRACTION_KEY = "FIGURE|fraction"  # in ``instead``: how the team writes a fraction, "share" or "percent"


def _fraction(text: str, attrs: dict) -> bool:
    return attrs.get("unit") == "percent" and bool(_FRACTION_RE.search(text)) and not _PERCENT_RE.search(text)


def _key(v) -> str:
    return f"{type(v).__name__}:{v}"


@dataclass
class Habits:
    spans: dict[str, int] = field(default_factory=dict)  # label -> annotated spans seen
    used: dict[str, dict[str, Counter]] = field(default_factory=dict)  # label -> attr -> values written
    instead: dict[str, Counter] = field(default_factory=dict)  # "label|attr|suggested" -> written (or NOTHING)
    names: dict[str, Counter] = field(default_factory=dict)  # lower-case actor text -> types written
    kinds: dict[str, dict[str, str]] = field(default_factory=dict)  # label -> attr -> enum|number|text

    def values(self, label: str, attr: str) -> list:
        """The values the team writes for ``attr`` of ``label``, most used first."""
        return [v for v, _ in self.used.get(label, {}).get(attr, Counter()).most_common()]

    def apply(self, label: str, text: str, attrs: dict) -> dict:
        """``attrs`` of a suggestion over ``text`` as this team would write them."""
        if not self.spans.get(label):
            return dict(attrs)  # the team has not tagged this label yet: nothing to learn from
        used = self.used.get(label, {})
        out = {}
        for k, v in attrs.items():
            if v is None:
                continue
            seen = self.instead.get(f"{label}|{k}|{_key(v)}")
            if seen:
                best, times = seen.most_common(1)[0]
                if best == NOTHING:
                    continue
                if times > 1 or self.kinds.get(label, {}).get(k) != "text":
                    v = _value(best)  # a text value (a unit) written once instead is that span's reading
            if k not in used:
                continue  # the team never writes this attribute
            if self.kinds.get(label, {}).get(k) == "enum" and v not in used[k]:
                continue  # a value the team never uses is never suggested
            out[k] = v
        typed = self._type_of(text) if label == "ACTOR" and "type" in used else None
        if typed:
            out["type"] = typed
        way = self.instead.get(FRACTION_KEY)
        if label == "FIGURE" and way and way["share"] > way["percent"] and _fraction(text, attrs):
            out.pop("unit", None)  # "About a quarter": 0.25, as the team writes a fraction
            if isinstance(attrs.get("value"), (int, float)) and "value" in used:
                out["value"] = round(attrs["value"] / 100, 3)
        return out

    def _type_of(self, text: str) -> str | None:
        """The type the team writes for ``text``; for words it has not typed, the type of their
        head when that is a lower-case plural it has typed (``Local officials`` like
        ``officials``, a role group: GUIDELINES types a modified role group like the bare one)."""
        seen = self.names.get(text.lower())
        words = text.split()
        if seen is None and len(words) > 1 and re.fullmatch(r"[a-z]{3,}s", words[-1]):
            seen = self.names.get(words[-1])
        return seen.most_common(1)[0][0] if seen else None

    def to_json(self) -> dict:
        return {"spans": self.spans,
                "used": {lab: {k: [[v, n] for v, n in c.items()] for k, c in d.items()} for lab, d in self.used.items()},
                "instead": {k: dict(c) for k, c in self.instead.items()},
                "names": {k: dict(c) for k, c in self.names.items()},
                "kinds": self.kinds}

    @classmethod
    def from_json(cls, d: dict) -> "Habits":
        return cls({k: int(v) for k, v in d["spans"].items()},
                   {lab: {k: Counter({v: int(n) for v, n in pairs}) for k, pairs in a.items()}
                    for lab, a in d["used"].items()},
                   {k: Counter(c) for k, c in d["instead"].items()},
                   {k: Counter(c) for k, c in d["names"].items()},
                   {lab: dict(a) for lab, a in d["kinds"].items()})


def _value(key: str):
    kind, _, raw = key.partition(":")
    return int(raw) if kind == "int" else float(raw) if kind == "float" else raw


def learn(pairs: Iterable[tuple[dict | None, object]], schema) -> Habits:
    """Habits from (attrs suggested over the same words or None, annotated Span) pairs."""
    h = Habits(kinds={lab: {k: a.kind for k, a in ldef.attrs.items()} for lab, ldef in schema.labels.items()})
    for suggested, span in pairs:
        label = span.label  # type: ignore[attr-defined]
        written: dict = span.attrs  # type: ignore[attr-defined]
        h.spans[label] = h.spans.get(label, 0) + 1
        used = h.used.setdefault(label, {})
        for k, v in written.items():
            used.setdefault(k, Counter())[v] += 1
        if label == "ACTOR" and "type" in written:
            h.names.setdefault(span.text.lower(), Counter())[written["type"]] += 1  # type: ignore[attr-defined]
        fraction = label == "FIGURE" and suggested is not None and _fraction(getattr(span, "text", ""), suggested)
        if fraction and suggested is not None:
            _vote_fraction(h, suggested, written)
        for k, v in (suggested or {}).items():
            if v is not None and h.kinds.get(label, {}).get(k) != "number" and not (fraction and k == "unit"):
                got = written.get(k)
                h.instead.setdefault(f"{label}|{k}|{_key(v)}", Counter())[NOTHING if got is None else _key(got)] += 1
    return h


def _vote_fraction(h: Habits, suggested: dict, written: dict) -> None:
    """How the team wrote a fraction the rules read as a percentage: the share ("About a
    quarter": 0.25, no unit) or the percentage (25, percent)."""
    way = h.instead.setdefault(FRACTION_KEY, Counter({"share": 0, "percent": 0}))
    got, rules = written.get("value"), suggested.get("value")
    if written.get("unit") is None and isinstance(got, (int, float)) and isinstance(rules, (int, float)) \
            and abs(got - rules / 100) < 0.006:
        way["share"] += 1
    elif written.get("unit") == "percent":
        way["percent"] += 1
