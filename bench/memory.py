"""memory: peak RSS of a process that opened the large article (and paged a little), margin
vs the read-only ``TextArea`` app with the same text (target: ratio ≤ 1.5). An empty
Textual app is measured too, to show what each adds."""

from __future__ import annotations

from . import Config, child, compare, median
from .open import document


def run(cfg: Config) -> list:
    root, doc = document(cfg)
    runs = cfg.runs(full=2, quick=1)
    mb = {name: median(child("memory", name, root, doc)["maxrss_kb"] / 1024 for _ in range(runs))
          for name in ("margin", "textarea", "empty")}
    return [compare("memory", mb["margin"], "MB", "TextArea", mb["textarea"], most=1.5, details={
        "empty_app_mb": mb["empty"],
        "margin_over_empty_mb": mb["margin"] - mb["empty"],
        "textarea_over_empty_mb": mb["textarea"] - mb["empty"],
    })]
