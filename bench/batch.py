"""batch: ``margin suggest --write`` and ``margin export`` over 10,000 documents in one
process, with ``--jobs 2`` and on a local Dask cluster of 2 workers; ratio of throughputs
against the one-process run of the same command in the same run (target ≥ 1.7 on 2
cores). Every way's output must be byte-identical to the one-process output (else MISS).

``--quick``: 60 documents (the ratio then mostly measures start-up, not the map)."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from . import Config, compare, gen, median, missing
from .export import margin, warm

EPOCH = "1764000000"  # SOURCE_DATE_EPOCH: every run of suggest --write records the same time


def tree(root: Path) -> str:
    """One digest of every file under ``root`` (path and bytes), margin's export marker aside."""
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file() and p.name != ".margin-export":
            h.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def seeds_only(src: Path, dest: Path) -> Path:
    """A corpus of ``src``'s articles and no annotations (suggest --write's starting point)."""
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(src / "seeds", dest / "seeds")
    return dest


def suggest_run(src: Path, work: Path, way: list[str]) -> tuple[float, str]:
    root = seeds_only(src, work / "suggest")
    warm(root)
    took = margin("suggest", "--write", "--corpus", str(root), *way)
    return took, tree(root / "annotations")


def export_run(src: Path, work: Path, way: list[str]) -> tuple[float, str]:
    out = work / "export"
    shutil.rmtree(out, ignore_errors=True)
    took = margin("export", "--corpus", str(src), "--format", "jsonl", "--annotator", "all",
                  "--out", str(out), *way)
    return took, tree(out)


def run(cfg: Config) -> list:
    try:
        from distributed import LocalCluster
    except ImportError:
        why = "distributed is not installed (pip install 'margin[dask]')"
        return [missing(f"batch.{c}.{w}", "docs/s", "one process", why)
                for c in ("suggest", "export") for w in ("jobs2", "dask2")]
    docs = 60 if cfg.quick else 10_000
    src = gen.corpus(docs, 3, 40, 4_000, log=cfg.log)
    warm(src)
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    ways = {"one": ["--jobs", "1"], "jobs2": ["--jobs", "2"], "dask2": ["--dask", cluster.scheduler_address]}
    results = []
    try:
        with tempfile.TemporaryDirectory(prefix="margin-bench-batch-") as tmp:
            for command, once in (("suggest", suggest_run), ("export", export_run)):
                times: dict[str, list[float]] = {w: [] for w in ways}
                digests: dict[str, set[str]] = {w: set() for w in ways}
                for _ in range(cfg.runs(full=1, quick=1)):
                    for w, args in ways.items():  # interleaved: a busy moment hits every way alike
                        cfg.log(f"{command} {' '.join(args)} on {docs} documents")
                        took, digest = once(src, Path(tmp), args)
                        times[w].append(took)
                        digests[w].add(digest)
                base = docs / median(times["one"])
                for w in ("jobs2", "dask2"):
                    same = digests[w] == digests["one"] and len(digests["one"]) == 1
                    r = compare(f"batch.{command}.{w}", docs / median(times[w]), "docs/s", "one process", base,
                                least=1.7, details={"documents": docs, "seconds": times[w],
                                                    "one_process_seconds": times["one"], "identical": same})
                    if not same:
                        r.ok, r.note = False, "output differs from the one-process run"
                    results.append(r)
    finally:
        cluster.close()
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    return results


def describe(r) -> list[str]:
    d = r.details
    return [f"{d['documents']} documents; one process {median(d['one_process_seconds']):.1f} s, "
            f"this way {median(d['seconds']):.1f} s; output identical: {d['identical']}"]
