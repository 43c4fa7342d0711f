"""One undoable step of an editing session (pure): what a :class:`~tui.editing.EditSession`
applies, and applies inverted to undo it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tui.model import Annotation, Decision, Relation, Span


@dataclass(frozen=True)
class Change:
    """One undoable step. ``relations``, ``status`` and ``decisions`` are (before, after)
    when they change; ``extra`` is (before, after) of what the driver keeps beside the
    annotation (review: its adjudication's decisions), handed back as ``EditSession.extra``."""

    what: str
    added: tuple[Span, ...] = ()
    removed: tuple[Span, ...] = ()
    relations: tuple[tuple[Relation, ...], tuple[Relation, ...]] | None = None
    status: tuple[str, str] | None = None
    decisions: tuple[tuple[Decision, ...], tuple[Decision, ...]] | None = None
    extra: tuple[Any, Any] | None = None

    def inverse(self) -> "Change":
        return Change(self.what, self.removed, self.added, *(_back(p) for p in (
            self.relations, self.status, self.decisions, self.extra)))

    @classmethod
    def between(cls, what: str, old: Annotation, new: Annotation, extra: tuple[Any, Any] | None = None) -> "Change":
        """The step from ``old`` (the session's annotation: its own span objects) to ``new``."""
        olds, news = {s.id: s for s in old.spans}, {s.id: s for s in new.spans}
        return cls(what, tuple(s for s in new.spans if olds.get(s.id) != s),
                   tuple(s for s in old.spans if news.get(s.id) != s), _pair(old.relations, new.relations),
                   _pair(old.status, new.status), _pair(old.decisions, new.decisions), extra)


def _back(pair: tuple | None) -> Any:
    return (pair[1], pair[0]) if pair is not None else None


def _pair(before, after) -> Any:
    """(before, after) when they differ (lists as tuples), else None."""
    if before == after:
        return None
    return (tuple(before), tuple(after)) if isinstance(before, list) else (before, after)
