from __future__ import annotations

from tui.commands import corpus_of

HELP = "settle several annotators' versions of a document into annotations/<doc>/gold.yaml"


def add_arguments(p) -> None:
    p.add_argument("doc", nargs="?", metavar="DOC",
                   help="document id (default: the first with 2+ annotators and an unfinished gold)")
    p.add_argument("--annotators", metavar="A,B,...",
                   help="whose files to compare (default: everyone who annotated DOC, except gold)")
    p.add_argument("--no-auto-accept", dest="auto_accept", action="store_false", default=None,
                   help="review every span, also those all annotators agree on "
                        "(the default with a single annotator: reviewing a colleague's file)")


def first_to_review(corpus, annotators: list[str] | None) -> str | None:
    """The first document with two or more of ``annotators`` (default: anyone but gold)
    and no finished gold."""
    from tui.corpus import GOLD
    from tui.team.status import DONE, file_status

    for doc_id in corpus.doc_ids():
        have = set(corpus.annotators(doc_id))
        names = have & set(annotators) if annotators else have - {GOLD}
        if len(names) >= 2 and file_status(corpus, doc_id, GOLD).status != DONE:
            return doc_id
    return None


def run(args) -> int:
    from tui.corpus import GOLD, check_name
    from tui.errors import DataError, MarginError

    corpus = corpus_of(args)
    names = None
    if args.annotators is not None:
        names = list(dict.fromkeys(check_name(n.strip(), "annotator name")
                                   for n in args.annotators.split(",") if n.strip()))
        if not names:
            raise MarginError("--annotators needs at least one name, e.g. --annotators alice,bob")
        if GOLD in names:
            raise MarginError("gold is what review writes; name the annotators to compare, e.g. --annotators alice,bob")
    corpus.schema  # fail on a bad margin.yaml before the screen opens
    if args.doc is None:
        doc_id = first_to_review(corpus, names)
        if doc_id is None:
            who = ", ".join(names) if names else "anyone"
            raise MarginError(f"no document has 2 or more annotators ({who}) and an unfinished gold; "
                              "name one: margin review DOC")
    else:
        doc_id = check_name(args.doc, "document id")
        if doc_id not in corpus.doc_ids():
            raise DataError(f"{corpus.doc_path(doc_id)}: no such document {doc_id!r}")
        have = set(corpus.annotators(doc_id)) - {GOLD}
        missing = [n for n in names or () if n not in have]
        if missing:
            raise DataError(f"{corpus.annotation_path(doc_id, missing[0])}: no such file "
                            f"({missing[0]} has not annotated {doc_id!r})")
        if not have:
            raise DataError(f"{corpus.annotations_dir / doc_id}: nobody has annotated {doc_id!r} yet")
    from tui.app.review_app import run_review

    return run_review(corpus, doc_id, names, args.auto_accept)
