"""Where the candidates of one adjudication group differ in their bounds (pure), so a
review can mark the words one candidate has and another lacks."""

from __future__ import annotations

from dataclasses import dataclass

from tui.model import Span
from tui.tokens import trimmed


@dataclass(frozen=True)
class BoundDiff:
    """How one candidate's bounds differ from the others' (character ranges, whitespace
    trimmed): ``extra`` is text it has that some other candidate lacks, ``missing`` text
    another candidate has that it lacks."""

    extra: tuple[tuple[int, int], ...] = ()
    missing: tuple[tuple[int, int], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.extra or self.missing)


def _ranges(points: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for s, e in sorted(points):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def _minus(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Ranges of ``a`` not covered by ``b`` (both merged and sorted)."""
    out = []
    for s, e in a:
        cur = s
        for bs, be in b:
            if be <= cur or bs >= e:
                continue
            if bs > cur:
                out.append((cur, bs))
            cur = max(cur, be)
        if cur < e:
            out.append((cur, e))
    return out


def _trim(text: str, ranges: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    out = []
    for s, e in ranges:
        s, e = trimmed(text, s, e)
        if s < e:
            out.append((s, e))
    return tuple(out)


def bound_diffs(text: str, spans: list[Span]) -> list[BoundDiff]:
    """For each of ``spans`` (a group's candidates), the words it has and the words it lacks
    compared with the others, so a review can mark them; all empty when the bounds agree."""
    if len({(s.start, s.end) for s in spans}) < 2:
        return [BoundDiff() for _ in spans]
    common_start, common_end = max(s.start for s in spans), min(s.end for s in spans)
    common = [(common_start, common_end)] if common_start < common_end else []
    union = _ranges([(s.start, s.end) for s in spans])
    out = []
    for s in spans:
        own = [(s.start, s.end)]
        out.append(BoundDiff(_trim(text, _minus(own, common)), _trim(text, _minus(union, own))))
    return out
