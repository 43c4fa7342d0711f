"""The scalars of canonical annotation files, read exactly as YAML reads them (or refused).

Used by the fast reader (``canonical``, ``canonical_spans``): every scalar form accepted
here is one YAML 1.1 resolves unambiguously to the same value (plain words that are no
boolean/null, canonical ints and floats, double-quoted strings using only the escapes JSON
and YAML share) and holds no raw character YAML treats as a line break or refuses; for
anything else these return None and the file goes to the YAML reader.
"""

from __future__ import annotations

import re
from functools import lru_cache
from json.decoder import scanstring  # type: ignore[attr-defined]  # the C decoder of one JSON string (no stub)

from tui.store.yamlio import _PLAIN_RE, _YAML11_WORDS

# Raw characters the fast path never reads: controls (tab and CR too), everything YAML
# calls non-printable or a line break (NEL, LS, PS), BOM, non-characters, surrogates. The
# patterns of the fast reader leave every character of a value either to a strict class
# (plain words, numbers) or to the bodies of quoted strings, which unescape checks.
_FORBIDDEN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
# A double-quoted string's body with escapes: only those JSON and YAML read alike, no surrogates.
_ESCAPES = re.compile(r'[^"\\]*(?:\\(?:["\\bfnrt]|u(?![dD][89a-fA-F])[0-9a-fA-F]{4})[^"\\]*)*\Z')
INT = r"0|-?[1-9][0-9]{0,3999}"  # int() refuses longer digit strings
_INT_RE = re.compile(rf"(?:{INT})\Z")
_FLOAT_RE = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+(?:e[-+][0-9]+)?\Z")  # as yamlio.number writes
TIMESTAMP_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?Z\Z")
# One scalar inside a flow collection: a quoted string (escape pairs kept whole) or plain text.
FLOW = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"|[A-Za-z0-9_./+ -]+'
PAIR_RE = re.compile(rf"({FLOW}): ({FLOW})(, |\Z)")
ITEM_RE = re.compile(rf"({FLOW})(, |\Z)")
_MAX_KEY = 512  # libyaml refuses flow mapping keys over 1024 characters
# The string value ending a block line, in two groups: the first holds the common form
# (STR: a plain word that is no YAML 1.1 boolean/null; QSTR: the body of a quoted string
# without escapes, for unescape to check), the second anything else, for string.
_WORD = r"(?!(?i:yes|no|true|false|on|off|null|y|n)\n)[A-Za-z_][A-Za-z0-9_./-]*(?: [A-Za-z0-9_./-]+)*"
STR = rf'(?:({_WORD})|([^\n]+))\n'
QSTR = r'(?:"([^"\\\n]*)"|([^\n]+))\n'


def quoted(tok: str) -> str | None:
    """The value of a double-quoted scalar (the whole token), or None."""
    return unescape(tok[1:-1]) if len(tok) > 1 and tok[-1] == '"' else None


def unescape(body: str) -> str | None:
    """The value of a double-quoted scalar whose body (between the quotes) is ``body``, or None."""
    if not (body.isprintable() or readable(body)):
        return None
    if "\\" not in body:
        return body if '"' not in body else None
    # JSON also reads \/ and surrogate pairs, YAML 1.1 does not: where they may be, the exact check
    if ("\\/" in body or "\\u" in body) and not _ESCAPES.match(body):
        return None
    try:
        value, end = scanstring(body + '"', 0)
    except ValueError:  # an escape JSON does not know (YAML may: \x41, \e): not read here
        return None
    return value if end == len(body) + 1 else None  # else a raw quote inside


def readable(body: str) -> bool:
    """No raw character the fast path never reads in ``body`` (asked after ``str.isprintable``,
    C-fast, said no: it also refuses a few characters YAML reads, like NBSP or ZWJ)."""
    return _FORBIDDEN.search(body) is None


def string(tok: str) -> str | None:
    """A scalar YAML reads as a string: quoted, or plain and not a YAML 1.1 word."""
    if tok[0] == '"':
        return quoted(tok)
    return tok if _PLAIN_RE.match(tok) and tok.lower() not in _YAML11_WORDS else None


@lru_cache(maxsize=4096)
def value(tok: str) -> str | int | float | None:
    """An attribute value: string, int or float exactly as YAML resolves it, or None."""
    if not tok:
        return None
    if tok[0] == '"':
        return quoted(tok)
    if _INT_RE.match(tok):
        return int(tok)
    if _FLOAT_RE.match(tok):
        return float(tok)
    return tok if _PLAIN_RE.match(tok) and tok.lower() not in _YAML11_WORDS else None


@lru_cache(maxsize=256)
def key(tok: str) -> str | None:
    """A key of a flow mapping (an attribute name)."""
    return string(tok) if 0 < len(tok) <= _MAX_KEY else None


def items(body: str, pattern: re.Pattern) -> list[list[str]] | None:
    """The comma-separated items of a flow collection's body, or None."""
    out, pos = [], 0
    while True:
        m = pattern.match(body, pos)
        if m is None:
            return None
        *item, sep = m.groups()
        out.append(item)
        if not sep:
            return out
        pos = m.end()
