"""The one prompt model of the annotate loop: the one-key attribute choices offered right
after a tag, and what a digit means while one is offered. Pure (no Textual).

A digit answers the first choice at once (the file and the screen show it), and the
status line says it may still be a count. If the very next key is a motion that takes a
count (``2 l``: two tokens on), the answer is taken back and the digit becomes that
count: "``c 2 l``" is never a silent ``status=reported``. Any other key keeps the answer.

Attributes the team never fills (no value on any of at least ``QUIET_AFTER`` spans of the
label in the corpus's other annotations) are not offered at all: the form (``e``) still
has them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tui.model import Annotation
from tui.quickattrs import Choice
from tui.schema import Schema

QUIET_AFTER = 5  # spans of a label, none with the attribute, before it stops prompting


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

    def text(self) -> str:
        """What the status line shows: the choice asked, or what the last digit did."""
        said = ""
        if self.answer is not None:
            a = self.answer
            said = f"{a.choice.attr}={a.choice.pick(a.digit)} (a move now counts {a.digit})"
        asked = self.choices[0].prompt() if self.choices else ""
        return " · ".join(x for x in (said, asked) if x)


def quiet_attrs(annotations: Iterable[Annotation], schema: Schema) -> frozenset[tuple[str, str]]:
    """(label, attribute) pairs the team never fills: at least ``QUIET_AFTER`` spans of the
    label across ``annotations`` and not one with the attribute set."""
    spans: dict[str, int] = {}
    filled: set[tuple[str, str]] = set()
    for ann in annotations:
        for s in ann.spans:
            spans[s.label] = spans.get(s.label, 0) + 1
            filled.update((s.label, k) for k, v in s.attrs.items() if v not in (None, ""))
    return frozenset((label, name) for label, ldef in schema.labels.items() for name in ldef.attrs
                     if spans.get(label, 0) >= QUIET_AFTER and (label, name) not in filled)
