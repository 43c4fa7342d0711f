"""save: ``tui.store.save`` of an annotation with 5,000 spans over an existing file
(conflict check, canonical YAML, atomic write with fsync) vs a bare
``yaml.dump(data, Dumper=CSafeDumper)`` of the same data written plainly (target: ratio ≤ 1.3)."""

from __future__ import annotations

import tempfile
import time
from dataclasses import replace
from pathlib import Path

from . import Config, compare, gen, median
from tui.model import Document


def as_data(ann) -> dict:
    """The plain dict a YAML file of ``ann`` holds (what a bare dumper would be given)."""
    spans = []
    for s in ann.spans:
        d = {"id": s.id, "label": s.label, "start": s.start, "end": s.end, "text": s.text,
             "prefix": s.prefix, "suffix": s.suffix}
        if s.attrs:
            d["attrs"] = dict(s.attrs)
        spans.append(d)
    return {"format": "margin/1", "document": {"id": ann.doc_id, "sha256": ann.sha256, "chars": ann.chars},
            "annotator": ann.annotator, "status": ann.status, "updated": ann.updated, "spans": spans,
            "relations": [{"id": r.id, "label": r.label, "from": r.source, "to": r.target}
                          for r in ann.relations]}


def run(cfg: Config) -> list:
    import yaml

    from tui import store

    size, nspans = (200_000, 1_000) if cfg.quick else (1_000_000, 5_000)
    text, ents, links = gen.article("save", size)
    doc = Document("save", text)
    ann = gen.annotation(doc, ents, links, "bench", nspans)
    data = as_data(ann)
    runs = cfg.runs(full=9, quick=3)
    ours, bare = [], []
    with tempfile.TemporaryDirectory(prefix="margin-bench-") as tmp:
        path, plain = Path(tmp) / "save" / "bench.yaml", Path(tmp) / "plain.yaml"
        fp = store.save(path, ann, None)
        for i in range(runs):
            ann = replace(ann, updated=f"2026-01-01T00:00:{i:02d}Z")  # a change, so it writes
            t0 = time.perf_counter()
            fp = store.save(path, ann, fp)
            ours.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            plain.write_bytes(yaml.dump(data, Dumper=yaml.CSafeDumper).encode("utf-8"))
            bare.append(time.perf_counter() - t0)
        size_ours, size_bare = path.stat().st_size, plain.stat().st_size
    m, b = median(ours) * 1000, median(bare) * 1000
    return [compare("save", m, "ms", "CSafeDumper", b, most=1.3, details={
        "spans": nspans, "runs": runs, "margin_bytes": size_ours, "csafedumper_bytes": size_bare})]
