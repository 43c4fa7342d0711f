"""Every entry point driven with generated hostile input (#13): names, ids, attrs, paths and
file kinds. Each asserts: no traceback, nothing outside the corpus touched, nothing
half-written, every refusal one line with no control character in it.

Import, export and serve have their own property tests next to this file. Example counts
are small by default and ten times larger with ``--full`` (or ``MARGIN_FULL=1``).
"""

from __future__ import annotations

import os
import shutil
import string
import sys

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import DATA, ROOT, SEED
from tests.reliability import snapshot
from tui import store
from tui.cli import main
from tui.corpus import Corpus, load_schema
from tui.display import CONTROL_TABLE
from tui.errors import DataError, MarginError
from tui.names import is_name

FULL = bool(os.environ.get("MARGIN_FULL")) or "--full" in sys.argv
N = 400 if FULL else 40
SETTINGS = settings(max_examples=N, deadline=None, database=None,
                    suppress_health_check=list(HealthCheck))

CONTROLS = "".join(chr(c) for c in CONTROL_TABLE if chr(c) not in "\n")
HOSTILE_CHARS = CONTROLS + "\x1b]0;pwn\x07" + "/\\.:;~ -=+@'\"é\u202e\u2028"
hostile = st.text(st.one_of(st.sampled_from(HOSTILE_CHARS), st.sampled_from(string.ascii_letters + string.digits)),
                  min_size=0, max_size=12)
names = st.one_of(hostile, st.sampled_from(["", ".", "..", "gold", "-rf", "a" * 129, "s1", "x.y"]))


def one_clean_line(err: str) -> None:
    """A refusal: exactly one line, no traceback, no character a terminal acts on."""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) >= 1
    for line in lines:
        assert not any(ch in CONTROLS for ch in line), repr(line)


