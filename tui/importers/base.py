"""What every reader shares: the incoming records, the problem list, safe input reading.

Readers turn their files into :class:`Incoming` documents and report each problem as
``file:line: problem`` through :class:`Reading`; nothing here touches the corpus.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeGuard

from tui.corpus import NAME_RE
from tui.store.files import read_limited
from tui.errors import DataError
from tui.schema import Schema

MAX_INPUT_BYTES = 512 * 2**20  # one input file; bigger ones are refused before reading


@dataclass
class SpanIn:
    where: str  # file:line, for messages
    id: str | None
    label: str
    frags: list[tuple[int, int]]  # code-point offsets, or token indexes for token input
    quote: str | None = None  # the text the source says the span has
    attrs: dict = field(default_factory=dict)
    note: str | None = None
    extra: dict = field(default_factory=dict)  # source, origin, edited, flag
    key: object = None  # the source's own id for the span, for its relations (any type)


@dataclass
class RelIn:
    where: str
    id: str | None
    label: str
    source: object  # a margin span id, or (with Incoming.keyed) the source's span key
    target: object


@dataclass
class Incoming:
    """One document's annotation as another tool had it, not yet matched to the corpus."""

    where: str  # file (and line) it came from
    doc_id: str | None  # a margin document id the source names; None: match by text or tokens
    text: str | None = None  # the text the source had, if it carries one
    text_path: str = ""  # the file that text came from
    sha256: str | None = None  # the text's hash, when the source has only that
    tokens: list[str] | None = None  # token input: spans are token indexes into these
    spans: list[SpanIn] = field(default_factory=list)
    relations: list[RelIn] = field(default_factory=list)
    status: str = "in_progress"
    updated: str = ""
    keyed: bool = False  # relations refer to SpanIn.key (foreign ids), not margin ids
    id_hint: str | None = None  # a document id the source mentions (chooses among equal texts)
    offsets: str | None = "codepoints"  # the unit the tool counts; None: files in this shape use both
    exact: bool = False  # offsets are the tool's own code points (spaCy): --offsets does not apply
    probes: list[tuple[int, int, str]] = field(default_factory=list)  # tokens (start, end, text): the unit shows
    source_annotator: str | None = None  # whose work the record is, when the file says
    sentences: list[int] = field(default_factory=list)  # token input: where each sentence starts
    name: str | None = None  # the id a new document made from this record gets (made valid)


@dataclass
class Reading:
    """What readers share: the schema, the label map, and the problem list."""

    schema: Schema
    label_map: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # things skipped on purpose, for the summary
    format: str = ""  # the reader in use (after --format auto)
    annotator: str = ""  # whose file is written: picks that annotator's records in a file of several
    offsets: str | None = None  # --offsets: the unit of formats whose unit varies
    units_used: dict[str, int] = field(default_factory=dict)  # unit -> records where it mattered
    columns: dict[str, str] = field(default_factory=dict)  # doccano: {"data": key of the text, "label": of the spans}
    dropped: dict[str, int] = field(default_factory=dict)  # --map OLD=: name -> spans or relations left out
    duplicates: int = 0  # identical spans and relations left out

    def problem(self, where: str, msg: str) -> None:
        self.problems.append(f"{where}: {msg}")

    def label(self, where: str, name) -> str | None:
        """The schema label for ``name`` (after --map), or None with a problem."""
        if not isinstance(name, str):
            self.problem(where, f"label must be a string, got {type(name).__name__}")
            return None
        mapped = self.label_map.get(name, name)
        if mapped in self.schema.labels:
            return mapped
        if mapped == "":  # --map OLD= drops it
            self.dropped[name] = self.dropped.get(name, 0) + 1
            return ""
        self.problem(where, f"unknown label {name[:60]!r} (the schema has {', '.join(self.schema.labels)}; "
                            f"map it with --map {name[:60]}=LABEL, or leave it out with --map {name[:60]}=)")
        return None

    def relation(self, where: str, name) -> str | None:
        if not isinstance(name, str):
            self.problem(where, f"relation label must be a string, got {type(name).__name__}")
            return None
        mapped = self.label_map.get(name, name)
        if mapped in self.schema.relations:
            return mapped
        if mapped == "":  # --map OLD= drops it
            self.dropped[name] = self.dropped.get(name, 0) + 1
            return ""
        self.problem(where, f"unknown relation {name[:60]!r} (the schema has {', '.join(self.schema.relations) or 'none'}; "
                            f"map it with --map {name[:60]}=RELATION, or leave it out with --map {name[:60]}=)")
        return None

    def attrs(self, where: str, label: str, attrs: dict) -> dict:
        """The attributes the schema allows for ``label``; a problem for each other one."""
        if label == "":  # dropped by --map
            return {}
        ldef = self.schema.labels[label]
        out = {}
        for name, value in attrs.items():
            adef = ldef.attrs.get(name)
            if adef is None:
                self.problem(where, f"{label} has no attribute {str(name)[:60]!r} (it has: {', '.join(ldef.attrs) or 'none'})")
                continue
            problem = adef.check(value)  # the schema's rule: kinds, values, 64-bit integers
            if problem:
                self.problem(where, f"{label}: {problem}")
                continue
            out[name] = value
        return out

    def span_id(self, where: str, sid) -> str | None:
        """A margin span or relation id from the input, checked by the one name grammar."""
        if sid is None:
            return None
        if not isinstance(sid, str) or not NAME_RE.fullmatch(sid):
            self.problem(where, f"id {str(sid)[:60]!r} is not a margin id (1-128 of A-Z a-z 0-9 . _ -, "
                                "starting with a letter or digit)")
            return None
        return sid

    def leftover(self, where: str, obj: dict, consumed, fmt: str, shape: str) -> None:
        """Refuse keys that look like annotations but that no reader part consumed."""
        left = sorted(k for k in obj if k not in consumed and k.lower() in ANNOTATION_KEYS and obj[k])
        if left:
            self.problem(where, f"{', '.join(map(repr, left))} look like annotations, but {fmt} has no such key "
                                f"(expected {shape}); nothing was imported")


