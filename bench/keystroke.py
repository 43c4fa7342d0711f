"""keystroke: time from a key event to the last frame it causes (p95), per kind of key
(token, line, page, tag, attribute save, undo, accepting a suggestion), on the large
article and on the seed, at 80x24 and 160x48 (targets: every kind p95 ≤ 16 ms at 80x24
and ≤ 20 ms at 160x48). The bare Line-API view pressed the same scrolling keys in the
same run is the baseline (what the widget layer costs).

Each key is posted to the app and the frames are timed as the app draws them by itself
(``bench.harness``), so Pilot's idle waits are not in the figures. The CPU time per key is
reported too, and a key bound to nothing is pressed each round to check it draws nothing.
"""

from __future__ import annotations

from . import SEED, Config, Result, child, gen, median, percentile
from .open import document
from .startup import SEED_SPANS

TARGET = {(80, 24): 16.0, (160, 48): 20.0}
KINDS = ("token", "line", "page", "tag", "attr", "undo", "accept")


def stats(samples: list[dict], field: str = "ms") -> dict:
    xs = [s[field] for s in samples if field in s]
    if not xs:
        return {"n": 0}
    return {"n": len(xs), "p50": percentile(xs, 50), "p95": percentile(xs, 95), "max": max(xs)}


def _measure(app: str, root: str, doc: str, rounds: int, size) -> dict:
    out = child("keys", app, root, doc, str(rounds), str(size[0]), str(size[1]))
    keys = [s for s in out["samples"] if s["kind"] not in ("noop", "prep")
            and (s["kind"] != "accept" or s.get("changed"))]
    noop = [s for s in out["samples"] if s["kind"] == "noop"]
    return {
        "all": stats(keys), "cpu": stats(keys, "cpu_ms"),
        "kinds": {k: stats([s for s in keys if s["kind"] == k]) for k in KINDS if any(s["kind"] == k for s in keys)},
        "tag_frames": median([s["frames"] for s in keys if s["kind"] == "tag"] or [0]),
        "silent_keys": sum(1 for s in keys if not s["frames"]),
        "noop_frames": sum(s["frames"] for s in noop),
    }


def run(cfg: Config) -> list:
    root, doc = document(cfg)
    seed_root = str(gen.seed_corpus(SEED, SEED_SPANS))
    rounds = cfg.runs(full=10, quick=1)
    sizes = [(80, 24)] if cfg.quick else [(80, 24), (160, 48)]
    details: dict = {"rounds": rounds}
    worst, ok = 0.0, True
    for size in sizes:
        tag = f"{size[0]}x{size[1]}"
        details[f"large_{tag}"] = big = _measure("margin", root, doc, rounds, size)
        details[f"seed_{tag}"] = small = _measure("margin", seed_root, SEED.stem, rounds, size)
        details[f"bare_{tag}"] = _measure("lines", root, doc, rounds, size)
        for d in (big, small):
            for kind, st in d["kinds"].items():
                if st.get("n"):
                    worst = max(worst, st["p95"] / TARGET[size])
                    ok = ok and st["p95"] <= TARGET[size]
    p95 = details["large_80x24"]["all"]["p95"]
    base = details["bare_80x24"]["all"]["p95"]
    return [Result("keystroke", p95, "ms p95", "bare Line-API view", base, p95 / base if base else float("inf"),
                   "every kind p95 ≤ 16 ms at 80x24, ≤ 20 ms at 160x48", ok, details)]


def describe(r: Result) -> list[str]:
    """Detail lines printed under the result: per kind of key, per document and size."""
    lines = []
    for where, d in r.details.items():
        if not isinstance(d, dict) or "kinds" not in d:
            continue
        a, c = d["all"], d["cpu"]
        lines.append(f"{where}: p50 {a['p50']:.1f} p95 {a['p95']:.1f} ms (cpu/key p50 {c['p50']:.1f} ms; "
                     f"a tag drew {d['tag_frames']:.0f} frame(s); {d['silent_keys']} keys drew nothing; "
                     f"no-op key drew {d['noop_frames']} frames)")
        for kind, s in d["kinds"].items():
            lines.append(f"  {kind:<6} p50 {s['p50']:6.1f}  p95 {s['p95']:6.1f}  max {s['max']:6.1f} ms")
    return lines
