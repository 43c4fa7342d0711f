"""One module per ``margin`` subcommand: ``HELP``, ``add_arguments(parser)``, ``run(args)``."""

from __future__ import annotations

import getpass
import os
import re
from pathlib import Path

from ..corpus import Corpus, check_name


def corpus_of(args) -> Corpus:
    from ..errors import DataError

    root = Path(args.corpus)
    if not root.is_dir():
        raise DataError(f"{root}: corpus directory does not exist")
    return Corpus(root)


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
