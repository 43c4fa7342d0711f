"""Crash safety: a process saving in a loop is killed with SIGKILL at random moments; the
file is always exactly the previous or a newer complete version, never torn or empty.

A helper process imports margin once and forks one saver per round (a fork starts in
microseconds where a fresh interpreter needs a third of a second), so hundreds of kills fit
in a few seconds. ``--full`` (or MARGIN_FULL=1) runs 1,000 kills.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED
from tests.helpers import HANG_GUARD
from tests.reliability import full_run
from tests.reliability.stops import kill_one, reap
from tui import store
from tui.corpus import Corpus
from tui.model import Annotation, Document, make_span
from tui.tokens import token_index

KILLS, FULL_KILLS = 60, 1000
VERSION_RE = re.compile(rb'note: "version (\d+)"')
TEMP_RE = re.compile(r"\.alice\.yaml\..+\.tmp")


def version(doc: Document, k: int) -> Annotation:
    """The k-th version of alice's file: its size and content change with k."""
    toks = token_index(doc.text).tokens
    spans = [make_span(doc.text, f"s{i + 1}", "ACTOR", *toks[i * 11]) for i in range(10 + k % 13)]
    spans[0] = spans[0].with_(note=f"version {k}")
    return Annotation(doc.id, doc.sha256, len(doc.text), "alice", "done" if k % 2 else "in_progress",
                      "2026-11-25T10:00:00Z", spans)


SAVER = r"""
import sys
from pathlib import Path
from tests.reliability.test_crash_safety import VERSION_RE, version
from tests.reliability.stops import serve_writers
from tui import store
from tui.corpus import Corpus

corpus = Corpus(Path(sys.argv[1]))
doc = corpus.document(sys.argv[2])
path = corpus.annotation_path(doc.id, "alice")


def save_forever(_):  # continue from the file on disk
    fp = store.fingerprint(path)
    k = int(VERSION_RE.search(path.read_bytes()).group(1))
    while True:
        k += 1
        fp = store.save(path, version(doc, k), fp)


serve_writers(save_forever)
"""


def _kill_loop(corpus: Corpus, kills: int, rng: random.Random, errors) -> dict:
    doc = corpus.document(SEED)
    path = corpus.annotation_path(SEED, "alice")
    store.save(path, version(doc, 0), None)
    helper = subprocess.Popen([sys.executable, "-c", SAVER, str(corpus.root), SEED], cwd=ROOT,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors, text=True)
    stats = {"kills": 0, "saves": 0, "unchanged": 0, "most_temps": 0}
    last = 0
    try:
        for n in range(kills):
            # two kills in three at the k-th file-system step of the saver's loop (k = 1..9:
            # inside its first save, between saves, after several), whatever the machine's
            # speed or load; the third at a random moment
            step = 1 + (n // 3 * 2 + n % 3) % 9 if n % 3 != 2 else None
            pid = kill_one(helper, "go -", step, rng.uniform(0, 0.03))
            status = reap(helper, pid)
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, Path(errors.name).read_text()
            stats["kills"] += 1
            data = path.read_bytes()
            m = VERSION_RE.search(data)
            assert m, f"kill {stats['kills']}: the file is torn or empty ({len(data)} bytes)"
            k = int(m.group(1))
            assert k >= last, f"kill {stats['kills']}: version went back from {last} to {k}"
            assert data == store.dumps(version(doc, k)).encode("utf-8")
            assert store.load(path, corpus.schema, doc).annotation == version(doc, k).sorted()
            stats["saves"] += k - last
            stats["unchanged"] += k == last
            last = k
            others = sorted(p.name for p in path.parent.iterdir() if p.name != "alice.yaml")
            assert all(TEMP_RE.fullmatch(n) for n in others), others
            stats["most_temps"] = max(stats["most_temps"], len(others))
    finally:
        helper.stdin.close()
        helper.wait(timeout=HANG_GUARD)
    return stats


def test_sigkill_while_saving_never_tears_the_file(request, corpus, tmp_path):
    kills = FULL_KILLS if full_run(request.config) else KILLS
    with open(tmp_path / "saver.err", "w") as errors:
        stats = _kill_loop(corpus, kills, random.Random(9), errors)
    print(f"\ncrash safety: {stats}")
    assert stats["kills"] == kills
    assert stats["saves"] > 0, "no kill landed after a save completed"
    assert 0 < stats["unchanged"] < kills, "kills should land both before and after a save completes"


def test_next_save_removes_temp_files_of_killed_writers(corpus):
    doc = corpus.document(SEED)
    path = corpus.annotation_path(SEED, "alice")
    fp = store.save(path, version(doc, 0), None)
    # a writer that stops forever inside fsync, i.e. after its temp file was created
    code = ("import os, sys, time; from pathlib import Path\n"
            "from tests.reliability.test_crash_safety import version\n"
            "from tui import store; from tui.corpus import Corpus\n"
            "c = Corpus(Path(sys.argv[1])); d = c.document(sys.argv[2])\n"
            "os.fsync = lambda fd: (print('in fsync', flush=True), time.sleep(60))\n"
            "store.save(c.annotation_path(d.id, 'alice'), version(d, 1), store.fingerprint(c.annotation_path(d.id, 'alice')))\n")
    for _ in range(3):
        p = subprocess.Popen([sys.executable, "-c", code, str(corpus.root), SEED], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True)
        assert p.stdout.readline() == "in fsync\n"
        p.kill()
        p.wait()
    assert any(TEMP_RE.fullmatch(n) for n in os.listdir(path.parent))  # left by a dead writer
    assert path.read_bytes() == store.dumps(version(doc, 0)).encode("utf-8")  # untouched
    store.save(path, version(doc, 2), fp)
    assert sorted(os.listdir(path.parent)) == ["alice.yaml"]


def test_save_keeps_the_file_permissions(corpus):
    doc = corpus.document(SEED)
    path = corpus.annotation_path(SEED, "alice")
    old = os.umask(0o022)
    try:
        fp = store.save(path, version(doc, 0), None)
        assert path.stat().st_mode & 0o777 == 0o644  # a new file follows the umask
        path.chmod(0o664)  # a shared corpus: the group may read and write
        fp = store.fingerprint(path)
        store.save(path, version(doc, 1), fp)
        assert path.stat().st_mode & 0o777 == 0o664
    finally:
        os.umask(old)
