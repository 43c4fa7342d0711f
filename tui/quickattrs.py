"""Attributes without a form: what tagging can fill in by itself, and one-key choices.

Pure (no Textual). A FIGURE's value, unit and qualifier come from the suggester's figure
reader (``tui.suggest.figure_reader``, the suggester's own); an enumerated attribute (actor type, claim status,
qualifier) becomes a :class:`Choice` answered by one digit, with the most likely value
preselected (what a suggestion over the same text says, else what this annotation uses
most for the label).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from tui.model import Span
from tui.schema import LabelDef


def figure_attrs(text: str, start: int, end: int, ldef: LabelDef) -> dict:
    """value / unit / qualifier of the figure ``text[start:end]`` states, for the attributes
    the label has; {} when it holds no number. The one figure reader of the suggester
    (``tui.suggest.figure_reader``): "at least 23" before " people" gets the unit, "Two"
    its value, a cue just outside the span its qualifier."""
    from tui.suggest.figure_reader import read_figure  # the suggest rules load on the first figure, not on open

    out = read_figure(text, start, end)
    return {k: v for k, v in out.items() if k in ldef.attrs and ldef.attrs[k].check(v) is None}


@dataclass(frozen=True)
class Choice:
    """One enumerated attribute to settle with a digit: 1..9 pick ``values``."""

    span_id: str
    attr: str
    values: tuple[str, ...]
    preselected: str | None

    def pick(self, digit: int) -> str | None:
        return self.values[digit - 1] if 1 <= digit <= len(self.values) else None

    def prompt(self, also: str = "") -> str:
        """The whole line; ``also``: what enter takes besides the preselected value."""
        opts = "  ".join(f"{i} {v}" for i, v in enumerate(self.values, 1))
        keep = f" · enter: {self.preselected}{also}" if self.preselected else ""
        return f"{self.attr}? {opts}{keep} · esc: later"


def choices(span: Span, ldef: LabelDef, hints: list[Span], spans: list[Span]) -> list[Choice]:
    """The one-key choices for ``span`` just tagged: one per enumerated attribute not set.
    ``hints`` are suggestions (the one with the same bounds and label speaks first);
    ``spans`` the annotation's spans (the value used most for the label comes next)."""
    out = []
    for name, attr in ldef.attrs.items():
        if attr.kind != "enum" or name in span.attrs:
            continue
        best = None
        same = [h for h in hints if (h.start, h.end, h.label) == span.key and name in h.attrs]
        near = [h for h in hints if h.label == span.label and h.overlaps(span.start, span.end) and name in h.attrs]
        for h in same or near:
            best = h.attrs[name]
            break
        if best is None:
            used = Counter(s.attrs[name] for s in spans if s.label == span.label and name in s.attrs)
            best = used.most_common(1)[0][0] if used else None
        out.append(Choice(span.id, name, tuple(attr.values[:9]), best if best in attr.values else None))
    return out
