"""margin serve: the command's checks, name locking, saving on exit, and the app in headless Chromium."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import importlib.util
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, SEED
from tui.cli import main

needs_serve = pytest.mark.skipif(importlib.util.find_spec("textual_serve") is None,
                                 reason="the serve extra (textual-serve) is not installed")
CHROMIUM = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"))), None)
FIRST_LINE = "Thousands of people, including suspected victims"  # the article's opening words


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- the command ---------------------------------------------------------------------------
def test_without_the_extra_one_line_and_exit_1(capsys, monkeypatch, corpus_dir):
    monkeypatch.setitem(sys.modules, "textual_serve", None)  # as if not installed
    code, out, err = run(capsys, "serve", "--corpus", str(corpus_dir))
    assert (code, out, err) == (1, "", "margin serve needs the serve extra: pip install 'margin[serve]'\n")


@needs_serve
def test_bad_arguments_are_one_line_errors(capsys, corpus_dir):
    code, _, err = run(capsys, "serve", "--corpus", str(corpus_dir), "--annotator", "../x")
    assert code == 1 and err.startswith("margin: invalid annotator name '../x'")
    code, _, err = run(capsys, "serve", "--corpus", str(corpus_dir), "no_such_doc")
    assert code == 1 and "no such document 'no_such_doc'" in err
    with pytest.raises(SystemExit) as e:
        main(["serve", "--corpus", str(corpus_dir), "--port", "0"])
    assert e.value.code == 2 and "use a number from 1 to 65535" in capsys.readouterr().err


@needs_serve
@pytest.mark.parametrize("host, warns", [("127.0.0.1", False), ("localhost", False), ("::1", False),
                                         ("0.0.0.0", True), ("192.168.1.20", True)])
def test_only_loopback_is_quiet(capsys, monkeypatch, corpus_dir, host, warns):
    import tui.serve

    calls = []
    monkeypatch.setattr(tui.serve, "serve", lambda *a, **k: calls.append(a))
    code, _, err = run(capsys, "serve", "--corpus", str(corpus_dir), "--host", host, "--port", "8123", "--annotator", "bob")
    assert code == 0 and calls[0][1:] == (host, 8123, "bob", None, None)
    assert ("anyone who can reach it can read and edit this corpus" in err) == warns


def test_default_url():
    from tui.serve import default_url

    assert default_url("127.0.0.1", 8000) == "http://127.0.0.1:8000"
    assert default_url("::1", 80) == "http://[::1]:80"
    assert default_url("0.0.0.0", 8000) == f"http://{socket.gethostname()}:8000"


@needs_serve
def test_port_in_use_is_a_clear_error(corpus_dir):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        p = subprocess.run([sys.executable, "-m", "tui", "serve", "--corpus", str(corpus_dir), "--port", str(port)],
                           cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert (p.returncode, p.stdout, p.stderr) == (1, "", f"margin: cannot serve on 127.0.0.1 port {port}: Address already in use\n")


def test_session_command_runs_this_python(tmp_path):
    from tui.serve import session_command

    cmd = session_command(tmp_path / "my corpus", tmp_path / "locks", "bob", SEED)
    assert shlex.split(cmd) == ["exec", sys.executable, "-m", "tui.serve", "--corpus", str(tmp_path / "my corpus"),
                                "--locks", str(tmp_path / "locks"), "--annotator", "bob", SEED]


# -- one session: the name, its lock, saving on exit -----------------------------------------
def served(corpus_dir, locks, annotator=None):
    from tui.corpus import Corpus
    from tui.serve import ServedApp

    return ServedApp(Corpus(corpus_dir), annotator, SEED, locks)


def test_a_name_is_held_by_one_session_at_a_time(corpus_dir, tmp_path):
    first, second = served(corpus_dir, tmp_path), served(corpus_dir, tmp_path)
    assert first.claim("bob") and not second.claim("bob") and second.claim("carol")
    assert first.claim("dave") and second.claim("bob")  # first let go of bob when it took dave


def test_session_asks_for_a_name_then_opens_the_article(corpus_dir, tmp_path, monkeypatch):
    from tui.app.screens.annotate import AnnotateScreen
    from tui.app.screens.name_prompt import NamePrompt

    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    from tui.app.screens import annotate as annotate_screen

    monkeypatch.setattr(annotate_screen, "AUTOSAVE_DELAY", 60.0)  # the save must come from the exit
    other = served(corpus_dir, tmp_path)
    assert other.claim("alice")

    async def go():
        app = served(corpus_dir, tmp_path, annotator="alice")  # given a name that is taken: asks
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, NamePrompt)
            assert "'alice' is already annotating" in str(app.screen.query_one("#dialog-error").render())
            await pilot.press(*["backspace"] * 5, "-", "x", "enter")
            assert isinstance(app.screen, NamePrompt)
            assert "invalid annotator name '-x'" in str(app.screen.query_one("#dialog-error").render())
            await pilot.press("backspace", "backspace", "b", "o", "b", "enter")
            await pilot.pause()
            assert isinstance(app.screen, AnnotateScreen) and app.screen.annotator == "bob" == app.annotator
            await pilot.press("a")  # tag the first token, then end the session before the autosave
            await pilot.pause()
            assert app.screen.session.dirty
            app.exit()  # what closing the tab or Ctrl+C on the server does
            await pilot.pause()

    asyncio.run(go())
    data = yaml.safe_load((corpus_dir / "annotations" / SEED / "bob.yaml").read_text(encoding="utf-8"))
    assert [(s["label"], s["text"]) for s in data["spans"]] == [("ACTOR", "Thousands")]
    assert not (corpus_dir / "annotations" / SEED / "alice.yaml").exists()


# -- the real server in headless Chromium -------------------------------------------------------
TERMINAL_HOOK = """
// textual-serve keeps its xterm.js Terminal private: catch it when its constructor sets
// _addonManager, so the test can read what the terminal shows.
Object.defineProperty(Object.prototype, "_addonManager", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "_addonManager", {value, writable: true, configurable: true});
    window.marginTerminal = this;
  },
});
"""
SCREEN_TEXT = """(() => {
  const t = window.marginTerminal;
  if (!t) return "";
  const b = t.buffer.active, rows = [];
  for (let i = 0; i < b.length; i++) rows.push(b.getLine(i).translateToString(true));
  return rows.join("\\n");
})()"""


class Browser:
    """Headless Chromium driven through the DevTools protocol (aiohttp's websocket client)."""

    def __init__(self, ws) -> None:
        self.ws = ws
        self.last_id = 0

    async def call(self, method: str, **params):
        self.last_id += 1
        await self.ws.send_json({"id": self.last_id, "method": method, "params": params})
        async for msg in self.ws:
            data = msg.json()
            if data.get("id") == self.last_id:
                if "error" in data:
                    raise AssertionError(f"{method}: {data['error']}")
                return data["result"]
        raise AssertionError("Chromium closed the DevTools connection")

    async def screen(self) -> str:
        result = await self.call("Runtime.evaluate", expression=SCREEN_TEXT, returnByValue=True)
        return result["result"].get("value") or ""

    async def wait_for(self, text: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while text not in (screen := await self.screen()):
            if time.monotonic() > deadline:
                state = await self.call("Runtime.evaluate", returnByValue=True,
                                        expression="document.readyState + ', body class: ' + document.body.className")
                raise AssertionError(f"{text!r} did not appear in the browser (page {state['result'].get('value')});"
                                     f" it shows:\n{screen}")
            await asyncio.sleep(0.05)
        return screen

    async def focus_terminal(self) -> None:
        await self.call("Runtime.evaluate", expression="window.marginTerminal.focus()")

    async def type(self, text: str) -> None:
        await self.call("Input.insertText", text=text)

    async def enter(self) -> None:
        for kind in ("keyDown", "keyUp"):
            await self.call("Input.dispatchKeyEvent", type=kind, key="Enter", code="Enter",
                            windowsVirtualKeyCode=13, **({"text": "\r"} if kind == "keyDown" else {}))

    async def screenshot(self, path: Path) -> None:
        path.write_bytes(base64.b64decode((await self.call("Page.captureScreenshot", format="png"))["data"]))


@contextlib.asynccontextmanager
async def chromium(profile: Path):
    """Headless Chromium with one 1280x720 page, offline, ready to read the terminal; yields a Browser."""
    import aiohttp

    proc = subprocess.Popen(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port_file = profile / "DevToolsActivePort"  # Chromium writes its port here
        deadline = time.monotonic() + 30
        while not port_file.is_file() or not port_file.read_text().strip():
            if proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"{CHROMIUM} did not start (exit code {proc.poll()})")
            await asyncio.sleep(0.05)
        port = port_file.read_text().split()[0]
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{port}/json/list") as r:
                page_url = next(t["webSocketDebuggerUrl"] for t in await r.json() if t["type"] == "page")
            async with http.ws_connect(page_url, max_msg_size=0) as ws:
                page = Browser(ws)
                await page.call("Page.enable")
                await page.call("Network.enable")  # textual-serve's page links a Google font: stay offline
                await page.call("Network.setBlockedURLs", urls=["*://fonts.googleapis.com/*"])
                await page.call("Emulation.setDeviceMetricsOverride", width=1280, height=720,
                                deviceScaleFactor=1, mobile=False)
                await page.call("Page.addScriptToEvaluateOnNewDocument", source=TERMINAL_HOOK)
                yield page
    finally:
        proc.kill()
        proc.wait()


def wait_for_port(port: int, server: subprocess.Popen, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"margin serve did not start: {server.communicate(timeout=5)}")
            time.sleep(0.05)


STOPS = {
    "ctrl+c": lambda pid: os.killpg(pid, signal.SIGINT),  # a terminal signals the whole process group
    "kill": lambda pid: os.kill(pid, signal.SIGTERM),  # kill, docker stop: the server alone
}


@needs_serve
@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium binary found (chromium, chromium-browser or google-chrome)")
@pytest.mark.parametrize("stop", STOPS)
def test_served_app_in_headless_chromium(corpus_dir, tmp_path, stop):
    """A browser session asks for a name, shows the article, edits; stopping the server saves the edit."""
    port = free_port()
    log = (tmp_path / "serve.log").open("w+")
    server = subprocess.Popen([sys.executable, "-m", "tui", "serve", "--corpus", str(corpus_dir), "--port", str(port)],
                              cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    async def session() -> None:
        async with chromium(Path(tempfile.mkdtemp(prefix="chromium-", dir=tmp_path))) as page:
            await page.call("Page.navigate", url=f"http://127.0.0.1:{port}/")
            await page.wait_for("Who is annotating?")
            await page.focus_terminal()
            await page.type("bob")
            await page.enter()
            screen = await page.wait_for(FIRST_LINE)
            assert "bob · in progress" in screen
            await page.screenshot(tmp_path / "serve.png")
            await page.type("a")  # tag the selected first token as an ACTOR
            await page.wait_for("Actors (1)")
            STOPS[stop](server.pid)  # usually before the 1 s autosave

    try:
        wait_for_port(port, server)
        asyncio.run(session())
        assert server.wait(timeout=20) == 0
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
        log.seek(0)
        output = log.read()
        log.close()
        print(output)  # shown by pytest when the test fails
    assert not any(word in output for word in ("Traceback", "WARNING", "ERROR")), output
    path = corpus_dir / "annotations" / SEED / "bob.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["annotator"] == "bob"
    assert [(s["label"], s["text"]) for s in data["spans"]] == [("ACTOR", "Thousands")]
    assert (tmp_path / "serve.png").read_bytes().startswith(b"\x89PNG")
    artefacts = ROOT / "tests" / "artifacts"  # ignored by git
    artefacts.mkdir(exist_ok=True)
    shutil.copy(tmp_path / "serve.png", artefacts / "serve.png")


async def _screenshot(url: str, out: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
        async with chromium(Path(profile)) as page:
            await page.call("Page.navigate", url=url)
            await page.wait_for(FIRST_LINE)
            await page.focus_terminal()
            await asyncio.sleep(1)  # let the last frame paint
            await page.screenshot(out)


if __name__ == "__main__":  # python -m tests.test_serve URL OUT.png: how docs/img/serve.png is taken
    asyncio.run(_screenshot(sys.argv[1], Path(sys.argv[2])))
