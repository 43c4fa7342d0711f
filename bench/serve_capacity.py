"""serve_capacity: what one browser session of ``margin serve`` costs in memory.

Starts ``margin serve`` on a free loopback port, opens 20 sessions (``--quick``: 3) as a
browser would (its WebSocket, with the secret and the server's Origin), waits until every
session's app has drawn its screen and gone quiet, and sums the resident memory of the
processes the server started (each tab is one process). The figure is MB per session; the
baseline is the same app opened once in the terminal (``bench.harness memory margin``), so
the ratio says what serving adds. Closing the sockets must bring the server back to one
process (checked, reported). Needs the serve extra (textual-serve) and psutil."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import ROOT, SEED, Config, child, compare, median, missing

QUIET = 2.0  # seconds without output: a session has drawn its screen


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _url(port: int, server: subprocess.Popen, log: Path, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and server.poll() is None:
        found = re.search(r" on (http://\S+\?token=(\S+))$", log.read_text(), re.M)
        if found:
            return found[2]
        time.sleep(0.1)
    raise RuntimeError(f"margin serve did not start: {log.read_text()[-300:]}")


async def _sessions(port: int, token: str, n: int, measure) -> dict:
    """Open ``n`` sessions, wait until each has drawn and gone quiet, ``measure()``, close."""
    import aiohttp

    async with aiohttp.ClientSession() as http:
        sockets = [await http.ws_connect(f"ws://127.0.0.1:{port}/ws/{token}?width=120&height=40",
                                         headers={"Origin": f"http://127.0.0.1:{port}"}, max_msg_size=0)
                   for _ in range(n)]

        async def drain(ws) -> int:
            got = 0
            while True:
                try:
                    msg = await asyncio.wait_for(ws.receive(), QUIET if got else 60)
                except asyncio.TimeoutError:
                    return got
                if msg.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                    return got
                got += len(msg.data or b"")

        drawn = await asyncio.gather(*(drain(ws) for ws in sockets))
        result = measure()
        result["drawn"] = sum(1 for d in drawn if d > 0)
        for ws in sockets:
            await ws.close()
    return result


def _children_mb(pid: int) -> tuple[int, float, float]:
    """(processes, RSS MB, USS MB) of ``pid``'s descendants (the sessions)."""
    import psutil

    kids = psutil.Process(pid).children(recursive=True)
    rss = uss = 0.0
    for k in kids:
        try:
            info = k.memory_full_info()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        rss += info.rss
        uss += getattr(info, "uss", info.rss)
    return len(kids), rss / 2**20, uss / 2**20


def run(cfg: Config) -> list:
    try:
        import psutil  # noqa: F401
        import textual_serve  # noqa: F401
    except ImportError as e:
        return [missing("serve_capacity", "MB/session", "terminal app", f"needs {e.name} (margin[serve], psutil)")]
    n = 3 if cfg.quick else 20
    with tempfile.TemporaryDirectory(prefix="margin-bench-serve-") as tmp:
        root = Path(tmp) / "corpus"
        (root / "seeds").mkdir(parents=True)
        shutil.copy(SEED, root / "seeds")
        port, log = _port(), Path(tmp) / "serve.log"
        env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        with log.open("w") as out:
            server = subprocess.Popen([sys.executable, "-m", "tui", "serve", "--corpus", str(root), "--port",
                                       str(port), "--annotator", "bench"], cwd=ROOT, env=env, stdout=out,
                                      stderr=subprocess.STDOUT, start_new_session=True)
        try:
            token = _url(port, server, log)
            got = asyncio.run(_sessions(port, token, n, lambda: dict(zip(("procs", "rss", "uss"),
                                                                          _children_mb(server.pid)))))
            deadline = time.monotonic() + 20
            while _children_mb(server.pid)[0] and time.monotonic() < deadline:
                time.sleep(0.2)
            left = _children_mb(server.pid)[0]
        finally:
            server.terminate()
            server.wait(timeout=20)
        base = median(child("memory", "margin", str(root), SEED.stem)["maxrss_kb"] / 1024
                      for _ in range(cfg.runs(full=2, quick=1)))
    per = got["rss"] / max(1, got["procs"])
    return [compare("serve_capacity", per, "MB/session", "terminal app", base, most=1.5, details={
        "sessions": n, "drawn": got["drawn"], "processes": got["procs"], "rss_mb_total": round(got["rss"], 1),
        "uss_mb_per_session": round(got["uss"] / max(1, got["procs"]), 1),
        "processes_after_close": left})]


def describe(r) -> list[str]:
    d = r.details
    return [f"{d['sessions']} sessions ({d['drawn']} drew their screen), {d['processes']} processes, "
            f"{d['rss_mb_total']} MB resident in all; unique per session {d['uss_mb_per_session']} MB; "
            f"processes left after closing: {d['processes_after_close']}"]
