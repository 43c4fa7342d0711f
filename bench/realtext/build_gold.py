"""Writes the real-text golds from their .spec files: every span is given by its quoted text
(found in order in the article, at word boundaries), never by hand-counted offsets.

    python -m bench.realtext.build_gold        # rewrites bench/realtext/annotations/*/gold.yaml

Spec lines, in the article's order (each searched from the start of the span before, or from its end when both have the same label):
    A <text> | <type>
    F <text> | <value> | <unit> | <qualifier>
    C <text> | <speaker>[;<speaker>] | <status>
    > <text>      no span: the next one is searched from the end of this text (a mention the
                  guideline leaves unmarked, such as an actor only acted upon, before the one
                  marked: "> emailed Amazon Web Services")
A speaker is linked to the nearest ACTOR span with that exact text outside the claim (inside it
only when there is none outside); `<` before the speaker's text links its latest mention before the
claim (a pronoun's actor, "She said …", when a same-text mention of another actor follows it).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from tui.model import Annotation, Document, Relation, make_span
from tui.store.writer import dumps

HERE = Path(__file__).resolve().parent
LABELS = {"A": "ACTOR", "F": "FIGURE", "C": "CLAIM"}
UPDATED = "2026-12-06T20:00:00Z"


def find(text: str, quote: str, start: int, where: str) -> int:
    left = r"\b" if quote[0].isalnum() else ""
    right = r"\b(?!['’]s\b)" if quote[-1].isalnum() else ""  # a possessive is never a span's end
    m = re.compile(left + re.escape(quote) + right).search(text, start)
    if m is None:
        raise SystemExit(f"{where}: not found after offset {start}: {quote!r}")
    return m.start()


def number(s: str | None) -> int | float:
    v = float(s or "nan")
    return int(v) if v.is_integer() else v


def attrs_of(kind: str, fields: list[str]) -> dict:
    get = lambda i: fields[i].strip() if len(fields) > i and fields[i].strip() else None
    if kind == "A":
        return {"type": get(1)} if get(1) else {}
    if kind == "F":
        out: dict = {"value": number(get(1))} if get(1) else {}
        if get(2):
            out["unit"] = get(2)
        if get(3):
            out["qualifier"] = get(3)
        return out
    return {"status": get(2)} if get(2) else {}


def build(doc_id: str, text: str, spec: str, where: str) -> Annotation:
    ann = Annotation(doc_id, Document(doc_id, text).sha256, len(text), "gold", status="done", updated=UPDATED)
    cursor, last = 0, ("", 0, 0)
    speakers: list[tuple[str, list[str]]] = []
    for n, line in enumerate(spec.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, rest = line.split(" ", 1)
        fields = [f.strip() for f in rest.split("|")]
        quote = fields[0]
        at = find(text, quote, last[2] if kind == last[0] else last[1], f"{where}:{n}")
        last = (kind, at, at + len(quote))
        if kind == ">":
            last = (kind, at + len(quote), at + len(quote))
            continue
        sid = f"s{len(ann.spans) + 1}"
        ann.spans.append(make_span(text, sid, LABELS[kind], at, at + len(quote), attrs=attrs_of(kind, fields)))
        if kind == "C" and len(fields) > 1 and fields[1].strip():
            speakers.append((sid, [s.strip() for s in fields[1].split(";")]))
    by_id = {s.id: s for s in ann.spans}
    for claim_id, names in speakers:
        claim = by_id[claim_id]
        for name in names:
            before, name = name.startswith("<"), name.removeprefix("<").strip()
            named = [s for s in ann.spans
                     if s.label == "ACTOR" and s.text == name and (not before or s.end <= claim.start)]
            # the speaker is a mention outside the claim ('"Ford is ...", Ford told'), if there is one
            actors = [s for s in named if not claim.start <= s.start < claim.end] or named
            if not named:
                raise SystemExit(f"{where}: no ACTOR {name!r} for claim {claim.text[:40]!r}")
            best = min(actors, key=lambda a: abs(a.start - claim.start))
            ann.relations.append(Relation(f"r{len(ann.relations) + 1}", "attributed_to", claim_id, best.id))
    return ann.sorted()


def main(root: Path = HERE) -> int:
    for spec in sorted((root / "spec").glob("*.spec")):
        doc_id = spec.stem
        text = (root / "seeds" / f"{doc_id}.txt").read_text(encoding="utf-8")
        ann = build(doc_id, text, spec.read_text(encoding="utf-8"), str(spec))
        out = root / "annotations" / doc_id / "gold.yaml"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(dumps(ann), encoding="utf-8")
        counts = {lab: sum(s.label == lab for s in ann.spans) for lab in LABELS.values()}
        print(doc_id, counts, len(ann.relations), "relations")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE))
