"""Jump labels (as vim-easymotion and hop do): every visible target gets one or two
letters, and typing them selects it. Pure (no Textual); the article view draws them.

Labels are prefix-free: as many single letters as leave enough two-letter labels for the
rest, so with up to 26 targets every one is one letter away, and with up to 676 two.
"""

from __future__ import annotations

ALPHABET = "asdfghjklqwertyuiopzxcvbnm"  # home row first


def labels(n: int, alphabet: str = ALPHABET) -> list[str]:
    """``n`` prefix-free labels, shortest first (at most len(alphabet)**2)."""
    k = len(alphabet)
    if n <= k:
        return list(alphabet[:n])
    singles = max(0, min(k, (k * k - n) // (k - 1)))
    out = list(alphabet[:singles])
    out += [p + c for p in alphabet[singles:] for c in alphabet]
    return out[:n]


def targets(starts, lo: int, hi: int, words: set[int] | None = None) -> list[int]:
    """Offsets in [lo, hi) of ``starts`` (token starts, sorted) to label; ``words`` keeps
    only those (e.g. word tokens, not punctuation)."""
    from bisect import bisect_left

    i, j = bisect_left(starts, lo), bisect_left(starts, hi)
    return [s for s in starts[i:j] if words is None or s in words]


def nearest_first(offsets: list[int], start: int, end: int) -> list[int]:
    """``offsets`` in the order their labels are handed out: nearest the selection
    [start, end) first (as hop orders its hints), so the words either side of it get the
    single home-row letters; a tie goes forward (reading on is the common move), and
    offsets inside the selection come last (jumping there does nothing)."""
    def gap(off: int) -> tuple[int, int, int]:
        if start <= off < end:
            return (1, 0, off)
        return (0, off - end if off >= end else start - off, off < start)

    return sorted(offsets, key=gap)


class Jump:
    """A jump in progress: the labelled offsets and what has been typed."""

    def __init__(self, offsets: list[int], alphabet: str = ALPHABET):
        self.by_label = dict(zip(labels(len(offsets), alphabet), offsets))
        self.typed = ""

    def type(self, ch: str) -> tuple[int | None, bool]:
        """Type ``ch``: (the offset chosen, or None; whether the jump goes on)."""
        typed = self.typed + ch
        if typed in self.by_label:
            return self.by_label[typed], False
        if any(lab.startswith(typed) for lab in self.by_label):
            self.typed = typed
            return None, True
        return None, False

    def shown(self) -> dict[int, str]:
        """offset -> the part of its label still to type (labels that still match)."""
        n = len(self.typed)
        return {off: lab[n:] for lab, off in self.by_label.items() if lab.startswith(self.typed)}
