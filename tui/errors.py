"""Errors the core raises. Each carries one line a user can act on."""


class MarginError(Exception):
    """Base class. ``str(err)`` is the one-line message shown to the user."""

    exit_code = 1


class UsageError(MarginError):
    """The command was used wrongly (exit code 2, as argparse's errors)."""

    exit_code = 2


class DataError(MarginError):
    """Invalid data: a file, id, encoding or schema problem (exit code 1)."""


class ValidationError(DataError):
    """An annotation file failed validation; ``problems`` holds every ``path:line: problem``."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(problems[0] if len(problems) == 1 else f"{problems[0]} (+{len(problems) - 1} more)")


class ConflictError(MarginError):
    """The file changed on disk since it was loaded; saving would clobber it."""
