from __future__ import annotations

from tui.commands import corpus_of, default_annotator, say

HELP = ("share your annotations through git: commit your own changed files, pull the team's "
        "(rebase, never a merge commit), push; other people's files are never touched")


def add_arguments(p) -> None:
    p.add_argument("--annotator", metavar="NAME",
                   help="whose files to commit (default: $MARGIN_ANNOTATOR or your login name)")
    p.add_argument("--gold", action="store_true", help="also commit the gold files (the reviewer's)")
    p.add_argument("--last", action="store_true", help="only say what arrived with the last sync")


def run(args) -> int:
    from tui.annotators import check_writer
    from tui.team.sync_state import load_state, news_line

    corpus = corpus_of(args)
    if args.last:
        say(news_line(load_state(corpus.root)))
        return 0
    annotator = check_writer(args.annotator if args.annotator is not None else default_annotator())
    return report(corpus.root, annotator, gold=args.gold)


def report(root, annotator: str, *, gold: bool = False, prefix: str = "") -> int:
    """Sync and print the outcome, one line each (after ``prefix``); a failure is one line
    on stderr (exit 1)."""
    from tui.team.sync import sync
    from tui.errors import MarginError

    try:
        result = sync(root, annotator, gold=gold)
    except MarginError as e:
        say(f"{prefix or 'margin: '}{e}", err=True)
        return 1
    for line in result.lines():
        say(f"{prefix}{line}")
    return 0
