"""import: ``margin import --format jsonl`` of one document with 1k, 5k, 15k and 20k spans
(span ids left to margin, relations included) vs ``tui.store.dumps`` of the same annotation
in the same run. Import parses, places, checks and writes the file, so a constant ratio
means import grows linearly with the spans; a ratio that climbs with the size is a
quadratic part. 20k spans make a file over ``store.MAX_FILE_BYTES``: that row times the
refusal (nothing is written).

``python -m bench.imports`` prints the table; ``python -m bench --only imports`` records it.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from . import Config, compare, gen, median, missing

SIZES = (1_000, 5_000, 15_000, 20_000)


def _case(tmp: Path, nspans: int):
    """A corpus with one article and a jsonl file of ``nspans`` spans without ids."""
    from tui.model import Document

    root = tmp / f"c{nspans}"
    (root / "seeds").mkdir(parents=True)
    text, ents, links = gen.article(f"import:{nspans}", max(200_000, nspans * 60))
    doc = Document("doc", text)
    ann = gen.annotation(doc, ents, links, "bench", nspans)
    (root / "seeds" / "doc.txt").write_bytes(text.encode("utf-8"))
    linked = {r.source for r in ann.relations} | {r.target for r in ann.relations}
    rec = {"id": "doc", "text": text,  # ids only where a relation needs one: margin numbers the rest
           "spans": [{**({"id": s.id} if s.id in linked else {}), "start": s.start, "end": s.end,
                      "label": s.label, "attrs": s.attrs} for s in ann.spans],
           "relations": [{"label": r.label, "from": r.source, "to": r.target} for r in ann.relations]}
    src = tmp / f"in{nspans}.jsonl"
    src.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    return root, src, ann


def measure(nspans: int, runs: int) -> tuple[float, float, int]:
    """(median import seconds, median dumps seconds, bytes written; 0 if refused)."""
    from tui import store
    from tui.corpus import Corpus
    from tui.errors import ValidationError
    from tui.importers import import_path

    ours, base = [], []
    with tempfile.TemporaryDirectory(prefix="margin-bench-") as t:
        root, src, ann = _case(Path(t), nspans)
        for _ in range(runs):
            t0 = time.perf_counter()
            try:
                written = import_path(Corpus(root), "jsonl", src, "bench", force=True)
            except ValidationError:
                written = None
            ours.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            store.dumps(ann)
            base.append(time.perf_counter() - t0)
        size = written[0][0].stat().st_size if written else 0
    return median(ours), median(base), size


def run(cfg: Config) -> list:
    if cfg.quick:  # keeps `--quick` (and tests/test_bench.py) as short as before
        return [missing("import_1k", "ms", "store.dumps", "not run with --quick: python -m bench.imports")]
    out = []
    for n in SIZES[:3]:
        ours, base, size = measure(n, cfg.runs(full=3, quick=1))
        out.append(compare(f"import_{n // 1000}k", ours * 1000, "ms", "store.dumps", base * 1000,
                           most=10.0, details={"spans": n, "bytes": size}))
    return out


if __name__ == "__main__":
    import sys

    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    for n in SIZES:
        ours, base, size = measure(n, runs)
        print(f"{n:>6} spans: import {ours:8.3f} s   store.dumps {base:7.3f} s   ratio {ours / base:7.1f}   "
              + (f"{size / 2**20:.2f} MiB written" if size else "refused: over the file limit"), flush=True)
