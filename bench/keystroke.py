"""keystroke: time from a key event to the last frame it causes, for cursor moves (token,
line), page down, tagging and undo, on the large article and on the seed article
(targets: p95 ≤ 16 ms on the large article, and its p95 ≤ 1.5 × the seed's).

Each key is posted to the app and the frames are timed as the app draws them by itself
(``bench.harness``), so Pilot's idle waits are not in the figures. The CPU time per key is
reported too, and a key bound to nothing is pressed each round to check it draws nothing.
"""

from __future__ import annotations

from . import SEED, Config, Result, child, gen, median, percentile
from .open import document
from .startup import SEED_SPANS

P95_MS = 16.0
RATIO = 1.5


def stats(samples: list[dict], field: str = "ms") -> dict:
    xs = [s[field] for s in samples if field in s]
    if not xs:
        return {"n": 0}
    return {"n": len(xs), "p50": percentile(xs, 50), "p95": percentile(xs, 95), "max": max(xs)}


def _measure(root: str, doc: str, rounds: int, size=(80, 24)) -> dict:
    out = child("keys", "margin", root, doc, str(rounds), str(size[0]), str(size[1]))
    keys = [s for s in out["samples"] if s["kind"] != "noop"]
    noop = [s for s in out["samples"] if s["kind"] == "noop"]
    kinds = sorted({s["kind"] for s in keys}, key=[k for k, _ in _order()].index)
    return {
        "all": stats(keys), "first_frame": stats(keys, "first_ms"), "cpu": stats(keys, "cpu_ms"),
        "kinds": {k: stats([s for s in keys if s["kind"] == k]) for k in kinds},
        "silent_keys": sum(1 for s in keys if not s["frames"]),
        "noop_frames": sum(s["frames"] for s in noop), "noop_cpu_ms": median(s["cpu_ms"] for s in noop),
        "changed": out["changed"],
    }


def _order():
    from .harness import ROUND

    return ROUND


def run(cfg: Config) -> list:
    root, doc = document(cfg)
    seed_root = str(gen.seed_corpus(SEED, SEED_SPANS))
    rounds = cfg.runs(full=20, quick=1)
    big = _measure(root, doc, rounds)
    small = _measure(seed_root, SEED.stem, rounds)
    details = {"rounds": rounds, "large": big, "seed": small}
    if not cfg.quick:
        details["large_160x48"] = _measure(root, doc, max(1, rounds // 2), (160, 48))
    p95, base = big["all"]["p95"], small["all"]["p95"]
    ratio = p95 / base if base else float("inf")
    ok = p95 <= P95_MS and ratio <= RATIO
    return [Result("keystroke", p95, "ms p95", "seed article", base, ratio,
                   f"p95 ≤ {P95_MS:.0f} ms and ratio ≤ {RATIO:.2f}", ok, details)]


def describe(r: Result) -> list[str]:
    """Detail lines printed under the result: per kind of key, on each document."""
    lines = []
    for where in ("large", "seed", "large_160x48"):
        d = r.details.get(where)
        if not d:
            continue
        a, f, c = d["all"], d["first_frame"], d["cpu"]
        lines.append(f"{where}: p50 {a['p50']:.1f} p95 {a['p95']:.1f} max {a['max']:.1f} ms "
                     f"(first frame p95 {f['p95']:.1f} ms; cpu/key p50 {c['p50']:.1f} ms; "
                     f"{d['silent_keys']} keys drew nothing; no-op key drew {d['noop_frames']} frames)")
        for kind, s in d["kinds"].items():
            lines.append(f"  {kind:<6} p50 {s['p50']:6.1f}  p95 {s['p95']:6.1f}  max {s['max']:6.1f} ms")
    return lines