#: Keys that hold annotations in some tool's format: a record with one that no reader
#: consumed is refused rather than imported as "0 spans".
ANNOTATION_KEYS = frozenset(
    "label labels entities entity ents spans span relations relation annotations annotation predictions "
    "prediction result results ner tags tag ner_tags accept cats".split())


def margin_relations(inc: Incoming, rels, where: str, shape: str, reading: Reading) -> None:
    """Relations in margin's own shape (``{"id", "label", "from", "to"}``, as margin's jsonl
    and spaCy exports write them) into ``inc``; ``shape`` ends the message for a bad one."""
    for i, r in enumerate(rels, 1):
        w = f"{where}: relation {i}"
        if not isinstance(r, dict) or not all(isinstance(r.get(k), str) for k in ("label", "from", "to")):
            reading.problem(w, f'expected {{"label", "from", "to"}} {shape}')
            continue
        label = reading.relation(w, r["label"])
        if label is not None:
            inc.relations.append(RelIn(w, reading.span_id(w, r.get("id")), label, r["from"], r["to"]))


def parse_map(pairs: list[str] | None) -> dict[str, str]:
    out = {}
    for p in pairs or ():
        old, sep, new = p.partition("=")
        if not sep or not old:
            raise DataError(f"--map {p!r}: expected OLD=NEW (or OLD= to leave OLD out)")
        out[old] = new
    return out


# --------------------------------------------------------------------------- input files


def files(path: Path, patterns: tuple[str, ...], recursive: bool = False) -> list[Path]:
    """``path`` itself, or the files in the folder ``path`` matching ``patterns``."""
    path = Path(path)
    try:
        st = os.stat(path)
    except OSError as e:
        raise DataError(f"{path}: {e.strerror or 'cannot read'}") from None
    if not stat.S_ISDIR(st.st_mode):
        return [path]
    found: set[Path] = set()
    for pat in patterns:
        found.update(path.rglob(pat) if recursive else path.glob(pat))
    return sorted(found)


def read_bytes(f: Path, reading: Reading) -> bytes | None:
    """The bytes of the regular file ``f`` (not a folder, FIFO or device), size-limited
    (``tui.store.files.read_limited``, the one bounded read)."""
    try:
        return read_limited(f, MAX_INPUT_BYTES, "import file")
    except DataError as e:
        reading.problems.append(f"{e} (margin imports files up to {MAX_INPUT_BYTES // 2**20} MiB: split it)"
                                if "too large" in str(e) else str(e))
        return None


def read_text(f: Path, reading: Reading, data: bytes | None = None) -> str | None:
    """The UTF-8 text of ``f`` (or of its ``data`` already read), a leading BOM dropped."""
    data = read_bytes(f, reading) if data is None else data
    if data is None:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        reading.problem(f"{f}:{line}", f"not UTF-8 (bad byte at offset {e.start})")
        return None
    return text.removeprefix("\ufeff")


class JSONProblem(Exception):
    pass


def _constant(name: str):
    raise ValueError(f"{name} is not JSON")


def loads(s: str):
    """``json.loads`` that refuses NaN/Infinity, deep nesting and huge numbers with a
    JSONProblem (one line) instead of RecursionError or ValueError."""
    try:
        return json.loads(s, parse_constant=_constant)
    except json.JSONDecodeError as e:
        raise JSONProblem(f"not JSON: {e.msg} at line {e.lineno} column {e.colno}" if e.lineno > 1
                          else f"not JSON: {e.msg} at column {e.colno}") from None
    except RecursionError:
        raise JSONProblem("nested too deeply") from None
    except ValueError as e:
        raise JSONProblem(f"not usable JSON: {str(e).split(';')[0]}") from None


def json_lines(f: Path, text: str, reading: Reading):
    """(where, object) for each non-blank line of a JSON Lines text; problems reported."""
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{f}:{n}"
        try:
            yield where, loads(line)
        except JSONProblem as e:
            reading.problem(where, str(e))


