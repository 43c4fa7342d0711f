"""Import is all or nothing: killed with SIGKILL at random moments, a full disk, a folder
it may not write. After a kill the corpus holds every imported file or none (once the
journal the dead import left is rolled forward, which the next import does first), every
file loads, and a rerun works. ``--full`` (or MARGIN_FULL=1) runs 500 kills.
"""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT
from tests.helpers import HANG_GUARD
from tests import helpers
from tests.helpers import seed_text
from tests.reliability import full_run, snapshot
from tests.reliability.stops import kill_one, read_until_stop
from tui import store
from tui.store import staged
from tui.cli import main
from tui.corpus import Corpus
from tui.tokens import token_index

DOCS, KILLS, FULL_KILLS = 6, 30, 500


def make_corpus(root):
    """DOCS articles (the seed with a different last line each) and a jsonl of spans for each."""
    texts = {f"doc{k}": f"{seed_text()}\n\nDocument {k}." for k in range(DOCS)}
    helpers.make_corpus(root, texts)
    lines = []
    for k, text in enumerate(texts.values()):
        toks = token_index(text).tokens
        spans = [{"start": toks[i][0], "end": toks[i][1], "label": "ACTOR"} for i in range(0, 200, 3)]
        lines.append(json.dumps({"id": f"doc{k}", "text": text, "spans": spans}))
    src = root / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return src


IMPORTER = r"""
import os, sys, traceback
from pathlib import Path
from tui.corpus import Corpus
from tui.importers import import_path
from tests.reliability.stops import say, stop_at

corpus, src = Corpus(Path(sys.argv[1])), Path(sys.argv[2])
for line in sys.stdin:
    arg = line.split()[1:]
    pid = os.fork()
    if pid == 0:
        try:
            count = stop_at(int(arg[0]), 1) if arg else [0]
            import_path(corpus, "jsonl", src, "bob")
            if arg:
                os.write(1, f"done {count[0]}\n".encode())
            os._exit(0)
        except BaseException:
            traceback.print_exc()
            os._exit(3)
    say(str(pid))
    sys.stdin.readline()
    say(str(os.waitpid(pid, 0)[1]))
"""


def bob_files(corpus):
    return sorted(p for p in corpus.annotations_dir.glob("*/bob.yaml"))


def test_sigkill_during_import_leaves_all_or_nothing(request, tmp_path):
    kills = FULL_KILLS if full_run(request.config) else KILLS
    src = make_corpus(tmp_path / "c")
    corpus = Corpus(tmp_path / "c")
    rng = random.Random(13)
    assert main(["import", "--corpus", str(corpus.root), "--format", "jsonl", str(src), "--annotator", "bob"]) == 0
    for f in bob_files(corpus):
        f.unlink()
    stats = {"none": 0, "all": 0, "recovered": 0, "finished": 0}
    err = open(tmp_path / "importer.err", "w")
    helper = subprocess.Popen([sys.executable, "-c", IMPORTER, str(corpus.root), str(src)], cwd=ROOT,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, text=True)
    try:
        helper.stdin.write("go 1000000\n")  # one whole import, counting its file-system steps
        helper.stdin.flush()
        pid, done = read_until_stop(helper.stdout)
        helper.stdin.write("reap\n")
        helper.stdin.flush()
        assert int(helper.stdout.readline()) == 0, (tmp_path / "importer.err").read_text()
        steps = int(done.split()[1])
        for f in bob_files(corpus):
            f.unlink()
        for n in range(kills):
            # most kills at a chosen file-system step (1 .. steps + 1: before, between and after
            # the renames, on any machine); every fourth at a random moment
            kill_one(helper, "go", None if n % 4 == 3 else 1 + (n * 5) % (steps + 1), rng.uniform(0, 0.2))
            helper.stdin.write("reap\n")
            helper.stdin.flush()
            status = int(helper.stdout.readline())
            assert status == 0 or os.WIFSIGNALED(status), (tmp_path / "importer.err").read_text()
            stats["finished"] += status == 0
            journals = list(corpus.annotations_dir.glob(".margin-txn-*.json"))
            if len(bob_files(corpus)) not in (0, DOCS):
                assert journals, "half an import and no journal to finish it"
            stats["recovered"] += bool(journals)
            staged.recover(corpus.annotations_dir)  # what the next import does first
            files = bob_files(corpus)
            assert len(files) in (0, DOCS), f"{len(files)} of {DOCS} files after a kill"
            for f in files:
                assert store.load(f, corpus.schema, corpus.document(f.parent.name)).annotation.spans
            left = [p.name for p in corpus.annotations_dir.rglob(".*") if p.name.startswith(".margin-txn-")]
            assert left == []
            if files:
                stats["all"] += 1
                for f in files:
                    f.unlink()
            else:
                stats["none"] += 1
                if rng.random() < 0.1:  # a rerun works (and temps of the dead do not stop it)
                    assert main(["import", "--corpus", str(corpus.root), "--format", "jsonl", str(src),
                                 "--annotator", "bob"]) == 0
                    assert len(bob_files(corpus)) == DOCS
                    temps = [p for p in corpus.annotations_dir.rglob(".*") if not p.name.startswith(".alice")]
                    assert temps == [], "the rerun should clear the temp files of killed imports"
                    for f in bob_files(corpus):
                        f.unlink()
    finally:
        helper.stdin.close()
        helper.wait(timeout=HANG_GUARD)
        err.close()
    print(f"\nimport kills: {stats}")
    assert stats["none"] + stats["all"] == kills
    assert stats["none"] and stats["all"], "kills should land both before and after the writes"


@pytest.mark.parametrize("call, err", [("write", errno.ENOSPC), ("write", errno.EACCES),
                                       ("replace", errno.ENOSPC), ("open", errno.EACCES)])
def test_disk_full_or_no_permission_writes_nothing(tmp_path, monkeypatch, capsys, call, err):
    src = make_corpus(tmp_path / "c")
    (tmp_path / "c" / "annotations" / "doc3").mkdir()
    (tmp_path / "c" / "annotations" / "doc3" / "alice.yaml").write_text("keep", encoding="utf-8")
    before = snapshot(tmp_path / "c" / "annotations")
    real, n = getattr(os, call), []

    def failing(*a, **kw):
        target = str(a[1] if call == "replace" else a[0])
        if call == "write" or "bob.yaml" in target:
            n.append(1)
            if len(n) == 3:  # the third file: two are staged already
                raise OSError(err, os.strerror(err))
        return real(*a, **kw)

    monkeypatch.setattr(os, call, failing)
    code = main(["import", "--corpus", str(tmp_path / "c"), "--format", "jsonl", str(src), "--annotator", "bob"])
    monkeypatch.setattr(os, call, real)
    out, e = capsys.readouterr()
    assert code == 1 and n, e
    assert len(e.splitlines()) == 1 and "Traceback" not in e and os.strerror(err) in e, e
    assert snapshot(tmp_path / "c" / "annotations") == before  # no file, no temp, no folder, no journal
    assert main(["import", "--corpus", str(tmp_path / "c"), "--format", "jsonl", str(src), "--annotator", "bob"]) == 0
