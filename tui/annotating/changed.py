"""What one key changed, for the screen to render once (TextArea's split: the document,
the navigator and the history are pure; the widget renders and forwards keys).

Every controller method returns one :class:`Changed`; the screen applies it in one pass
(the view's selection and rows, the panel, the status line, the header, a save), so a
key draws one frame and refreshes each widget at most once.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar


@dataclass
class Changed:
    """What a key changed. Fields merge with ``|=`` (a key may do two things)."""

    selection: bool = False  # the selection moved: the view selects, the panel follows
    center: bool = False  # ... and centres it
    spans: tuple[int, int] | None = None  # the text range whose spans changed (rows to redraw)
    edited: bool = False  # the annotation changed: the panel, a save
    ghosts: tuple[int, int] | None = None  # the text range whose suggestions changed
    ghost_set: bool = False  # a new (or shown/hidden) suggestion set
    jump: bool = False  # the jump labels changed
    matches: bool = False  # the search matches changed
    header: bool = False  # the document's status changed (done / in progress)
    dialog: tuple | None = None  # a dialog the screen opens: (kind, *arguments)
    worker: tuple | None = None  # a background job the screen starts: (kind, *arguments)

    def __or__(self, other: "Changed") -> "Changed":
        def span_union(a, b):
            if a is None or b is None:
                return a or b
            return min(a[0], b[0]), max(a[1], b[1])

        return Changed(self.selection or other.selection, self.center or other.center,
                       span_union(self.spans, other.spans), self.edited or other.edited,
                       span_union(self.ghosts, other.ghosts), self.ghost_set or other.ghost_set,
                       self.jump or other.jump, self.matches or other.matches, self.header or other.header,
                       other.dialog or self.dialog, other.worker or self.worker)



F = TypeVar("F", bound=Callable[..., Changed])


def key(counted: bool = False) -> Callable[[F], F]:
    """A key of the controller (``Annotating``). A digit that just answered a choice is
    taken back and becomes the count when the key is a ``counted`` motion; any other key
    keeps the answer. The key's own change is merged after what that did."""

    def wrap(fn: F) -> F:
        @functools.wraps(fn)
        def run(ctl: Any, *args: Any, **kwargs: Any) -> Changed:
            before = ctl._begin_key(counted)
            return before | fn(ctl, *args, **kwargs)

        return run  # type: ignore[return-value]

    return wrap
