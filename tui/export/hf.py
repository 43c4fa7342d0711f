"""Hugging Face token classification (``<split>.jsonl`` + ``README.md``): the Hub's layout.

One line per document and annotator: ``{"id", "annotator", "tokens": [...], "ner_tags":
[int, ...], "tags_ACTOR": [int, ...], ...}``. Tokens are margin's (``tui.tokens``, as
in CoNLL). Tag ids index the label names declared in ``README.md``'s YAML metadata
(``dataset_info.features``, ``class_label``), so ``datasets.load_dataset(folder)`` gives
``ClassLabel`` features with names: ``O``, ``B-ACTOR``, ``I-ACTOR``, ...

- ``ner_tags``: one BIO sequence for all exported labels. One tag a token cannot hold
  overlapping spans, so where spans overlap the innermost win (``tui.bio``: shortest
  first, then earliest) and the others are left out of ``ner_tags`` (reported; the actors
  and figures inside a claim stay, the claim goes).
- ``tags_<LABEL>``: one BIO sequence per label, every span of that label (same-label
  overlaps and spans off token boundaries reported as in CoNLL).

The card is ``README.md``: YAML front matter (``configs``, ``dataset_info``,
``task_categories``) then margin's dataset card. Without ``--split`` the data is
``data.jsonl``, declared as the ``train`` split.
"""

from __future__ import annotations

import yaml

from tui import bio
from tui.tokens import token_index
from tui.store.yamlio import SafeDumper
from tui.export.conll import tag_columns
from tui.export.jsonl import dumps

EXT = ".jsonl"
CARD = "README.md"


def names(labels) -> list[str]:
    return ["O"] + [f"{p}-{lab}" for lab in labels for p in ("B", "I")]


def innermost(text: str, spans, where: str, warn) -> list[str]:
    """The ``ner_tags`` BIO sequence (as names): every label in one, ``tui.bio``'s policy."""
    tagged = bio.encode(token_index(text), spans)
    for s in tagged.left_out:
        warn("span(s) overlapping a shorter span, left out of ner_tags (kept in tags_<LABEL>)",
             f"{where} {s.id} {s.label} {s.start}-{s.end}")
    return tagged.tags  # spans touching no token are reported by the per-label columns


def row(r, labels, ids, warn) -> dict:
    where = f"{r.doc.id}/{r.annotator}"
    tokens, columns = tag_columns(r.doc.text, r.annotation.spans, labels, where, warn)
    out = {"id": r.doc.id, "annotator": r.annotator, "tokens": [r.doc.text[a:b] for a, b in tokens],
           "ner_tags": [ids[t] for t in innermost(r.doc.text, r.annotation.spans, where, warn)]}
    for lab, col in zip(labels, columns):
        out[f"tags_{lab}"] = [ids[t] for t in col]
    return out


def _class_label(tag_names: list[str]) -> dict:
    return {"sequence": {"class_label": {"names": {str(i): n for i, n in enumerate(tag_names)}}}}


def card_front(ctx, parts) -> str:
    """README.md's YAML metadata, the Hub's dataset card convention."""
    split = {p.name: ("train" if p.name == "data" else p.name) for p in parts}
    features = [{"name": "id", "dtype": "string"}, {"name": "annotator", "dtype": "string"},
                {"name": "tokens", "sequence": "string"}, {"name": "ner_tags", **_class_label(names(ctx.labels))}]
    features += [{"name": f"tags_{lab}", **_class_label(names((lab,)))} for lab in ctx.labels]
    meta = {
        "pretty_name": "margin export (token classification)",
        "task_categories": ["token-classification"],
        "configs": [{"config_name": "default",  # an empty split is not declared: datasets refuses one
                     "data_files": [{"split": split[p.name], "path": p.name + EXT} for p in parts if p.records]}],
        "dataset_info": {"config_name": "default", "features": features},
    }
    return "---\n" + yaml.dump(meta, Dumper=SafeDumper, sort_keys=False, allow_unicode=True) + "---\n\n"


def write(parts, ctx) -> None:
    all_ids = {n: i for i, n in enumerate(names(ctx.labels))}
    ctx.notes.append("Tag ids: " + ", ".join(f"{i} `{n}`" for n, i in all_ids.items()) + " in `ner_tags`; "
                     "each `tags_<LABEL>` column has its own three: 0 `O`, 1 `B-<LABEL>`, 2 `I-<LABEL>`.")
    for p in parts:
        with ctx.text(p.name + EXT) as f:
            for r in p.records:
                rec = row(r, ctx.labels, all_ids, ctx.warn)
                for lab in ctx.labels:  # per-label columns use their own 0/1/2 ids
                    local = {all_ids[n]: i for i, n in enumerate(names((lab,)))}
                    rec[f"tags_{lab}"] = [local[t] for t in rec[f"tags_{lab}"]]
                f.write(dumps(rec))
