from __future__ import annotations

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


def _describe(span, source: str = "rules", confidence: float | None = None) -> str:
    from tui.display import one_line

    text = span.text if len(span.text) <= 70 else span.text[:67] + "..."
    attrs = " ".join(f"{k}={v}" for k, v in span.attrs.items())
    conf = f" {confidence:.2f}" if confidence is not None else "     "
    return one_line(f"  {span.id:<5} {span.label:<7} {span.start:>6}-{span.end:<6} {source:<5}{conf} {text!r}"
                    + (f"  {attrs}" if attrs else ""))


def run(args) -> int:
    from tui import store
    from tui.annotators import check_writer
    from tui.corpus import check_name
    from tui.suggest.learn import guidelines, load_model, model_status
    from tui.suggest import corpus_actors, merge, suggest, wanted_labels

    corpus = corpus_of(args)
    schema = corpus.schema
    check_writer(args.annotator) if args.write else check_name(args.annotator, "annotator name")
    model, why = (None, None) if args.rules_only else load_model(corpus)
    g = guidelines(corpus, model=model)
    if args.explain:
        for line in g.explain() + model_status(corpus, model, why):
            say(line)
        return 0
    if why:
        say(f"margin: {why} (suggesting by rule only)", err=True)
    families = [f.strip() for f in args.labels.split(",") if f.strip()] if args.labels else None
    labels = wanted_labels(families, schema, model)
    extra = corpus_actors(corpus)
    writes: list = []
    report: list[str] = []
    for doc_id in _doc_ids(corpus, args.docs):
        doc = corpus.document(doc_id)
        sugg = suggest(doc.text, schema, labels, extra, g.conventions, model)
        counts = ", ".join(f"{sum(s.label == lab for s in sugg.spans)} {lab}" for lab in labels)
        if not args.write:
            say(f"{doc_id}: {len(sugg.spans)} suggestion(s) ({counts}), {len(sugg.relations)} relation(s)")
            for s in sugg.spans:
                say(_describe(s, sugg.sources.get(s.id, "rules"), sugg.confidence.get(s.id)))
            for r in sugg.relations:
                say(f"  {r.id:<5} {r.label} {r.source} -> {r.target}")
            continue
        path = corpus.annotation_path(doc_id, args.annotator)
        loaded = store.load_or_new(path, schema, doc, args.annotator)
        merged, n_spans, n_rels = merge(loaded.annotation, sugg)
        if n_spans or n_rels:
            writes.append((path, store.dumps(merged).encode("utf-8"), loaded.fingerprint))
        report.append(f"{doc_id}: added {n_spans} span(s) and {n_rels} relation(s) to {path} "
                      f"({len(sugg.spans) - n_spans} already there)")
    if args.write:
        from tui.errors import ConflictError
        from tui.store.staged import Transaction

        with Transaction(corpus.annotations_dir) as t:  # every document's file, or none
            for path, data, fp in writes:
                now = store.fingerprint(path)
                if (now is None) != (fp is None) or (now is not None and now.sha256 != fp.sha256):
                    raise ConflictError(f"{path}: changed on disk while suggesting; nothing was written")
                t.write(path, data)
        for line in report:
            say(line)
    return 0
