"""margin's benchmarks: each one measures margin and a baseline in the same run.

A benchmark is a module of this package with ``run(cfg: Config) -> list[Result]``; the
runner (``python -m bench``) prints one line per result,
``name: value unit (ratio X.XX vs baseline) target ... PASS|MISS``, and writes them all to
``bench/results.json``. Absolute times on a shared machine are noise; the ratios are the
figures to read (``docs/bench.md``).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_84bba73946586575.txt"


@dataclass
class Config:
    quick: bool = False
    repeat: int | None = None  # overrides each benchmark's number of runs

    def runs(self, full: int, quick: int) -> int:
        return self.repeat or (quick if self.quick else full)

    def log(self, msg: str) -> None:
        print(f"  … {msg}", file=sys.stderr, flush=True)


@dataclass
class Result:
    name: str
    value: float | None
    unit: str
    baseline: str  # what margin is compared with
    baseline_value: float | None = None
    ratio: float | None = None
    target: str = ""  # e.g. "ratio ≤ 1.50"
    ok: bool | None = None
    details: dict = field(default_factory=dict)
    note: str = ""  # why there is no value

    def line(self) -> str:
        if self.value is None or self.ratio is None:
            return f"{self.name}: n/a ({self.note})"
        verdict = "PASS" if self.ok else "MISS"
        return (f"{self.name}: {fmt(self.value)} {self.unit} (ratio {self.ratio:.2f} vs {self.baseline}) "
                f"target {self.target} {verdict}")

    def as_dict(self) -> dict:
        return asdict(self)


def missing(name: str, unit: str, baseline: str, note: str) -> Result:
    return Result(name, None, unit, baseline, note=note)


def compare(name: str, value: float, unit: str, baseline: str, base_value: float, *,
            most: float | None = None, least: float | None = None,
            details: dict | None = None) -> Result:
    """A result whose ratio is ``value / base_value``, checked against ``ratio ≤ most``
    (times, sizes) or ``ratio ≥ least`` (throughputs)."""
    ratio = value / base_value if base_value else float("inf")
    if most is not None:
        target, ok = f"ratio ≤ {most:.2f}", ratio <= most
    else:
        assert least is not None, "compare: give most or least"
        target, ok = f"ratio ≥ {least:.2f}", ratio >= least
    return Result(name, value, unit, baseline, base_value, ratio, target, ok, details or {})


def fmt(x: float) -> str:
    if x >= 100:
        return f"{x:.0f}"
    if x >= 10:
        return f"{x:.1f}"
    return f"{x:.2f}"


def median(xs) -> float:
    return statistics.median(xs)


def percentile(xs, p: float) -> float:
    """Linear-interpolated percentile, ``p`` in 0..100."""
    s = sorted(xs)
    if not s:
        return float("nan")
    k = (len(s) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def child(*args: str, timeout: float = 1800) -> dict:
    """Run ``python -m bench.harness ARGS`` in a fresh interpreter; its last stdout line is JSON."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run([sys.executable, "-m", "bench.harness", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0 or not proc.stdout.strip():
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-5:]
        raise RuntimeError(f"bench.harness {' '.join(args)} failed: " + " | ".join(tail))
    return json.loads(proc.stdout.strip().splitlines()[-1])
