from __future__ import annotations

from tui.commands import corpus_of, say

HELP = "copy article files (UTF-8 .txt) into the corpus's seeds/"


def add_arguments(p) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help="articles to add; the file stem becomes the id")


def run(args) -> int:
    corpus = corpus_of(args)
    for doc_id, copied in corpus.add_all(args.files):  # all or none
        say(f"{'added' if copied else 'already there'}: {doc_id}")
    return 0
