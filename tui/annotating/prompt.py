"""The one prompt model of the annotate loop: the one-key attribute choices offered right
after a tag, and what a digit means while one is offered. Pure (no Textual).

A digit answers the first choice at once (the file and the screen show it), and the
status line says it may still be a count. If the very next key is a motion that takes a
count (``2 l``: two tokens on), the answer is taken back and the digit becomes that
count: "``c 2 l``" is never a silent ``status=reported``. Any other key keeps the answer,
and so does a motion after ``1`` (a count of one is no count: "``f 1 l``" answers the
first value and moves on).

What the team does is learned from the corpus's annotations (``tui.annotating.habits``):
an attribute it leaves empty on most spans of a label is not offered at all (the form,
``e``, still has it), values it never writes are not filled in or preselected, and the
choices come in the order it uses them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from tui.annotating.habits import Habits
from tui.annotating.speakers import relate_candidates, speaker_score
from tui.annotating.units import counted_words
from tui.display import one_line
from tui.model import Span
from tui.quickattrs import Choice, choices, figure_attrs
from tui.schema import LabelDef, Schema



@dataclass(frozen=True)
class LinkChoice(Choice):
    """The other end of a relation, as a choice: ``values`` are the candidates' words (for
    the prompt), ``targets`` their span ids, best first (``speakers.relate_candidates``);
    enter takes the first. ``outgoing``: the span just made is the relation's source."""

    targets: tuple[str, ...] = ()
    outgoing: bool = True

    def target(self, digit: int | None) -> str | None:
        i = 0 if digit is None else digit - 1
        return self.targets[i] if 0 <= i < len(self.targets) else None


@dataclass(frozen=True)
class Answer:
    """A digit that answered a choice; ``version`` is the session's version after it."""

    digit: int
    choice: Choice
    version: int


class Prompt:
    """The choices pending for the span just tagged, first one asked."""

    def __init__(self) -> None:
        self.choices: list[Choice] = []
        self.answer: Answer | None = None  # the digit just typed, for one key

    def __bool__(self) -> bool:
        return bool(self.choices)

    @property
    def first(self) -> Choice:
        return self.choices[0]

    def offer(self, choices: list[Choice]) -> None:
        self.choices = list(choices)
        self.answer = None

    def clear(self) -> None:
        self.choices = []

    def for_span(self, span_id: str | None) -> bool:
        return bool(self.choices) and self.choices[0].span_id == span_id

    def answered(self, choice: Choice, digit: int | None, version: int) -> None:
        """``choice`` (the first) is answered; by ``digit`` (None: enter took the preselected)."""
        self.choices.pop(0)
        self.answer = Answer(digit, choice, version) if digit is not None else None

    def take_answer(self) -> Answer | None:
        """The answer a digit gave just before this key (then forgotten)."""
        answer, self.answer = self.answer, None
        return answer

    def chained(self) -> LinkChoice | None:
        """The speaker choice ``enter`` takes together with the first choice: a claim's
        status shown preselected and its speaker right after it are one line, and one
        ``enter`` keeps both as the line names them; a digit answers the first alone and
        the speaker is asked next."""
        if len(self.choices) < 2 or self.first.preselected is None or isinstance(self.first, LinkChoice):
            return None
        link = self.choices[1]
        return link if isinstance(link, LinkChoice) and link.preselected is not None else None

    def text(self, width: int = 10_000) -> str:
        """The choice asked, or what the last digit did, fitted to ``width`` columns."""
        said = ""
        if self.answer is not None:
            a = self.answer
            said = f"{a.choice.attr}={a.choice.pick(a.digit)}" + (f" (a move now counts {a.digit})" if a.digit > 1 else "")
        if not self.choices:
            return said
        room = width - (len(said) + 3 if said else 0)
        return " · ".join(x for x in (said, fitted(self.choices[0], room, self.chained())) if x)


