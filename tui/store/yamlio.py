"""Safe YAML primitives: the libyaml C loader/dumper when present, the pure ones otherwise,
and a small canonical emitter for the strings and numbers of annotation files.

The emitter writes a subset of YAML that every safe loader reads back identically:
plain scalars only where YAML 1.1 cannot read them as anything but the same string,
double-quoted JSON-style strings elsewhere (with every character YAML treats as a line
break or non-printable escaped), and floats that always resolve as floats.
"""

from __future__ import annotations

import json
import re

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

_PLAIN_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_./-]*(?: [A-Za-z0-9_./-]+)*\Z")
_YAML11_WORDS = frozenset(
    "yes no true false on off null y n".split()
)
# Characters JSON leaves raw but YAML must not see raw inside a double-quoted scalar:
# DEL and C1 controls, NEL, line/paragraph separators, BOM, non-characters, surrogates.
_ESCAPE_RE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
TIMESTAMP_RE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z\Z")
# Every form YAML reads as a timestamp (PyYAML writes ``2026-12-06 18:05:08+00:00``) whose
# offset is zero: UTC without doubt. A time with no offset, or another offset, is not.
_UTC_RE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})"
                     r"(?:\.([0-9]*))?[ \t]*(?:Z|[-+]0{1,2}(?::00)?)\Z")
# The only plain number and boolean forms annotation files hold: what YAML 1.1 and 1.2 and
# JSON read alike. Others (012 octal, 0x1A, 1_000, 1:30 sexagesimal, .inf, yes/on/y) are
# named instead of accepted, since a reader of another YAML version sees another value.
_STRICT = {
    "tag:yaml.org,2002:int": re.compile(r"-?(?:0|[1-9][0-9]*)\Z"),
    "tag:yaml.org,2002:float": re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?\Z"),
    "tag:yaml.org,2002:bool": re.compile(r"(?:true|false)\Z"),
}


def strict_scalar_problem(tag: str, raw: str) -> str | None:
    """A problem with the plain scalar ``raw`` that YAML 1.1 resolved as ``tag``, or None."""
    pattern = _STRICT.get(tag)
    if pattern is None or pattern.match(raw):
        return None
    kind = tag.rsplit(":", 1)[1]
    if kind == "bool":
        return f"unquoted {raw[:20]!r} is read as a boolean by YAML 1.1 only; write true/false, or quote it"
    return (f"unquoted {raw[:20]!r} is read as a {kind} by YAML 1.1 only (octal, hex, _ or : forms differ "
            "between readers); write plain decimal digits, or quote it")


def utc_timestamp(value: str) -> str | None:
    """``value`` as margin writes it (``2026-11-25T10:00:00Z``, fractional seconds kept)
    when it is an unambiguous UTC timestamp and a real date, else None."""
    m = _UTC_RE.match(value)
    if m is None:
        return None
    year, month, day, hour, minute, second, frac = m.groups()
    canonical = f"{year}-{int(month):02}-{int(day):02}T{int(hour):02}:{minute}:{second}"
    from datetime import datetime

    try:
        datetime.strptime(canonical, "%Y-%m-%dT%H:%M:%S")
    except ValueError:
        return None
    return canonical + (f".{frac}" if frac else "") + "Z"


def is_timestamp(value: str) -> bool:
    """``value`` is an unambiguous UTC timestamp (see ``utc_timestamp``)."""
    return utc_timestamp(value) is not None


def _esc(m: re.Match) -> str:
    return f"\\u{ord(m.group()):04x}"


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def quote(s: str) -> str:
    """A double-quoted YAML scalar for ``s``; a lone surrogate (not Unicode) is refused."""
    m = _SURROGATE_RE.search(s)
    if m:
        from tui.errors import DataError

        raise DataError(f"{s[:40]!r} holds a lone surrogate U+{ord(m.group()):04X}, which is not text")
    q = json.dumps(s, ensure_ascii=False)
    return _ESCAPE_RE.sub(_esc, q) if _ESCAPE_RE.search(q) else q


def scalar(s: str) -> str:
    """``s`` as a plain scalar when that reads back as the same string, else quoted."""
    if _PLAIN_RE.match(s) and s.lower() not in _YAML11_WORDS:
        return s
    return quote(s)


def number(v) -> str:
    if isinstance(v, bool):
        raise TypeError("booleans are not numbers")
    if isinstance(v, int):
        return str(v)
    r = repr(float(v))
    if "e" in r and "." not in r.split("e")[0]:
        mant, exp = r.split("e")
        r = f"{mant}.0e{exp}"
    return r


def reader_error(text: str, e: yaml.reader.ReaderError) -> str:
    """``line: problem`` for a character YAML refuses (libyaml counts bytes, PyYAML code points)."""
    if e.encoding == "unicode":
        line = text.count("\n", 0, e.position) + 1
    else:
        line = text.encode("utf-8", "surrogatepass").count(b"\n", 0, e.position) + 1
    char = f"U+{e.character:04X}" if isinstance(e.character, int) else repr(e.character)
    return f"{line}: character {char} is not allowed in YAML"


def compose_text(text: str, source: str):
    """The node tree of YAML ``text`` (None when empty): the one place YAML syntax errors
    become ``source:line: problem`` (ValidationError). Aliases are kept as shared nodes:
    a reader that walks the tree must refuse them (:func:`compose_checked` does)."""
    from tui.errors import ValidationError

    try:
        root = yaml.compose(text, Loader=SafeLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = min(mark.line + 1, text.count("\n") + 1) if mark else 1
        raise ValidationError([f"{source}:{line}: YAML syntax error: {e.problem or e.context}"]) from None
    except yaml.reader.ReaderError as e:
        raise ValidationError([f"{source}:{reader_error(text, e)}"]) from None
    except yaml.YAMLError as e:
        raise ValidationError([f"{source}:1: YAML error: {str(e).splitlines()[0]}"]) from None
    return root


def compose_checked(text: str, source: str):
    """The node tree of untrusted YAML ``text`` (None when empty), with no alias: an alias
    (``*name``; a "billion laughs" bomb is made of them) is refused at its anchor's line
    (ValidationError) before anything walks, prints or builds the tree (this walk visits
    each node once)."""
    from tui.errors import ValidationError

    root = compose_text(text, source)
    seen: set[int] = set()
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise ValidationError([f"{source}:{node.start_mark.line + 1}: YAML aliases (*name) are not allowed"])
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(x for kv in node.value for x in kv)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return root


def safe_load_text(text: str, source: str = "<string>"):
    """Parse YAML with a safe loader, aliases refused (:func:`compose_checked`); DataError
    ``source:line: problem`` on bad syntax."""
    from tui.errors import DataError, ValidationError

    try:
        if compose_checked(text, source) is None:
            return None
    except ValidationError as e:
        raise DataError(e.problems[0]) from None
    return yaml.load(text, Loader=SafeLoader)
