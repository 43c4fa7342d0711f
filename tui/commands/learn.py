from __future__ import annotations

from tui.batch import add_options
from tui.commands import corpus_of

HELP = ("learn the corpus's boundary conventions and train a model for every label of its schema "
        "from its annotations (gold first, else every annotator); written to .margin/model/")


def add_arguments(p) -> None:
    p.add_argument("--annotators", metavar="LIST",
                   help="comma-separated annotators to learn from (default: each document's gold file "
                        "if it has one, else everyone's but the machine 'suggest')")
    p.add_argument("--unfinished", action="store_true",
                   help="also learn from unfinished files (status in_progress), up to their last span; "
                        "by default only finished files teach, unless none is finished yet")
    add_options(p, "the features of the documents")


def run(args) -> int:
    import time

    from tui.batch import runner_of, started
    from tui.display import one_line
    from tui.suggest.learn import model_status

    corpus = corpus_of(args)
    names = [a.strip() for a in args.annotators.split(",") if a.strip()] if args.annotators else None
    t0 = time.perf_counter()
    # on Dask, connected before the corpus is read: the workers import the rules meanwhile
    with started(runner_of(args), "tui.suggest.model.crf", "tui.suggest.conventions") as runner:
        model = _learn(args, corpus, names, runner)
    for line in model_status(corpus, model):
        print(one_line(line))
    print(f"learned in {time.perf_counter() - t0:.1f} s")
    return 0


def _learn(args, corpus, names, runner):
    """Read the corpus once, find the rules' mentions once (in parallel), say what it
    teaches, train: the model (None: nothing to learn from)."""
    import sys

    from tui.display import one_line
    from tui.errors import DataError
    from tui.suggest.learn import corpus_entities, corpus_selection, guidelines, retrain, training

    data = training(corpus, names, args.unfinished)
    for p in data.problems:
        print(f"margin: skipped: {one_line(p)}", file=sys.stderr)
    for note in data.notes:
        print(one_line(note))
    if not data.examples:
        raise DataError(f"{corpus.annotations_dir}: nothing to learn from (no annotated document"
                        + (f" by {', '.join(names)}" if names else "") + ")")
    inferred = guidelines(corpus, data, runner=runner)
    for line in inferred.explain():
        print(one_line(line))
    model = retrain(corpus, names, runner=runner, unfinished=args.unfinished, data=data, inferred=inferred)
    if model is not None:
        ents, no_pipeline = corpus_entities(corpus, data, model)
        for line in corpus_selection(corpus, guidelines(corpus, data, model=model), data, model).explain() + (
                ents.explain() if ents is not None else [f"margin: {no_pipeline}"] if no_pipeline else []):
            print(one_line(line))
    return model
