"""agree: ``margin agree`` on the export corpus vs ``margin export --format jsonl`` on the
same corpus (target: time ratio ≤ 1.5)."""

from __future__ import annotations

from . import Config, compare, median, missing
from .export import corpus, export_time, margin, unavailable, warm


def run(cfg: Config) -> list:
    why = unavailable("agree") or unavailable("export")
    if why:
        return [missing("agree", "s", "export jsonl", why)]
    root = corpus(cfg)
    warm(root)
    runs = cfg.runs(full=2, quick=1)
    export, agree = [], []
    try:
        for _ in range(runs):  # interleaved, so a busy moment hits both alike
            export.append(export_time(root, "jsonl"))
            agree.append(margin("agree", "--corpus", str(root)))
    except RuntimeError as e:
        return [missing("agree", "s", "export jsonl", str(e))]
    return [compare("agree", median(agree), "s", "export jsonl", median(export), most=1.5,
                    details={"runs": runs, "agree_seconds": agree, "export_jsonl_seconds": export})]
