"""The model inside the corpus: ``CORPUS/.margin/model/model.json`` (provenance and
checksums) and one ``<LABEL>-<sha256[:12]>.crfsuite`` per label.

Saving writes the label files under content-addressed names first, then replaces
model.json atomically (``tui.store.atomic_write``), then deletes label files neither the
new nor the previous model.json refers to: a reader never sees a half-written model.
Loading validates like every other file: format version, feature version, the schema's
hash, every label file's sha256. A stale or corrupt model is reported in one line
(``ModelError``) and never half-used.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from tui.errors import DataError
from tui.schema import Schema
from tui.store import atomic_write
from tui.suggest.model.crf import Model, MissingCRF
from tui.suggest.model.features import VERSION as FEATURES

FORMAT = "margin-model/1"
DIR = Path(".margin") / "model"
META = "model.json"


class ModelError(DataError):
    """The model on disk cannot be used (stale, corrupt, or written by another version)."""


def schema_hash(schema: Schema) -> str:
    return hashlib.sha256(json.dumps(schema.to_dict(), sort_keys=True).encode("utf-8")).hexdigest()


def model_dir(root: Path) -> Path:
    return Path(root) / DIR


@dataclass
class Provenance:
    """What a model was trained on: files (corpus-relative path, sha256), when, by what."""

    files: list[dict]
    created: str
    source: str
    seconds: float = 0.0


def save(root: Path, blobs: dict[str, bytes], meta: dict) -> Path:
    """Write the label files and model.json (``meta`` plus format, hashes, file names)."""
    d = model_dir(root)
    d.mkdir(parents=True, exist_ok=True)
    labels = {}
    for lab, data in blobs.items():
        sha = hashlib.sha256(data).hexdigest()
        name = f"{lab}-{sha[:12]}.crfsuite"
        if not (d / name).is_file() or hashlib.sha256((d / name).read_bytes()).hexdigest() != sha:
            atomic_write(d / name, data)
        labels[lab] = {**meta.get("labels", {}).get(lab, {}), "file": name, "sha256": sha}
    previous = _referenced(d / META)
    doc = {"format": FORMAT, "features": FEATURES, **meta, "labels": labels}
    atomic_write(d / META, (json.dumps(doc, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))
    keep = previous | {v["file"] for v in labels.values()}
    for p in d.glob("*.crfsuite"):
        if p.name not in keep:
            p.unlink(missing_ok=True)
    return d / META


def _referenced(meta_path: Path) -> set[str]:
    try:
        doc = json.loads(meta_path.read_text(encoding="utf-8"))
        return {v["file"] for v in doc["labels"].values() if isinstance(v.get("file"), str)}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return set()


def read_meta(root: Path) -> dict | None:
    """model.json as a mapping, None when there is no model; ModelError when unreadable."""
    path = model_dir(root) / META
    if not path.exists():
        return None
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as e:
        raise ModelError(f"{path}: corrupt model ({type(e).__name__}); run `margin learn`") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("labels"), dict):
        raise ModelError(f"{path}: corrupt model (no labels); run `margin learn`")
    return doc


def load(root: Path, schema: Schema) -> Model | None:
    """The corpus's model, None when it has none; ModelError (one line) when it is stale,
    corrupt, from another version, or python-crfsuite is missing."""
    from tui.suggest.conventions import NAMES, Conventions

    path = model_dir(root) / META
    doc = read_meta(root)
    if doc is None:
        return None
    if doc.get("format") != FORMAT or doc.get("features") != FEATURES:
        raise ModelError(f"{path}: written by another version of margin ({doc.get('format')!r}, "
                         f"features {doc.get('features')!r}); run `margin learn`")
    if doc.get("schema_sha256") != schema_hash(schema):
        raise ModelError(f"{path}: stale: the schema changed since it was trained; run `margin learn`")
    blobs = {}
    for lab, info in doc["labels"].items():
        if lab not in schema.labels:
            raise ModelError(f"{path}: stale: label {lab!r} is not in the schema; run `margin learn`")
        name = info.get("file") if isinstance(info, dict) else None
        if not isinstance(name, str) or "/" in name or "\\" in name or name.startswith("."):
            raise ModelError(f"{path}: corrupt model (label {lab}: bad file name); run `margin learn`")
        try:
            data = (path.parent / name).read_bytes()
        except OSError as e:
            raise ModelError(f"{path.parent / name}: cannot read ({e.strerror}); run `margin learn`") from None
        if hashlib.sha256(data).hexdigest() != info.get("sha256"):
            raise ModelError(f"{path.parent / name}: corrupt model file (checksum differs); run `margin learn`")
        blobs[lab] = data
    conv = doc.get("conventions") or {}
    try:
        conventions = Conventions(**{k: conv[k] == "in" for k in NAMES if k in conv})
        policy = {lab: info.get("policy", "model") for lab, info in doc["labels"].items()}
        return Model.from_bytes(blobs, conventions=conventions, policy=policy, meta=doc)
    except MissingCRF as e:
        raise ModelError(f"{path}: not used: {e}") from None
    except (ValueError, OSError, TypeError) as e:
        raise ModelError(f"{path}: corrupt model ({e}); run `margin learn`") from None
