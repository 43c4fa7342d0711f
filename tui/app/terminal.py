"""Whether a full-screen app may start here: the app's own rule, so ``tui.app`` imports
nothing from the commands above it."""

from __future__ import annotations

import sys

from tui.errors import UsageError


def needs_terminal(what: str) -> None:
    """Refuse (exit 2) unless stdin, stdout and stderr are terminals: a full-screen app must
    not read a file as keys or write its escape codes into a file or pipe."""
    for name in ("stdin", "stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None or not stream.isatty():
            raise UsageError(f"{what} needs a terminal, but {name} is not one; for a file or a pipe "
                             "use another command ('margin --help' lists them)")
