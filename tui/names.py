"""The one grammar for every id and name margin reads from outside: document ids,
annotator names, span and relation ids. Checked here, and only here, on every path in
(annotation files, both readers, imports, the CLI, the serve name prompt).

A name is 1-128 characters from ``A-Z a-z 0-9 . _ -`` starting with a letter or digit, so
it is always a safe single file-name component (never empty, ``.``, ``..``, hidden, a
path or an option), and never holds a character a terminal or a spreadsheet acts on.
"""

from __future__ import annotations

import re

from tui.errors import DataError

NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
GOLD = "gold"  # the reserved annotator name of adjudicated files
RULE = "1-128 characters from A-Z a-z 0-9 . _ - starting with a letter or digit"


def is_name(value: object) -> bool:
    return isinstance(value, str) and NAME_RE.fullmatch(value) is not None


def name_problem(value: object, what: str = "name") -> str | None:
    """The one-line problem with ``value`` as a ``what``, or None when it is valid."""
    if is_name(value):
        return None
    from tui.display import safe_repr

    return f"invalid {what} {safe_repr(value)}: use {RULE}"


def check_name(value: object, what: str = "name") -> str:
    """``value`` if it is a valid id / name, else DataError with the one-line problem."""
    problem = name_problem(value, what)
    if problem:
        raise DataError(problem)
    return value  # type: ignore[return-value]


# --------------------------------------------------------------------------- names margin gives files

_PID_RE = re.compile(r"[1-9][0-9]{0,8}")  # ASCII only: str.isdigit() also takes '²' and '٣'


def pid_of(text: str) -> int | None:
    """The process id ``text`` spells in ASCII digits (1-999,999,999), else None."""
    return int(text) if _PID_RE.fullmatch(text) else None


def temp_owner(name: str, dest: str) -> int | None:
    """The pid of the writer that made ``name`` as a temp file for ``dest``
    (``.DEST.<pid>.<random>.tmp`` or ``.old``; the random part is what ``mkstemp`` or
    ``secrets.token_hex`` makes), or None when ``name`` is not exactly one."""
    m = re.fullmatch(re.escape(f".{dest}.") + r"([0-9]{1,9})\.[A-Za-z0-9_]{1,32}\.(?:tmp|old)", name)
    return pid_of(m.group(1)) if m else None


def journal_owner(name: str) -> int | None:
    """The pid in a staged writer's journal name ``.margin-txn-<pid>-<8 hex>.json`` (or its
    ``.json.tmp``), else None."""
    m = re.fullmatch(r"\.margin-txn-([0-9]+)-[0-9a-f]{8}\.json(?:\.tmp)?", name)
    return pid_of(m.group(1)) if m else None
