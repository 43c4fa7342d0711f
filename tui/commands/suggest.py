from __future__ import annotations

from . import corpus_of, say

HELP = "propose actors, figures and claims by rule (offline); print them or --write them"

DEFAULT_ANNOTATOR = "suggest"


def add_arguments(p) -> None:
    p.add_argument("docs", nargs="*", metavar="DOC",
                   help="document ids or globs (default: every document)")
    p.add_argument("--annotator", metavar="NAME", default=DEFAULT_ANNOTATOR,
                   help=f"whose file --write adds to (default: {DEFAULT_ANNOTATOR})")
    p.add_argument("--labels", metavar="LIST",
                   help="comma-separated labels to suggest, e.g. FIGURE,ACTOR (default: all)")
    p.add_argument("--write", action="store_true",
                   help="add the suggestions to annotations/<doc>/<annotator>.yaml as 'source: suggest' "
                        "spans, keeping every existing span and skipping exact duplicates")


def _doc_ids(corpus, patterns: list[str]) -> list[str]:
    from ..errors import DataError

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


def _describe(span) -> str:
    text = span.text if len(span.text) <= 70 else span.text[:67] + "..."
    attrs = " ".join(f"{k}={v}" for k, v in span.attrs.items())
    return f"  {span.id:<5} {span.label:<7} {span.start:>6}-{span.end:<6} {text!r}" + (f"  {attrs}" if attrs else "")


def run(args) -> int:
    from .. import store
    from ..annotators import check_writer
    from ..corpus import check_name
    from ..suggest import corpus_actors, merge, suggest, wanted_labels

    corpus = corpus_of(args)
    schema = corpus.schema
    check_writer(args.annotator) if args.write else check_name(args.annotator, "annotator name")
    families = [f.strip() for f in args.labels.split(",") if f.strip()] if args.labels else None
    labels = wanted_labels(families, schema)
    extra = corpus_actors(corpus)
    for doc_id in _doc_ids(corpus, args.docs):
        doc = corpus.document(doc_id)
        sugg = suggest(doc.text, schema, labels, extra)
        counts = ", ".join(f"{sum(s.label == lab for s in sugg.spans)} {lab}" for lab in labels)
        if not args.write:
            say(f"{doc_id}: {len(sugg.spans)} suggestion(s) ({counts}), {len(sugg.relations)} relation(s)")
            for s in sugg.spans:
                say(_describe(s))
            for r in sugg.relations:
                say(f"  {r.id:<5} {r.label} {r.source} -> {r.target}")
            continue
        path = corpus.annotation_path(doc_id, args.annotator)
        loaded = store.load_or_new(path, schema, doc, args.annotator)
        merged, n_spans, n_rels = merge(loaded.annotation, sugg)
        if n_spans or n_rels:
            store.save(path, merged, loaded.fingerprint)
        say(f"{doc_id}: added {n_spans} span(s) and {n_rels} relation(s) to {path} "
            f"({len(sugg.spans) - n_spans} already there)")
    return 0
