"""What arrived with the last ``margin sync``, kept outside the corpus.

Pure core (no Textual). The state lives in the user's cache folder (``$MARGIN_CACHE_DIR``,
else ``$XDG_CACHE_HOME/margin``, else ``~/.cache/margin``), one small JSON file per corpus
keyed by the corpus's resolved path: nothing in the corpus (which a colleague's push can
change) says what this machine received. It is still read as untrusted: names are checked
against the one name grammar, and everything shown passes through ``tui.display``.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from tui.display import one_line
from tui.errors import DataError
from tui.names import NAME_RE
from tui.store.files import read_limited
from tui.store.seal import cache_dir

VERSION = 1
MAX_SHOWN = 4  # documents named in one line before "…"


def state_path(root: Path) -> Path:
    digest = hashlib.sha256(str(Path(root).resolve()).encode()).hexdigest()[:16]
    return cache_dir() / f"sync-{digest}.json"


@dataclass(frozen=True)
class Arrival:
    """One file the last sync brought: an annotator's file of ``doc`` (``annotator`` empty:
    the article itself, a new document). ``change``: A added, M modified, D deleted."""

    doc: str
    annotator: str
    change: str


@dataclass
class SyncState:
    time: float
    arrived: list[Arrival] = field(default_factory=list)
    committed: list[str] = field(default_factory=list)

    @classmethod
    def now(cls, arrived: list[Arrival], committed: list[str]) -> SyncState:
        return cls(time.time(), list(dict.fromkeys(arrived)), committed)

    def by_doc(self) -> dict[str, list[str]]:
        """{document: annotators whose file arrived} (a new article lists "new")."""
        out: dict[str, list[str]] = {}
        for a in self.arrived:
            if a.change != "D":
                who = out.setdefault(a.doc, [])
                label = a.annotator or "new"
                if label not in who:
                    who.append(label)
        return out

    def to_json(self) -> dict:
        return {"version": VERSION, "time": self.time, "committed": self.committed,
                "arrived": [[a.doc, a.annotator, a.change] for a in self.arrived]}


def save_state(root: Path, state: SyncState) -> None:
    """Remember ``state`` for the corpus ``root`` (a failure to write only loses the news)."""
    from tui.store.files import atomic_write

    try:
        path = state_path(root)
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps(state.to_json()).encode())
    except OSError:
        pass


def load_state(root: Path) -> SyncState | None:
    """The last sync's state for the corpus ``root``, or None (never synced, unreadable)."""
    try:
        data = json.loads(read_limited(state_path(root), 2**20, "sync state", nofollow=True))
    except (DataError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("time"), (int, float)):
        return None
    arrived = [Arrival(*row) for row in data.get("arrived") or [] if _valid_row(row)]
    committed = [c for c in data.get("committed") or [] if isinstance(c, str)]
    return SyncState(float(data["time"]), arrived, committed)


def _valid_row(row) -> bool:
    return (isinstance(row, list) and len(row) == 3 and all(isinstance(x, str) for x in row)
            and bool(NAME_RE.fullmatch(row[0])) and (row[1] == "" or bool(NAME_RE.fullmatch(row[1])))
            and row[2] in ("A", "M", "D"))


def news_line(state: SyncState | None, now: float | None = None) -> str:
    """One line for the picker and the dashboard: what the last sync brought, and when."""
    if state is None:
        return "not synced yet (margin sync)"
    when = _ago((now or time.time()) - state.time)
    docs = state.by_doc()
    if not docs:
        return f"last sync {when}: nothing new"
    who = sorted({w for ws in docs.values() for w in ws if w != "new"})
    shown = ", ".join(list(docs)[:MAX_SHOWN]) + (", …" if len(docs) > MAX_SHOWN else "")
    n = len(docs)
    return one_line(f"last sync {when}: {n} document{'s' if n != 1 else ''} arrived"
                    + (f" from {', '.join(who)}" if who else "") + f" ({shown})")


def picker_news(root: Path) -> tuple[str, dict[str, str]]:
    """For the document picker: (a title suffix saying what the last sync brought, or "",
    {document: "↓ from bob, carol" | "↓ new"}) of the documents that arrived."""
    state = load_state(root)
    if state is None:
        return "", {}
    marks = {}
    for doc, who in state.by_doc().items():
        names = [w for w in who if w != "new"]
        marks[doc] = one_line("↓ from " + ", ".join(names) if names else "↓ new", 60)
    return (" · " + news_line(state)) if marks else "", marks


def _ago(seconds: float) -> str:
    if seconds < 90:
        return "just now"
    if seconds < 90 * 60:
        return f"{round(seconds / 60)} min ago"
    if seconds < 36 * 3600:
        return f"{round(seconds / 3600)} h ago"
    return f"{round(seconds / 86400)} days ago"
