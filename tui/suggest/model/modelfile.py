"""The model inside the corpus: ``CORPUS/.margin/model/model.json`` (provenance and
checksums) and one ``<LABEL>-<sha256[:12]>.crfsuite`` per label.

A model is derived state in a folder a clone can fill: model.json is sealed with this
machine's key (``tui.store.seal``) and nothing in it is parsed, nor any label file read,
before the seal checks; a label file is read (bounded, never through a link) only to match
the sha256 the sealed model.json names, so python-crfsuite's C code only ever sees bytes
margin wrote here. A model that fails is reported in one line and retrained.

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
from tui.store.files import read_limited
from tui.store.seal import Unsealed, seal, unseal
from tui.suggest.model.crf import Model, MissingCRF
from tui.suggest.model.features import VERSION as FEATURES

FORMAT = "margin-model/2"  # 2: model.json sealed (tui.store.seal)
PURPOSE = "model"  # the seal purpose of model.json
MAX_META_BYTES = 4 * 2**20
MAX_LABEL_BYTES = 256 * 2**20  # a CRF per label; real ones are a few MB
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


class ModelRefused(ModelError):
    """model.json is not sealed by this machine (a clone's, a copy's, or hand-made)."""


def save(root: Path, blobs: dict[str, bytes], meta: dict) -> Path:
    """Write the label files and model.json (``meta`` plus format, hashes, file names),
    under the corpus's training lock (:func:`training_lock`): concurrent trainers queue,
    and none deletes a label file another's model.json names."""
    d = model_dir(root)
    d.mkdir(parents=True, exist_ok=True)
    with training_lock(root):
        labels = {}
        for lab, data in blobs.items():
            sha = hashlib.sha256(data).hexdigest()
            name = f"{lab}-{sha[:12]}.crfsuite"
            if _sha_or_none(d / name) != sha:
                atomic_write(d / name, data)
            labels[lab] = {**meta.get("labels", {}).get(lab, {}), "file": name, "sha256": sha}
        previous = _referenced(root)
        doc = {"format": FORMAT, "features": FEATURES, **meta, "labels": labels}
        atomic_write(d / META, seal(PURPOSE, (json.dumps(doc, indent=1, ensure_ascii=False) + "\n").encode("utf-8")))
        keep = previous | {v["file"] for v in labels.values()}
        for p in d.glob("*.crfsuite"):
            if p.name not in keep:
                p.unlink(missing_ok=True)
    return d / META


def _sha_or_none(path: Path) -> str | None:
    try:
        return hashlib.sha256(read_limited(path, MAX_LABEL_BYTES, "model file", nofollow=True)).hexdigest()
    except DataError:
        return None


def _referenced(root: Path) -> set[str]:
    try:
        doc = read_meta(root)
    except ModelError:
        return set()
    return {v["file"] for v in (doc or {}).get("labels", {}).values()}


def training_lock(root: Path):
    """An exclusive lock on training the corpus at ``root``, held outside the corpus (in
    the user's cache folder, keyed by the corpus's real path): a second trainer waits."""
    import contextlib
    import fcntl
    import os

    from tui.store.seal import cache_dir

    digest = hashlib.sha256(str(Path(root).resolve()).encode()).hexdigest()[:16]
    path = cache_dir() / f"learn-{digest}.lock"

    @contextlib.contextmanager
    def held():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

    return held()


def read_meta(root: Path) -> dict | None:
    """model.json as a checked mapping, None when there is no model; ModelRefused when this
    machine did not seal it, ModelError when it is unreadable or malformed. Nothing is
    parsed before the seal checks."""
    path = model_dir(root) / META
    if not path.exists() and not path.is_symlink():
        return None
    try:
        data = unseal(PURPOSE, read_limited(path, MAX_META_BYTES, "model.json", nofollow=True), path)
    except Unsealed as e:
        raise ModelRefused(f"{e}; `margin learn` trains one on this machine") from None
    except DataError as e:
        raise ModelError(f"{e}; run `margin learn`") from None
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as e:
        raise ModelError(f"{path}: corrupt model ({type(e).__name__}); run `margin learn`") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("labels"), dict) or not all(
            isinstance(v, dict) and isinstance(v.get("file"), str) and isinstance(v.get("sha256"), str)
            for v in doc["labels"].values()):
        raise ModelError(f"{path}: corrupt model (labels); run `margin learn`")
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
            data = read_limited(path.parent / name, MAX_LABEL_BYTES, "model file", nofollow=True)
        except DataError as e:
            raise ModelError(f"{e}; run `margin learn`") from None
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
