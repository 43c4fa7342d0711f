"""margin serve --dashboard: the team dashboard in a web browser (headless Chromium)."""

from __future__ import annotations

import asyncio
import os
import shlex
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from bench import gen
from tests.test_serve import CHROMIUM, ROOT, chromium, free_port, needs_serve, wait_for_url
from tests.helpers import HANG_GUARD


def test_dashboard_command_runs_this_python(tmp_path):
    from tui.app.serve import dashboard_command

    assert shlex.split(dashboard_command(tmp_path / "my corpus")) == [
        "exec", sys.executable, "-m", "tui", "dashboard", "--corpus", str(tmp_path / "my corpus")]


@needs_serve
@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium binary found")
def test_dashboard_in_headless_chromium(tmp_path):
    root = gen.team(tmp_path / "corpus", docs=12)
    port = free_port()
    log_path = tmp_path / "serve.log"
    log = log_path.open("w+")
    env = dict(os.environ, MARGIN_CACHE_DIR=str(tmp_path / "cache"))
    server = subprocess.Popen([sys.executable, "-m", "tui", "serve", "--dashboard", "--corpus", str(root),
                               "--port", str(port)], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)

    async def session(url: str) -> str:
        async with chromium(Path(tempfile.mkdtemp(prefix="chromium-", dir=tmp_path))) as page:
            await page.call("Page.navigate", url=url)  # the printed address, with the server's secret
            screen = await page.wait_for("Agreement by pair")
            await page.wait_for("alice–bob")
            await page.screenshot(tmp_path / "dashboard.png")
            return screen

    try:
        url = wait_for_url(port, server, log_path)
        asyncio.run(session(url))
        os.kill(server.pid, signal.SIGTERM)  # the server alone (docker stop); it ends its sessions
        assert server.wait(timeout=HANG_GUARD) == 0
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
        log.seek(0)
        output = log.read()
        log.close()
        print(output)
    assert not any(word in output for word in ("Traceback", "WARNING", "ERROR")), output
    assert (tmp_path / "dashboard.png").read_bytes().startswith(b"\x89PNG")
    artefacts = ROOT / "tests" / "artifacts"  # ignored by git
    artefacts.mkdir(exist_ok=True)
    (artefacts / "serve-dashboard.png").write_bytes((tmp_path / "dashboard.png").read_bytes())


def test_served_session_opens_the_annotators_next_assigned_document(tmp_path, monkeypatch):
    from tui.team import assign
    from tui.app.screens.annotate import AnnotateScreen
    from tui.corpus import Corpus
    from tui.app.serve import ServedApp

    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    root = gen.team(tmp_path / "corpus", docs=9)
    corpus = Corpus(root)
    want = assign.next_assigned(corpus, "carol")
    assert want is not None and want != corpus.doc_ids()[0]
    (tmp_path / "locks").mkdir()

    async def go():
        app = ServedApp(corpus, "carol", None, tmp_path / "locks")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            scr = app.screen
            assert isinstance(scr, AnnotateScreen) and scr.doc_ids[scr.doc_index] == want

    asyncio.run(go())
