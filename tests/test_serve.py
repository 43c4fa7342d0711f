"""margin serve: the command's checks, name locking, saving on exit, and the app in headless Chromium."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import importlib.util
import os
import re
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
from tests.helpers import HANG_GUARD
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
    code, _, err = run(capsys, "serve", "--corpus", str(corpus_dir), "--annotator", "gold")
    assert code == 1 and "'gold' is reserved: gold is written only by 'margin review'" in err
    code, _, err = run(capsys, "serve", "--corpus", str(corpus_dir), "no_such_doc")
    assert code == 1 and "no such document 'no_such_doc'" in err
    with pytest.raises(SystemExit) as e:
        main(["serve", "--corpus", str(corpus_dir), "--port", "0"])
    assert e.value.code == 2 and "use a number from 1 to 65535" in capsys.readouterr().err


@needs_serve
@pytest.mark.parametrize("host, warns", [("127.0.0.1", False), ("localhost", False), ("::1", False),
                                         ("0.0.0.0", True), ("192.168.1.20", True)])
def test_only_loopback_is_quiet(capsys, monkeypatch, corpus_dir, host, warns):
    import tui.app.serve

    calls = []
    monkeypatch.setattr(tui.app.serve, "serve", lambda *a, **k: calls.append(a))
    code, _, err = run(capsys, "serve", "--corpus", str(corpus_dir), "--host", host, "--port", "8123", "--annotator", "bob")
    assert code == 0 and calls[0][1:] == (host, 8123, "bob", None, None)
    assert ("anyone who can reach it and has the address printed below can read and edit this corpus" in err) == warns


def test_default_url():
    from tui.app.serve import default_url

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
                           cwd=ROOT, capture_output=True, text=True, timeout=HANG_GUARD)
    assert (p.returncode, p.stdout, p.stderr) == (1, "", f"margin: cannot serve on 127.0.0.1 port {port}: Address already in use\n")


def test_session_command_runs_this_python(tmp_path):
    from tui.app.serve import session_command

    cmd = session_command(tmp_path / "my corpus", tmp_path / "locks", "bob", SEED)
    assert shlex.split(cmd) == ["exec", sys.executable, "-m", "tui.app.serve", "--corpus", str(tmp_path / "my corpus"),
                                "--locks", str(tmp_path / "locks"), "--annotator", "bob", SEED]


# -- who may connect: the secret and the Origin ----------------------------------------------
def test_origin_of_is_canonical():
    from tui.serve_access import origin_of

    assert origin_of("http://127.0.0.1:8000") == origin_of("HTTP://127.0.0.1:8000/x?y") == "http://127.0.0.1:8000"
    assert origin_of("https://Example.org:443/margin") == "https://example.org"
    assert origin_of("http://[::1]:8000") == "http://[::1]:8000"
    assert [origin_of(o) for o in ("null", "file://", "ws://h:1", "http://h:x", "")] == [None] * 5


@contextlib.asynccontextmanager
async def guarded_server(tmp_path):
    """A margin server on a free loopback port whose sessions end at once; yields (server, client)."""
    from aiohttp.test_utils import TestClient, TestServer

    from tui.app.serve import make_server

    port = free_port()
    server = make_server("exit 0", tmp_path, "127.0.0.1", port, f"http://127.0.0.1:{port}/", "s3cret-Token_x")
    async with TestClient(TestServer(await server._make_app(), host="127.0.0.1", port=port)) as client:
        yield server, client


OWN = "http://127.0.0.1:{port}"


@needs_serve
@pytest.mark.parametrize("origin, token, why", [
    ("http://evil.example", "s3cret-Token_x", "Origin 'http://evil.example' is not this server's"),
    ("http://127.0.0.1:1", "s3cret-Token_x", "is not this server's"),  # another port: another origin
    ("http://localhost:{port}", "s3cret-Token_x", "is not this server's"),
    ("null", "s3cret-Token_x", "Origin 'null' is not this server's"),  # sandboxed frames, file://
    (OWN, None, "no token in the URL"),
    (OWN, "wrong", "wrong token"),
    (OWN, "s3cret-Token_", "wrong token"),
    (OWN, "s3cret-Token_x\u00e9", "wrong token"),
    (None, "nope", "wrong token"),  # no Origin (not a browser): the secret still decides
])
async def test_websocket_refused_without_the_secret_or_from_a_foreign_origin(tmp_path, capsys, origin, token, why):
    import aiohttp

    async with guarded_server(tmp_path) as (server, client):
        headers = {"Origin": origin.format(port=server.port)} if origin else {}
        with pytest.raises(aiohttp.WSServerHandshakeError) as e:
            await client.ws_connect("/ws" if token is None else f"/ws/{token}", headers=headers)
        assert e.value.status == 403
    log = capsys.readouterr().out
    assert "margin serve: refused a connection from 127.0.0.1: " in log and why in log


@needs_serve
@pytest.mark.parametrize("origin", [OWN, None])
async def test_websocket_with_the_secret_from_its_own_origin_is_served(tmp_path, capsys, origin):
    async with guarded_server(tmp_path) as (server, client):
        headers = {"Origin": origin.format(port=server.port)} if origin else {}
        ws = await client.ws_connect(f"/ws/{server.token}?width=100&height=30", headers=headers)
        await ws.close()
    assert "refused" not in capsys.readouterr().out


@needs_serve
async def test_the_page_needs_the_secret_and_hands_it_to_its_websocket(tmp_path, capsys):
    async with guarded_server(tmp_path) as (server, client):
        for query in ("", "?token=", "?token=wrong", "?fontsize=12"):
            r = await client.get(f"/{query}")
            assert r.status == 403 and "Open the address margin serve printed" in await r.text()
            assert server.token not in await r.text()
        r = await client.get(f"/?token={server.token}")
        page = await r.text()
        assert r.status == 200 and r.headers["Referrer-Policy"] == "no-referrer"
        assert f'data-session-websocket-url="ws://127.0.0.1:{server.port}/ws/{server.token}"' in page
        r = await client.get("/static/js/textual.js")  # no secret in it: served to anyone
        assert r.status == 200
    out = capsys.readouterr().out
    assert out.count("margin serve: refused a page request from 127.0.0.1") == 4
    assert f"on http://127.0.0.1:{server.port}/?token={server.token}\n" in out
    assert out.count(server.token) == 1, out


@needs_serve
async def test_a_hostile_origin_is_logged_inert(tmp_path, capsys):
    """A C1 CSI (UTF-8 in the header, as a non-browser client can send it) reaches the log as a placeholder."""
    async with guarded_server(tmp_path) as (server, client):
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        writer.write(f"GET /ws/{server.token} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                     "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                     "Origin: http://e\u009b2J\u009d0;pwned.x\r\n\r\n".encode())
        await writer.drain()
        assert (await reader.readline()).startswith(b"HTTP/1.1 403")
        writer.close()
    out = capsys.readouterr().out
    assert "refused a connection" in out and "\x9b" not in out and "\x9d" not in out


@needs_serve
def test_the_access_log_never_shows_the_secret(tmp_path, caplog):
    """The printed URL is the one place the secret appears: aiohttp's access lines
    (``GET /ws/<secret>?width=…``, ``GET /?token=<secret>``) are redacted by the server's filter."""
    import logging

    from tui.app.serve import LogScrubber, make_server

    server = make_server("exit 0", tmp_path, "127.0.0.1", 8000, "http://127.0.0.1:8000/", "s3cret-Token_x")
    server.initialize_logging()
    handlers = [h for h in logging.getLogger().handlers if any(isinstance(f, LogScrubber) for f in h.filters)]
    try:
        assert handlers
        with caplog.at_level(logging.INFO, logger="aiohttp.access"):
            logging.getLogger("aiohttp.access").info('%s "%s %s"', "127.0.0.1", "GET",
                                                     "/ws/s3cret-Token_x?width=80&height=24")
            logging.getLogger("aiohttp.access").info("%s", "GET /?token=s3cret-Token_x HTTP/1.1")
        got = [r.getMessage() for r in caplog.records]
        assert got == ['127.0.0.1 "GET /ws/<secret>?width=80&height=24"', "GET /?token=<secret> HTTP/1.1"]
    finally:
        for h in handlers:
            for f in [f for f in h.filters if isinstance(f, LogScrubber)]:
                h.removeFilter(f)


