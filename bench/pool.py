"""Read margin's suggestions on the unlabelled pool (bench/realtext-pool: 209 Wikinews articles
in no set, with no gold), one label's spans bracketed with their attributes, as after ``margin
learn`` on all the development golds (or on two of them): the way classes are found on news
no rule was tuned on (docs/suggest.md, "Where it stands").

    python -m bench.pool ACTOR p000-p009              # a range of pool texts
    python -m bench.pool FIGURE p042 p117 --two       # texts by their prefix, after two dev golds

Uses the rules of the checkout it runs from. The text printed is the pool's own (CC BY 2.5,
bench/realtext-pool/SOURCES.md), control characters shown as escapes.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

POOL = Path(__file__).resolve().parent / "realtext-pool"
_RANGE_RE = re.compile(r"p(\d{3})-p(\d{3})")


def pool_docs(names: list[str], root: Path = POOL) -> list[str]:
    """The pool's document stems named by ``names``: a range ``p010-p019`` or a prefix, in
    order, each once."""
    stems = sorted(p.stem for p in (root / "seeds").glob("p*.txt"))
    out: list[str] = []
    for name in names:
        m = _RANGE_RE.fullmatch(name)
        hits = [s for s in stems if int(m.group(1)) <= int(s[1:4]) <= int(m.group(2))] if m \
            else [s for s in stems if s.startswith(name)]
        out += [s for s in hits if s not in out]
    return out


def bracketed(text: str, spans) -> str:
    """``text`` with each of ``spans`` (not inside an earlier one) in brackets, its attributes
    after it in braces (``[Amnesty International]{type=organisation}``)."""
    out, at = [], 0
    for s in sorted(spans, key=lambda s: (s.start, -s.end)):
        if s.start < at:
            continue
        attrs = ",".join(f"{k}={v}" for k, v in sorted(s.attrs.items()) if v not in (None, ""))
        out.append(text[at:s.start] + "[" + text[s.start:s.end] + "]" + (f"{{{attrs}}}" if attrs else ""))
        at = s.end
    out.append(text[at:])
    return "".join(out)


def main(argv: list[str] | None = None) -> int:
    from tui.display import displayable

    from .learnreal import LABELS, _trained, documents

    p = argparse.ArgumentParser(prog="python -m bench.pool", description=__doc__.split("\n\n")[0])
    p.add_argument("label", choices=LABELS)
    p.add_argument("docs", nargs="+", metavar="DOC", help="a pool text's prefix (p042) or a range (p010-p019)")
    p.add_argument("--two", action="store_true", help="learn from two development golds, not all of them")
    args = p.parse_args(argv)
    docs = pool_docs(args.docs)
    if not docs:
        p.error(f"no pool text matches {' '.join(args.docs)} (the pool is p000-p{len(pool_docs(['p'])) - 1:03d})")
    dev = documents()
    sug = _trained(dev[:2] if args.two else dev)
    for d in docs:
        text = (POOL / "seeds" / f"{d}.txt").read_text(encoding="utf-8")
        spans = [s for s in sug.suggest(text, [args.label]).spans if s.label == args.label]
        print(f"===== {d} ({len(spans)} {args.label})")  # a stem of the pool: [pw0-9-]
        print(displayable(bracketed(text, spans)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
