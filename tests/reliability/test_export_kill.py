"""Crash safety of export: a process exporting in a loop is killed with SIGKILL at random
moments; ``--out`` is always exactly the previous complete export or the new complete one,
never half of either, never missing once it existed; what the dead writers leave beside it
is only margin's own staging, and the next export removes it.

Exports alternate between two versions (all labels / ACTOR only) so old and new differ.
A helper process imports margin once and forks one exporter per round. ``--full`` (or
MARGIN_FULL=1, or MARGIN_FUZZ=full) runs ten times as many kills.
"""

from __future__ import annotations

import hashlib
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.helpers import HANG_GUARD
from tests.helpers import team_corpus
from tests.reliability import full_run
from tests.reliability.stops import kill_one, reap
from tui.corpus import Corpus
from tui.export import export
from tui.export.outdir import MARKER, OLD, STAGE, read_marker

KILLS, FULL_KILLS = 25, 250
VERSIONS = (None, "ACTOR")  # --labels of export version 0 and 1


def long_run(config) -> bool:
    return full_run(config) or os.environ.get("MARGIN_FUZZ") == "full"


def tree(path: Path) -> dict:
    """The export's files and their sha256; the marker by its format and file list."""
    out: dict[str, object] = {str(p.relative_to(path)): hashlib.sha256(p.read_bytes()).hexdigest()
           for p in sorted(path.rglob("*")) if p.is_file() and p.name != MARKER}
    m = read_marker(path)
    out[MARKER] = m and (m["format"], tuple(m["files"]))
    return out


EXPORTER = r"""
import os, sys
from pathlib import Path
from tui.corpus import Corpus
from tui.export import export
from tests.reliability.stops import serve_writers, stop_at
from tests.reliability.test_export_kill import VERSIONS

corpus, fmt, out = Corpus(Path(sys.argv[1])), sys.argv[2], Path(sys.argv[3])
export(corpus, fmt, Path(sys.argv[4]), annotators="all", jobs=1)  # warm up: every import done once
pid = os.fork()  # count one export's file-system steps (not its time: that depends on the load)
if pid == 0:
    count = stop_at(0, 1)
    export(corpus, fmt, Path(sys.argv[4]), annotators="all", jobs=1)
    print(count[0], flush=True)
    os._exit(0)
os.waitpid(pid, 0)


def export_forever(first):  # alternating the versions
    k = int(first)
    while True:
        export(corpus, fmt, out, annotators="all", labels=VERSIONS[k % 2], jobs=1)
        k += 1


serve_writers(export_forever)
"""


def make_corpus(root: Path, n_docs: int = 6) -> Corpus:
    return team_corpus(root, n_docs)


@pytest.mark.parametrize("fmt", ["brat", "jsonl"])
def test_sigkill_while_exporting_never_leaves_half_an_export(request, tmp_path, fmt):
    kills = FULL_KILLS if long_run(request.config) else KILLS
    corpus = make_corpus(tmp_path / "corpus")
    refs = []
    for k, labels in enumerate(VERSIONS):
        export(corpus, fmt, tmp_path / f"ref{k}", annotators="all", labels=labels, jobs=1)
        refs.append(tree(tmp_path / f"ref{k}"))
    assert refs[0] != refs[1]
    out = tmp_path / "site" / "out"
    export(corpus, fmt, out, annotators="all", labels=VERSIONS[0], jobs=1)
    rng = random.Random(13)
    seen = {0: 0, 1: 0}
    leftovers = 0
    with open(tmp_path / "exporter.err", "w") as errors:
        helper = subprocess.Popen([sys.executable, "-c", EXPORTER, str(corpus.root), fmt, str(out),
                                   str(tmp_path / "warm")], cwd=ROOT,
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors, text=True,
                                  env={**os.environ, "PYTHONPATH": str(ROOT)})
        line = helper.stdout.readline()
        assert line, Path(errors.name).read_text()
        steps = int(line)  # one export's file-system steps
        current = 0
        try:
            for n in range(kills):
                # most kills at a chosen file-system step of the exporter's loop, which first
                # writes the version --out does not hold: step 1 (nothing done yet), step
                # steps + 1 (one export done), then spread over two exports; every fourth
                # kill at a random moment. What they see does not depend on the machine's speed.
                k = 1 if n == 0 else steps + 1 if n == 1 else 1 + (n * 7) % (2 * steps)
                pid = kill_one(helper, f"go {1 - current}", None if n % 4 == 3 else k, rng.uniform(0, 0.05))
                status = reap(helper, pid)
                assert os.WIFSIGNALED(status), Path(errors.name).read_text()
                now = tree(out)
                assert now in refs, f"kill {n}: --out is neither the old nor the new export"
                current = refs.index(now)
                seen[current] += 1
                others = [p for p in os.listdir(out.parent) if p != "out"]
                assert all(p.startswith((f".out.{STAGE}", f".out.{OLD}")) for p in others), others
                leftovers = max(leftovers, len(others))
        finally:
            helper.stdin.close()
            helper.wait(timeout=HANG_GUARD)
    print(f"\nexport kills ({fmt}): {kills}, --out seen as version 0/1: {seen}, most leftovers {leftovers}")
    assert seen[0] and seen[1], "kills should land both before and after an export completes"
    export(corpus, fmt, out, annotators="all", jobs=1)  # a rerun neither trips nor leaves litter
    assert tree(out) == refs[0] and os.listdir(out.parent) == ["out"]


def test_without_rename_exchange_a_kill_between_the_renames_is_repaired(tmp_path, monkeypatch):
    """On a file system without RENAME_EXCHANGE the old export is moved aside first; a run
    dying right there leaves --out missing, and the next run puts the old one back first."""
    from tui.export import outdir

    corpus = make_corpus(tmp_path / "corpus", n_docs=2)
    out = tmp_path / "out"
    export(corpus, "jsonl", out, annotators="all")
    before = tree(out)

    def no_exchange(a, b):
        raise outdir._NoExchange

    real_rename = os.rename

    class Killed(BaseException):
        pass

    def die(src, dst):
        if Path(dst) == out:
            raise Killed  # "killed" between moving the old aside and the new in
        real_rename(src, dst)

    monkeypatch.setattr(outdir, "exchange", no_exchange)
    monkeypatch.setattr(outdir.os, "rename", die)
    with pytest.raises(Killed):
        export(corpus, "jsonl", out, annotators="all", labels="ACTOR")
    monkeypatch.undo()
    assert not out.exists() and any(p.startswith(f".out.{OLD}") for p in os.listdir(tmp_path))
    outdir.clean_dead(out)
    assert tree(out) == before
    monkeypatch.setattr(outdir, "exchange", no_exchange)
    export(corpus, "jsonl", out, annotators="all", labels="ACTOR")  # the fallback path works
    assert tree(out) != before and sorted(os.listdir(tmp_path)) == ["corpus", "out"]
