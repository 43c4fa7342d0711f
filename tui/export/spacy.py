"""spaCy ``DocBin`` (``<split>.spacy``), tokenised by ``spacy.blank(lang)`` (no model).

Each record is one ``Doc`` with every span in ``doc.spans[LABEL]`` (one group per label)
and in ``doc.spans["sc"]`` (all labels: the span categorizer's default key), and in
``doc.ents`` when it overlaps no other exported span. Spans are placed with
``doc.char_span(start, end, label, alignment_mode="expand", span_id=<margin id>)``; one
that does not fall on spaCy token boundaries is extended and reported.
``doc.user_data["margin"]`` holds the document id, annotator, status, attributes, notes
and relations (``DocBin(store_user_data=True)``).
"""

from __future__ import annotations

from tui.errors import DataError

EXT = ".spacy"
ALL = "sc"


def alone(spans) -> list:
    """The spans that overlap no other span (in token terms), in order."""
    order = sorted(spans, key=lambda sp: (sp.start, sp.end))
    out, reach = [], -1  # reach: the furthest end of the spans before
    for i, sp in enumerate(order):
        nxt = order[i + 1].start if i + 1 < len(order) else sp.end
        if reach <= sp.start and nxt >= sp.end:
            out.append(sp)
        reach = max(reach, sp.end)
    return out


def missing_runs(sdoc, placed, ents) -> list:
    """Unlabelled spans over the tokens of every placed span not in ``ents`` (merged, so
    they do not overlap each other, as ``Doc.set_ents`` requires)."""
    from spacy.tokens import Span

    chosen = {(e.start, e.end) for e in ents}
    runs: list[list[int]] = []
    for sp in sorted((sp for sp in placed if (sp.start, sp.end) not in chosen), key=lambda sp: sp.start):
        if runs and sp.start <= runs[-1][1]:
            runs[-1][1] = max(runs[-1][1], sp.end)
        else:
            runs.append([sp.start, sp.end])
    return [Span(sdoc, a, b) for a, b in runs]


def make_doc(nlp, doc, ann, labels, where: str, warn):
    sdoc = nlp.make_doc(doc.text)
    placed = []
    for s in ann.spans:
        span = sdoc.char_span(s.start, s.end, s.label, alignment_mode="expand", span_id=s.id)
        what = f"{where} {s.id} {s.label} {s.start}-{s.end} {s.text[:60]!r}"
        if span is None or not span.text.strip():
            warn("span(s) of only whitespace, not in doc.spans (kept in doc.user_data)", what)
            continue
        if (span.start_char, span.end_char) != (s.start, s.end):
            warn("span(s) not on spaCy token boundaries, extended to whole tokens",
                 f"{what} -> {span.start_char}-{span.end_char} {span.text[:60]!r}")
        placed.append(span)
    for lab in labels:
        sdoc.spans[lab] = [sp for sp in placed if sp.label_ == lab]
    sdoc.spans[ALL] = placed
    ents = alone(placed)
    sdoc.set_ents(ents, missing=missing_runs(sdoc, placed, ents), default="outside")
    sdoc.user_data["margin"] = {
        "id": doc.id, "annotator": ann.annotator, "status": ann.status, "sha256": doc.sha256,
        "spans": [{"id": s.id, "label": s.label, "start": s.start, "end": s.end,
                   "attrs": dict(s.attrs), "note": s.note} for s in ann.spans],
        "relations": [{"id": r.id, "label": r.label, "from": r.source, "to": r.target} for r in ann.relations],
    }
    return sdoc


def check(labels, options) -> None:
    from spacy.util import get_lang_class

    lang = options.get("spacy_lang") or "en"
    try:
        get_lang_class(lang)
    except (ImportError, ValueError, KeyError):
        raise DataError(f"--spacy-lang {lang!r}: spaCy has no such language (try en, de, fr, xx)") from None


def write(parts, ctx) -> None:
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank(ctx.options.get("spacy_lang") or "en")
    for p in parts:
        db = DocBin(store_user_data=True)
        for r in p.records:
            db.add(make_doc(nlp, r.doc, r.annotation, ctx.labels, f"{r.doc.id}/{r.annotator}", ctx.warn))
        ctx.write(p.name + EXT, db.to_bytes())
