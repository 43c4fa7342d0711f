"""Labels, attributes, relations and their keys; the default schema; reading margin.yaml."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from tui.errors import DataError


INT_LIMIT = 2**63  # integer attributes fit a signed 64-bit column (Arrow, spaCy, pandas)


@dataclass(frozen=True)
class AttrDef:
    name: str
    kind: str  # "enum" | "number" | "text"
    values: tuple[str, ...] = ()
    description: str = ""  # guidelines (margin guidelines, the ? help)
    examples_in: tuple[str, ...] = ()
    examples_out: tuple[str, ...] = ()

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
    examples_in: tuple[str, ...] = ()  # short texts that are this label
    examples_out: tuple[str, ...] = ()  # and texts that are not (the tricky cases)


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
                    **_examples_dict(lab),
                    "attrs": {a.name: _attr_dict(a) for a in lab.attrs.values()},
                }
                for lab in self.labels.values()
            },
            "relations": {
                r.name: {"from": list(r.from_labels), "to": list(r.to_labels)}
                for r in self.relations.values()
            },
        }


def _examples_dict(d) -> dict:
    ex = {k: list(v) for k, v in (("in", d.examples_in), ("out", d.examples_out)) if v}
    return {"examples": ex} if ex else {}


def _attr_dict(a: AttrDef):
    short = list(a.values) if a.kind == "enum" else a.kind
    if not a.description and not a.examples_in and not a.examples_out:
        return short
    return {("values" if a.kind == "enum" else "kind"): short,
            **({"description": a.description} if a.description else {}), **_examples_dict(a)}


MAX_EXAMPLES = 12  # per list: guidelines, not a dataset
MAX_EXAMPLE = 200  # characters of one example
MAX_DESCRIPTION = 2000


def _guidelines(spec: dict, where: str, fail) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """(description, examples in, examples out) of a label or attribute spec, validated."""
    desc = spec.get("description", "")
    if desc is None:
        desc = ""
    if not isinstance(desc, str):
        fail(f"{where}.description: must be text, got {type(desc).__name__} (quote it)")
    if len(desc) > MAX_DESCRIPTION:
        fail(f"{where}.description: longer than {MAX_DESCRIPTION} characters")
    ex = spec.get("examples")
    if ex is None:
        return desc, (), ()
    if not isinstance(ex, dict) or not set(ex) <= {"in", "out"}:
        fail(f"{where}.examples: expected a mapping with 'in' and/or 'out' lists")
    out = []
    for side in ("in", "out"):
        vals = ex.get(side) or []
        if not isinstance(vals, list) or not all(isinstance(v, str) and v.strip() for v in vals):
            fail(f"{where}.examples.{side}: must be a list of texts (quote numbers and yes/no)")
        if len(vals) > MAX_EXAMPLES:
            fail(f"{where}.examples.{side}: more than {MAX_EXAMPLES} examples; keep guidelines short")
        for i, v in enumerate(vals):
            if len(v) > MAX_EXAMPLE:
                fail(f"{where}.examples.{side}[{i}]: longer than {MAX_EXAMPLE} characters")
        out.append(tuple(vals))
    return desc, out[0], out[1]


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


def is_type_name(name) -> bool:
    """A label or relation name: a word (``str.isidentifier``) in which ``-`` may join parts,
    as brat's and Prodigy's names do (``Organization-Name``); never starting or ending with ``-``."""
    return isinstance(name, str) and not name.startswith("-") and not name.endswith("-") and \
        name.replace("-", "_").isidentifier()


def schema_from_dict(data, source: str = "margin.yaml") -> Schema:
    """Build a schema from its YAML shape; raise DataError naming the problem."""

    def fail(msg: str):
        raise DataError(f"{source}: {msg}")

    if not isinstance(data, dict) or not isinstance(data.get("labels"), dict) or not data["labels"]:
        fail("expected a mapping with a non-empty 'labels' mapping")
    labels: dict[str, LabelDef] = {}
    keys: set[str] = set()
    for name, spec in data["labels"].items():
        if not is_type_name(name):
            fail(f"label name {name!r} must be a word (letters, digits, _ and -, starting with a letter or _)")
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
            guide: tuple[str, tuple[str, ...], tuple[str, ...]] = ("", (), ())
            if isinstance(aspec, dict):  # long form: {values: [...] | kind: ..., description, examples}
                where = f"labels.{name}.attrs.{aname}"
                unknown = set(aspec) - {"values", "kind", "description", "examples"}
                if unknown:
                    fail(f"{where}: unknown key {sorted(map(str, unknown))[0]!r} (expected: values or kind, description, examples)")
                guide = _guidelines(aspec, where, fail)
                aspec = aspec.get("values", aspec.get("kind"))
            if isinstance(aspec, list) and aspec and all(isinstance(v, str) for v in aspec):
                attrs[aname] = AttrDef(aname, "enum", tuple(aspec), *guide)
            elif aspec in ("number", "text"):
                attrs[aname] = AttrDef(aname, aspec, (), *guide)
            else:
                fail(f"label {name}: attribute {aname!r} must be 'number', 'text' or a list of strings")
        desc, ex_in, ex_out = _guidelines(spec, f"labels.{name}", fail)
        labels[name] = LabelDef(name, key, attrs, str(spec.get("color", "")), desc, ex_in, ex_out)
    return Schema(labels, _relations(data.get("relations") or {}, labels, fail))


def _relations(rspecs, labels: dict, fail) -> dict[str, RelationDef]:
    """The schema's relations, each between labels it knows."""
    relations = {}
    if not isinstance(rspecs, dict):
        fail("relations must be a mapping of relation names")
    for rname, rspec in rspecs.items():
        if not is_type_name(rname):
            fail(f"relation name {rname!r} must be a word (letters, digits, _ and -, starting with a letter or _)")
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
    return relations


DEFAULT_SCHEMA = schema_from_dict(DEFAULT_SCHEMA_DICT, "default schema")
