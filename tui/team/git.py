"""git as a subprocess, with each way it fails told in one line (``margin sync``).

Pure core (no Textual). Every git run has a C locale (so its messages can be recognised),
no editor and, off a terminal, no password prompt. What git prints can come from a remote
(``remote: …`` lines) or name files of the repository: it is untrusted text, and every line
made from it passes through ``tui.display.safe_line``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tui.display import one_line
from tui.errors import MarginError


class SyncError(MarginError):
    """``margin sync`` stopped: ``str(err)`` says why and what to do, in one line."""


#: (words in git's message, lower case) -> what they mean for the person syncing
_AUTH = ("authentication failed", "could not read username", "could not read password",
         "permission denied (publickey", "terminal prompts disabled", "invalid username or password",
         "the requested url returned error: 403", "the requested url returned error: 401",
         "host key verification failed")
_UNREACHABLE = ("could not resolve host", "connection refused", "connection timed out",
                "network is unreachable", "does not appear to be a git repository",
                "repository not found", "no such file or directory", "could not read from remote")


def explain_remote(remote: str, stderr: str) -> str:
    """One line for a failed fetch or push to ``remote``, from git's ``stderr``."""
    low = stderr.lower()
    if any(w in low for w in _AUTH):
        return (f"{remote}: git could not log in (authentication failed); check your SSH key or "
                f"credentials with 'git fetch {remote}'")
    if any(w in low for w in _UNREACHABLE):
        return f"{remote}: cannot reach the team's repository ({last_line(stderr)}); check the URL with 'git remote -v'"
    return f"{remote}: git failed: {last_line(stderr)}"


def last_line(text: str, limit: int = 160) -> str:
    """The last meaningful line of git's output, inert and short (``fatal:`` dropped)."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("hint:")]
    line = lines[-1] if lines else "no message"
    for prefix in ("fatal: ", "error: "):
        if line.startswith(prefix):
            line = line[len(prefix):]
    return one_line(line, limit)


@dataclass
class Git:
    """Runs git in ``cwd``; ``run`` returns stdout, or raises SyncError via ``fail``."""

    cwd: Path

    def env(self) -> dict[str, str]:
        env = dict(os.environ, LC_ALL="C", LANGUAGE="C", GIT_EDITOR=":", GIT_MERGE_AUTOEDIT="no")
        if not (sys.stdin and sys.stdin.isatty()):
            env["GIT_TERMINAL_PROMPT"] = "0"  # no prompt nobody can answer
            env.setdefault("GIT_SSH_COMMAND", "ssh -o BatchMode=yes")
        return env

    def call(self, *args: str) -> subprocess.CompletedProcess:
        """git ``args``; its exit status and output, whatever they are."""
        try:
            return subprocess.run(["git", *args], cwd=self.cwd, env=self.env(), capture_output=True,
                                  text=True, encoding="utf-8", errors="replace", stdin=subprocess.DEVNULL
                                  if not (sys.stdin and sys.stdin.isatty()) else None)
        except FileNotFoundError:
            raise SyncError("git is not installed (margin sync runs git); install it and try again") from None

    def run(self, *args: str, what: str | None = None) -> str:
        """git ``args``' stdout; on failure SyncError: ``what`` (else git's own last line)."""
        res = self.call(*args)
        if res.returncode != 0:
            raise SyncError(what or f"git {args[0]} failed: {last_line(res.stderr or res.stdout)}")
        return res.stdout

    def ok(self, *args: str) -> bool:
        return self.call(*args).returncode == 0

    def value(self, *args: str) -> str | None:
        """git ``args``' first output line, or None when it fails or prints nothing."""
        res = self.call(*args)
        out = res.stdout.strip()
        return out.splitlines()[0] if res.returncode == 0 and out else None


def status_paths(git: Git) -> list[tuple[str, str]]:
    """[(XY status, path relative to the top)] of every changed or untracked file."""
    out = git.run("status", "--porcelain=v1", "-z", "--untracked-files=all")
    fields = out.split("\0")
    rows: list[tuple[str, str]] = []
    i = 0
    while i < len(fields):
        entry = fields[i]
        i += 1
        if len(entry) < 4:
            continue
        xy, path = entry[:2], entry[3:]
        if "R" in xy or "C" in xy:
            rows.append((xy, fields[i]))  # a rename's source: gone from where it was
            i += 1
        rows.append((xy, path))
    return rows


def changed_between(git: Git, old: str, new: str) -> list[tuple[str, str]]:
    """[(A|M|D, path)] of the files that differ from commit ``old`` to ``new``."""
    out = git.run("diff", "--name-status", "--no-renames", "-z", old, new)
    fields = [f for f in out.split("\0") if f]
    return [(fields[i][:1], fields[i + 1]) for i in range(0, len(fields) - 1, 2)]
