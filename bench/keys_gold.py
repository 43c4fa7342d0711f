"""The keys-per-span benchmark's gold side (``bench.keys_per_span``): reading a gold file,
hiding it from the app, comparing the replay with it, and the summary (means, maxima,
keys by phase)."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

PHASES = ("reach", "bounds", "tag", "prompts", "form", "relation")  # where a span's keys go


def load_gold(path: Path) -> tuple[list[dict], list[tuple[str, tuple, tuple]]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    spans = [{"id": s["id"], "label": s["label"], "start": s["start"], "end": s["end"], "attrs": dict(s.get("attrs") or {})}
             for s in data.get("spans") or []]
    by_id = {s["id"]: s for s in spans}
    key = lambda s: (s["label"], s["start"], s["end"])  # noqa: E731
    rels = [(r["label"], key(by_id[r["from"]]), key(by_id[r["to"]])) for r in data.get("relations") or []]
    return spans, rels


def spans_sorted(gold: Path) -> list[dict]:
    """The gold's spans in the order they are made: reading order, enclosing first."""
    return sorted(load_gold(gold)[0], key=lambda s: (s["start"], -s["end"]))


def hidden_corpus(corpus: Path, doc: str, dest: Path, gold: Path | None = None) -> Path:
    """A copy of ``corpus`` without any annotation file of ``doc`` (the target hidden)."""
    shutil.copytree(corpus, dest, ignore=lambda d, names: [n for n in names if n in (".git", ".margin-cache")])
    for f in (dest / "annotations" / doc).glob("*.yaml") if (dest / "annotations" / doc).is_dir() else []:
        f.unlink()
    return dest


def differences(got: Path, gold: Path) -> list[str]:
    """What the replay made that the gold has not, and the other way round (by place)."""
    if not got.exists():
        return ["nothing was saved"]
    def keyed(path):
        spans, rels = load_gold(path)
        return ({(s["label"], s["start"], s["end"]): s["attrs"] for s in spans}, set(rels))
    (a, ar), (b, br) = keyed(got), keyed(gold)
    out = [f"extra {k}" for k in a.keys() - b.keys()] + [f"missing {k}" for k in b.keys() - a.keys()]
    out += [f"attrs of {k}: {a[k]} not {b[k]}" for k in a.keys() & b.keys() if a[k] != b[k]]
    out += [f"extra relation {r}" for r in ar - br] + [f"missing relation {r}" for r in br - ar]
    return out


def summary(docs: list[dict]) -> dict:
    """Means and maxima over every span, overall and per label; ``equal`` when every
    replay saved exactly its gold."""
    labels = [lab for d in docs for lab in d["labels"]]
    out: dict = {"documents": len(docs), "spans": len(labels)}
    for mode in ("fresh", "suggested"):
        counts = [c for d in docs for c in d[mode]]
        out[f"{mode}_mean"] = round(sum(counts) / len(counts), 2) if counts else 0.0
        out[f"{mode}_max"] = max(counts, default=0)
        by: dict[str, list[int]] = {}
        for lab, c in zip(labels, counts):
            by.setdefault(lab, []).append(c)
        out[f"{mode}_by_label"] = {lab: round(sum(v) / len(v), 2) for lab, v in sorted(by.items())}
        out[f"{mode}_phases"] = phase_means(labels, [p for d in docs for p in d.get(f"{mode}_phases", [])])
    problems = [p for d in docs for p in d["problems"]]
    out["equal"] = not problems
    if problems:
        out["problems"] = len(problems)
    return out


def phase_means(labels: list[str], phases: list[dict]) -> dict:
    """Keys a span by phase (``PHASES``), over every span and per label."""
    def means(rows: list[dict]) -> dict:
        return {p: round(sum(r[p] for r in rows) / len(rows), 2) for p in PHASES} if rows else {}
    out = {"all": means(phases)}
    for lab in sorted(set(labels)):
        out[lab] = means([p for la, p in zip(labels, phases) if la == lab])
    return out
