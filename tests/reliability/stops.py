"""Kill a writer at a chosen file-system step, not at a chosen time.

A kill loop that sleeps a random time before SIGKILL proves crash safety only where its
kills happen to land, and where they land depends on the machine's speed and load: on a
loaded machine the writer may not reach its first rename before the kill, on a fast idle
one it may always be done. Here the forked writer counts its file-system steps (fsync,
replace, rename, link, unlink, mkdir, rmdir) and blocks at the n-th one after saying so on
a pipe; the test kills it there. Sweeping n over a whole write kills it before, between and
after every step on any machine, so the coverage the tests assert is deterministic.
"""

from __future__ import annotations

import os
import sys
import time
import traceback

STEPS = ("fsync", "replace", "rename", "link", "unlink", "mkdir", "rmdir")


def stop_at(n: int, fd: int) -> list[int]:
    """In a forked writer: block forever at its ``n``-th file-system step (1-based), after
    writing ``stop NAME\\n`` to ``fd``. Returns the step counter (``[steps so far]``)."""
    count = [0]
    for name in STEPS:
        real = getattr(os, name)

        def step(*args, _real=real, _name=name, **kw):
            count[0] += 1
            if count[0] == n:
                os.write(fd, f"stop {_name}\n".encode())
                while True:
                    time.sleep(3600)
            return _real(*args, **kw)

        setattr(os, name, step)
    return count


def read_until_stop(stream) -> tuple[int, str]:
    """(pid, how it ended) from a helper's output: the pid line, then ``stop NAME`` (blocked
    at that step) or ``done`` (finished before step n), in either order."""
    pid, end = None, None
    while pid is None or end is None:
        line = stream.readline()
        if not line:
            raise EOFError("the helper stopped talking")
        line = line.strip()
        if line.startswith(("stop ", "done")):
            end = line
        elif line.isascii() and line.isdigit():
            pid = int(line)
        else:
            raise AssertionError(f"the helper said {line!r}, not a pid, 'stop NAME' or 'done'")
    return pid, end


def kill_one(helper, go: str, step: int | None, wait: float) -> int:
    """Send ``go`` (plus `` STEP`` when ``step``) to a forking helper and SIGKILL the writer
    it forks: at that file-system step, or (``step`` None) after ``wait`` seconds. Its pid."""
    import signal

    helper.stdin.write(f"{go} {step}\n" if step is not None else f"{go}\n")
    helper.stdin.flush()
    if step is not None:
        pid, _ = read_until_stop(helper.stdout)
    else:
        pid = int(helper.stdout.readline())
        time.sleep(wait)
    os.kill(pid, signal.SIGKILL)
    return pid


def serve_writers(write_forever) -> None:
    """The helper side of a kill loop (a process that imported margin once, so a writer
    starts in microseconds): for each line of stdin, ``go ARG [STEP]`` forks a writer that
    runs ``write_forever(ARG)`` (blocking at its STEP-th file-system step when given) and
    prints its pid; ``reap PID`` prints that writer's wait status."""
    for line in sys.stdin:
        cmd, *arg = line.split()
        if cmd == "go":
            pid = os.fork()
            if pid == 0:
                if len(arg) > 1:  # block at the n-th file-system step, saying so on stdout
                    stop_at(int(arg[1]), 1)
                try:
                    write_forever(arg[0])
                except BaseException:
                    traceback.print_exc()
                finally:
                    os._exit(3)
            say(str(pid))
        elif cmd == "reap":
            say(str(os.waitpid(int(arg[0]), 0)[1]))


def say(line: str) -> None:
    """One line to the test in ONE write: a forked writer also writes ``stop NAME`` lines to
    the same pipe, and ``print`` may write a line's text and its newline apart (it does when
    stdout is unbuffered, PYTHONUNBUFFERED=1), so a child's line could land between the two
    ('21877stop fsync'). A pipe write under PIPE_BUF bytes is never interleaved."""
    os.write(1, f"{line}\n".encode())


def reap(helper, pid: int) -> int:
    """The wait status of the writer ``pid`` the helper forked (``serve_writers``)."""
    helper.stdin.write(f"reap {pid}\n")
    helper.stdin.flush()
    return int(helper.stdout.readline())
