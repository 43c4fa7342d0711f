"""``--format auto``: tell the format of a file (or of a folder's files) from its name and
its first record, or refuse with one line naming the file and the shapes margin reads."""

from __future__ import annotations

from pathlib import Path

from tui.errors import DataError, ValidationError
from tui.schema import DEFAULT_SCHEMA
from tui.importers.base import Reading, files, read_bytes, read_text, records
from tui.importers.conll import PATTERNS as CONLL_PATTERNS
from tui.importers.conll import is_tag, split

SHAPES = ("margin jsonl ({\"id\", \"spans\"}), doccano ({\"text\", \"label\": [[s, e, L]]} or "
          "{\"text\", \"entities\"}), Label Studio ({\"data\", \"annotations\"} or JSON-MIN), "
          "Prodigy ({\"text\", \"spans\", \"answer\"}), CoNLL 'TOKEN TAG' lines, brat .ann, spaCy .spacy, "
          "WebAnno TSV 3 (#FORMAT=WebAnno TSV 3.3)")
BY_SUFFIX = {".ann": "brat", ".spacy": "spacy", **{p[1:]: "conll" for p in CONLL_PATTERNS}}


def detect(path: Path) -> str:
    """The reader for ``path``; DataError (one line) if it cannot be told."""
    path = Path(path)
    if path.is_dir():
        return _folder(path)
    if path.suffix == ".tsv":
        return "webanno"
    if path.suffix in BY_SUFFIX:
        return BY_SUFFIX[path.suffix]
    return _sniff(path)


def _folder(path: Path) -> str:
    kinds: dict[str, Path] = {}
    for f in files(path, ("*.ann",), recursive=True):
        kinds.setdefault("brat", f)
    for f in files(path, ("*.tsv",), recursive=True):
        kinds.setdefault("webanno", f)
    for f in files(path, ("*.spacy", *CONLL_PATTERNS)):
        kinds.setdefault(BY_SUFFIX[f.suffix], f)
    for f in files(path, ("*.jsonl", "*.json")):
        if f.is_file():
            kinds.setdefault(_sniff(f), f)
    if len(kinds) > 1:
        raise DataError(f"{path}: holds files of several formats ({', '.join(f'{k}: {f.name}' for k, f in kinds.items())}); "
                        "import them one format at a time, or name one with --format")
    if not kinds:
        raise DataError(f"{path}: no file margin can import here (*.jsonl, *.json, *.ann, *.conll, *.spacy)")
    return next(iter(kinds))


def classify(obj) -> str | None:
    """The format whose record ``obj`` looks like, or None."""
    if not isinstance(obj, dict):
        return None
    if isinstance(obj.get("data"), dict) and ("annotations" in obj or "predictions" in obj or "completions" in obj):
        return "labelstudio"
    if any(k in obj for k in ("answer", "_input_hash", "_task_hash")) or \
            (isinstance(obj.get("tokens"), list) and "spans" in obj):
        return "prodigy"
    if isinstance(obj.get("spans"), list) and isinstance(obj.get("id"), str):
        return "jsonl"
    if "entities" in obj or isinstance(obj.get("label"), list) or isinstance(obj.get("labels"), list):
        if not _ls_min(obj):
            return "doccano"
    if _ls_min(obj):
        return "labelstudio"
    if isinstance(obj.get("spans"), list) and isinstance(obj.get("text"), str):
        return "prodigy"  # Prodigy's input shape without an answer
    return None


def _ls_min(obj: dict) -> bool:
    """A Label Studio JSON-MIN record: a list of {"start", "end", "labels"} under some key."""
    for v in obj.values():
        if isinstance(v, list) and v and all(isinstance(x, dict) and "start" in x and "end" in x
                                             and any(k.endswith("labels") for k in x) for x in v):
            return True
    return False


def _sniff(f: Path) -> str:
    reading = Reading(DEFAULT_SCHEMA)
    data = read_bytes(f, reading)
    if data is None:
        raise ValidationError(reading.problems)
    if data[:1] == b"\x78" and data[1:2] in (b"\x01", b"\x5e", b"\x9c", b"\xda"):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return "spacy"  # zlib-compressed msgpack: a DocBin under another name
    text = read_text(f, reading, data)
    if text is None:
        raise ValidationError(reading.problems)
    head = text.lstrip()
    if head.startswith("#FORMAT=WebAnno TSV"):
        return "webanno"
    if head[:1] in ("[", "{"):
        for where, obj in records(f, text, reading):
            fmt = classify(obj)
            if fmt is None:
                keys = ", ".join(sorted(map(str, obj))[:8]) if isinstance(obj, dict) else type(obj).__name__
                raise ValidationError([f"{where}: cannot tell the format of this record (keys: {keys[:80]!r}); "
                                       f"margin reads {SHAPES}"])
            return fmt
        if reading.problems:
            raise ValidationError(reading.problems[:1])
        raise ValidationError([f"{f}:1: no records; margin reads {SHAPES}"])
    for n, line in enumerate(text.split("\n"), 1):
        cols = split(line.strip())
        if not cols:
            continue
        if cols[0] == "-DOCSTART-" or (len(cols) >= 2 and is_tag(cols[-1])):
            return "conll"
        raise ValidationError([f"{f}:{n}: cannot tell the format (not JSON, not 'TOKEN TAG' CoNLL); margin "
                               f"reads {SHAPES}; or name the format with --format"])
    raise ValidationError([f"{f}:1: empty file: nothing to import"])
