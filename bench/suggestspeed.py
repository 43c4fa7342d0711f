"""CPU time of suggesting on big articles, and whether it grows faster than the text: the
1 MB bench article (``bench.gen``'s, with its corpus's suggester: the conventions, habits
and selection of 5,000 spans, no model), the ~20 KB generated article after learning on 20
generated golds (as ``python -m bench --only learn`` times it, the model's kept analysis
forgotten each run), and the real articles of bench/realtext and bench/realtext-heldout
joined once (62 KB) and four times (250 KB) with the rules alone: their ratio is ~4 when
the work is linear in the text (a scan of the whole text at each mention made it ~6).

    python -m bench.suggestspeed [RUNS]      # medians and minima of RUNS runs (default 5)

CPU time (``time.process_time``), with the load average: the machine may be shared. Not part
of ``python -m bench``; docs/suggest.md has the numbers (issue 23, speed).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from statistics import median


def _articles() -> dict:
    """{name: (suggest function, text)} of the measured cases."""
    from bench import gen, learnreal
    from bench.learn import _write, variant
    from bench.learngen import article
    from tui.corpus import Corpus
    from tui.suggest import suggest
    from tui.suggest.learn import Suggester, retrain

    big = Corpus(gen.single("big", 1_000_000, 5_000))
    root = Path(tempfile.mkdtemp(prefix="margin-speed-"))
    try:
        _write(root, list(range(20)), variant(), 24)
        retrain(Corpus(root))
        learned = Suggester.for_corpus(Corpus(root))
    finally:
        shutil.rmtree(root, ignore_errors=True)

    def forgetting(text: str):
        learned.model.forget()  # type: ignore[union-attr]
        return learned.suggest(text)

    real = "\n\n".join((where / "seeds" / f"{d}.txt").read_text(encoding="utf-8")
                       for where in (learnreal.REAL, learnreal.HELDOUT) for d in learnreal.documents(where))
    return {"1 MB bench article": (Suggester.for_corpus(big).suggest, big.document("big").text),
            "20 KB generated, learned": (forgetting, article("big", 230)[0]),
            "real articles joined (rules)": (suggest, real),
            "the same four times (rules)": (suggest, "\n\n".join([real] * 4))}


def main(runs: int = 5) -> None:
    cases = _articles()
    for fn, text in cases.values():
        fn(text[:20_000])  # imports, lexicon, compiled patterns
    cpu: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):  # interleaved: a busy moment hits every case alike
        for name, (fn, text) in cases.items():
            c0 = time.process_time()
            fn(text)
            cpu[name].append(time.process_time() - c0)
    print(f"suggest CPU, {runs} runs, load average {os.getloadavg()[0]:.2f}:")
    for name, (_, text) in cases.items():
        print(f"  {name:30s} {len(text):>9,} chars  median {1000 * median(cpu[name]):7.0f} ms  "
              f"min {1000 * min(cpu[name]):7.0f} ms")
    once, four = median(cpu["real articles joined (rules)"]), median(cpu["the same four times (rules)"])
    print(f"  four times the real text / once: {four / once:.1f} (linear: ~4)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
