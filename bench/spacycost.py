"""What the optional spaCy pipeline costs: importing spaCy and loading the pipeline, training
on two real articles, and suggesting for a ~20 KB real text (the dev articles of
bench/realtext joined), each with and without the pipeline named, in CPU time (wall too).

    MARGIN_BENCH_SPACY=en_core_web_sm python -m bench.spacycost

The pipeline must be installed (margin never downloads one); its quality is measured by
``MARGIN_BENCH_SPACY=... python -m bench.learnreal 2``. Not part of ``python -m bench``: CI
has no trained pipeline.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

from bench.learnreal import REAL, SPACY_ENV, documents

RUNS = 5


def _text(size: int = 20_000) -> str:
    out: list[str] = []
    for d in documents():
        out.append((REAL / "seeds" / f"{d}.txt").read_text(encoding="utf-8"))
        if len("\n\n".join(out).encode("utf-8")) >= size:
            break
    return "\n\n".join(out)


def _suggester(name: str | None, train: list[str]):
    from bench.learnreal import _corpus
    from tui.corpus import Corpus
    from tui.suggest.learn import Suggester, retrain

    root = Path(tempfile.mkdtemp(prefix="margin-spacycost-"))
    saved = os.environ.pop(SPACY_ENV, None)
    try:
        if name:
            os.environ[SPACY_ENV] = name
        _corpus(root, train)
        corpus = Corpus(root)
        c0 = time.process_time()
        retrain(corpus)
        train_cpu = time.process_time() - c0
        return Suggester.for_corpus(corpus), train_cpu
    finally:
        os.environ.pop(SPACY_ENV, None)
        if saved is not None:
            os.environ[SPACY_ENV] = saved
        shutil.rmtree(root, ignore_errors=True)


def measure(name: str) -> dict:
    from tui.suggest import pipeline

    c0, t0 = time.process_time(), time.perf_counter()
    import spacy  # noqa: F401 - the import is part of the cost

    imported = (time.process_time() - c0, time.perf_counter() - t0)
    c0, t0 = time.process_time(), time.perf_counter()
    pipeline.load(name)
    loaded = (time.process_time() - c0, time.perf_counter() - t0)
    train = documents()[:2]
    plain, train_plain = _suggester(None, train)
    withp, train_with = _suggester(name, train)
    text = _text()
    plain.suggest(text)
    cold, warm, rules = [], [], []
    for _ in range(RUNS):  # interleaved, so a busy moment hits all alike
        for model in (plain.model, withp.model):
            model.forget()
        c0 = time.process_time()
        plain.suggest(text)
        rules.append(time.process_time() - c0)
        pipeline._PARSED.clear()  # the parse of a text not seen before
        c0 = time.process_time()
        withp.suggest(text)
        cold.append(time.process_time() - c0)
        withp.model.forget()
        c0 = time.process_time()
        withp.suggest(text)  # the same text again: its parse is kept
        warm.append(time.process_time() - c0)
    return {"import_cpu_s": imported[0], "import_wall_s": imported[1], "load_cpu_s": loaded[0],
            "load_wall_s": loaded[1], "train2_cpu_s": train_plain, "train2_spacy_cpu_s": train_with,
            "bytes": len(text.encode("utf-8")), "suggest_cpu_ms": 1000 * median(rules),
            "suggest_spacy_cold_cpu_ms": 1000 * median(cold), "suggest_spacy_warm_cpu_ms": 1000 * median(warm),
            "loadavg": os.getloadavg()[0]}


if __name__ == "__main__":
    name = os.environ.get(SPACY_ENV) or (sys.argv[1] if len(sys.argv) > 1 else "")
    if not name:
        sys.exit(f"python -m bench.spacycost: name an installed pipeline ({SPACY_ENV}=NAME or an argument)")
    m = measure(name)
    print(f"spaCy import {m['import_cpu_s']:.2f} s CPU ({m['import_wall_s']:.2f} s wall); pipeline {name} load "
          f"{m['load_cpu_s']:.2f} s CPU ({m['load_wall_s']:.2f} s wall)")
    print(f"margin learn on 2 real articles: {m['train2_cpu_s']:.2f} s CPU without, "
          f"{m['train2_spacy_cpu_s']:.2f} s CPU with the pipeline (load excluded)")
    print(f"suggest for {m['bytes']} bytes: {m['suggest_cpu_ms']:.1f} ms CPU without; with the pipeline "
          f"{m['suggest_spacy_cold_cpu_ms']:.1f} ms CPU (text parsed), {m['suggest_spacy_warm_cpu_ms']:.1f} ms CPU "
          f"(parse kept); median of {RUNS}; load average {m['loadavg']:.1f} on {os.cpu_count()} CPUs")
