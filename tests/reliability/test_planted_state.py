"""A cloned corpus is an attacker: files only margin should write (a model, a staged
writer's journal and its temp files, an export's marker) planted in it are never read by C
code, never acted on, and reported in one line (``tui/store/seal.py``). Generated
corruptions, not only the reported ones: truncations at many lengths, bit flips, planted
names, links to devices, FIFOs, sparse giants."""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench.learn import _write, variant
from tests.conftest import ROOT
from tests.helpers import HANG_GUARD
from tui.corpus import Corpus
from tui.errors import DataError
from tui.names import journal_owner, pid_of, temp_owner
from tui.store import staged
from tui.store.files import atomic_write
from tui.store.seal import seal, unseal
from tui.suggest.learn import Suggester, retrain
from tui.suggest.model import modelfile
from tui.suggest.model.crf import Model
from tui.suggest.model.modelfile import META, PURPOSE, ModelError, model_dir, read_meta

FULL = os.environ.get("MARGIN_FULL") == "1"


@pytest.fixture(scope="module")
def learned(tmp_path_factory):
    root = tmp_path_factory.mktemp("planted")
    _write(root, list(range(3)), variant(), 12)
    corpus = Corpus(root)
    retrain(corpus)
    return corpus


def _copy(corpus: Corpus, tmp_path: Path) -> Corpus:
    shutil.copytree(corpus.root, tmp_path / "c")
    return Corpus(tmp_path / "c")


@pytest.fixture
def crf_reads(monkeypatch):
    """Every byte string handed to python-crfsuite (through Model.from_bytes)."""
    seen: list[bytes] = []
    real = Model.from_bytes.__func__

    def spy(cls, blobs, **kw):
        seen.extend(blobs.values())
        return real(cls, blobs, **kw)

    monkeypatch.setattr(Model, "from_bytes", classmethod(spy))
    return seen


