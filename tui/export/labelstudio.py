"""Label Studio tasks (``<split>.json``, a JSON array): one task per document.

``{"data": {"text", "doc_id"}, "meta": {"doc_id", "annotators"}, "annotations": [...],
"predictions": [...]}``. Each annotator's record is one entry of ``annotations`` (in the
order of ``meta.annotators``; gold's has ``ground_truth: true``), with ``result`` items:

- a region per span: ``{"id": <margin span id>, "from_name": "label", "to_name": "text",
  "type": "labels", "value": {"start", "end", "text", "labels": [LABEL]}}``;
- per-region attributes on the same ``id``: ``choices`` for enumerations, ``number`` for
  numbers, ``textarea`` for text (``from_name`` ``<LABEL>_<attr>``), the note as a
  ``textarea`` named ``note``;
- a ``relation`` per relation: ``{"from_id", "to_id", "type": "relation", "direction":
  "right", "labels": [name]}``.

``predictions`` holds margin's own rule-based suggestions (``tui.suggest``) in the same
shape, ``model_version: "margin-suggest"``, so they pre-annotate a Label Studio project
(option ``predictions``: False leaves them out). The card holds the labeling configuration
(``<View>`` XML) that matches the schema. Offsets are code points, with each region's ``text`` (Label Studio's editor has counted
both code points and UTF-16 code units across versions; ``--offsets utf16`` writes the
latter, and the ``text`` tells a reader which).
"""

from __future__ import annotations

from itertools import groupby
from xml.sax.saxutils import quoteattr

from tui.errors import DataError
from tui.export.jsonl import dumps
from tui.offsets import writer

EXT = ".json"
MODEL_VERSION = "margin-suggest"


def regions(spans, relations, schema, at=lambda x: x) -> list[dict]:
    out = []
    for s in spans:
        where = {"start": at(s.start), "end": at(s.end), "text": s.text}
        out.append({"id": s.id, "from_name": "label", "to_name": "text", "type": "labels",
                    "value": {**where, "labels": [s.label]}})
        ldef = schema.labels.get(s.label)
        for name, v in s.attrs.items():
            kind = ldef.attrs[name].kind if ldef and name in ldef.attrs else "text"
            typ, value = {"enum": ("choices", {"choices": [v]}), "number": ("number", {"number": v})}.get(
                kind, ("textarea", {"text": [str(v)]}))
            out.append({"id": s.id, "from_name": f"{s.label}_{name}", "to_name": "text", "type": typ,
                        "value": {**where, **value}})
        if s.note is not None:
            out.append({"id": s.id, "from_name": "note", "to_name": "text", "type": "textarea",
                        "value": {**where, "text": [s.note]}})
    for r in relations:
        out.append({"from_id": r.source, "to_id": r.target, "type": "relation", "direction": "right",
                    "labels": [r.label]})
    return out


def predictions(doc, schema, labels, warn, at=lambda x: x) -> list[dict]:
    """margin's suggestions for ``doc`` as one Label Studio prediction."""
    from tui.suggest import suggest

    try:
        sugg = suggest(doc.text, schema, families=[lab for lab in labels if lab in ("ACTOR", "FIGURE", "CLAIM")])
    except DataError as e:
        warn("document(s) without predictions (the suggestion rules could not run)", f"{doc.id}: {e}")
        return []
    ids = {s.id for s in sugg.spans}
    rels = [r for r in sugg.relations if r.source in ids and r.target in ids]
    return [{"model_version": MODEL_VERSION, "result": regions(sugg.spans, rels, schema, at)}]


def task(doc, records, ctx) -> dict:
    from tui.export import offset_unit

    at = writer(doc.text, offset_unit("labelstudio", ctx.options))
    out = {"data": {"text": doc.text, "doc_id": doc.id},
           "meta": {"doc_id": doc.id, "annotators": [r.annotator for r in records]},
           "annotations": [{"result": regions(r.annotation.spans, r.annotation.relations, ctx.schema, at),
                            "ground_truth": r.annotator == "gold", "was_cancelled": False} for r in records]}
    if ctx.options.get("predictions", True) is not False:
        out["predictions"] = predictions(doc, ctx.schema, ctx.labels, ctx.warn, at)
    return out


def label_config(schema, labels) -> str:
    """The ``<View>`` labeling configuration these tasks need."""
    q = quoteattr
    lines = ["<View>", '  <Labels name="label" toName="text">']
    lines += [f"    <Label value={q(lab)}/>" for lab in labels]
    lines += ["  </Labels>", '  <Text name="text" value="$text"/>', "  <Relations>"]
    lines += [f"    <Relation value={q(r.name)}/>" for r in schema.relations.values()]
    lines += ["  </Relations>"]
    for lab in labels:
        for a in schema.labels[lab].attrs.values():
            common = f"name={q(f'{lab}_{a.name}')} toName=\"text\" perRegion=\"true\" whenLabelValue={q(lab)}"
            if a.kind == "enum":
                lines.append(f'  <Choices {common} choice="single">')
                lines += [f"    <Choice value={q(v)}/>" for v in a.values]
                lines.append("  </Choices>")
            elif a.kind == "number":
                lines.append(f"  <Number {common}/>")
            else:
                lines.append(f"  <TextArea {common} maxSubmissions=\"1\"/>")
    lines += ['  <TextArea name="note" toName="text" perRegion="true" maxSubmissions="1"/>', "</View>"]
    return "\n".join(lines)


def write(parts, ctx) -> None:
    ctx.notes.append("Label Studio labeling configuration for these tasks (Settings > Labeling Interface > "
                     "Code):\n\n```xml\n" + label_config(ctx.schema, ctx.labels) + "\n```")
    for p in parts:
        with ctx.text(p.name + EXT) as f:
            f.write("[")
            for i, (_, group) in enumerate(groupby(p.records, key=lambda r: r.doc.id)):
                records = list(group)
                f.write(("," if i else "") + "\n" + dumps(task(records[0].doc, records, ctx)).rstrip("\n"))
            f.write("\n]\n")
