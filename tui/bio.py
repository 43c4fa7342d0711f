"""Spans <-> BIO (IOB2) tags over margin's tokens (``tui.tokens``), with one overlap policy.

Used by every exporter that writes tags (CoNLL's label columns, Hugging Face's
``ner_tags`` and ``tags_<LABEL>``), by the CRF that learns from them and by the CoNLL
importer that reads them back.

Encoding (``encode``): a span covers every token it touches (a span off token boundaries
is extended to whole tokens, ``Tagged.extended``); a span touching no token (only
whitespace) has nothing to tag (``Tagged.empty``). One tag sequence holds no two
overlapping spans, so **the innermost span wins**: spans are placed shortest first (in
characters), then earliest, then by label and id, and a span touching a token already
tagged is left out (``Tagged.left_out``). A claim holding an actor keeps the actor, two
nested names keep the inner one, whatever order the spans came in.

Decoding (``decode``): ``B``/``S``/``U`` start an entity, ``I``/``E``/``L`` continue one
of the same label, ``E``/``L``/``S``/``U`` end it, and an ``I-X`` that does not continue an
``X`` starts one (seqeval's default reading), so BIO, IOB1 and BIOES/BILOU all read.
``decode(encode(...).tags)`` gives back exactly the kept spans, in tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from tui.tokens import TokenIndex

TAG_RE = re.compile(r"([BIESLU])-(.+)\Z")


class Piece(NamedTuple):
    """A span as ``encode`` needs it (anything with these attributes will do)."""
    start: int
    end: int
    label: str
    id: str = ""


@dataclass
class Tagged:
    """One BIO sequence and what it could not hold as given."""
    tags: list[str]
    kept: list[Any] = field(default_factory=list)       # (span, first token, end token)
    left_out: list[Any] = field(default_factory=list)   # overlapping a kept (innermore) span
    empty: list[Any] = field(default_factory=list)      # touching no token
    extended: list[Any] = field(default_factory=list)   # (span, start, end) of its whole tokens


def innermost_first(span) -> tuple:
    """The one order spans are placed in: shortest, then earliest, then label and id."""
    return (span.end - span.start, span.start, span.label, getattr(span, "id", ""))


def encode(index: TokenIndex, spans) -> Tagged:
    """The BIO tags of ``spans`` over ``index``'s tokens (``index.complete()`` is called)."""
    index.complete()
    tokens = index.tokens
    out = Tagged(["O"] * len(tokens))
    for s in sorted(spans, key=innermost_first):
        toks = index.tokens_in(s.start, s.end)
        if not toks:
            out.empty.append(s)
            continue
        if any(out.tags[t] != "O" for t in toks):
            out.left_out.append(s)
            continue
        a, b = tokens[toks[0]][0], tokens[toks[-1]][1]
        if (a, b) != (s.start, s.end):
            out.extended.append((s, a, b))
        out.tags[toks[0]] = f"B-{s.label}"
        for t in toks[1:]:
            out.tags[t] = f"I-{s.label}"
        out.kept.append((s, toks[0], toks[-1] + 1))
    out.kept.sort(key=lambda k: k[1])
    return out


def decode(tags: list[str]) -> list[tuple[str, int, int]]:
    """(label, first token, end token exclusive) of each entity in a BIO, IOB1 or BIOES
    tag list, in order."""
    out: list[tuple[str, int, int]] = []
    label: str | None = None
    first = 0
    for i, tag in enumerate([*tags, "O"]):
        m = TAG_RE.match(tag)
        kind, lab = (m.group(1), m.group(2)) if m else ("O", None)
        if label is not None and (kind in "BSUO" or lab != label):
            out.append((label, first, i))
            label = None
        if m and label is None:
            label, first = lab, i
        if kind in "ELSU" and label is not None:
            out.append((label, first, i + 1))
            label = None
    return out


def is_tag(t: str) -> bool:
    return t == "O" or TAG_RE.match(t) is not None
