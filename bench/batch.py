"""batch: ``margin suggest --write`` and ``margin export`` over 10,000 documents in one
process, with ``--jobs 2`` and on a local Dask cluster of 2 workers; ratio of throughputs
against the one-process run of the same command in the same run (target ≥ 1.7 on 2
cores). Every way's output must be byte-identical to the one-process output (else MISS).

The Dask cluster (``dask2``) is started before its run and closed after it (not timed), its
scheduler and workers set up as docs/team.md tells users to start a batch cluster
(``tui.batch.BATCH_WORKERS``, the settings ``--dask local`` uses too).

``--quick``: 60 documents (the ratio then mostly measures start-up, not the map).
``--repeat N``: N interleaved runs of every way; the ratio is of the medians, and each run's
own ratio is printed beside it (one run is one sample of a machine whose speed varies by
tens of per cent between runs)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import ROOT, Config, compare, gen, median, missing
from .export import warm

EPOCH = "1764000000"  # SOURCE_DATE_EPOCH: every run of suggest --write records the same time
WAYS = ("one", "jobs2", "dask2")


# runs margin and reports its own CPU time and its local worker processes' (waited for by then)
PROBE = ("import json, resource, sys\n"
         "from tui.cli import main\n"
         "code = main(sys.argv[1:])\n"
         "me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)\n"
         "print(json.dumps([me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime]), file=sys.stderr)\n"
         "sys.exit(code)\n")


def cluster_cpu(client) -> float:
    """The CPU seconds the cluster's workers have spent so far (0 without a cluster)."""
    if client is None:
        return 0.0
    import resource

    return sum(r.ru_utime + r.ru_stime for r in client.run(resource.getrusage, resource.RUSAGE_SELF).values())


def margin(*args: str, client=None) -> dict:
    """``margin ARGS`` as a command: its wall time, its main process's CPU seconds, its
    workers' CPU seconds (local processes, or the Dask ``client``'s workers) and the load
    average."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    os.sync()  # the previous run's output written out first: no run pays for another's writeback
    load = os.getloadavg()[0]
    before = cluster_cpu(client)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=ROOT, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    took = time.perf_counter() - t0
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-3:]
        raise RuntimeError(f"margin {args[0]} exited {proc.returncode}: " + " | ".join(tail))
    main_cpu, workers_cpu = json.loads(proc.stderr.strip().splitlines()[-1])
    workers_cpu += cluster_cpu(client) - before
    return {"seconds": took, "main_cpu": main_cpu, "workers_cpu": workers_cpu,
            "load": (load + os.getloadavg()[0]) / 2}


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


def suggest_run(src: Path, work: Path, way: list[str], client=None) -> tuple[dict, str]:
    root = seeds_only(src, work / "suggest")
    warm(root)
    took = margin("suggest", "--write", "--corpus", str(root), *way, client=client)
    return took, tree(root / "annotations")


def export_run(src: Path, work: Path, way: list[str], client=None) -> tuple[dict, str]:
    out = work / "export"
    shutil.rmtree(out, ignore_errors=True)
    took = margin("export", "--corpus", str(src), "--format", "jsonl", "--annotator", "all",
                  "--out", str(out), *way, client=client)
    return took, tree(out)


def cluster():
    """A local cluster of 2 single-thread worker processes with docs/team.md's settings for
    batch work, and a client that reads its workers' CPU time (margin connects on its own)."""
    import dask.config
    from distributed import Client, LocalCluster

    from tui.batch import BATCH_WORKERS

    with dask.config.set(BATCH_WORKERS):  # the scheduler reads them; the nannies hand them to the workers
        c = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    return c, Client(c)


def one_way(once, src: Path, tmp: Path, way: str) -> tuple[dict, str]:
    """One timed run of a command (``once``) one ``way``; the Dask way on a cluster of its own."""
    if way != "dask2":
        return once(src, tmp, ["--jobs", "1" if way == "one" else "2"])
    c, client = cluster()
    try:
        return once(src, tmp, ["--dask", c.scheduler_address], client)
    finally:
        client.close()
        c.close()


def run(cfg: Config) -> list:
    ways = list(WAYS)
    try:
        import distributed  # noqa: F401
    except ImportError:
        why = "distributed is not installed (pip install 'margin[dask]')"
        return [missing(f"batch.{c}.{w}", "docs/s", "one process", why)
                for c in ("suggest", "export") for w in ways[1:]]
    docs = 60 if cfg.quick else 10_000
    src = gen.corpus(docs, 3, 40, 4_000, log=cfg.log)
    warm(src)
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    results = []
    try:
        with tempfile.TemporaryDirectory(prefix="margin-bench-batch-") as tmp:
            for command, once in (("suggest", suggest_run), ("export", export_run)):
                runs: dict[str, list[dict]] = {w: [] for w in ways}
                digests: dict[str, set[str]] = {w: set() for w in ways}
                for _ in range(cfg.runs(full=1, quick=1)):
                    for w in ways:  # interleaved: a busy moment hits every way alike
                        cfg.log(f"{command} {w} on {docs} documents")
                        took, digest = one_way(once, src, Path(tmp), w)
                        runs[w].append(took)
                        digests[w].add(digest)
                base = docs / median([r["seconds"] for r in runs["one"]])
                for w in ways[1:]:
                    same = digests[w] == digests["one"] and len(digests["one"]) == 1
                    r = compare(f"batch.{command}.{w}", docs / median([x["seconds"] for x in runs[w]]), "docs/s",
                                "one process", base, least=1.7,
                                details={"documents": docs, "runs": runs[w], "one_process": runs["one"],
                                         "identical": same})
                    if not same:
                        r.ok, r.note = False, "output differs from the one-process run"
                    results.append(r)
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    return results


def describe(r) -> list[str]:
    d = r.details
    one, way = d["one_process"][-1], d["runs"][-1]
    lines = [f"{d['documents']} documents; one process {one['seconds']:.1f} s (load {one['load']:.1f}), "
             f"this way {way['seconds']:.1f} s (load {way['load']:.1f}); output identical: {d['identical']}"]
    if "workers_cpu" in way:  # the CPU each side spent (what load changes little)
        total = way["main_cpu"] + way["workers_cpu"]
        lines.append(f"CPU: one process {one['main_cpu']:.1f} s; this way main {way['main_cpu']:.1f} s + "
                     f"workers {way['workers_cpu']:.1f} s; on 2 free cores at best "
                     f"{2 * one['main_cpu'] / total:.2f}x (main process {way['main_cpu'] / total:.0%} of the CPU)")
    if len(d["runs"]) > 1:  # --repeat N: each interleaved run's own ratio (the line's is of the medians)
        lines.append("each run: " + ", ".join(f"{o['seconds'] / w['seconds']:.2f}x (load {w['load']:.1f})"
                                              for o, w in zip(d["one_process"], d["runs"], strict=True)))
    return lines
