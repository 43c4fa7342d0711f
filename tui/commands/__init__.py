"""One module per ``margin`` subcommand: ``HELP``, ``add_arguments(parser)``, ``run(args)``."""

from __future__ import annotations

import getpass
import json
import os
import re
import sys
from pathlib import Path

from tui.corpus import Corpus, check_name
from tui.display import safe_line  # every line the CLI prints that may carry data
from tui.app.terminal import needs_terminal  # noqa: F401  (re-exported for the commands)
from tui.errors import MarginError, UsageError  # noqa: F401  (UsageError: re-exported)


def say(message: object, err: bool = False) -> None:
    """Print one line of a command's report or error: ids, names, paths and text in it are
    made inert (no control character reaches the terminal; a newline shows as ⏎)."""
    print(safe_line(str(message)), file=sys.stderr if err else sys.stdout)


def print_json(obj) -> None:
    """``--json``: the command's result as one JSON object on stdout (ASCII: every control,
    C1 and bidi character escaped)."""
    json.dump(obj, sys.stdout, indent=1)
    print()


def progress_bar(what: str):
    """A Rich progress bar on stderr when it is a terminal: (callback(done, total), closer).
    Off a terminal, (None, a closer that does nothing): no bar in a file or a CI log."""
    if not sys.stderr.isatty():
        return None, lambda: None
    from rich.console import Console
    from rich.progress import Progress

    bar = Progress(console=Console(stderr=True), transient=True)
    task = bar.add_task(what, total=None)
    bar.start()
    return (lambda done, total: bar.update(task, completed=done, total=total)), bar.stop


def corpus_of(args) -> Corpus:
    from tui.errors import DataError

    root = Path(args.corpus)
    if not root.is_dir():
        raise DataError(f"{root}: corpus directory does not exist")
    return Corpus(root)


def check_opening(corpus: Corpus, doc: str | None) -> None:
    """What the annotate screen needs before it opens (here or served): some articles,
    ``doc`` (if given) among them, a readable margin.yaml. DataError else."""
    from tui.errors import DataError

    ids = corpus.doc_ids()
    if not ids:
        raise DataError(f"{corpus.seeds_dir}: no articles; add some with 'margin add FILE...'")
    if doc is not None:
        check_name(doc, "document id")
        if doc not in ids:
            raise DataError(f"{corpus.doc_path(doc)}: no such document {doc!r}")
    corpus.schema  # fail on a bad margin.yaml before the screen opens


def default_annotator() -> str:
    """$MARGIN_ANNOTATOR, else the login name made into a valid annotator name."""
    name = os.environ.get("MARGIN_ANNOTATOR")
    if name:
        return check_name(name, "annotator name")
    try:
        user = getpass.getuser()
    except Exception:  # no login name (containers): fall back
        user = "annotator"
    user = re.sub(r"[^A-Za-z0-9._-]", "-", user).lstrip("._-")[:128] or "annotator"
    return user
