from __future__ import annotations

from pathlib import Path

from tui.commands import say

HELP = "copy article files (UTF-8 .txt) into the corpus's seeds/ (the corpus folder is made if needed)"


def add_arguments(p) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help="articles to add; the file stem becomes the id")


def run(args) -> int:
    from tui.corpus import Corpus
    from tui.errors import DataError

    root = Path(args.corpus)
    new = not root.exists() and not root.is_symlink()  # a new corpus starts with its first articles
    if not new and not root.is_dir():
        raise DataError(f"{root}: not a folder")
    # every article is checked before anything is made; seeds/ (and the corpus) only then
    added = Corpus(root).add_all(args.files)  # all or none
    if new:
        say(f"made the corpus folder {root}")
    for doc_id, copied in added:
        say(f"{'added' if copied else 'already there'}: {doc_id}")
    return 0
