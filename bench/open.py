"""open: a 1 MB article with 5,000 spans of one annotator, from constructing the app to
its settled first screen, vs a read-only ``TextArea`` with the same text and no spans
(target: ratio ≤ 0.3) and vs the bare Line-API view of ``bench.harness`` (target: ≤ 3x).
Each run is a fresh process; imports are done before the clock starts."""

from __future__ import annotations

from . import Config, child, compare, gen, median

DOC = "big"


def document(cfg: Config) -> tuple[str, str]:
    """(corpus root, doc id) of the large article shared by open, keystroke and memory."""
    size, spans = (100_000, 500) if cfg.quick else (1_000_000, 5_000)
    return str(gen.single(DOC, size, spans)), DOC


def run(cfg: Config) -> list:
    root, doc = document(cfg)
    runs = cfg.runs(full=5, quick=1)
    out = {"margin": [], "textarea": [], "lines": []}
    for i in range(runs + (0 if cfg.quick else 1)):  # full: a first, uncounted pair warms the caches
        for name in out:
            r = child("open", name, root, doc, "80", "24")
            if i or cfg.quick:
                out[name].append(r)
    m = median(r["settled_ms"] for r in out["margin"])
    b = median(r["settled_ms"] for r in out["textarea"])
    bare = median(r["settled_ms"] for r in out["lines"])
    rss = {k: median(r["maxrss_kb"] for r in v) for k, v in out.items()}
    return [compare("open", m, "ms", "TextArea", b, most=0.3, details={
        "bare_settled_ms": bare, "ratio_vs_bare": m / bare if bare else None, "bare_target": 3.0,
        "maxrss_kb": rss, "rss_over_textarea_mb": (rss["margin"] - rss["textarea"]) / 1024,
        "runs": runs,
        "margin_settled_ms": [r["settled_ms"] for r in out["margin"]],
        "textarea_settled_ms": [r["settled_ms"] for r in out["textarea"]],
        "margin_first_frame_ms": median(r["first_ms"] for r in out["margin"]),
        "textarea_first_frame_ms": median(r["first_ms"] for r in out["textarea"]),
        "margin_cpu_ms": median(r["settled_cpu_ms"] for r in out["margin"]),
        "textarea_cpu_ms": median(r["settled_cpu_ms"] for r in out["textarea"]),
    })]


def describe(r) -> list[str]:
    d = r.details
    return [f"bare Line-API view {d['bare_settled_ms']:.0f} ms: margin/bare {d['ratio_vs_bare']:.2f} "
            f"(target ≤ {d['bare_target']:.0f}); peak RSS margin - TextArea {d['rss_over_textarea_mb']:+.1f} MB "
            "(target ≤ +5)"]
