"""``margin serve``: the same app in a web browser, one app process per browser session.

The server (textual-serve) starts ``python -m tui.app.serve`` for each browser session. A session
asks who is annotating (or is given a name) and holds a lock on that name while it runs, so
two sessions of one server never write the same annotation file. POSIX only (``flock``).
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import ipaddress
import logging
import os
import shlex
import socket
import sys
import tempfile
import time
from pathlib import Path

from tui.annotators import check_writer
from tui.corpus import Corpus
from tui.errors import MarginError
from tui.serve_access import new_token
from tui.app.app import MarginApp
from tui.app.screens.annotate import AnnotateScreen
from tui.app.screens.name_prompt import NamePrompt

SHUTDOWN_WAIT = 10.0  # seconds the server gives its sessions to save and exit


class ServedApp(MarginApp):
    """The margin app for one browser session: name first, then the annotate screen."""

    def __init__(self, corpus: Corpus, annotator: str | None, doc_id: str | None, locks: Path) -> None:
        super().__init__(corpus, annotator or "", doc_id)  # "": no name yet, the session asks for one
        self.locks = locks
        self._lock_fd: int | None = None

    def open_article(self) -> None:
        """Only once we have a name: the one given if it is free, else the one the prompt gets."""
        if self.annotator and self.claim(self.annotator):
            self.start(self.annotator)
        else:
            error = NamePrompt.TAKEN.format(name=self.annotator) if self.annotator else ""
            self.push_screen(NamePrompt(self.claim, self.annotator, error), self.start)

    def start(self, annotator: str | None) -> None:
        assert annotator is not None  # NamePrompt is dismissed with a name only
        self.annotator = annotator
        if self.doc_id is None:  # their next assigned unfinished document (margin assign), if any
            from tui.team.assign import next_assigned

            self.doc_id = next_assigned(self.corpus, annotator)
        super().open_article()

    def claim(self, name: str) -> bool:
        """Lock ``name`` for this process's lifetime; False if another session holds it."""
        fd = os.open(self.locks / f"{name}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        if self._lock_fd is not None:
            os.close(self._lock_fd)
        self._lock_fd = fd
        return True

    def on_exit_app(self) -> None:
        """Save what is open however the session ends (tab closed, Ctrl+C on the server)."""
        for screen in self.screen_stack:
            if isinstance(screen, AnnotateScreen):
                screen.save_now()


def session_command(corpus_root: Path, locks: Path, annotator: str | None, doc_id: str | None) -> str:
    """The shell command textual-serve runs for each browser session."""
    argv = [sys.executable, "-m", "tui.app.serve", "--corpus", str(Path(corpus_root).resolve()), "--locks", str(locks)]
    if annotator:
        argv += ["--annotator", annotator]
    if doc_id:
        argv.append(doc_id)
    return "exec " + shlex.join(argv)  # exec: the app, not a shell, gets the server's pipes and signals


def is_loopback(host: str) -> bool:
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def default_url(host: str, port: int) -> str:
    """Where browsers find the server: HOST:PORT, or this machine's name for a wildcard host."""
    if host in ("", "0.0.0.0", "::"):
        host = socket.gethostname()
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def make_server(command: str, corpus_root: Path, host: str, port: int, public_url: str, token: str):
    """A textual-serve Server that refuses whoever lacks ``token`` or comes from a foreign
    Origin (see ``serve_access``), and that, when stopped, ends its sessions at once
    (``tui.app.serve_server``). textual-serve is imported here, not at the top, so that
    session processes, which import this module, do not load the web server."""
    from tui.app.serve_server import MarginServer

    return MarginServer(command, corpus_root, host, port, public_url.rstrip("/"), token)


class LogScrubber(logging.Filter):
    """A logging filter: the record's message with the server's secret redacted (the URL
    printed at start is the one place it appears) and every control character made visible."""

    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secret = secret

    def filter(self, record) -> bool:
        from tui.display import one_line

        message = record.getMessage()
        if self.secret:
            message = message.replace(self.secret, "<secret>")
        record.msg, record.args = one_line(message), ()
        return True


def inert_log_record(record) -> bool:
    """A logging filter: the record's message with every control character made visible."""
    return LogScrubber("").filter(record)


async def children_reaped(timeout: float) -> None:
    """Wait until asyncio has reaped every child process, so the loop closes without warnings."""
    deadline = time.monotonic() + timeout
    while hasattr(os, "waitid") and time.monotonic() < deadline:  # macOS has it from Python 3.13
        try:  # WNOWAIT: look, but leave the reaping to asyncio
            exited = os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        except ChildProcessError:  # no children left
            break
        if exited is None:  # none waits to be reaped; live children (sessions are awaited
            break  # before this; a multiprocessing helper in the same process) are not ours
        await asyncio.sleep(0.02)
    await asyncio.sleep(0.02)  # let asyncio run the exit callbacks


def dashboard_command(corpus_root: Path) -> str:
    """The command a browser session runs to show ``margin dashboard`` (``serve --dashboard``)."""
    return "exec " + shlex.join([sys.executable, "-m", "tui", "dashboard", "--corpus", str(Path(corpus_root).resolve())])


def serve(corpus: Corpus, host: str, port: int, annotator: str | None, doc_id: str | None,
          public_url: str | None = None, *, dashboard: bool = False) -> None:
    """Serve until Ctrl+C; each session saves what it has open when it is stopped.
    With ``dashboard`` every session shows the team dashboard instead of the annotator."""
    try:  # a taken port or unknown host fails here, before the server says it is serving
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as aiohttp binds
            probe.bind((host, port))
    except OSError as e:
        raise MarginError(f"cannot serve on {host} port {port}: {e.strerror or e}") from None
    with tempfile.TemporaryDirectory(prefix="margin-serve-") as locks:
        ServedApp(corpus, annotator, doc_id, Path(locks))  # a bad margin.yaml fails here, not per session
        command = (dashboard_command(corpus.root) if dashboard
                   else session_command(corpus.root, Path(locks), annotator, doc_id))
        server = make_server(command, corpus.root.resolve(), host, port, public_url or default_url(host, port),
                             new_token())
        try:
            server.serve()
        except OSError as e:
            raise MarginError(f"cannot serve on {host} port {port}: {e.strerror or e}") from None


def session(argv: list[str] | None = None) -> int:
    """One browser session (run by the server, not by people)."""
    p = argparse.ArgumentParser(prog="python -m tui.app.serve", description=session.__doc__)
    p.add_argument("--corpus", required=True)
    p.add_argument("--locks", required=True, help="the server's directory of annotator-name locks")
    p.add_argument("--annotator")
    p.add_argument("doc", nargs="?")
    args = p.parse_args(argv)
    try:
        if args.annotator is not None:
            check_writer(args.annotator)
        app = ServedApp(Corpus(Path(args.corpus)), args.annotator, args.doc, Path(args.locks))
    except MarginError as e:
        print(f"margin: {e}", file=sys.stderr)
        return 1
    app.run()
    if app.error:
        print(app.error, file=sys.stderr)
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(session())
