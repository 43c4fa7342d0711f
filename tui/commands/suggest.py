from __future__ import annotations

from tui.batch import add_options
from tui.commands import corpus_of, say

HELP = ("propose spans by rule, cut to the corpus's conventions, and by the model `margin learn` "
        "trained (offline); print them or --write them")

DEFAULT_ANNOTATOR = "suggest"


def add_arguments(p) -> None:
    p.add_argument("docs", nargs="*", metavar="DOC",
                   help="document ids or globs (default: every document)")
    p.add_argument("--annotator", metavar="NAME", default=DEFAULT_ANNOTATOR,
                   help=f"whose file --write adds to (default: {DEFAULT_ANNOTATOR})")
    p.add_argument("--labels", metavar="LIST",
                   help="comma-separated labels to suggest, e.g. FIGURE,ACTOR (default: all)")
    p.add_argument("--explain", action="store_true",
                   help="print the conventions in force (inferred from the annotations, pinned in "
                        "margin.yaml or default, with how many examples) and the model's state, then stop")
    p.add_argument("--rules-only", action="store_true",
                   help="leave the learned model out (the rules, cut to the corpus's conventions)")
    p.add_argument("--write", action="store_true",
                   help="add the suggestions to annotations/<doc>/<annotator>.yaml as 'source: suggest' "
                        "spans, keeping every existing span and skipping exact duplicates")
    add_options(p)  # --jobs N, --dask ADDRESS


def _doc_ids(corpus, patterns: list[str]) -> list[str]:
    from tui.errors import DataError

    if not patterns:
        ids = corpus.doc_ids()
        if not ids:
            raise DataError(f"{corpus.seeds_dir}: no documents")
        return ids
    out: list[str] = []
    for pat in patterns:
        ids = corpus.doc_ids(pat)
        if not ids:
            raise DataError(f"no document matches {pat!r} in {corpus.seeds_dir}")
        out.extend(i for i in ids if i not in out)
    return out


def run(args) -> int:
    from tui.batch import Runner, started
    from tui.annotators import check_writer
    from tui.corpus import check_name

    corpus = corpus_of(args)
    check_writer(args.annotator) if args.write else check_name(args.annotator, "annotator name")
    # on Dask, connected before the corpus is read: the workers import the suggester meanwhile
    runner = Runner.from_args(args)
    with started(None if args.explain else runner, "tui.suggest.batch") as ready:
        return _suggest(args, corpus, ready or runner)


def _suggest(args, corpus, runner) -> int:
    from tui.batch import batch_time, run_map
    from tui.commands import progress_bar
    from tui.suggest.learn import corpus_entities, corpus_habits, corpus_selection, guidelines, load_model, model_status
    from tui.suggest import corpus_actors, wanted_labels
    from tui.suggest.batch import Plan, remember_model, suggest_document

    schema = corpus.schema
    model, why = (None, None) if args.rules_only else load_model(corpus)
    g = guidelines(corpus, model=model, runner=runner)  # without a model the rules run over every annotated document
    ents, no_pipeline = corpus_entities(corpus, model=model)
    if no_pipeline:
        say(f"margin: {no_pipeline}", err=True)
    if args.explain:
        for line in (g.explain() + corpus_selection(corpus, g, model=model).explain()
                     + (ents.explain() if ents is not None else []) + model_status(corpus, model, why)):
            say(line)
        return 0
    if why:
        say(f"margin: {why} (suggesting by rule only)", err=True)
    families = [f.strip() for f in args.labels.split(",") if f.strip()] if args.labels else None
    labels = wanted_labels(families, schema, model)
    remember_model(str(corpus.root), model)
    plan = Plan(str(corpus.root), args.annotator, tuple(labels), corpus_actors(corpus), g.conventions,
                args.rules_only, args.write, batch_time(), corpus_habits(corpus, g, model=model),
                corpus_selection(corpus, g, model=model), ents)
    tasks = [(plan, doc_id) for doc_id in _doc_ids(corpus, args.docs)]
    if not args.write:
        for outcome in run_map(suggest_document, tasks, runner):
            for line in outcome.lines:
                say(line)
        return 0
    progress, stop = progress_bar("suggesting")
    try:
        lines = _write_all(corpus, run_map(suggest_document, tasks, runner, progress))
    finally:
        stop()
    for line in lines:
        say(line)
    return 0


def _write_all(corpus, outcomes) -> list[str]:
    """Every document's file, or none (``tui.store.staged``), refusing a file that changed
    on disk while suggesting; the lines to print. Each file is staged as its document
    comes out of the map, so writing overlaps the workers' suggesting; the files replace
    their destinations together at the end, and a failure anywhere replaces none."""
    from pathlib import Path

    from tui import store
    from tui.errors import ConflictError
    from tui.store.staged import Transaction

    lines: list[str] = []
    with Transaction(corpus.annotations_dir) as t:
        for o in outcomes:
            lines.extend(o.lines)
            if o.data is None:
                continue
            now = store.fingerprint(Path(o.path))
            fp = o.fingerprint
            if (now is None) != (fp is None) or (now is not None and fp is not None and now.sha256 != fp.sha256):
                raise ConflictError(f"{o.path}: changed on disk while suggesting; nothing was written")
            t.write(Path(o.path), o.data)
    return lines
