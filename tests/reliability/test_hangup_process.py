"""The real app on a real terminal that goes away: a margin whose terminal closes, with no
SIGHUP to tell it (started under ``nohup``, or outside the terminal's foreground group), or
that is sent SIGHUP or SIGTERM, saves the edit it holds and exits. Before, it lost the edit
made in the last second (SIGHUP killed it) or, with no signal, stayed alive reading nothing
at full CPU until someone killed it."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time

import pytest
import yaml

from tests.conftest import ROOT, SEED
from tests.helpers import HANG_GUARD
from tui.app.hangup import HANGUP_STATUS

APP = f"""
import sys
from tui.app import saving
from tui.app.screens import annotate
annotate.AUTOSAVE_DELAY = saving.AUTOSAVE_DELAY = 1e6  # only the hangup may save
from tui.cli import main
sys.exit(main(["annotate", "--corpus", sys.argv[1], "--annotator", "alice", "{SEED}"]))
"""


def _read_until(master: int, want: bytes, proc) -> bytes:
    seen = b""
    deadline = time.monotonic() + HANG_GUARD
    while want not in seen:
        assert time.monotonic() < deadline and proc.poll() is None, seen[-2000:]
        if select.select([master], [], [], 0.5)[0]:
            seen += os.read(master, 65536)
    return seen


@pytest.mark.parametrize("how", ["terminal closed, no signal", "SIGHUP", "SIGTERM"])
def test_an_app_whose_terminal_goes_away_saves_and_exits(corpus_dir, how):
    master, slave = os.openpty()
    env = dict(os.environ, PYTHONPATH=str(ROOT), TERM="xterm-256color", COLUMNS="100", LINES="30")
    proc = subprocess.Popen([sys.executable, "-c", APP, str(corpus_dir)], stdin=slave, stdout=slave,
                            stderr=slave, env=env, start_new_session=True)  # no controlling terminal
    os.close(slave)
    try:
        _read_until(master, b"Claims", proc)  # the screen is up
        os.write(master, b"/Amnesty International\r")
        _read_until(master, b"1/", proc)  # the search found it
        os.write(master, b"a")
        _read_until(master, b"Actors (1)", proc)
        if how == "terminal closed, no signal":
            os.close(master)
            master = -1
        else:
            os.kill(proc.pid, getattr(signal, how))
        assert proc.wait(HANG_GUARD) == HANGUP_STATUS
    finally:
        if proc.poll() is None:
            proc.kill()
        if master >= 0:
            os.close(master)
    path = corpus_dir / "annotations" / SEED / "alice.yaml"
    spans = yaml.safe_load(path.read_text(encoding="utf-8"))["spans"]
    assert [s["text"] for s in spans] == ["Amnesty International"]