def fitted(choice: Choice, width: int, link: LinkChoice | None = None) -> str:
    """``choice``'s prompt in ``width`` columns: every value stays, abbreviated if need be
    (``organisation`` → ``organi…``; the value enter takes is named by its digit). With
    ``link`` (``Prompt.chained``) what enter takes names the speaker too, never cut off:
    "⏎ reported, by 'Ferrer'"."""
    by = _speaker(link, 99)
    full = choice.prompt(by)
    if len(full) <= width:
        return full
    pre = choice.preselected
    named = f" ⏎ {pre}" if pre else ""
    digit = f" ⏎ {choice.values.index(pre) + 1}" if pre in choice.values else named
    for cut in (99, 12, 9, 7, 5, 4, 3):
        opts = " ".join(f"{i}:{_cut(v, cut)}" for i, v in enumerate(choice.values, 1))
        for who in dict.fromkeys((by, *(_speaker(link, n) for n in (20, 14, 10)))) if by else ("",):
            for keep in (_cut(named, cut + 3), digit):
                for esc in (" esc", ""):  # the escape hint goes before a value is cut further
                    line = f"{choice.attr}? {opts}{keep}{who}{esc}"
                    if len(line) <= width:
                        return line
    return line


def _speaker(link: LinkChoice | None, n: int) -> str:
    """What enter links, in words: ", by 'Ferrer'" (a claim's speaker), ", said 'They
    were…'" (an actor's claim), else the relation's name."""
    if link is None or not link.preselected:
        return ""
    said = link.attr != "attributed_to" and f" {link.attr}" or (" by" if link.outgoing else " said")
    return f",{said} '{_cut(link.preselected, n)}'"


def _cut(value: str, n: int) -> str:
    return value if len(value) <= n else value[:n - 1] + "…"


def filled_by_tag(ldef: LabelDef, text: str, start: int, end: int, habits: Habits) -> dict:
    """What tagging ``text[start:end]`` fills in by itself (a FIGURE's value, unit and
    qualifier, read by ``quickattrs.figure_attrs`` in its text; a CLAIM's status where a
    verb before it denies it), less the parser's
    defaults the team never writes (the qualifier "exact" of a bare number, where the
    team writes none)."""
    if ldef.name == "CLAIM":
        return claim_attrs(ldef, text, start)
    if ldef.name != "FIGURE":
        return {}
    attrs = figure_attrs(text, start, end, ldef)
    default = figure_attrs("7", 0, 1, ldef)  # what a bare number gets: no word in the text said it
    return {k: v for k, v in attrs.items()
            if not (ldef.attrs[k].kind == "enum" and v == default.get(k) and habits.unused(ldef.name, k, v))}


_DENIED = re.compile(r"\b(?:denie[sd]|deny|denying|rejects?|rejected|dismisse[sd]|refute[sd])\b[^.!?;\n]{0,30}$", re.I)


def claim_attrs(ldef: LabelDef, text: str, start: int) -> dict:
    """A claim's status its words state: "X denies (that) …", "has repeatedly denied
    allegations …" → denied (where the schema has that value)."""
    status = ldef.attrs.get("status")
    if status is not None and "denied" in status.values and _DENIED.search(text, max(0, start - 50), start):
        return {"status": "denied"}
    return {}


def choices_after_tag(span: Span, ldef: LabelDef, habits: Habits, hints: list[Span], spans: list[Span],
                      text: str) -> list[Choice]:
    """The one-key choices for ``span`` just tagged, as the team writes: attributes it
    leaves empty are not asked, values it never writes not preselected, the most used
    first; a figure whose unit the reader did not find gets the team's own units."""
    label, offered = span.label, []
    for c in choices(span, ldef, hints, spans):
        if habits.quiet(label, c.attr):
            continue
        pre = None if c.preselected is None or habits.unused(label, c.attr, c.preselected) else c.preselected
        offered.append(Choice(c.span_id, c.attr, habits.ranked(label, c.attr, c.values), pre))
    if label == "FIGURE" and "unit" in ldef.attrs and "unit" not in span.attrs and not habits.quiet(label, "unit"):
        units = unit_candidates(span, spans, habits, text)
        if units:  # the reader found nothing counted: the words after it, this document's and the team's units
            offered.append(Choice(span.id, "unit", units, None))
    return offered


