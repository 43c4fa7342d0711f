"""corpus: what the size of the corpus costs, on the export corpus (10,000 documents x 3
annotators x 40 spans; ``--quick``: 300) against a 30-document corpus of the same files.

- ``corpus.picker``: the document picker (``ctrl+f``, headless at 120x40, a fresh
  interpreter whose statuses come from the user's cache, as on any second session) vs
  listing and stat-ing the corpus's files. Target ≤ 2x. Details: the first (cold) opening.
- ``corpus.open`` and ``corpus.next``: opening a document (the app's settled first screen)
  and ``]`` vs the same in the 30-document corpus. Target ≤ 1.25x ("the same").
  ``corpus.open_cpu``: the CPU time of that opening (every thread of the process), which
  other processes on the machine do not lengthen.
- ``corpus.stats`` and ``corpus.agree``: ``margin stats --json`` and ``margin agree --json``,
  the peak memory of the whole process tree (workers included, sampled) in MB vs 300 MB.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import ROOT, Config, compare, gen, median

SMALL = 30
SIZE = (120, 40)
MEMORY_MB = 300.0


def _env(cache: str) -> dict:
    return dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
                MARGIN_CACHE_DIR=cache)


def list_and_stat(root: Path) -> float:
    from tui.corpus import Corpus

    corpus = Corpus(root)
    t0 = time.perf_counter()
    for f in corpus.annotation_files():
        os.stat(f)
    for d in corpus.doc_ids():
        os.stat(corpus.seeds_dir / f"{d}.txt")
    return time.perf_counter() - t0


def app_child(root: Path, cache: str, doc_id: str) -> dict:
    """Open ``doc_id`` in a fresh interpreter, press ] then ctrl+f: the times of each."""
    proc = subprocess.run([sys.executable, "-m", "bench.corpus", "app", str(root), doc_id], cwd=ROOT,
                          env=_env(cache), capture_output=True, text=True, timeout=1800)
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        raise RuntimeError("bench.corpus app failed: " + " | ".join(tail))
    return json.loads(proc.stdout.strip().splitlines()[-1])


async def _app(root: str, doc_id: str) -> dict:
    from bench.harness import _timed, press, settle
    from tui.app.app import MarginApp
    from tui.corpus import Corpus

    t0, c0 = time.perf_counter(), time.process_time()
    app = _timed(MarginApp)(Corpus(Path(root)), "alice", doc_id)
    async with app.run_test(size=SIZE):
        await settle(app)
        frames = app.bench_frames
        first = next(f for f in frames if "AnnotateScreen" in f[2])
        out = {"open_first_ms": (first[0] - t0) * 1000, "open_ms": (frames[-1][0] - t0) * 1000,
               "open_cpu_ms": (time.process_time() - c0) * 1000}  # every thread's: the load does not count
        nxt = await press(app, "right_square_bracket")
        out["next_ms"] = nxt.get("ms", 0.0)
        t1 = time.perf_counter()
        await press(app, "ctrl+f")
        picked = next((f for f in app.bench_frames if f[0] >= t1 and f[2] == "Picker"), None)
        out["picker_ms"] = (picked[0] - t1) * 1000 if picked else None
    return out


def tree_peak(argv: list[str], cache: str) -> tuple[float, float]:
    """(seconds, peak MB of the process and its workers together) of ``margin ARGV``."""
    import psutil

    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "tui", *argv], cwd=ROOT, env=_env(cache),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    ps = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            total = ps.memory_info().rss + sum(c.memory_info().rss for c in ps.children(recursive=True))
            peak = max(peak, total)
        except psutil.Error:
            pass
        time.sleep(0.05)
    took = time.perf_counter() - t0
    if proc.returncode:
        raise RuntimeError(f"margin {argv[0]} exited {proc.returncode}: {proc.stderr.read()[-300:].decode(errors='replace') if proc.stderr else ''}")
    return took, peak / 2**20


def run(cfg: Config) -> list:
    big = gen.corpus(300 if cfg.quick else 10_000, 3, 40, 4_000, log=cfg.log)
    small = gen.corpus(SMALL, 3, 40, 4_000, log=cfg.log)
    runs = cfg.runs(full=3, quick=1)
    doc = "doc000007"
    with tempfile.TemporaryDirectory(prefix="margin-bench-cache-") as tmp:
        cold = app_child(big, os.path.join(tmp, "big"), doc)  # fills the user's cache
        app_child(small, os.path.join(tmp, "small"), doc)
        base, big_runs, small_runs = [], [], []
        for _ in range(runs):  # interleaved
            base.append(list_and_stat(big))
            big_runs.append(app_child(big, os.path.join(tmp, "big"), doc))
            small_runs.append(app_child(small, os.path.join(tmp, "small"), doc))
        mem = {}
        for name in ("stats", "agree"):
            mem[name] = tree_peak([name, "--corpus", str(big), "--json"], os.path.join(tmp, "cmd"))
    pick = median(r["picker_ms"] for r in big_runs) / 1000
    out = [compare("corpus.picker", pick, "s", "list+stat files", median(base), most=2.0,
                   details={"cold_picker_s": cold["picker_ms"] / 1000, "list_stat_s": base,
                            "picker_s": [r["picker_ms"] / 1000 for r in big_runs]})]
    for key, name in (("open_ms", "corpus.open"), ("open_cpu_ms", "corpus.open_cpu"), ("next_ms", "corpus.next")):
        out.append(compare(name, median(r[key] for r in big_runs), "ms", f"{SMALL}-document corpus",
                           median(r[key] for r in small_runs), most=1.25,
                           details={"big_ms": [r[key] for r in big_runs], "small_ms": [r[key] for r in small_runs],
                                    "cold_big_ms": cold[key]}))
    for name, (seconds, mb) in mem.items():
        out.append(compare(f"corpus.{name}", mb, "MB", "300 MB", MEMORY_MB, most=1.0,
                           details={"seconds": seconds}))
    return out


def describe(r) -> list[str]:
    d = r.details
    if "cold_picker_s" in d:
        return [f"first opening (statuses read, then kept in the user's cache): {d['cold_picker_s']:.2f} s"]
    if "seconds" in d:
        return [f"{d['seconds']:.1f} s"]
    return [f"first run in a fresh cache: {d['cold_big_ms']:.0f} ms"]


if __name__ == "__main__":
    if sys.argv[1] == "app":
        print(json.dumps(asyncio.run(_app(sys.argv[2], sys.argv[3]))))
