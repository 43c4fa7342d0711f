"""When the terminal goes away (an SSH connection drops, a terminal window or a tmux
session is closed, ``kill`` is sent), a margin app saves what is typed and exits.

Two ways it learns of it:

- **a signal**: SIGHUP (the terminal hung up) or SIGTERM (``kill``, a shutdown);
- **the terminal itself**: when no signal comes (the app was started under ``nohup``, or
  outside the terminal's foreground group), the terminal's input reports a hangup and
  Textual's input thread would read nothing from it forever, at full CPU: a process left
  spinning after its window is gone. :class:`HangupWatch` waits on that input for a hangup
  only (``poll`` with no event asked: it never takes a key from Textual, and it sleeps until
  the hangup comes).

Either way ``on_hangup`` runs once, on the app's event loop. :func:`exit_soon` is the
backstop for the exit itself: restoring a terminal that is gone can block, so once the
edits are saved the process ends within ``grace`` seconds whatever Textual is doing.
"""

from __future__ import annotations

import asyncio
import os
import select
import signal
import threading
from collections.abc import Callable

#: the exit status after a hangup: 128 + SIGHUP, as a shell reports a process it hung up
HANGUP_STATUS = 129
GRACE = 3.0  # seconds for a clean exit once the edits are saved


class HangupWatch:
    """Calls ``on_hangup`` (in its own thread) once ``fd`` is hung up or closed at the other
    end; :meth:`stop` ends the watch. Reads nothing from ``fd``; watches a handle of its own
    on it (raises OSError when ``fd`` is not open)."""

    def __init__(self, fd: int, on_hangup: Callable[[], None]) -> None:
        self.fd = os.dup(fd)
        self.on_hangup = on_hangup
        self._wake_r, self._wake_w = os.pipe()
        self._thread = threading.Thread(target=self._run, name="margin-hangup", daemon=True)

    def start(self) -> HangupWatch:
        self._thread.start()
        return self

    def stop(self) -> None:
        try:
            os.write(self._wake_w, b"x")
        except OSError:
            pass
        self._thread.join(timeout=1)
        for fd in (self._wake_r, self._wake_w, self.fd):
            try:
                os.close(fd)
            except OSError:
                pass

    def _run(self) -> None:
        poll = select.poll()
        poll.register(self.fd, 0)  # no event asked: only POLLHUP, POLLERR, POLLNVAL come back
        poll.register(self._wake_r, select.POLLIN)
        while True:
            events = dict(poll.poll())
            if self._wake_r in events:
                return
            if events.get(self.fd, 0) & (select.POLLHUP | select.POLLERR | select.POLLNVAL):
                try:
                    self.on_hangup()
                except RuntimeError:  # the app's loop closed meanwhile: nothing left to save
                    pass
                return


def watch_terminal(loop: asyncio.AbstractEventLoop, on_hangup: Callable[[], None],
                   fd: int = 0) -> HangupWatch | None:
    """Run ``on_hangup`` on ``loop`` once, at SIGHUP, SIGTERM or a hangup of ``fd`` (the
    terminal's input by default). Returns the watch, to stop it, or None when there is no
    terminal to watch (signals are still handled where the loop can)."""
    fired = threading.Event()

    def once() -> None:
        if not fired.is_set():
            fired.set()
            on_hangup()

    for name in ("SIGHUP", "SIGTERM"):
        try:
            loop.add_signal_handler(getattr(signal, name), once)
        except (AttributeError, NotImplementedError, RuntimeError, ValueError):
            pass  # no such signal here, not the main thread, a loop without signals
    if not hasattr(select, "poll"):
        return None  # Windows: its console driver reads no closed input
    def from_watch() -> None:
        loop.call_soon_threadsafe(once)

    try:
        return HangupWatch(fd, from_watch).start()
    except OSError:
        return None


def exit_soon(status: int = HANGUP_STATUS, grace: float = GRACE) -> threading.Timer:
    """End the process with ``status`` in ``grace`` seconds unless it has ended by then
    (a daemon timer: a clean exit before it is not held up)."""
    timer = threading.Timer(grace, os._exit, (status,))
    timer.daemon = True
    timer.start()
    return timer
