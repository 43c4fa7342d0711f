"""What the team writes, learned from the corpus's annotation files: how often each
attribute of a label is filled and with which values. The prompt after a tag follows it
(``Annotating.offer_choices``): an attribute the team leaves empty on most spans of a
label is not asked, a value it never writes is neither filled in nor preselected, the
choices come most used first, and a figure whose unit the figure reader did not find is
offered the team's own units. Pure (no Textual); reading the corpus happens in a worker.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from tui.model import Annotation

KNOWN_AFTER = 5  # spans of a label before its habits count
QUIET_SHARE = 0.5  # an attribute filled on fewer of a label's spans than this is not asked
HABIT_FILES = 300  # annotation files read to learn them, at most
HABIT_DOCS = 30  # from this many documents spread over the corpus (Corpus.sample): what opening costs stays
# the same in a corpus of any size


@dataclass(frozen=True)
class Habits:
    spans: dict[str, int] = field(default_factory=dict)  # label -> spans seen
    values: dict[tuple[str, str], Counter] = field(default_factory=dict)  # (label, attr) -> values written

    def known(self, label: str) -> bool:
        return self.spans.get(label, 0) >= KNOWN_AFTER

    def filled(self, label: str, attr: str) -> int:
        return sum(self.values.get((label, attr), Counter()).values())

    def quiet(self, label: str, attr: str) -> bool:
        """The team leaves ``attr`` empty on most ``label`` spans: do not ask for it."""
        return self.known(label) and self.filled(label, attr) < QUIET_SHARE * self.spans[label]

    def unused(self, label: str, attr: str, value: object) -> bool:
        """The team fills ``attr`` but never with ``value``."""
        return self.known(label) and self.filled(label, attr) > 0 and \
            str(value) not in self.values.get((label, attr), Counter())

    def ranked(self, label: str, attr: str, values: tuple[str, ...]) -> tuple[str, ...]:
        """``values`` most used first (the rest in their order, never used ones last)."""
        used = self.values.get((label, attr), Counter())
        return tuple(sorted(values, key=lambda v: -used.get(v, 0)))

    def top(self, label: str, attr: str, n: int) -> list[str]:
        return [v for v, _ in self.values.get((label, attr), Counter()).most_common(n)]


NONE = Habits()


def habits_of(annotations: Iterable[Annotation]) -> Habits:
    spans: Counter = Counter()
    values: dict[tuple[str, str], Counter] = {}
    for ann in annotations:
        for s in ann.spans:
            spans[s.label] += 1
            for k, v in s.attrs.items():
                if v not in (None, ""):
                    values.setdefault((s.label, k), Counter())[str(v)] += 1
    return Habits(dict(spans), values)


def corpus_habits(corpus, limit: int = HABIT_FILES) -> Habits:
    """``habits_of`` the annotation files of ``HABIT_DOCS`` documents spread over the
    corpus (at most ``limit``; one that does not read is left out: ``margin validate``
    names it)."""
    from tui.errors import MarginError
    from tui.store import parse
    from tui.store.files import read_file

    annotations = []
    for path in corpus.sample(HABIT_DOCS).annotation_files()[:limit]:
        try:
            annotations.append(parse(read_file(path)[0], str(path), corpus.schema))
        except (MarginError, OSError, ValueError):
            continue
    return habits_of(annotations)
