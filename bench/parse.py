"""parse: reading the big article's annotation file as opening it in the app does
(``tui.store.load_or_new``: read, fingerprint, every check, 5,000 spans through the fast
reader of canonical files) vs ``yaml.load(text, Loader=CSafeLoader)`` of the same file,
which builds plain dicts and checks nothing (target: ratio ≤ 0.05).

Textual is imported first, as in the app: the more objects a process holds, the dearer a
garbage collection triggered while thousands of spans are built.
"""

from __future__ import annotations

import time
from pathlib import Path

from . import Config, compare, median
from .open import document


def run(cfg: Config) -> list:
    import textual.app  # noqa: F401  (the app's heap, see above)
    import textual.widgets  # noqa: F401
    import yaml

    from tui import store
    from tui.corpus import Corpus

    root, doc_id = document(cfg)
    corpus = Corpus(Path(root))
    doc = corpus.document(doc_id)
    doc.sha256  # computed once when the app opens the document, not part of reading the file
    path = next((Path(root) / "annotations" / doc_id).glob("*.yaml"))
    runs = cfg.runs(full=7, quick=3)
    ours, bare, spans = [], [], 0
    for _ in range(runs):  # interleaved, so both see the same load on the machine
        t0 = time.perf_counter()
        loaded = store.load_or_new(path, corpus.schema, doc, path.stem)
        ours.append(time.perf_counter() - t0)
        spans = len(loaded.annotation.spans)
        del loaded
        t0 = time.perf_counter()
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        bare.append(time.perf_counter() - t0)
    m, b = median(ours) * 1000, median(bare) * 1000
    return [compare("parse", m, "ms", "CSafeLoader", b, most=0.05, details={
        "spans": spans, "bytes": path.stat().st_size, "runs": runs,
        "margin_ms": [round(t * 1000, 1) for t in ours], "csafeloader_ms": [round(t * 1000, 1) for t in bare]})]
