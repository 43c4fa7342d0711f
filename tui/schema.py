"""Labels, attributes, relations and their keys; the default schema; reading margin.yaml."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .errors import DataError


INT_LIMIT = 2**63  # integer attributes fit a signed 64-bit column (Arrow, spaCy, pandas)


@dataclass(frozen=True)
class AttrDef:
    name: str
    kind: str  # "enum" | "number" | "text"
    values: tuple[str, ...] = ()

    def check(self, value) -> str | None:
        """A problem with ``value`` for this attribute, or None."""
        if self.kind == "number":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                return f"attribute {self.name!r} must be a number, got {_describe(value)}"
            if isinstance(value, float) and not math.isfinite(value):
                return f"attribute {self.name!r} must be a finite number"
            if isinstance(value, int) and not -INT_LIMIT <= value < INT_LIMIT:
                return f"attribute {self.name!r}: {str(value)[:20]}… does not fit in 64 bits; write it as a decimal like 1.5e+20"
            return None
        if not isinstance(value, str):
            return f"attribute {self.name!r} must be a string, got {_describe(value)}"
        if self.kind == "enum" and value not in self.values:
            return (
                f"unknown value {value!r} for attribute {self.name!r} "
                f"(expected one of: {', '.join(self.values)})"
            )
        return None


def _describe(value) -> str:
    if isinstance(value, bool):
        return f"boolean {value} (quote it: YAML 1.1 reads yes/no/on/off as booleans)"
    return type(value).__name__


@dataclass(frozen=True)
class LabelDef:
    name: str
    key: str
    attrs: dict[str, AttrDef] = field(default_factory=dict)
    color: str = ""
    description: str = ""


@dataclass(frozen=True)
class RelationDef:
    name: str
    from_labels: tuple[str, ...]
    to_labels: tuple[str, ...]
    key: str = "r"


@dataclass(frozen=True)
class Schema:
    labels: dict[str, LabelDef]
    relations: dict[str, RelationDef]

    def label_for_key(self, key: str) -> LabelDef | None:
        for lab in self.labels.values():
            if lab.key == key:
                return lab
        return None

    def to_dict(self) -> dict:
        return {
            "labels": {
                lab.name: {
                    "key": lab.key,
                    **({"color": lab.color} if lab.color else {}),
                    **({"description": lab.description} if lab.description else {}),
                    "attrs": {
                        a.name: (list(a.values) if a.kind == "enum" else a.kind)
                        for a in lab.attrs.values()
                    },
                }
                for lab in self.labels.values()
            },
            "relations": {
                r.name: {"from": list(r.from_labels), "to": list(r.to_labels)}
                for r in self.relations.values()
            },
        }


QUALIFIERS = ("exact", "about", "at least", "at most", "more than", "less than", "up to")

DEFAULT_SCHEMA_DICT = {
    "labels": {
        "ACTOR": {
            "key": "a",
            "color": "cyan",
            "description": "who acts or speaks: people, organisations, governments, groups",
            "attrs": {"type": ["person", "organisation", "government", "group", "other"]},
        },
        "FIGURE": {
            "key": "f",
            "color": "yellow",
            "description": "how many, how much, with a normalised value, unit and qualifier",
            "attrs": {"value": "number", "unit": "text", "qualifier": list(QUALIFIERS)},
        },
        "CLAIM": {
            "key": "c",
            "color": "magenta",
            "description": "what is asserted, and by whom (attributed_to an ACTOR)",
            "attrs": {"status": ["asserted", "reported", "disputed", "denied"]},
        },
    },
    "relations": {"attributed_to": {"from": ["CLAIM"], "to": ["ACTOR"]}},
}


def schema_from_dict(data, source: str = "margin.yaml") -> Schema:
    """Build a schema from its YAML shape; raise DataError naming the problem."""

    def fail(msg: str):
        raise DataError(f"{source}: {msg}")

    if not isinstance(data, dict) or not isinstance(data.get("labels"), dict) or not data["labels"]:
        fail("expected a mapping with a non-empty 'labels' mapping")
    labels: dict[str, LabelDef] = {}
    keys: set[str] = set()
    for name, spec in data["labels"].items():
        if not isinstance(name, str) or not name.isidentifier():
            fail(f"label name {name!r} must be a word (letters, digits, _)")
        if not isinstance(spec, dict):
            fail(f"label {name}: expected a mapping")
        key = spec.get("key", name[0].lower())
        if not isinstance(key, str) or len(key) != 1 or not key.isprintable() or key.isspace():
            fail(f"label {name}: key must be one printable character")
        if key in keys:
            fail(f"label {name}: key {key!r} is used twice")
        keys.add(key)
        attrs = {}
        aspecs = spec.get("attrs") or {}
        if not isinstance(aspecs, dict):
            fail(f"label {name}: attrs must be a mapping of attribute names")
        for aname, aspec in aspecs.items():
            if not isinstance(aname, str) or not aname.isidentifier():
                fail(f"label {name}: attribute name {aname!r} must be a word (letters, digits, _)")
            if isinstance(aspec, list) and aspec and all(isinstance(v, str) for v in aspec):
                attrs[aname] = AttrDef(aname, "enum", tuple(aspec))
            elif aspec in ("number", "text"):
                attrs[aname] = AttrDef(aname, aspec)
            else:
                fail(f"label {name}: attribute {aname!r} must be 'number', 'text' or a list of strings")
        labels[name] = LabelDef(
            name, key, attrs, str(spec.get("color", "")), str(spec.get("description", ""))
        )
    relations = {}
    rspecs = data.get("relations") or {}
    if not isinstance(rspecs, dict):
        fail("relations must be a mapping of relation names")
    for rname, rspec in rspecs.items():
        if not isinstance(rname, str) or not rname.isidentifier():
            fail(f"relation name {rname!r} must be a word (letters, digits, _)")
        if not isinstance(rspec, dict):
            fail(f"relation {rname}: expected a mapping with 'from' and 'to'")
        ends = []
        for end in ("from", "to"):
            vals = rspec.get(end)
            vals = [vals] if isinstance(vals, str) else vals
            if not isinstance(vals, list) or not vals or any(not isinstance(v, str) or v not in labels for v in vals):
                fail(f"relation {rname}: {end!r} must list known labels")
            ends.append(tuple(vals))
        relations[rname] = RelationDef(rname, ends[0], ends[1])
    return Schema(labels, relations)


DEFAULT_SCHEMA = schema_from_dict(DEFAULT_SCHEMA_DICT, "default schema")
