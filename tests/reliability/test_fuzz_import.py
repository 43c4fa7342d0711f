"""Fuzzing ``margin import`` in every format: each peer's example file with hostile names,
ids, attrs and offsets put anywhere in it, and inputs of hostile kinds (folders, FIFOs,
links to devices, odd names). Whatever comes in: no traceback, no escape character on the
terminal, every refusal one line (``file:line: problem`` or ``margin: problem``) with exit
1 and nothing written; a success writes files that load; nothing outside the corpus is
touched. ``--full`` (or MARGIN_FULL=1) tries ten times as many inputs.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.conftest import DATA
from tests.reliability import full_run, snapshot
from tui import store
from tui.cli import main
from tui.corpus import Corpus

IMPORT = DATA / "import"
LINE_RE = re.compile(r"(margin: \S.*|\S.*?:\d+: \S.*)")
JSON_FILES = ["doccano_seq.jsonl", "doccano_rel.jsonl", "labelstudio.json", "labelstudio_min.json",
              "labelstudio.jsonl", "prodigy.jsonl"]
TEXT_FILES = ["conll2003.txt", "bioes.conll", "ls_converter.conll"]
HOSTILE_STR = ["../../outside/x", "a b", "\x1b]0;pwned\x07", "\x1b[2J", "-" * 300, "s1", "r1", "ACTOR", "CLAIM",
               "FIGURE", "attributed_to", ".", "", "\u2028", "\ud800", "O", "B-", "I-ACTOR", "-DOCSTART-", "\t",
               "raids", "ministry", "NaN", "1e999", "\\", "%0A", "con", "t", "gold"]
hostile = st.recursive(
    st.one_of(st.sampled_from(HOSTILE_STR), st.text(max_size=12), st.integers(-2**70, 2**70),
              st.floats(allow_nan=False), st.none(), st.booleans()),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(
        ["id", "label", "labels", "start", "end", "text", "value", "type", "from_id", "to_id", "head", "child",
         "spans", "entities", "result", "attrs", "note", "answer", "token_start", "token_end"]), inner, max_size=3)),
    max_leaves=6)


def _paths(tree, prefix=()):
    """Every (path, value) inside a JSON tree."""
    yield prefix, tree
    items = tree.items() if isinstance(tree, dict) else enumerate(tree) if isinstance(tree, list) else ()
    for k, v in items:
        yield from _paths(v, (*prefix, k))


@st.composite
def mutated_json(draw):
    name = draw(st.sampled_from(JSON_FILES))
    text = (IMPORT / name).read_text(encoding="utf-8")
    array = text.lstrip().startswith("[")
    records = json.loads(text) if array else [json.loads(line) for line in text.splitlines() if line.strip()]
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p, _ in _paths(records) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = records
        for k in path[:-1]:
            parent = parent[k]
        op = draw(st.sampled_from(["replace", "replace", "delete", "add"]))
        if op == "replace":
            parent[path[-1]] = draw(hostile)
        elif op == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["label", "relations", "ner", "tags", "extra"]))] = draw(hostile)
    body = json.dumps(records, ensure_ascii=draw(st.booleans())) if array else \
        "".join(json.dumps(r) + "\n" for r in records)
    return name, body.encode("utf-8", "surrogatepass")


@st.composite
def mutated_text(draw):
    name = draw(st.sampled_from(TEXT_FILES))
    lines = (IMPORT / name).read_text(encoding="utf-8").split("\n")
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        cols = lines[i].split()
        op = draw(st.sampled_from(["column", "line", "drop", "dup"]))
        if op == "column" and cols:
            cols[draw(st.integers(0, len(cols) - 1))] = draw(st.sampled_from(HOSTILE_STR) | st.text(max_size=8))
            lines[i] = " ".join(cols)
        elif op == "line":
            lines.insert(i, draw(st.sampled_from(HOSTILE_STR) | st.text(max_size=20)))
        elif op == "drop":
            del lines[i]
        else:
            lines.insert(i, lines[i])
    return name, "\n".join(lines).encode("utf-8", "surrogatepass")


KINDS = ["file", "fifo", "folder", "device-link", "broken-link", "outside-link", "empty", "binary"]
NAMES = ["in.jsonl", "x.conll", "x.spacy", "x.ann", "a b.json", "-", "--force", "\x1b[2J.jsonl", "é.jsonl",
         ".hidden.jsonl", "x" * 200 + ".jsonl"]


@st.composite
def odd_input(draw):
    """(kind, file name, content) of an input that is not a plain example file."""
    return draw(st.sampled_from(KINDS)), draw(st.sampled_from(NAMES)), draw(st.binary(max_size=200))


def _corpus(tmp: Path) -> Path:
    root = tmp / "c"
    (root / "seeds").mkdir(parents=True)
    for name in ("raids", "ministry"):
        shutil.copy(IMPORT / f"{name}.txt", root / "seeds")
    (tmp / "outside").mkdir()
    (tmp / "outside" / "keep.txt").write_text("keep", encoding="utf-8")
    return root


def _check(tmp: Path, src: Path, seen: list) -> None:
    """Run the import; assert the promises."""
    root = tmp / "c"
    before_outside = snapshot(tmp / "outside")
    seeds = snapshot(root / "seeds")
    out_io, err_io = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out_io), contextlib.redirect_stderr(err_io):
        code = main(["import", "--corpus", str(root), str(src), "--annotator", "t"])
    out, err = out_io.getvalue(), err_io.getvalue()
    seen.append(code)
    assert "\x1b" not in out + err and "Traceback" not in err, err
    assert snapshot(tmp / "outside") == before_outside and snapshot(root / "seeds") == seeds
    written = sorted(p.relative_to(root) for p in (root / "annotations").rglob("*")) \
        if (root / "annotations").exists() else []
    if code == 0:
        corpus = Corpus(root)
        assert all(not p.name.startswith(".") for p in written), written
        for p in root.glob("annotations/*/t.yaml"):
            store.load(p, corpus.schema, corpus.document(p.parent.name))
        for line in err.splitlines():  # notes about skipped records
            assert re.fullmatch(r"\S.*?: \S.*", line), line
    else:
        assert code == 1, (code, err)
        assert [p for p in written if p.suffix == ".yaml" or p.name.startswith(".")] == [], written
        lines = err.splitlines()
        assert lines and all(LINE_RE.fullmatch(line) for line in lines), err


def _run(config, strategy, examples: int, check):
    n = examples * (10 if full_run(config) else 1)
    settings(max_examples=n, deadline=None, database=None,
             suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                    HealthCheck.data_too_large])(given(strategy)(check))()


@pytest.mark.parametrize("strategy", [mutated_json(), mutated_text()], ids=["json-formats", "conll"])
def test_hostile_records_in_every_format(request, strategy):
    seen: list = []

    def check(case):
        name, data = case
        with tempfile.TemporaryDirectory() as t:
            tmp = Path(t)
            _corpus(tmp)
            src = tmp / "in" / name
            src.parent.mkdir()
            src.write_bytes(data)
            _check(tmp, src, seen)

    _run(request.config, strategy, 40, check)
    print(f"\nimport fuzz: {len(seen)} inputs, {seen.count(0)} imported, {seen.count(1)} refused")
    assert seen.count(1) > 0


def test_hostile_file_kinds_and_names(request):
    seen: list = []

    def check(case):
        kind, name, data = case
        with tempfile.TemporaryDirectory() as t:
            tmp = Path(t)
            _corpus(tmp)
            d = tmp / "in"
            d.mkdir()
            f = d / name
            if kind == "fifo":
                os.mkfifo(f)
            elif kind == "folder":
                f.mkdir()
                shutil.copy(IMPORT / "bioes.conll", f / "inner.conll")
            elif kind == "device-link":
                f.symlink_to("/dev/zero")
            elif kind == "broken-link":
                f.symlink_to(tmp / "nowhere")
            elif kind == "outside-link":
                f.symlink_to(tmp / "outside" / "keep.txt")
            elif kind == "empty":
                f.write_bytes(b"")
            else:
                f.write_bytes(data if kind == "binary" else (IMPORT / "doccano_rel.jsonl").read_bytes())
            _check(tmp, f if data[:1] != b"d" else d, seen)

    _run(request.config, odd_input(), 25, check)
    print(f"\nimport fuzz: {len(seen)} file kinds, {seen.count(0)} imported, {seen.count(1)} refused")
    assert seen.count(1) > 0


def test_hostile_spacy_bytes(request):
    pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    import spacy

    nlp = spacy.blank("en")
    db = DocBin(store_user_data=True)
    doc = nlp((IMPORT / "raids.txt").read_text(encoding="utf-8"))
    doc.spans["sc"] = [doc.char_span(0, 6, "ACTOR")]
    db.add(doc)
    good = db.to_bytes()
    seen: list = []

    @st.composite
    def hostile_doc(draw):  # a well-formed DocBin with hostile labels and user_data
        db = DocBin(store_user_data=True)
        d = nlp((IMPORT / "raids.txt").read_text(encoding="utf-8"))
        label = draw(st.sampled_from(HOSTILE_STR[:12]) | st.text(min_size=1, max_size=8))
        d.spans["sc"] = [d.char_span(0, 6, label or "X")]
        if draw(st.booleans()):
            margin = {"id": draw(hostile), "spans": [{"id": draw(hostile), "label": draw(hostile), "start": 0,
                                                      "end": draw(st.integers(-3, 200)), "attrs": draw(hostile)}],
                      "relations": draw(hostile)}
            d.user_data["margin"] = margin
        try:
            db.add(d)
            return db.to_bytes()
        except (OverflowError, UnicodeEncodeError, ValueError):  # msgpack cannot hold it: not a file
            assume(False)

    @st.composite
    def mutated(draw):
        if draw(st.booleans()):
            return draw(hostile_doc())
        data = bytearray(good)
        for _ in range(draw(st.integers(1, 4))):
            i = draw(st.integers(0, len(data) - 1))
            data[i] = draw(st.integers(0, 255))
        return bytes(data[:draw(st.integers(1, len(data)))])

    def check(data):
        with tempfile.TemporaryDirectory() as t:
            tmp = Path(t)
            _corpus(tmp)
            (tmp / "in").mkdir()
            (tmp / "in" / "x.spacy").write_bytes(data)
            _check(tmp, tmp / "in" / "x.spacy", seen)

    _run(request.config, mutated(), 30, check)
    print(f"\nimport fuzz: {len(seen)} spaCy files, {seen.count(0)} imported, {seen.count(1)} refused")
