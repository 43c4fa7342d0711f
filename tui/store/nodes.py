"""Typed values out of a libyaml node tree, each problem reported as ``path:line: problem``.

The YAML reader of annotation files (``store_yaml``) reads every value through a
:class:`NodeReader`: duplicate keys, unknown keys, aliases and tags are named, and plain
scalars that YAML 1.1 alone reads as a boolean, a date or a number (``no``, ``2026-01-01``,
``012``) are named instead of accepted.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from tui.store.yamlio import strict_scalar_problem

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
SEQ = "tag:yaml.org,2002:seq"
MAP = "tag:yaml.org,2002:map"
NUMBERS = frozenset({INT, FLOAT})
BOOLS = frozenset({BOOL})
_KNOWN_TAGS = {STR, INT, FLOAT, BOOL, NULL, TIMESTAMP, SEQ, MAP}
_constructor = SafeConstructor()


class Timestamp(str):
    """A plain scalar YAML resolved as a timestamp; kept as its text."""


class _Bad:
    def __repr__(self) -> str:
        return "<bad>"


BAD: Any = _Bad()  # a value that could not be read (its problem is reported already)


class NodeReader:
    """Reads values out of nodes, collecting ``path:line: problem`` lines in ``problems``."""

    def __init__(self, path: str, last_line: int = 1 << 62):
        self.path = path
        self.last_line = last_line  # YAML also breaks lines at CR, NEL, LS, PS: stay on a real line
        self.problems: list[str] = []
        self.seen: set[int] = set()

    def error(self, node, msg: str) -> None:
        line = min(node.start_mark.line + 1, self.last_line) if node is not None else 1
        self.problems.append(f"{self.path}:{line}: {msg}")

    def tag_ok(self, node, what: str) -> bool:
        if node is not None and node.tag not in _KNOWN_TAGS:
            self.error(node, f"{what}: tag {node.tag!r} is not allowed")
            return False
        return True

    def is_null(self, node) -> bool:
        return isinstance(node, yaml.ScalarNode) and node.tag == NULL

    def mapping(self, node, what: str, allowed: tuple[str, ...]) -> dict | None:
        """{key: value node} of a mapping node; reports dups, unknown keys, aliases."""
        if not self.tag_ok(node, what):
            return None
        if not isinstance(node, yaml.MappingNode) or node.tag != MAP:
            self.error(node, f"{what} must be a mapping")
            return None
        if id(node) in self.seen:
            self.error(node, f"{what}: YAML aliases (*name) are not allowed")
            return None
        self.seen.add(id(node))
        out = {}
        for knode, vnode in node.value:
            key = knode.value if isinstance(knode, yaml.ScalarNode) else None
            if not isinstance(key, str) or knode.tag != STR:
                self.error(knode, f"{what}: keys must be plain strings")
                continue
            if key in out:
                self.error(knode, f"{what}: duplicate key {key!r}")
                continue
            if key not in allowed:
                self.error(knode, f"{what}: unknown key {key!r} (expected: {', '.join(allowed)})")
                continue
            out[key] = vnode
        return out

    def sequence(self, node, what: str) -> list:
        if self.is_null(node):
            return []
        if not self.tag_ok(node, what):
            return []
        if not isinstance(node, yaml.SequenceNode) or node.tag != SEQ:
            self.error(node, f"{what} must be a list")
            return []
        if id(node) in self.seen:
            self.error(node, f"{what}: YAML aliases (*name) are not allowed")
            return []
        self.seen.add(id(node))
        return node.value

    def value(self, node, what: str, strict: frozenset = frozenset()) -> Any:
        """The Python value of a scalar node (str, int, float, bool, None, Timestamp), or BAD.
        ``strict``: tags whose plain forms that only YAML 1.1 reads as a number or boolean
        (``012``, ``0x1A``, ``1_000``, ``1:30``, ``yes``) are refused rather than accepted."""
        if not isinstance(node, yaml.ScalarNode) and not self.tag_ok(node, what):
            return BAD
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, f"{what} must be a single value, not a {'list' if isinstance(node, yaml.SequenceNode) else 'mapping'}")
            return BAD
        if id(node) in self.seen:
            self.error(node, f"{what}: YAML aliases (*name) are not allowed")
            return BAD
        self.seen.add(id(node))
        tag = node.tag
        if tag == STR:
            return node.value
        problem = strict_scalar_problem(tag, node.value) if tag in strict and not node.style else None
        if problem:
            self.error(node, f"{what}: {problem}")
            return BAD
        if tag == INT:
            try:
                return _constructor.construct_yaml_int(node)
            except ValueError:  # e.g. more digits than Python converts
                self.error(node, f"{what}: {node.value[:20]}… is not a usable integer")
                return BAD
        if tag == FLOAT:
            return _constructor.construct_yaml_float(node)
        if tag == BOOL:
            return _constructor.construct_yaml_bool(node)
        if tag == NULL:
            return None
        if tag == TIMESTAMP:
            return Timestamp(node.value)
        self.error(node, f"{what}: tag {tag!r} is not allowed")
        return BAD

    def string(self, node, what: str, optional: bool = False) -> Any:
        """A str (None if ``optional`` and null), or BAD."""
        v = self.value(node, what)
        if v is BAD:
            return BAD
        if v is None and optional:
            return None
        if not isinstance(v, str) or isinstance(v, Timestamp):
            self.error(node, f"{what} must be a string, {got(node, v)}")
            return BAD
        return v

    def integer(self, node, what: str) -> Any:
        """An int, or BAD."""
        v = self.value(node, what)
        if v is BAD:
            return BAD
        if isinstance(v, bool) or not isinstance(v, int):
            self.error(node, f"{what} must be an integer, {got(node, v)}")
            return BAD
        if not node.style and len(node.value) > 1 and node.value.lstrip("+-").startswith("0"):
            self.error(node, f"{what}: {node.value} has a leading zero (YAML 1.1 reads it as octal); write it without")
            return BAD
        return v

    def boolean(self, node, what: str) -> Any:
        """true or false (no YAML 1.1 ``yes``), or BAD."""
        v = self.value(node, what, strict=BOOLS)
        if v is BAD:
            return BAD
        if not isinstance(v, bool):
            self.error(node, f"{what} must be true or false")
            return BAD
        return v


def got(node, v) -> str:
    """What a node held instead of the value expected, for a problem line."""
    if isinstance(v, bool):
        return f"got unquoted {node.value!r}, which YAML 1.1 reads as boolean {v}; quote it"
    if isinstance(v, Timestamp):
        return f"got unquoted {node.value!r}, which YAML reads as a date; quote it"
    if v is None:
        return "got nothing (null)"
    if isinstance(v, (int, float)) and not node.style:
        return f"got unquoted {node.value!r}, which YAML reads as a number; quote it"
    return f"got {type(v).__name__}"
