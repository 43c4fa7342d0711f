"""export: ``margin export --format jsonl`` and ``--format conll`` over 10,000 documents ×
3 annotators × 40 spans vs a bare single-process ``CSafeLoader`` parse of the same files;
the ratio is of throughputs (files per second), target ≥ 1.0."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import ROOT, Config, child, compare, gen, median, missing

FORMATS = ("jsonl", "conll")


def corpus(cfg: Config) -> Path:
    docs = 30 if cfg.quick else 10_000
    return gen.corpus(docs, 3, 40, 4_000, log=cfg.log)


def margin(*args: str) -> float:
    """Seconds ``margin ARGS`` takes as a command (``python -m tui``); raises on failure."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "tui", *args], cwd=ROOT, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    took = time.perf_counter() - t0
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-3:]
        raise RuntimeError(f"margin {args[0]} exited {proc.returncode}: " + " | ".join(tail))
    return took


def unavailable(command: str) -> str | None:
    if not (ROOT / "tui" / "commands" / f"{command}.py").exists():
        return f"tui/commands/{command}.py is not there yet"
    return None


def warm(root: Path) -> int:
    """Read every file once so no run pays for the disk; returns the number of annotation files."""
    n = 0
    for p in root.rglob("*"):
        if p.is_file():
            p.read_bytes()
            n += p.suffix == ".yaml"
    return n


def export_time(root: Path, fmt: str) -> float:
    with tempfile.TemporaryDirectory(prefix="margin-bench-") as out:
        return margin("export", "--corpus", str(root), "--format", fmt, "--out", str(Path(out) / fmt))


def run(cfg: Config) -> list:
    why = unavailable("export")
    if why:
        return [missing(f"export.{f}", "files/s", "CSafeLoader parse", why) for f in FORMATS]
    root = corpus(cfg)
    files = warm(root)
    runs = cfg.runs(full=2, quick=1)  # a full run parses 30,000 files: minutes each
    parse, times = [], {f: [] for f in FORMATS}
    for _ in range(runs):  # interleaved, so a busy moment hits every contender alike
        t0 = time.perf_counter()
        out = child("parse", str(root))
        parse.append(time.perf_counter() - t0)
        for f in FORMATS:
            try:
                times[f].append(export_time(root, f))
            except RuntimeError as e:
                return [missing(f"export.{f}", "files/s", "CSafeLoader parse", str(e)) for f in FORMATS]
    base = files / median(parse)
    return [compare(f"export.{f}", files / median(times[f]), "files/s", "CSafeLoader parse", base,
                    least=1.0, details={
                        "files": files, "spans": out["spans"], "runs": runs, "seconds": times[f],
                        "parse_seconds": parse, "parse_in_child_seconds": out["seconds"]})
            for f in FORMATS]
