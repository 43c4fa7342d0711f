"""startup: ``margin`` on the seed article, from process start to its first frame, vs a
minimal Textual app showing the same text in a ``Static`` (target: ratio ≤ 1.5)."""

from __future__ import annotations

import time

from . import SEED, Config, child, compare, gen, median

SEED_SPANS = 20


def _first_frame(name: str, root: str) -> tuple[float, float]:
    t0 = time.perf_counter()
    out = child("startup", name, root, SEED.stem)
    return (out["first_at"] - t0) * 1000, (out["settled_at"] - t0) * 1000


def run(cfg: Config) -> list:
    root = str(gen.seed_corpus(SEED, SEED_SPANS))
    runs = cfg.runs(full=7, quick=1)
    times = {"margin": [], "static": []}
    for i in range(runs + (0 if cfg.quick else 1)):  # full: a first, uncounted pair warms the caches
        for name in times:
            first, settled = _first_frame(name, root)
            if i or cfg.quick:
                times[name].append((first, settled))
    m = median(t[0] for t in times["margin"])
    b = median(t[0] for t in times["static"])
    return [compare("startup", m, "ms", "Static app", b, most=1.5, details={
        "runs": runs, "margin_first_ms": [t[0] for t in times["margin"]],
        "static_first_ms": [t[0] for t in times["static"]],
        "margin_settled_ms": median(t[1] for t in times["margin"]),
        "static_settled_ms": median(t[1] for t in times["static"]),
    })]
