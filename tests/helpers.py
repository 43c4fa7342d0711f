"""What many tests build the same way: a corpus of copies of the seed article, alice's
annotation file rewritten for another document or annotator, and golden-file comparison.

(The pytest fixtures ``corpus_dir``, ``corpus`` and ``alice_file`` are in ``conftest.py``;
the kill-a-writer harness is ``tests/reliability/stops.py``.)
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from tests.conftest import DATA, ROOT, SEED
from tui.corpus import Corpus

GOLDEN = DATA / "export"
# How long a test waits for a child process or a server before calling it hung. A guard
# against a hang, never a timing: on a loaded machine (load 10 on 2 cores) starting Python
# alone has taken over 4 s, so every wait in the suite uses this one bound.
HANG_GUARD = float(os.environ.get("MARGIN_HANG_GUARD", "300"))


def seed_text() -> str:
    return (ROOT / "seeds" / f"{SEED}.txt").read_text(encoding="utf-8")


def make_corpus(root: Path, docs: Iterable[str] | Mapping[str, str] = (SEED,), *,
                annotations: bool = True) -> Corpus:
    """A corpus at ``root``: one article per id in ``docs`` (the seed article's text, or the
    text a mapping gives), and an empty ``annotations/`` unless ``annotations`` is False."""
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    seed = (ROOT / "seeds" / f"{SEED}.txt").read_bytes()
    texts = {k: v.encode("utf-8") for k, v in docs.items()} if isinstance(docs, Mapping) else dict.fromkeys(docs, seed)
    for doc_id, data in texts.items():
        (root / "seeds" / f"{doc_id}.txt").write_bytes(data)
    if annotations:
        (root / "annotations").mkdir(exist_ok=True)
    return Corpus(root)


def alice_yaml(doc: str = SEED, annotator: str = "alice", status: str | None = None) -> str:
    """tests/data/alice.yaml (the seed's hand-written file) as ``annotator``'s for ``doc``."""
    text = (DATA / "alice.yaml").read_text(encoding="utf-8")
    text = text.replace(SEED, doc).replace("annotator: alice", f"annotator: {annotator}")
    return text.replace("status: in_progress", f"status: {status}") if status else text


def team_corpus(root: Path, n_docs: int = 10, annotators: Iterable[str] = ("alice", "bob"),
                status=None) -> Corpus:
    """``n_docs`` copies of the seed (the seed's id, then doc01, doc02...), each annotated by
    every one of ``annotators`` with alice's file; ``status(i, annotator)`` names each
    file's status (default: alice's, in_progress)."""
    ids = [SEED if i == 0 else f"doc{i:02d}" for i in range(n_docs)]
    corpus = make_corpus(root, ids)
    for i, doc in enumerate(ids):
        for a in annotators:
            dest = root / "annotations" / doc / f"{a}.yaml"
            dest.parent.mkdir(exist_ok=True)
            dest.write_text(alice_yaml(doc, a, status(i, a) if status else None), encoding="utf-8")
    return corpus


def golden(name: str, data: str | bytes) -> None:
    """Compare with tests/data/export/NAME (MARGIN_UPDATE_GOLDEN=1 rewrites it)."""
    path = GOLDEN / name
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    if os.environ.get("MARGIN_UPDATE_GOLDEN"):
        path.write_bytes(text.encode("utf-8"))
    assert text == path.read_text(encoding="utf-8")
