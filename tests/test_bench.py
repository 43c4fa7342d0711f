"""``python -m bench --quick`` runs every benchmark and reports each in the agreed format.

It checks that the benchmarks run and write their results, not the timings (which depend on
the machine). Deselect with ``-m "not bench"``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NAMES = ("startup", "open", "keystroke", "memory", "save", "parse", "export.jsonl", "export.conll", "agree", "dashboard")
LINE = re.compile(r"(?P<name>[\w.]+): (?P<value>\d+(?:\.\d+)?) (?P<unit>[^(]+?) "
                  r"\(ratio (?P<ratio>\d+\.\d\d|inf) vs (?P<base>[^)]+)\) target (?P<target>.+) (?P<verdict>PASS|MISS)")


@pytest.mark.bench
def test_quick_bench_prints_every_line_and_writes_results(tmp_path):
    results = tmp_path / "results.json"
    env = dict(os.environ, MARGIN_BENCH_CACHE=str(tmp_path / "cache"))
    proc = subprocess.run([sys.executable, "-m", "bench", "--quick", "--results", str(results)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)  # a hang guard, not a timing
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = {ln.split(":", 1)[0]: ln for ln in proc.stdout.splitlines() if ln and not ln.startswith(" ")}
    for name in NAMES:
        assert name in lines, f"no line for {name}:\n{proc.stdout}"
        m = LINE.fullmatch(lines[name])
        assert m, f"bad line: {lines[name]!r}\n{proc.stderr[-2000:]}"
        assert m["name"] == name and float(m["value"]) >= 0  # a fast machine prints 0.00: shape, not size
    data = json.loads(results.read_text())
    got = {r["name"]: r for r in data["results"]}
    assert set(NAMES) <= set(got)
    for name in NAMES:
        r = got[name]
        assert r["value"] >= 0 and r["baseline_value"] >= 0
        if r["baseline_value"] > 0:
            assert r["ratio"] == pytest.approx(r["value"] / r["baseline_value"], rel=1e-6)
        assert r["ok"] in (True, False)
    assert data["meta"]["quick"] is True
    assert got["keystroke"]["details"]["large_80x24"]["noop_frames"] == 0  # the no-op key drew nothing
    assert got["keystroke"]["details"]["large_80x24"]["silent_keys"] == 0  # every measured key drew
