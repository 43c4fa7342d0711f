"""Reliability tests: they try to lose, shift, execute or leak data and check that margin
refuses (docs/reliability.md lists each promise and the test that proves it).

Helpers shared by these tests live here. Long tests scale up with ``--full`` (when the
option is registered) or ``MARGIN_FULL=1`` in the environment.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SEED
from tests.helpers import HANG_GUARD


def full_run(config) -> bool:
    """True for the long version of the scaled tests."""
    return bool(config.getoption("--full", default=False) or os.environ.get("MARGIN_FULL"))


def problem_lines(err: str, path) -> list[int]:
    """Assert every line of ``err`` is ``path:line: problem``; return the line numbers."""
    lines = err.splitlines()
    assert lines, "no problem was reported"
    assert "Traceback" not in err
    pat = re.compile(re.escape(str(path)) + r":(\d+): \S[^\n]*")
    numbers = []
    for line in lines:
        m = pat.fullmatch(line)
        assert m, f"not a 'path:line: problem' line: {line!r}"
        numbers.append(int(m.group(1)))
    return numbers


def snapshot(root: Path) -> dict:
    """Every file under ``root`` (not following links) with its bytes and mtime."""
    out: dict[str, tuple] = {}
    for p in sorted(root.rglob("*")):
        if p.is_symlink():
            out[str(p)] = ("link", os.readlink(p))
        elif p.is_file():
            out[str(p)] = (p.read_bytes(), p.stat().st_mtime_ns)
    return out


def install(corpus_dir: Path, data: bytes | str, annotator: str = "alice", doc: str = SEED) -> Path:
    """Write ``data`` as ``annotator``'s file for ``doc`` and return its path."""
    dest = corpus_dir / "annotations" / doc / f"{annotator}.yaml"
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return dest


def margin_limited(*argv: str, mem_mb: int = 768, timeout: float = HANG_GUARD) -> subprocess.CompletedProcess:
    """Run ``python -m tui ARGV`` in a child with its address space capped at ``mem_mb``.

    Raises subprocess.TimeoutExpired (after killing the child) when it runs too long.
    """
    limit = mem_mb * 2**20

    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return subprocess.run(
        [sys.executable, "-m", "tui", *argv], cwd=ROOT, preexec_fn=cap,
        capture_output=True, text=True, timeout=timeout,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
