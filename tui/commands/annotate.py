from __future__ import annotations

from tui.commands import check_opening, corpus_of, default_annotator

HELP = "open the annotator on a document (the default command)"


def add_arguments(p) -> None:
    p.add_argument("doc", nargs="?", metavar="DOC",
                   help="document id (default: your next assigned unfinished document "
                        "(margin assign), else the first not done)")
    p.add_argument("--annotator", metavar="NAME",
                   help="whose annotations to edit (default: $MARGIN_ANNOTATOR or your login name)")


def run(args) -> int:
    from tui.annotators import check_writer

    corpus = corpus_of(args)
    annotator = check_writer(args.annotator if args.annotator is not None else default_annotator())
    check_opening(corpus, args.doc)
    doc_id = args.doc
    if doc_id is None:
        from tui.team.assign import next_assigned

        doc_id = next_assigned(corpus, annotator)  # None: no (unfinished) assignment
    from tui.app.app import run_app
    from tui.app.screens.annotate import space_goes_to_doubt

    from tui.team.sync import on_quit

    space_goes_to_doubt(corpus)  # a bad suggest.space in margin.yaml: one line, before the screen
    sync_after = on_quit(corpus.root)  # a bad sync: section too
    code = run_app(corpus, annotator, doc_id)
    if code == 0 and sync_after:  # margin.yaml's sync: {on: quit}
        from tui.commands.sync import report

        return report(corpus.root, annotator, prefix="margin sync: ")
    return code
