"""doccano JSONL (``<split>.jsonl``): one line per document and annotator.

Default shape (doccano's sequence labeling import): ``{"text", "label": [[start, end,
"LABEL"], ...], "doc_id", "annotator"}``. Option ``doccano_shape="entities"`` writes the
relation-extraction shape instead: ``{"text", "entities": [{"id", "label",
"start_offset", "end_offset"}], "relations": [{"id", "from_id", "to_id", "type"}],
"doc_id", "annotator"}`` with integer ids (doccano's) in text order; the margin ids are
in ``margin_ids`` (``{"s3": 2, "r1": 0}``). doccano keeps unknown keys (``doc_id``,
``annotator``) as metadata. Offsets are UTF-16 code units, as doccano's editor counts them
(JavaScript string indexes); ``"offsets": "utf16"`` says so (doccano keeps the key, and it
stays true there). ``--offsets codepoints`` writes code points, without the key. Attributes and notes are not in
doccano's shapes: they are listed as lost in the card.
"""

from __future__ import annotations

from tui.errors import DataError
from tui.export.jsonl import dumps
from tui.offsets import UTF16, writer

EXT = ".jsonl"
SHAPES = ("label", "entities")


def record(r, shape: str, unit: str = UTF16) -> dict:
    ann = r.annotation
    at = writer(r.doc.text, unit)
    out = {"text": r.doc.text}
    if shape == "label":
        out["label"] = [[at(s.start), at(s.end), s.label] for s in ann.spans]
    else:
        ids = {s.id: i for i, s in enumerate(ann.spans)}
        rels = [x for x in ann.relations if x.source in ids and x.target in ids]
        out["entities"] = [{"id": ids[s.id], "label": s.label, "start_offset": at(s.start), "end_offset": at(s.end)}
                           for s in ann.spans]
        out["relations"] = [{"id": i, "from_id": ids[x.source], "to_id": ids[x.target], "type": x.label}
                            for i, x in enumerate(rels)]
        out["margin_ids"] = {**ids, **{x.id: i for i, x in enumerate(rels)}}
    out = {**out, "doc_id": r.doc.id, "annotator": r.annotator}
    return {**out, "offsets": unit} if unit == UTF16 else out  # doccano keeps it, and it stays true there


def check(labels, options) -> None:
    shape = options.get("doccano_shape") or "label"
    if shape not in SHAPES:
        raise DataError(f"doccano shape {shape!r}: expected one of: {', '.join(SHAPES)}")


def write(parts, ctx) -> None:
    from tui.export import offset_unit

    shape = ctx.options.get("doccano_shape") or "label"
    unit = offset_unit("doccano", ctx.options)
    for p in parts:
        for r in p.records:
            for s in r.annotation.spans:
                if s.attrs or s.note is not None:
                    ctx.warn("span(s) with attributes or a note, which doccano's JSONL cannot hold "
                             "(spans exported without them)", f"{r.doc.id}/{r.annotator} {s.id}")
            if shape == "label" and r.annotation.relations:
                ctx.warn("record(s) with relations, which the 'label' shape cannot hold "
                         "(use the 'entities' shape)", f"{r.doc.id}/{r.annotator}")
        with ctx.text(p.name + EXT) as f:
            for r in p.records:
                f.write(dumps(record(r, shape, unit)))