def _corruptions(meta: dict, d: Path, rng: random.Random):
    """(name, function planting it) pairs: what a cloned corpus can ship in .margin/model."""
    label = d / meta["labels"]["ACTOR"]["file"]
    good = label.read_bytes()
    unsealed = unseal(PURPOSE, (d / META).read_bytes(), d / META)

    def truncated_with_true_sum(n):  # the reported attack: 100 bytes, model.json's sum rewritten
        def plant():
            label.write_bytes(good[:n])
            doc = json.loads(unsealed)
            doc["labels"]["ACTOR"]["sha256"] = hashlib.sha256(good[:n]).hexdigest()
            (d / META).write_text(json.dumps(doc))  # no seal: the attacker has no key
        return plant

    def truncated_under_our_seal(n):  # margin's own model.json, a label file replaced
        def plant():
            label.write_bytes(good[:n])
        return plant

    def flipped_meta(bit):
        def plant():
            data = bytearray((d / META).read_bytes())
            data[bit // 8 % len(data)] ^= 1 << (bit % 8)
            (d / META).write_bytes(bytes(data))
        return plant

    def flipped_label(bit):
        def plant():
            data = bytearray(good)
            data[bit // 8 % len(data)] ^= 1 << (bit % 8)
            label.write_bytes(bytes(data))
        return plant

    def linked(target, which):
        def plant():
            p = label if which == "label" else d / META
            p.unlink()
            os.symlink(target, p)
        return plant

    def fifo(which):
        def plant():
            p = label if which == "label" else d / META
            p.unlink()
            os.mkfifo(p)
        return plant

    def sparse(which):
        def plant():
            p = label if which == "label" else d / META
            with open(p, "r+b" if p.exists() else "wb") as f:
                f.truncate(3 * 2**30)  # 3 GiB of holes: no disk, no read
        return plant

    lengths = sorted({0, 1, 7, 100, 4096, len(good) // 2, len(good) - 1, *rng.sample(range(1, len(good)), 12)})
    out = [(f"truncated {n}, sum rewritten", truncated_with_true_sum(n)) for n in lengths]
    out += [(f"truncated {n} under our seal", truncated_under_our_seal(n)) for n in lengths[:6]]
    size = (d / META).stat().st_size * 8
    out += [(f"model.json bit {b}", flipped_meta(b)) for b in rng.sample(range(size), 16)]
    out += [(f"label bit {b}", flipped_label(b)) for b in rng.sample(range(len(good) * 8), 8)]
    for which in ("label", "meta"):
        out += [(f"{which} -> {t}", linked(t, which)) for t in ("/dev/zero", "/dev/urandom", "/dev/stdin")]
        out += [(f"{which} is a FIFO", fifo(which)), (f"{which} sparse 3 GiB", sparse(which))]
    return out


def test_python_crfsuite_never_reads_bytes_margin_did_not_write_here(learned, tmp_path, crf_reads):
    rng = random.Random(22)
    meta = read_meta(learned.root)
    good = {(model_dir(learned.root) / v["file"]).read_bytes() for v in meta["labels"].values()}
    cases = _corruptions(meta, model_dir(learned.root), rng)
    assert len(cases) >= 50
    for n, (name, _) in enumerate(cases):
        corpus = _copy(learned, tmp_path / str(n))
        d = model_dir(corpus.root)
        dict(_corruptions(meta, d, random.Random(22)))[name]()
        with pytest.raises(ModelError) as e:
            modelfile.load(corpus.root, corpus.schema)
        assert "\n" not in str(e.value), name
        sg = Suggester.for_corpus(corpus)  # what the app does when a document opens
        assert sg.model is None and len(sg.warnings) == 1, name
        assert set(crf_reads) <= good, name  # only bytes margin wrote on this machine
    assert not crf_reads or set(crf_reads) <= good


def test_a_clone_model_is_refused_and_the_app_retrains_one(learned, tmp_path):
    corpus = _copy(learned, tmp_path)
    d = model_dir(corpus.root)
    (d / META).write_bytes(unseal(PURPOSE, (d / META).read_bytes(), d / META))  # as a colleague's clone ships it
    sg = Suggester.for_corpus(corpus)
    assert sg.refused and sg.model is None and "not sealed by margin on this machine" in sg.warnings[0]
    retrain(corpus)  # what the app's worker runs (`margin learn`)
    assert Suggester.for_corpus(corpus).model is not None


@pytest.mark.parametrize("kind", ["clone", "truncated", "fifo", "zero"])
def test_margin_suggest_survives_a_planted_model(learned, tmp_path, kind):
    """In a child process: a segfault in C code would be a negative exit code, a hang the timeout."""
    corpus = _copy(learned, tmp_path)
    d = model_dir(corpus.root)
    meta = read_meta(corpus.root)
    label = d / meta["labels"]["ACTOR"]["file"]
    if kind == "clone":
        doc = json.loads(unseal(PURPOSE, (d / META).read_bytes(), d / META))
        label.write_bytes(label.read_bytes()[:100])
        doc["labels"]["ACTOR"]["sha256"] = hashlib.sha256(label.read_bytes()).hexdigest()
        (d / META).write_text(json.dumps(doc))
    elif kind == "truncated":
        label.write_bytes(label.read_bytes()[:100])
    elif kind == "fifo":
        label.unlink()
        os.mkfifo(label)
    else:
        label.unlink()
        os.symlink("/dev/zero", label)
    proc = subprocess.run([sys.executable, "-m", "tui", "suggest", "--corpus", str(corpus.root)],
                          cwd=ROOT, capture_output=True, text=True, timeout=HANG_GUARD, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.count("\n") == 1 and "suggesting by rule only" in proc.stderr


# --------------------------------------------------------------------------- journals


def _plant_journal(annotations: Path, doc: str, victim: str, forged: bytes, pid: str = "999999") -> Path:
    """A journal naming ``DOC/victim.yaml`` with its true sha256, and the temp it would rename."""
    dest = annotations / doc / f"{victim}.yaml"
    old = hashlib.sha256(dest.read_bytes()).hexdigest() if dest.exists() else None
    tmp = dest.with_name(f".{dest.name}.{pid}.abcdef01.tmp")
    tmp.write_bytes(forged)
    body = {"margin-txn": 2, "pairs": [{"tmp": os.path.relpath(tmp, annotations),
                                        "dest": os.path.relpath(dest, annotations), "old": old,
                                        "new": hashlib.sha256(forged).hexdigest()}]}
    j = annotations / f".margin-txn-{pid}-abcdef01.json"
    j.write_text(json.dumps(body))
    return j


@pytest.mark.parametrize("entry", ["open", "suggest-write", "import"])
@pytest.mark.parametrize("victim", ["alice", "gold"])
def test_a_planted_journal_is_never_followed(corpus_dir, alice_file, tmp_path, entry, victim, capsys):
    from tui.cli import main
    from tui.workspace import open_workspace

    corpus = Corpus(corpus_dir)
    doc = alice_file.parent.name
    before = alice_file.read_bytes()
    forged = before.replace(b"alice", b"alice", 1) + b"# forged\n"
    j = _plant_journal(corpus.annotations_dir, doc, victim, forged)
    if entry == "open":
        ws = open_workspace(corpus, doc, "bob")
        assert "not sealed by margin on this machine" in ws.message
    elif entry == "suggest-write":
        main(["suggest", "--corpus", str(corpus_dir), "--write"])
    else:
        src = tmp_path / "in.jsonl"
        src.write_text(json.dumps({"text": corpus.document(doc).text, "spans": []}) + "\n")
        main(["import", "--corpus", str(corpus_dir), "--format", "jsonl", "--annotator", "carol", str(src)])
    assert alice_file.read_bytes() == before
    assert not (corpus.annotations_dir / doc / "gold.yaml").exists()
    assert j.exists()  # reported and left alone, never acted on


NON_ASCII_DIGITS = ["²", "٣", "৪", "１", "𝟓", "٠", "߁"]


def test_names_with_non_ascii_digits_crash_no_writer(corpus_dir, alice_file):
    from tui.workspace import open_workspace

    folder = alice_file.parent
    corpus = Corpus(corpus_dir)
    for d in NON_ASCII_DIGITS:
        (folder / f".alice.yaml.{d}.abcdef01.tmp").write_bytes(b"x")
        (folder / f".alice.yaml.1{d}.abcdef01.old").write_bytes(b"x")
        (corpus.annotations_dir / f".margin-txn-{d}-abcdef01.json").write_bytes(b"{}")
        (corpus.annotations_dir / f".margin-txn-{d}{d}-abcdef01.json.tmp").write_bytes(b"{}")
    atomic_write(folder / "alice.yaml", alice_file.read_bytes())
    with staged.Transaction(corpus.annotations_dir) as t:
        t.write(folder / "bob.yaml", alice_file.read_bytes().replace(b"alice", b"bob"))
    assert staged.recover(corpus.annotations_dir) == []
    open_workspace(corpus, folder.name, "carol")
    left = sorted(p.name for p in folder.iterdir() if p.name.startswith("."))
    assert len(left) == 2 * len(NON_ASCII_DIGITS)  # not ours: left alone


def test_the_name_grammar_takes_ascii_digits_only():
    from hypothesis import given, strategies as st

    @given(st.text(max_size=12))
    def check(s):
        pid = pid_of(s)
        assert pid is None or (s.isascii() and s.isdigit() and str(pid) == s)
        assert temp_owner(f".a.yaml.{s}.abcdef01.tmp", "a.yaml") in (None, pid)
        assert journal_owner(f".margin-txn-{s}-abcdef01.json") in (None, pid)

    check()
    assert pid_of("123") == 123 and pid_of("²") is None and pid_of("٣") is None and pid_of("0") is None


def test_a_journal_with_nul_or_wrong_types_is_refused_in_one_line(tmp_path):
    for body in ({"margin-txn": 2, "pairs": [{"tmp": "a\0b", "dest": "x", "new": "0" * 64}]},
                 {"margin-txn": 2, "pairs": [{"tmp": 1, "dest": [], "new": None}]},
                 {"margin-txn": 2, "pairs": "x"}, [[[[[]]]]], "x" * 100):
        j = tmp_path / ".margin-txn-999999-abcdef01.json"
        j.write_bytes(seal(staged.JOURNAL, json.dumps(body).encode()))
        assert staged.recover(tmp_path) == [f"{j}: not a margin transaction journal; left alone"]
    j.write_bytes(seal(staged.JOURNAL, b"[" * 100000))  # deep nesting: no RecursionError
    assert staged.recover(tmp_path) == [f"{j}: not a margin transaction journal; left alone"]


# --------------------------------------------------------------------------- two trainers


def _save_loop(root: str, tag: int, rounds: int) -> None:
    rng = random.Random(tag)
    for _ in range(rounds):
        blobs = {lab: rng.randbytes(rng.randint(10, 4000)) for lab in ("ACTOR", "FIGURE")}
        modelfile.save(Path(root), blobs, {"labels": {}})


def test_concurrent_trainers_queue_and_model_json_never_names_a_deleted_file(tmp_path):
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    rounds = 60 if FULL else 25
    procs = [ctx.Process(target=_save_loop, args=(str(tmp_path), k, rounds)) for k in range(2)]
    for p in procs:
        p.start()
    seen = 0
    while any(p.is_alive() for p in procs):
        try:
            doc = read_meta(tmp_path)
        except ModelError:
            continue
        if doc:
            d = model_dir(tmp_path)
            names = [v["file"] for v in doc["labels"].values()]
            # each named file exists unless a newer model.json replaced this one meanwhile
            if not all((d / n).exists() for n in names):
                assert read_meta(tmp_path) != doc, "model.json names a file another trainer deleted"
            seen += 1
    assert all(p.exitcode == 0 for p in procs)
    doc = read_meta(tmp_path)
    assert all((model_dir(tmp_path) / v["file"]).is_file() for v in doc["labels"].values())


# --------------------------------------------------------------------------- bombs


def test_an_alias_bomb_in_assignments_is_one_line_at_once(corpus_dir, tmp_path):
    """In a child limited to 512 MB of address space: expanding the bomb would need GBs."""
    lines = ["format: margin-assignments/1", 'a: &a ["x","x","x","x","x","x","x","x","x"]']
    for k in "bcdefghi":
        prev = chr(ord(k) - 1)
        lines.append(f"{k}: &{k} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
    lines.append("? [*i, *i, *i]\n: x")
    lines.append("documents: {}")
    (corpus_dir / "assignments.yaml").write_text("\n".join(lines) + "\n")
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (512 * 2**20, 512 * 2**20));"
            "from tui.cli import main; sys.exit(main(sys.argv[1:]))")
    for argv in (["assign", "--corpus", str(corpus_dir), "--dry-run", "ana"],
                 ["assign", "--corpus", str(corpus_dir)]):
        proc = subprocess.run([sys.executable, "-c", code, *argv], cwd=ROOT, capture_output=True, text=True,
                              timeout=HANG_GUARD)
        assert proc.returncode == 1 and "MemoryError" not in proc.stderr and "Traceback" not in proc.stderr
        assert proc.stderr.strip().count("\n") == 0 and "YAML aliases (*name) are not allowed" in proc.stderr


def test_an_alias_bomb_in_margin_yaml_is_one_line(corpus_dir):
    from tui.corpus import load_settings

    bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    bomb += [f"{k}: &{k} [*{chr(ord(k) - 1)}, *{chr(ord(k) - 1)}, *{chr(ord(k) - 1)}]" for k in "bcdefghijklmnopqrst"]
    (corpus_dir / "margin.yaml").write_text("\n".join(bomb) + "\n")
    with pytest.raises(DataError, match=r"margin.yaml:1: YAML aliases \(\*name\) are not allowed"):
        load_settings(corpus_dir)


def test_a_docbin_that_inflates_past_the_cap_is_refused_before_spacy_sees_it(tmp_path, monkeypatch):
    import zlib

    pytest.importorskip("spacy")
    from tui.importers import spacy as reader
    from tui.importers.base import Reading
    from tui.schema import DEFAULT_SCHEMA

    monkeypatch.setattr(reader, "MAX_INFLATED_BYTES", 2**20)  # the cap, scaled down: same code path
    bomb = tmp_path / "bomb.spacy"
    bomb.write_bytes(zlib.compress(b"\0" * (8 * 2**20), 9))  # ~8 KB that inflates to 8 MiB
    reading = Reading(DEFAULT_SCHEMA)
    assert reader.read(bomb, reading) == []
    assert reading.problems == [f"{bomb}:1: inflates to over 1 MiB (a compression bomb, or a DocBin to split)"]


# --------------------------------------------------------------------------- limits


def test_a_densely_annotated_long_article_opens_and_saves(tmp_path):
    """20,000 spans on a 5 MB article make a file over the old flat 4 MiB limit: it opens."""
    from tui import store
    from tui.model import Annotation, make_span
    from tui.store.files import MAX_FILE_BYTES, file_limit

    text = ("The minister said 1,440 nationals were freed. " * 110_000)[:5_000_000]
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "long.txt").write_text(text)
    corpus = Corpus(tmp_path)
    doc = corpus.document("long")
    step = len(text) // 20_000
    spans = [make_span(text, f"s{i + 1}", "CLAIM", i * step, i * step + 90) for i in range(20_000)]
    ann = Annotation(doc.id, doc.sha256, len(text), "alice", "in_progress", "2026-12-06T10:00:00Z", spans)
    path = corpus.annotation_path(doc.id, "alice")
    store.save(path, ann, None)
    size = path.stat().st_size
    assert MAX_FILE_BYTES < size <= file_limit(len(text))
    assert len(store.load(path, corpus.schema, doc).annotation.spans) == 20_000


def test_the_writer_refuses_a_file_its_readers_would_refuse(tmp_path):
    from tui import store
    from tui.errors import ValidationError
    from tui.model import Annotation, make_span

    text = "Ann said so. " * 10
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "short.txt").write_text(text)
    corpus = Corpus(tmp_path)
    doc = corpus.document("short")
    spans = [make_span(text, f"s{i + 1}", "ACTOR", 0, 3, note="n" * 4000) for i in range(1200)]
    ann = Annotation(doc.id, doc.sha256, len(text), "alice", "in_progress", "2026-12-06T10:00:00Z", spans)
    with pytest.raises(ValidationError, match="over the .*-byte limit of annotation files for this article"):
        store.save(corpus.annotation_path(doc.id, "alice"), ann, None)
    assert not corpus.annotation_path(doc.id, "alice").exists()


def test_status_reads_never_block_on_a_planted_fifo(corpus_dir):
    from tui.corpus import Corpus
    from tui.team.status import UNREADABLE, file_status

    folder = corpus_dir / "annotations" / "000_84bba73946586575"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "alice.yaml")
    os.mkfifo(folder / "gold.yaml")
    got = file_status(Corpus(corpus_dir), folder.name, "alice")  # returns: no writer needed
    assert got.status == UNREADABLE and "not a regular file" in got.problems[0]
    assert file_status(Corpus(corpus_dir), folder.name, "gold").status == UNREADABLE


def test_temp_names_parse_exactly():
    assert temp_owner(".a.yaml.1..abcdef01.tmp", "a.yaml") is None  # found by hypothesis: s='1.'
    assert temp_owner(".a.yaml.123.abcdef01.tmp", "a.yaml") == 123
    assert temp_owner(".a.yaml.123.k2_x9q.tmp", "a.yaml") == 123  # mkstemp's alphabet
    assert temp_owner(".a.yaml.123.abcdef01.old", "a.yaml") == 123
    assert temp_owner(".a.yaml.123.abcdef01.tmp.x", "a.yaml") is None
    assert temp_owner(".b.yaml.123.abcdef01.tmp", "a.yaml") is None


def test_add_over_a_planted_fifo_is_refused_without_blocking(corpus_dir, tmp_path):
    from tui.cli import main

    os.mkfifo(corpus_dir / "seeds" / "x.txt")
    src = tmp_path / "x.txt"
    src.write_text("A new article.\n")
    assert main(["add", "--corpus", str(corpus_dir), str(src)]) == 1  # returns: the FIFO is never opened to read