_DECODER = json.JSONDecoder(parse_constant=_constant)


def records(f: Path, text: str, reading: Reading):
    """(where, object) for each record of a JSON text as tools write them: JSON Lines, one
    object (pretty-printed or not), objects one after another, or a JSON array of records
    (each with the line it starts on); problems reported. After a value that is not JSON,
    reading resumes at the next line (JSON Lines: one problem per bad line)."""
    head = text.lstrip()
    if head.startswith("["):
        yield from _array(f, text, reading)
        return
    pos, n, line, counted = 0, len(text), 1, 0
    while True:
        while pos < n and text[pos] in " \t\r\n":
            pos += 1
        if pos >= n:
            return
        line += text.count("\n", counted, pos)
        counted = pos
        where = f"{f}:{line}"
        try:
            obj, pos = _DECODER.raw_decode(text, pos)
        except json.JSONDecodeError as e:
            reading.problem(where, f"not JSON: {e.msg} at column {e.pos - text.rfind(chr(10), 0, e.pos)}"
                            if text.count("\n", counted, e.pos) == 0 else
                            f"not JSON: {e.msg} at line {line + text.count(chr(10), counted, e.pos)}")
        except RecursionError:
            reading.problem(where, "not JSON margin can read: nested too deeply")
        except ValueError as e:
            reading.problem(where, f"not usable JSON: {str(e).split(';')[0]}")
        else:
            yield where, obj
            continue
        nl = text.find("\n", counted)  # resume at the next line
        pos = n if nl == -1 else nl + 1


def _array(f: Path, text: str, reading: Reading):
    """The records of a JSON array, each with the line it starts on."""
    pos, line, n = text.index("[") + 1, 1 + text.count("\n", 0, text.index("[")), len(text)
    counted = text.index("[")
    while True:
        while pos < n and text[pos] in " \t\r\n,":
            pos += 1
        line += text.count("\n", counted, pos)
        counted = pos
        if pos >= n:
            reading.problem(f"{f}:{line}", "not JSON: the array is not closed with ']'")
            return
        if text[pos] == "]":
            if text[pos + 1:].strip():
                reading.problem(f"{f}:{line}", "not JSON: something follows the array's closing ']'")
            return
        where = f"{f}:{line}"
        try:
            obj, pos = _DECODER.raw_decode(text, pos)
        except json.JSONDecodeError as e:
            reading.problem(f"{f}:{e.lineno}", f"not JSON: {e.msg} at column {e.colno}")
            return
        except RecursionError:
            reading.problem(where, "not JSON margin can read: nested too deeply")
            return
        except ValueError as e:
            reading.problem(where, f"not usable JSON: {str(e).split(';')[0]}")
            return
        yield where, obj


def is_int(v: object) -> TypeGuard[int]:
    return isinstance(v, int) and not isinstance(v, bool)


def is_str(v: object) -> TypeGuard[str]:
    return isinstance(v, str)


def id_hint(*objs) -> str | None:
    """A margin document id some record mentions (``id``, ``doc_id``, ``document``,
    ``meta.id``...), used only to choose among corpus documents with the same text."""
    for obj in objs:
        if not isinstance(obj, dict):
            continue
        for key in ("doc_id", "document", "id", "margin_id"):
            v = obj.get(key)
            if isinstance(v, str) and NAME_RE.fullmatch(v):
                return v
        meta = obj.get("meta")
        if isinstance(meta, dict) and meta is not obj:
            found = id_hint(meta)
            if found:
                return found
    return None


def name_of(f: Path, n: int, *objs) -> str:
    """A name for the document a record carries the text of, should the import add it: the
    record's own (``doc_id``, ``document``, ``name``, ``id``, in ``meta`` too; an integer id
    prefixed by the file's name), else the file's name and the record's number."""
    for obj in objs:
        if not isinstance(obj, dict):
            continue
        for key in ("doc_id", "document", "name", "id"):
            v = obj.get(key)
            if isinstance(v, str) and v.strip():
                return v
            if is_int(v):
                return f"{f.stem}-{v}"
        meta = obj.get("meta")
        if isinstance(meta, dict) and meta is not obj:
            found = name_of(f, 0, meta)
            if not found.endswith("-0"):
                return found
    return f"{f.stem}-{n}"


def annotator_of(*objs) -> str | None:
    """The annotator a record says it is by (margin's exports write ``annotator``)."""
    for obj in objs:
        v = obj.get("annotator") if isinstance(obj, dict) else None
        if isinstance(v, str) and NAME_RE.fullmatch(v):
            return v
    return None


def status_of(obj) -> str:
    """margin's status from a record's ``meta.status`` (what margin's exports write)."""
    meta = obj.get("meta") if isinstance(obj, dict) else None
    status = meta.get("status") if isinstance(meta, dict) else None
    return status if status in ("in_progress", "done") else "in_progress"
