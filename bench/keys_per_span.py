"""Keys per span: replay a gold annotation by keyboard in the real app (headless) and count
the keys, fresh (suggestions hidden) and with suggestions.

``python -m bench.keys_per_span CORPUS [DOC ...]`` takes ``CORPUS/annotations/DOC/gold.yaml``
as the target (every document with a gold when no DOC is named) and prints one JSON line:
keys a span, fresh (suggestions hidden) and suggested, overall, per label and by phase (reach,
bounds, tag, prompts, form, relation: where the keys go). The gold (and
every other annotator's file of DOC) is hidden from the app: the corpus is copied to a
temporary directory without them, ``margin learn`` runs on what is left (the other
documents, as a team would), and the replay is saved as annotator ``bench``, then compared
with the gold by span place. A replay that does not equal the gold fails loudly: its
differences on stderr, exit status 1.

The planner is greedy, span by span in reading order: the route to the span's words
(``bench.keys_route``), then the label key, or on an equal suggestion ``y`` (accept, on to the
next: nothing left to fix) or ``enter`` (accept and stay); the one-key choices the prompt
asks (attributes, units, the claim's speaker; one enter where the line names both a
status and a speaker; what the gold has not is left unanswered),
the form for what is still wrong (enter opens a list, picks, saves), ``r`` for the
relations still missing and ``r`` again on a relation the gold has not (a suggestion's
link). Every route is replayed with ``Pilot`` and checked on the screen's selection.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from bench.keys_gold import PHASES, differences, hidden_corpus, spans_sorted, summary  # noqa: F401 (PHASES: the phases the JSON line reports)
from bench.keys_replay import ANNOTATOR, replay


def learn(work: Path) -> None:
    """``margin learn`` on the copy (the other documents' annotations), as a team would."""
    from tui.corpus import Corpus
    from tui.suggest.learn import retrain

    corpus = Corpus(work)
    if corpus.annotation_files():
        retrain(corpus)


def measure_doc(corpus: Path, doc: str) -> dict:
    """Keys of every span of ``doc``'s gold, fresh and suggested, and what differs."""
    gold = corpus / "annotations" / doc / "gold.yaml"
    order = spans_sorted(gold)
    out: dict = {"labels": [g["label"] for g in order], "problems": []}
    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
    for mode in ("fresh", "suggested"):
        with tempfile.TemporaryDirectory(prefix="margin-keys-") as tmp:
            work = hidden_corpus(corpus, doc, Path(tmp) / "corpus")
            learn(work)
            counts, problems, phases = asyncio.run(replay(work, doc, gold, mode == "suggested"))
            for p in problems:
                print(f"  … {doc} {mode}: {p}", file=sys.stderr)
            worst = sorted(zip(counts, order), key=lambda x: -x[0])[:3]
            print(f"  … {doc} {mode}: costliest " + ", ".join(f"{s['label']} {s['start']}-{s['end']}: {c}" for c, s in worst),
                  file=sys.stderr)
            out["problems"] += [f"{doc} {mode}: {d}" for d in differences(work / "annotations" / doc / f"{ANNOTATOR}.yaml",
                                                                          gold)]
        out[mode] = counts
        out[f"{mode}_phases"] = phases
    return out


def measure(corpus: Path, doc: str | None = None) -> dict:
    """``summary`` of ``doc`` (every document with a gold when None); differences on stderr."""
    docs = [doc] if doc else sorted(p.parent.name for p in (corpus / "annotations").glob("*/gold.yaml"))
    results = [measure_doc(corpus, d) for d in docs]
    for r in results:
        for p in r["problems"]:
            print(f"  ✗ replay differs from the gold: {p}", file=sys.stderr)
    return summary(results)


def seed_corpus(dest: Path) -> tuple[Path, str]:
    """A corpus of the seed article with the project's hand-made gold as gold.yaml."""
    from . import ROOT, SEED

    doc = SEED.stem
    (dest / "seeds").mkdir(parents=True)
    shutil.copy(SEED, dest / "seeds")
    (dest / "annotations" / doc).mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "data" / "seed_gold.yaml", dest / "annotations" / doc / "gold.yaml")
    return dest, doc


def run(cfg) -> list:
    from . import ROOT, Result

    got = {}
    with tempfile.TemporaryDirectory(prefix="margin-keys-gold-") as tmp:
        corpus, doc = seed_corpus(Path(tmp) / "c")
        got["seed"] = measure(corpus, doc)
    if not cfg.quick:
        got["realtext"] = measure(ROOT / "bench" / "realtext")
    out = []
    for name, d in got.items():
        cfg.log(f"{name}: {json.dumps(d)}")
        ok = (d["equal"] and d["fresh_mean"] <= 5 and d["fresh_max"] <= 12 and d["suggested_mean"] <= 2.5
              and d["suggested_max"] <= 8)
        base = d["fresh_mean"] or 1.0
        out.append(Result(f"keys_per_span_{name}", d["suggested_mean"], "keys/span suggested", "fresh keys/span", base,
                          d["suggested_mean"] / base, "fresh ≤ 5 (max ≤ 12), suggested ≤ 2.5 (max ≤ 8), equal", ok, d))
    return out


def describe(r) -> list[str]:
    d = r.details
    return [f"{d['spans']} spans in {d['documents']} document(s): fresh mean {d['fresh_mean']} max {d['fresh_max']} "
            f"{d['fresh_by_label']}; suggested mean {d['suggested_mean']} max {d['suggested_max']} "
            f"{d['suggested_by_label']}; replay equals gold: {d['equal']}",
            f"fresh keys by phase: {d['fresh_phases']['all']}; suggested: {d['suggested_phases']['all']}"]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        print("usage: python -m bench.keys_per_span CORPUS [DOC ...]", file=sys.stderr)
        return 2
    corpus, docs = Path(argv[0]), argv[1:]
    for doc in docs:
        if not (corpus / "annotations" / doc / "gold.yaml").is_file():
            print(f"{corpus / 'annotations' / doc / 'gold.yaml'}: no such gold file", file=sys.stderr)
            return 1
    results = [measure_doc(corpus, d) for d in docs] if docs else None
    got = summary(results) if results is not None else measure(corpus)
    if results is not None:
        for r in results:
            for p in r["problems"]:
                print(f"  ✗ replay differs from the gold: {p}", file=sys.stderr)
    print(json.dumps(got))
    if not got["equal"]:
        print(f"keys_per_span: the replay does not equal the gold ({got['problems']} difference(s), listed above)",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
