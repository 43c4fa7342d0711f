"""Names a person may annotate under: every valid name but ``gold``.

``gold`` files hold the adjudicated version; only ``margin review`` (and the import paths
that say so) write them. ``margin annotate``, ``suggest --write``, ``serve`` and serve's
name prompt take their name through ``check_writer``, so none of them writes gold directly.
"""

from __future__ import annotations

from tui.corpus import GOLD, check_name
from tui.errors import DataError


def check_writer(name: str) -> str:
    """``name`` if it is a valid annotator name other than gold (any case); else DataError."""
    check_name(name, "annotator name")
    if name.casefold() == GOLD:  # Gold.yaml is gold.yaml on a case-insensitive disk
        raise DataError(f"annotator name {name!r} is reserved: gold is written only by "
                        "'margin review'; annotate under your own name")
    return name