def choices_kept(span: Span, ldef: LabelDef, habits: Habits, spans: list[Span], text: str) -> list[Choice]:
    """What ``span`` has already (a suggestion's attributes, the qualifier and unit the
    tag read), each a choice whose enter keeps it and whose digit changes it (one key, not
    the form): its enumerated attributes, and a figure's unit where the words after it
    offer another ("two people smugglers": people, or smugglers)."""
    out = []
    for name, attr in ldef.attrs.items():
        value = span.attrs.get(name)
        if attr.kind == "enum" and value in attr.values:
            out.append(Choice(span.id, name, habits.ranked(span.label, name, tuple(attr.values[:9])), value))
        elif name == "unit" and span.label == "FIGURE" and isinstance(value, str) and value:
            words = counted_words(text, span.end)
            if len(words) > 1 or (words and words[0] != value):
                units = unit_candidates(span, spans, habits, text, most=8)
                out.append(Choice(span.id, name, units if value in units else (*units, value), value))
    return out


def unit_candidates(span: Span, spans: list[Span], habits: Habits, text: str, most: int = 9) -> tuple[str, ...]:
    """The units offered for a figure the reader found nothing counted for: the words of
    the phrase after it, its head first ("five Armed Forces personnel" → personnel, forces,
    armed), then the units this document and the team use, most used first."""
    here = Counter(str(s.attrs["unit"]) for s in spans if s.label == span.label and s.attrs.get("unit"))
    used = (here + Counter(dict(habits.values.get((span.label, "unit"), {})))).most_common()
    out: list[str] = []
    for v in [*counted_words(text, span.end), *(v for v, _ in used)]:
        if v not in out:
            out.append(v)
    return tuple(out[:most])


def said_choice(span: Span, schema: Schema, spans: list[Span], sourced: set[tuple[str, str]],
                text: str) -> LinkChoice | None:
    """After an actor is made whose words a reporting verb names as a speaker ("…,” Ferrer
    said", "according to Ferrer"): the claims with no speaker yet whose first candidate
    (``speakers.relate_candidates``) it now is, as a one-key choice, nearest first.
    ``sourced``: (relation, source id) of the relations drawn."""
    if speaker_score(text, span) != 2:
        return None
    for rdef in schema.relations.values():
        if span.label not in rdef.to_labels or "CLAIM" not in rdef.from_labels:
            continue
        ends = [sp for sp in spans if sp.label in rdef.to_labels]
        claims = [c for c in spans if c.label in rdef.from_labels and (rdef.name, c.id) not in sourced
                  and (relate_candidates(text, c, ends)[:1] or [c])[0].id == span.id]
        claims.sort(key=lambda c: abs(c.start - span.start))
        if claims:
            words = tuple(one_line(c.text, 24) for c in claims[:9])
            return LinkChoice(span.id, rdef.name, words, words[0], targets=tuple(c.id for c in claims[:9]),
                              outgoing=False)
    return None


def link_choice(span: Span, schema: Schema, spans: list[Span], linked: set[str], text: str) -> LinkChoice | None:
    """After ``span`` is made: the other end of the first relation it is the source of, as
    a one-key choice (enter: the speaker the sentence names, else the nearest), unless it
    has that relation already or there is nothing to link it to."""
    for rdef in schema.relations.values():
        if span.label not in rdef.from_labels or rdef.name in linked:
            continue
        cands = relate_candidates(text, span, [sp for sp in spans if sp.label in rdef.to_labels])[:9]
        if not cands:
            return None
        words = tuple(one_line(sp.text, 24) for sp in cands)
        return LinkChoice(span.id, rdef.name, words, words[0], targets=tuple(sp.id for sp in cands))
    return None
