"""``python -m bench [--quick] [--only NAME,...] [--results PATH] [--repeat N]``"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import subprocess
import sys
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

from . import ROOT, Config, Result

BENCHMARKS = ("startup", "open", "keystroke", "memory", "save", "parse", "export", "agree", "imports", "learn", "dashboard", "batch",
              "keys_per_span", "serve_capacity", "corpus")
QUICK_SKIPS = ("keys_per_span", "batch", "serve_capacity")  # minutes of replay; clusters of processes: run them with --only
DEFAULT_RESULTS = Path(__file__).resolve().parent / "results.json"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench", description="margin's benchmarks, each against a baseline")
    p.add_argument("--quick", action="store_true", help="small corpora and few runs (under a minute)")
    p.add_argument("--only", metavar="NAME,...", help=f"run only these ({', '.join(BENCHMARKS)})")
    p.add_argument("--results", metavar="PATH", type=Path, default=DEFAULT_RESULTS,
                   help="where to write the JSON results (default: bench/results.json)")
    p.add_argument("--repeat", type=int, metavar="N", help="runs per benchmark (default: each its own)")
    args = p.parse_args(argv)
    names: tuple[str, ...] = BENCHMARKS
    if args.only:
        names = tuple(n.strip() for n in args.only.split(",") if n.strip())
        unknown = [n for n in names if n not in BENCHMARKS]
        if unknown:
            p.error(f"unknown benchmark(s): {', '.join(unknown)} (choose from {', '.join(BENCHMARKS)})")
    if args.quick and not args.only:
        names = tuple(n for n in names if n not in QUICK_SKIPS)
    cfg = Config(quick=args.quick, repeat=args.repeat)
    results: list[list[Result]] = []
    started = time.perf_counter()
    for name in names:
        cfg.log(f"{name} ...")
        t0 = time.perf_counter()
        mod = importlib.import_module(f"bench.{name}")
        try:
            got = mod.run(cfg)
        except Exception as e:  # one broken benchmark must not hide the others
            traceback.print_exc(file=sys.stderr)
            got = [Result(name, None, "", "", note=f"failed: {type(e).__name__}: {e}")]
        for r in got:
            r.details["bench_seconds"] = round(time.perf_counter() - t0, 2)
            print(r.line(), flush=True)
            if r.value is not None and hasattr(mod, "describe"):
                for line in mod.describe(r):
                    print(f"    {line}", flush=True)
        results.append(got)
        write(args.results, [r for rs in results for r in rs], cfg, time.perf_counter() - started)
    flat = [r for rs in results for r in rs]
    missed = [r.name for r in flat if r.ok is False]
    print(f"{sum(r.ok is True for r in flat)} PASS, {len(missed)} MISS, "
          f"{sum(r.ok is None for r in flat)} n/a in {time.perf_counter() - started:.0f} s; "
          f"results in {args.results}")
    return 0


def write(path: Path, results: list[Result], cfg: Config, seconds: float) -> None:
    import textual
    import yaml

    meta = {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "quick": cfg.quick, "seconds": round(seconds, 1),
        "python": platform.python_version(), "textual": textual.__version__,
        "pyyaml": yaml.__version__, "libyaml": bool(getattr(yaml, "__with_libyaml__", False)),
        "cpus": os.cpu_count(), "loadavg": os.getloadavg(), "platform": platform.platform(),
        "commit": _git("rev-parse", "--short", "HEAD"), "dirty": bool(_git("status", "--porcelain", "tui")),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps({"meta": meta, "results": [r.as_dict() for r in results]}, indent=1) + "\n")
    os.replace(tmp, path)


def _git(*args: str) -> str:
    """Which code was measured (the tree changes between runs of a working checkout)."""
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10).stdout.strip()
    except OSError:
        return ""


if __name__ == "__main__":
    sys.exit(main())
