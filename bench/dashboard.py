"""dashboard: the team figures behind ``margin dashboard`` on 1,000 documents x 3
annotators, read from the per-document cache (what opening the dashboard again costs),
against just listing and stat-ing the corpus's files (the least any fresh figure needs),
in the same run. Details: the first (cold) computation, and the headless app from start
to the frame showing the figures. Target: under 1 s to open, i.e. ratio ≤ 8 here."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

from . import ROOT, Config, compare, gen, median

DOCS, QUICK_DOCS = 1_000, 30

OPEN = """
import asyncio, sys, time
t0 = time.perf_counter()
from tui.app.dashboard_app import DashboardApp
from tui.corpus import Corpus
async def main():
    app = DashboardApp(Corpus(sys.argv[1]))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.team is not None
    print(time.perf_counter() - t0, time.process_time())
asyncio.run(main())
"""


def list_and_stat(corpus) -> float:
    t0 = time.perf_counter()
    files = corpus.annotation_files()
    for f in files:
        os.stat(f)
    for d in corpus.doc_ids():
        os.stat(corpus.seeds_dir / f"{d}.txt")
    return time.perf_counter() - t0


def open_app(root) -> dict | None:
    """Seconds (wall, and the process's CPU) from a fresh interpreter's start to the
    dashboard's figures on screen (headless)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run([sys.executable, "-c", OPEN, str(root)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        return None
    wall, cpu = map(float, proc.stdout.strip().splitlines()[-1].split())
    return {"wall": wall, "cpu": cpu}


def run(cfg: Config) -> list:
    from tui.corpus import Corpus
    from tui.team.progress import team

    docs = QUICK_DOCS if cfg.quick else DOCS
    root = gen.corpus(docs, 3, 40, 4_000, log=cfg.log)
    corpus = Corpus(root)
    with tempfile.TemporaryDirectory(prefix="margin-bench-cache-") as cache:
        old = os.environ.get("MARGIN_CACHE_DIR")
        os.environ["MARGIN_CACHE_DIR"] = cache
        try:
            t0 = time.perf_counter()
            team(corpus)
            cold = time.perf_counter() - t0
            warm, base, cpu = [], [], []
            for _ in range(cfg.runs(full=5, quick=2)):  # interleaved
                base.append(list_and_stat(corpus))
                t0, c0 = time.perf_counter(), time.process_time()
                team(corpus)
                warm.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
            opened = None if cfg.quick else open_app(root)
        finally:
            if old is None:
                os.environ.pop("MARGIN_CACHE_DIR", None)
            else:
                os.environ["MARGIN_CACHE_DIR"] = old
    return [compare("dashboard", median(warm), "s", "list+stat files", median(base), most=8.0,
                    details={"documents": docs, "annotators": 3, "warm_seconds": warm, "list_stat_seconds": base,
                             "warm_cpu_seconds": cpu, "cold_seconds": cold, "open": opened,
                             "loadavg": os.getloadavg()})]


def describe(r) -> list[str]:
    d = r.details
    o = d["open"]
    opened = "n/a" if o is None else f"{o['wall']:.2f} s ({o['cpu']:.2f} s CPU)"
    return [f"{d['documents']} docs x {d['annotators']} annotators: from the cache {median(d['warm_cpu_seconds']):.2f} s CPU; "
            f"first computation {d['cold_seconds']:.1f} s; load average {d['loadavg'][0]:.1f}",
            f"headless app to the figures (warm cache, fresh interpreter, with imports): {opened}"]