def run_cli(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def fresh(tmp_path_factory):
    """A new corpus (with a sibling folder that must never change) for each example."""

    def make():
        root = tmp_path_factory.mktemp("c")
        (root / "corpus" / "seeds").mkdir(parents=True)
        (root / "corpus" / "annotations").mkdir()
        shutil.copy(ROOT / "seeds" / f"{SEED}.txt", root / "corpus" / "seeds")
        (root / "outside").mkdir()
        (root / "outside" / "keep.txt").write_text("keep")
        return root / "corpus", root / "outside"

    return make


# ---------------------------------------------------------------- annotation files


ALICE = (DATA / "alice.yaml").read_text(encoding="utf-8")


def _scalar(v) -> str:
    return yaml.safe_dump(v, default_flow_style=True, allow_unicode=False).strip().removesuffix("...").strip()


@SETTINGS
@given(field=st.sampled_from(["annotator", "span", "relation", "unit", "value", "edited", "updated", "note"]),
       value=st.one_of(names, st.integers(-2**70, 2**70), st.sampled_from(
           ["012", "0x1A", "1_000", "1:30", ".inf", "yes", "on", "~", "2026-01-01", "NO", "0o17", "+5"])),
       raw=st.booleans())
def test_validate_and_stats_on_hostile_fields(fresh, capsys, field, value, raw):
    corpus, outside = fresh()
    dest = corpus / "annotations" / SEED / "alice.yaml"
    dest.parent.mkdir()
    text = str(value) if raw and isinstance(value, (str, int)) and "\n" not in str(value) else _scalar(value)
    edited = {
        "annotator": lambda t: t.replace("annotator: alice", f"annotator: {text}"),
        "span": lambda t: t.replace("- id: s1\n", f"- id: {text}\n", 1),
        "relation": lambda t: t.replace("{id: r1,", f"{{id: {text},", 1),
        "unit": lambda t: t.replace("unit: nationals", f"unit: {text}", 1),
        "value": lambda t: t.replace("value: 1440", f"value: {text}", 1),
        "edited": lambda t: t.replace('note: "UN estimate"', f'note: "UN estimate"\n  edited: {text}', 1),
        "updated": lambda t: t.replace("status: in_progress\n", f"status: in_progress\nupdated: {text}\n", 1),
        "note": lambda t: t.replace('note: "UN estimate"', f"note: {text}", 1),
    }[field](ALICE)
    dest.write_text(edited, encoding="utf-8")
    before_out, before = snapshot(outside), dest.read_bytes()
    for argv in (["validate"], ["stats"]):
        code, out, err = run_cli(capsys, *argv, "--corpus", str(corpus))
        assert code in (0, 1)
        if code:
            one_clean_line(err)
    assert dest.read_bytes() == before and snapshot(outside) == before_out
    try:
        loaded = store.load(dest, Corpus(corpus).schema, Corpus(corpus).document(SEED)).annotation
    except MarginError:
        return
    # Accepted: then it is written back byte-stably, and reads back as the same data.
    assert store.parse(store.dumps(loaded), "x", Corpus(corpus).schema) == loaded.sorted()
    assert is_name(loaded.annotator) and all(is_name(s.id) for s in loaded.spans)
    for s in loaded.spans:
        v = s.attrs.get("value")
        assert v is None or (isinstance(v, (int, float)) and not isinstance(v, bool) and abs(v) < 2**63)


# ---------------------------------------------------------------- margin add


@SETTINGS
@given(name=names, kind=st.sampled_from(["file", "dir", "fifo", "link-out", "big", "latin1", "missing"]))
def test_add_hostile_names_and_file_kinds(fresh, capsys, tmp_path_factory, name, kind):
    corpus, outside = fresh()
    src_dir = tmp_path_factory.mktemp("src")
    stem = name.replace("/", "_").replace("\x00", "_") or "_"
    if stem in (".", ".."):
        stem = "_" + stem
    src = src_dir / f"{stem}.txt"
    if kind == "file":
        src.write_text("An article.\n")
    elif kind == "dir":
        src.mkdir()
    elif kind == "fifo":
        os.mkfifo(src)
    elif kind == "link-out":
        os.symlink(outside / "keep.txt", src)
    elif kind == "big":
        with open(src, "wb") as f:
            f.truncate(9 * 2**20)
    elif kind == "latin1":
        src.write_bytes("caf\xe9\n".encode("latin-1"))
    before_out, before_seeds = snapshot(outside), snapshot(corpus / "seeds")
    code, out, err = run_cli(capsys, "add", "--corpus", str(corpus), str(src))
    if code == 0:
        assert kind in ("file", "link-out") and is_name(src.stem)
        assert (corpus / "seeds" / f"{src.stem}.txt").read_bytes() == src.read_bytes()
    else:
        assert code == 1
        one_clean_line(err)
        assert snapshot(corpus / "seeds") == before_seeds
    assert snapshot(outside) == before_out
    assert not [p for p in os.listdir(corpus / "seeds") if p.endswith(".tmp")]


def test_add_never_copies_through_a_planted_link(corpus_dir, tmp_path, capsys):
    """A cloned corpus can ship a link at any name margin might use as a temp file."""
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    for name in (".new.txt.tmp", ".new.txt.1.tmp", f".new.txt.{os.getpid()}.tmp"):
        os.symlink(victim, corpus_dir / "seeds" / name)
    src = tmp_path / "new.txt"
    src.write_text("An article.\n")
    code, _, err = run_cli(capsys, "add", "--corpus", str(corpus_dir), str(src))
    assert code == 0, err
    assert victim.read_text() == "precious"
    assert (corpus_dir / "seeds" / "new.txt").read_text() == "An article.\n"
    assert not (corpus_dir / "seeds" / "new.txt").is_symlink()


def test_an_article_over_the_limit_is_refused_before_reading(corpus_dir, capsys):
    big = corpus_dir / "seeds" / "big.txt"
    with open(big, "wb") as f:
        f.truncate(67 * 2**20)  # sparse: the test does not write 67 MB
    with pytest.raises(DataError, match=r"big.txt:1: article is too large \(70,254,592 bytes"):
        Corpus(corpus_dir).document("big")
    code, _, err = run_cli(capsys, "validate", "--corpus", str(corpus_dir))
    assert "Traceback" not in err


# ---------------------------------------------------------------- margin.yaml

_any = st.recursive(st.one_of(st.none(), st.integers(), st.text(max_size=3), st.booleans()),
                    lambda c: st.one_of(st.lists(c, max_size=2), st.dictionaries(st.text(max_size=2), c, max_size=2)),
                    max_leaves=5)
_attrs = st.one_of(_any, st.dictionaries(st.one_of(st.text(max_size=4), st.integers()), st.one_of(
    st.sampled_from(["number", "text"]), st.lists(st.text(max_size=3), max_size=3), _any), max_size=3))
_label = st.one_of(_any, st.fixed_dictionaries({}, optional={
    "key": st.one_of(st.text(HOSTILE_CHARS + "ab", max_size=2), _any), "attrs": _attrs, "color": _any,
    "description": _any}))
_labels = st.one_of(_any, st.dictionaries(st.one_of(st.sampled_from(["ACTOR", "FIGURE", "X"]), st.text(max_size=3),
                                                    st.integers()), _label, max_size=3))
_rel = st.one_of(_any, st.fixed_dictionaries({}, optional={
    "from": st.one_of(_any, st.just("ACTOR"), st.lists(st.one_of(st.sampled_from(["ACTOR", "FIGURE"]), _any))),
    "to": st.one_of(_any, st.just("ACTOR"))}))
_schema = st.fixed_dictionaries({"labels": _labels}, optional={
    "relations": st.one_of(_any, st.dictionaries(st.one_of(st.text(max_size=3), st.integers()), _rel, max_size=2))})


@settings(max_examples=N * 10, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(_schema, st.fixed_dictionaries({"schema": _schema}), _any))
def test_any_margin_yaml_shape_loads_or_is_refused_in_one_line(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("y") / "margin.yaml"
    path.write_text(yaml.safe_dump(data))
    try:
        load_schema(path)
    except DataError as e:
        assert "\n" not in str(e) and str(e).startswith(str(path))


@pytest.mark.parametrize("kind", ["dir", "fifo", "latin1", "big"])
def test_margin_yaml_of_the_wrong_kind_is_refused(corpus_dir, capsys, kind):
    path = corpus_dir / "margin.yaml"
    if kind == "dir":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "latin1":
        path.write_bytes(b"labels: {caf\xe9: {}}\n")
    else:
        path.write_text("# " + "x" * (2 * 2**20) + "\n")
    code, _, err = run_cli(capsys, "stats", "--corpus", str(corpus_dir))
    assert code == 1 and err.startswith(f"margin: {path}")
    one_clean_line(err)


# ---------------------------------------------------------------- saving next to strays


@SETTINGS
@given(middle=st.one_of(st.text(min_size=0, max_size=25), st.integers(0, 10**30).map(str),
                        st.sampled_from(["99999999999999999999999", "٣", "0", "1", "-1", " 1", "1 "])),
       kind=st.sampled_from(["file", "dir", "link"]))
def test_save_survives_any_stray_temp_name(fresh, middle, kind):
    """A stray file that looks like a dead writer's temp never makes a save fail (#13)."""
    corpus, outside = fresh()
    c = Corpus(corpus)
    path = c.annotation_path(SEED, "alice")
    path.parent.mkdir(parents=True, exist_ok=True)
    name = f".alice.yaml.{middle}.tmp"
    if "/" in name or "\x00" in name:
        return
    stray = path.parent / name
    if kind == "file":
        stray.write_text("stray")
    elif kind == "dir":
        stray.mkdir()
    else:
        os.symlink(outside / "keep.txt", stray)
    before_out = snapshot(outside)
    doc = c.document(SEED)
    from tui.model import Annotation, make_span

    ann = Annotation.new(doc, "alice")
    ann.spans.append(make_span(doc.text, "s1", "ACTOR", 0, 4))
    store.save(path, ann, None)
    assert store.load(path, c.schema, doc).annotation == ann.sorted()
    assert snapshot(outside) == before_out


# ---------------------------------------------------------------- several files: all or none


def test_add_of_several_files_is_all_or_nothing(corpus_dir, tmp_path, capsys):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text("A good article.\n")
    bad.write_bytes(b"caf\xe9\n")
    before = snapshot(corpus_dir / "seeds")
    code, out, err = run_cli(capsys, "add", "--corpus", str(corpus_dir), str(good), str(bad))
    assert code == 1 and out == "" and err.startswith(f"margin: {bad}: not UTF-8")
    assert snapshot(corpus_dir / "seeds") == before


def test_suggest_write_is_all_or_nothing_when_a_write_fails(corpus_dir, capsys, monkeypatch):
    import tui.store.staged as staged

    shutil.copy(corpus_dir / "seeds" / f"{SEED}.txt", corpus_dir / "seeds" / "second.txt")
    real = staged._write_new
    calls = []

    def disk_full(path, data, mode):
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(path, data, mode)

    monkeypatch.setattr(staged, "_write_new", disk_full)
    code, out, err = run_cli(capsys, "suggest", "--corpus", str(corpus_dir), "--write", "--annotator", "alice")
    assert code == 1 and "No space left on device" in err and len(err.splitlines()) == 1
    assert snapshot(corpus_dir / "annotations") == {}
    assert not [p for p in (corpus_dir / "annotations").rglob("*") if p.is_file()]


def test_opening_a_document_finishes_an_import_killed_mid_rename(corpus_dir):
    """A journal left by a killed multi-file writer is rolled forward before the app reads."""
    from tui.model import Annotation, make_span
    from tui.store.staged import Transaction
    from tui.workspace import open_workspace

    c = Corpus(corpus_dir)
    doc = c.document(SEED)
    ann = Annotation.new(doc, "alice")
    ann.spans.append(make_span(doc.text, "s1", "ACTOR", 0, 4))
    path = c.annotation_path(SEED, "alice")
    t = Transaction(c.annotations_dir)
    t.write(path, store.dumps(ann).encode("utf-8"))
    journal = t._journal()  # the journal is on disk; the process "dies" before its renames
    import subprocess

    dead = subprocess.Popen(["true"])
    dead.wait()  # a pid no process has now: the journal's writer is dead
    os.rename(journal, journal.with_name(journal.name.replace(f"-{os.getpid()}-", f"-{dead.pid}-")))
    assert not path.exists()
    ws = open_workspace(c, SEED, "alice")
    assert path.is_file() and [s.id for s in ws.session.spans] == ["s1"]
    assert not [n for n in os.listdir(c.annotations_dir) if n.startswith(".margin-txn-")]