def test_the_access_log_is_inert():
    """aiohttp logs the request line and the User-Agent: through the server's handlers, inert."""
    import logging

    from tui.app.serve import inert_log_record

    record = logging.LogRecord("aiohttp.access", logging.INFO, "x", 1, '%s "%s"', ("GET /", "ua\x9b2J\x1b]0;t\x07"), None)
    assert inert_log_record(record) and record.getMessage() == 'GET / "ua�2J␛]0;t␇"'


# -- one session: the name, its lock, saving on exit -----------------------------------------
def served(corpus_dir, locks, annotator=None):
    from tui.corpus import Corpus
    from tui.app.serve import ServedApp

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
            await pilot.press("backspace", "backspace", "g", "o", "l", "d", "enter")
            assert isinstance(app.screen, NamePrompt)
            assert ("annotator name 'gold' is reserved: gold is written only by 'margin review'"
                    in str(app.screen.query_one("#dialog-error").render()))
            await pilot.press(*["backspace"] * 4, "b", "o", "b", "enter")
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

    async def wait_for(self, text: str, timeout: float = HANG_GUARD) -> str:
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

    assert CHROMIUM is not None
    proc = subprocess.Popen(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port_file = profile / "DevToolsActivePort"  # Chromium writes its port here
        deadline = time.monotonic() + HANG_GUARD
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


def wait_for_url(port: int, server: subprocess.Popen, log: Path, timeout: float = HANG_GUARD) -> str:
    """The address (with its secret) the server printed, once it accepts connections."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            found = re.search(r" on (http://\S+\?token=\S+)$", log.read_text(), re.M)
            if found:
                return found[1]
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            raise AssertionError(f"margin serve did not start: {server.communicate(timeout=5)}, {log.read_text()}")
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

    async def session(url: str) -> None:
        async with chromium(Path(tempfile.mkdtemp(prefix="chromium-", dir=tmp_path))) as page:
            await page.call("Page.navigate", url=url)
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
        asyncio.run(session(wait_for_url(port, server, tmp_path / "serve.log")))
        assert server.wait(timeout=HANG_GUARD) == 0
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


async def test_shutdown_does_not_wait_for_children_that_are_not_sessions():
    """A process margin did not start as a session (multiprocessing's resource tracker, a
    pool worker in the same process) is not waited for when the server stops: with an hour
    of timeout, children_reaped returns while such a child still lives."""
    from tui.app.serve import children_reaped

    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(3600)"])
    try:
        await asyncio.wait_for(children_reaped(3600.0), timeout=300)  # a hang guard, not a timing
        assert child.poll() is None  # it returned while the child lives
    finally:
        child.kill()
        child.wait()
