"""Train/validation/test splits by document: exact proportions, reproducible for a seed.

Documents are ordered by ``sha256(seed, id)`` and cut at counts given by the largest
remainder method. The order depends only on the seed and the id (not on the Python
version or on the other documents), so adding documents to a corpus moves few of the
existing ones across splits. A document is never in two splits.
"""

from __future__ import annotations

import hashlib

from tui.errors import DataError

NAMES = {2: ("train", "test"), 3: ("train", "validation", "test")}


def parse_split(text: str) -> tuple[int, ...]:
    """``"80/10/10"`` -> (80, 10, 10); two or three whole percentages summing to 100."""
    try:
        ratios = tuple(int(x) for x in text.split("/"))
    except ValueError:
        ratios = ()
    if len(ratios) not in NAMES or any(r < 0 for r in ratios) or sum(ratios) != 100:
        raise DataError(f"--split {text!r}: expected two or three whole percentages summing to 100, "
                        "like 80/10/10 (train/validation/test) or 90/10 (train/test)")
    return ratios


def split_names(ratios: tuple[int, ...]) -> tuple[str, ...]:
    return NAMES[len(ratios)]


def counts(n: int, ratios: tuple[int, ...]) -> list[int]:
    """Documents per split: floors, then the leftovers to the largest remainders (earlier wins ties)."""
    exact = [n * r / 100 for r in ratios]
    out = [int(x) for x in exact]
    by_remainder = sorted(range(len(ratios)), key=lambda i: (-(exact[i] - out[i]), i))
    for i in by_remainder[: n - sum(out)]:
        out[i] += 1
    return out


def assign(doc_ids: list[str], ratios: tuple[int, ...], seed: int) -> dict[str, str]:
    """{document id: split name}."""
    order = sorted(doc_ids, key=lambda d: (hashlib.sha256(f"{seed}\0{d}".encode()).digest(), d))
    out: dict[str, str] = {}
    pos = 0
    for name, k in zip(split_names(ratios), counts(len(order), ratios)):
        for d in order[pos : pos + k]:
            out[d] = name
        pos += k
    return out
