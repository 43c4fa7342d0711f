"""Export safety: the output folder (marker, links, the corpus), the one path gate for every
file an exporter writes, spreadsheet formula injection, documents left out, single files."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SEED
from tests.reliability import snapshot
from tui import store
from tui.cli import main
from tui.corpus import Corpus
from tui.errors import DataError
from tui.export import Context, Part, Record, export, export_file, safe_relpath, writer
from tui.export.csv import defuse
from tui.export.outdir import MARKER, marker_bytes, read_marker
from tui.schema import DEFAULT_SCHEMA


def run(capsys, corpus_dir, *argv):
    code = main(["export", "--corpus", str(corpus_dir), *argv])
    o, e = capsys.readouterr()
    return code, o, e


@pytest.fixture
def outside(tmp_path_factory) -> Path:
    """A directory outside the corpus (the corpus is tmp_path)."""
    return tmp_path_factory.mktemp("outside")


def one_line_refusal(code, e):
    assert code == 1 and len(e.strip().splitlines()) == 1 and "Traceback" not in e, e


# --------------------------------------------------------------------------- the folder


def users_project(root: Path) -> Path:
    """A user's folder that happens to hold a dataset_card.md, with a git repository."""
    proj = root / "project"
    (proj / ".git" / "objects").mkdir(parents=True)
    (proj / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (proj / ".git" / "objects" / "ab").write_bytes(os.urandom(64))
    (proj / "dataset_card.md").write_text("# my card, hand written\n")
    (proj / "train.py").write_text("print('hi')\n")
    return proj


@pytest.mark.parametrize("fmt", ["jsonl", "brat", "csv"])
def test_a_users_folder_with_a_dataset_card_survives_byte_for_byte(capsys, corpus_dir, alice_file, fmt, outside):
    proj = users_project(outside)
    before = snapshot(proj)
    code, o, e = run(capsys, corpus_dir, "--format", fmt, "--out", str(proj))
    one_line_refusal(code, e)
    assert "no .margin-export marker" in e and "remove it yourself" in e
    assert snapshot(proj) == before
    assert not [p for p in proj.parent.iterdir() if p.name.startswith(".project.")]  # no staging left


def test_an_export_is_replaced_only_while_it_holds_only_its_own_files(capsys, corpus_dir, alice_file, outside):
    out = outside / "out"
    assert run(capsys, corpus_dir, "--format", "brat", "--out", str(out))[0] == 0
    marker = read_marker(out)
    assert marker["format"] == "brat" and len(marker["id"]) == 32
    assert set(marker["files"]) == {str(p.relative_to(out)) for p in out.rglob("*")
                                    if p.is_file() and p.name != MARKER}
    (out / ".stats_cache").write_bytes(b"brat's own cache")  # brat writes this: allowed
    assert run(capsys, corpus_dir, "--format", "brat", "--out", str(out))[0] == 0
    assert run(capsys, corpus_dir, "--format", "jsonl", "--out", str(out))[0] == 0  # another format: fine
    (out / "my_notes.txt").write_text("keep me")
    before = snapshot(out)
    code, o, e = run(capsys, corpus_dir, "--format", "jsonl", "--out", str(out))
    one_line_refusal(code, e)
    assert "my_notes.txt: not written by the margin export" in e and snapshot(out) == before


@pytest.mark.parametrize("forged", [b"", b"{}", b"margin-export/1", json.dumps({"magic": "x"}).encode(),
                                    # a well-formed marker listing the user's file, as a cloned corpus could ship
                                    json.dumps({"magic": "margin-export/1", "id": "x", "format": "csv",
                                                "files": ["thesis.tex"]}).encode()])
def test_a_forged_or_broken_marker_is_not_a_marker(capsys, corpus_dir, alice_file, forged, outside):
    mine = outside / "mine"
    mine.mkdir()
    (mine / MARKER).write_bytes(forged)
    (mine / "thesis.tex").write_text("chapter 1")
    before = snapshot(mine)
    code, o, e = run(capsys, corpus_dir, "--format", "csv", "--out", str(mine))
    one_line_refusal(code, e)
    assert snapshot(mine) == before


def test_a_marker_that_is_a_link_is_not_a_marker(capsys, corpus_dir, alice_file, outside):
    out = outside / "out"
    assert run(capsys, corpus_dir, "--format", "csv", "--out", str(out))[0] == 0
    real = outside / "elsewhere"
    real.mkdir()
    os.replace(out / MARKER, real / "m")
    os.symlink(real / "m", out / MARKER)
    code, o, e = run(capsys, corpus_dir, "--format", "csv", "--out", str(out))
    one_line_refusal(code, e)


def test_out_that_is_a_link_is_refused(capsys, corpus_dir, alice_file, outside):
    target = outside / "target"
    assert run(capsys, corpus_dir, "--format", "jsonl", "--out", str(target))[0] == 0
    link = corpus_dir / "link"
    os.symlink(target, link)
    before = snapshot(target)
    code, o, e = run(capsys, corpus_dir, "--format", "jsonl", "--out", str(link))
    one_line_refusal(code, e)
    assert "symbolic link" in e and snapshot(target) == before and link.is_symlink()


def test_default_folder_does_not_follow_a_symlinked_exports(capsys, corpus_dir, alice_file, outside):
    elsewhere = outside / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "precious.txt").write_text("x")
    os.symlink(elsewhere, corpus_dir / "exports")
    code, o, e = run(capsys, corpus_dir, "--format", "jsonl")
    one_line_refusal(code, e)
    assert "resolves outside the corpus" in e
    assert sorted(p.name for p in elsewhere.iterdir()) == ["precious.txt"]
    # the same through the API's default
    with pytest.raises(DataError, match="resolves outside the corpus"):
        export(Corpus(corpus_dir), "csv")
    assert sorted(p.name for p in elsewhere.iterdir()) == ["precious.txt"]


def test_a_link_inside_the_corpus_pointing_inside_is_fine(capsys, corpus_dir, alice_file):
    (corpus_dir / "real_exports").mkdir()
    os.symlink(corpus_dir / "real_exports", corpus_dir / "exports")
    assert run(capsys, corpus_dir, "--format", "csv")[0] == 0
    assert (corpus_dir / "real_exports" / "csv" / "data.csv").is_file()


@pytest.mark.parametrize("where", [".", "seeds", "annotations", "annotations/new"])
def test_out_inside_the_corpus_data_is_refused(capsys, corpus_dir, alice_file, where):
    before = snapshot(corpus_dir)
    code, o, e = run(capsys, corpus_dir, "--format", "csv", "--out", str(corpus_dir / where))
    one_line_refusal(code, e)
    assert snapshot(corpus_dir) == before


def test_dead_staging_directories_are_removed_and_nothing_else(capsys, corpus_dir, alice_file, outside):
    out = outside / "out"
    parent = out.parent
    dead = parent / ".out.margin-staging-deadbeef0000"
    dead.mkdir()
    (dead / MARKER).write_bytes(marker_bytes("csv", "x", []))  # margin's own, sealed on this machine
    (dead / "half.csv").write_text("a,b\n")
    planted = parent / ".out.margin-staging-c10ned000000"  # a clone's: unsealed marker, a user's file
    planted.mkdir()
    (planted / MARKER).write_text(json.dumps({"magic": "margin-export/1", "id": "x", "format": "csv", "files": []}))
    (planted / "thesis.docx").write_text("years of work")
    empty = parent / ".out.margin-staging-000000000000"
    empty.mkdir()
    theirs = parent / ".out.margin-staging-notours"  # no marker, not empty: not ours to delete
    theirs.mkdir()
    (theirs / "x").write_text("keep")
    assert run(capsys, corpus_dir, "--format", "csv", "--out", str(out))[0] == 0
    assert not dead.exists() and not empty.exists() and (theirs / "x").read_text() == "keep"
    assert (planted / "thesis.docx").read_text() == "years of work"


# --------------------------------------------------------------------------- the path gate

HOSTILE = ["", "/", "/DOC.txt", "/etc/passwd", "../x", "a/../../x", "a//b", "a/", "./a", "a/./b", "..",
           ".margin-export", "a/.hidden", "\\\\server\\share", "C:x", "c:\\x", "a\\b", "a\0b", "a\nb",
           "x" * 256, "a/" + "é" * 128]


@pytest.mark.parametrize("rel", HOSTILE)
def test_safe_relpath_refuses(rel):
    with pytest.raises(DataError) as e:
        safe_relpath(rel)
    assert "\n" not in str(e.value) and "\0" not in str(e.value)


@given(st.lists(st.text(st.characters(exclude_categories=["Cs"]), min_size=0, max_size=12), min_size=1, max_size=4))
@settings(max_examples=300, deadline=None)
def test_generated_names_stay_inside_or_are_refused(tmp_path_factory, parts):
    staging = tmp_path_factory.mktemp("stage")
    rel = "/".join(parts)
    ctx = Context(DEFAULT_SCHEMA, ("ACTOR",), staging)
    try:
        ctx.write(rel, b"x")
    except DataError as e:
        assert "\n" not in str(e)
        assert not any(staging.rglob("*"))
        return
    written = [p for p in staging.rglob("*") if p.is_file()]
    assert len(written) == 1 and written[0].resolve().is_relative_to(staging.resolve())
    assert written[0].relative_to(staging).as_posix() == rel


def test_a_file_is_never_written_twice(tmp_path):
    ctx = Context(DEFAULT_SCHEMA, ("ACTOR",), tmp_path)
    ctx.write("a/b.txt", b"1")
    with pytest.raises(DataError, match="written twice"):
        ctx.write("a/b.txt", b"2")
    assert (tmp_path / "a" / "b.txt").read_bytes() == b"1"


def test_brat_with_an_empty_annotator_writes_nothing_at_the_root(corpus, alice_file, tmp_path):
    """An annotator name that validated but is empty (or hostile) must not make /DOC.txt."""
    doc = corpus.document(SEED)
    ann = store.load(alice_file, corpus.schema, doc).annotation
    for name in ("", "..", "/tmp", "a/../.."):
        ann = ann.__class__(ann.doc_id, ann.sha256, ann.chars, name, ann.status, ann.updated, ann.spans, ann.relations)
        stage = tmp_path / f"stage{len(name)}"
        stage.mkdir()
        ctx = Context(corpus.schema, tuple(corpus.schema.labels), stage)
        with pytest.raises(DataError, match="refused to write") as e:
            writer("brat").write([Part("data", [Record(doc, ann)])], ctx)
        assert f"annotator {name!r}" in str(e.value)
        assert not Path("/" + SEED + ".txt").exists() and not any(stage.rglob("*.txt"))


# --------------------------------------------------------------------------- formula injection

FORMULAS = ["=1+1", "+1+2", "-2+3", "@SUM(A1)", "\t=x", "\r=x", "=HYPERLINK(\"http://x\",\"y\")", "-", "+", "@"]


@given(st.sampled_from(FORMULAS[:6] + ["="]), st.text(max_size=20))
def test_defuse_prefixes_every_formula_start(first, rest):
    s = first + rest
    out = defuse(s)
    try:
        float(s)
        number = s.strip() == s and not rest[:1].isspace()
    except ValueError:
        number = False
    if not number:
        assert out == "'" + s
    assert out.endswith(s)


@pytest.mark.parametrize("s", ["-12.5", "+3", "-1e6", "12", "plain", "a=b", " =x", "'=x"])
def test_defuse_leaves_numbers_and_harmless_text(s):
    assert defuse(s) == s


def write_hostile(corpus_dir: Path, corpus: Corpus, text_values: list[str]) -> None:
    """alice's file with FIGURE units, a note and a span text that look like formulas."""
    doc = corpus.document(SEED)
    src = store.load(corpus_dir / "annotations" / SEED / "alice.yaml", corpus.schema, doc).annotation
    spans = []
    for i, s in enumerate(src.spans):
        if s.label == "FIGURE":
            s = s.with_(attrs={**s.attrs, "unit": text_values[i % len(text_values)], "value": -12.5})
        spans.append(s.with_(note=text_values[(i + 1) % len(text_values)]))
    ann = src.__class__(src.doc_id, src.sha256, src.chars, "alice", src.status, src.updated, spans, src.relations)
    (corpus_dir / "annotations" / SEED / "alice.yaml").write_text(store.dumps(ann), encoding="utf-8")


@pytest.mark.parametrize("fmt", ["csv", "claims"])
def test_csv_exports_defuse_formulas_and_keep_numbers(capsys, corpus_dir, corpus, alice_file, fmt):
    write_hostile(corpus_dir, corpus, FORMULAS)
    out = corpus_dir / "out"
    code, o, e = run(capsys, corpus_dir, "--format", fmt, "--out", str(out))
    assert code == 0, e
    with open(out / "data.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert {len(r) for r in rows} == {len(rows[0])}  # a CR in a cell does not break the row
    cells = [c for row in rows[1:] for c in row]
    assert not [c for c in cells if c.startswith(("=", "+", "@", "\t", "\r")) or
                (c.startswith("-") and c != "-12.5" and not c.lstrip("-").replace(".", "").isdigit())]
    assert "'=1+1" in cells or any(c.startswith("'=") for c in cells)
    assert "-12.5" in cells  # the number stays a number
    card = (out / "dataset_card.md").read_text(encoding="utf-8")
    assert "formula" in card and "single quote" in card


def test_csv_read_by_pandas_keeps_numbers_numeric(capsys, corpus_dir, corpus, alice_file):
    pd = pytest.importorskip("pandas")
    write_hostile(corpus_dir, corpus, FORMULAS)
    out = corpus_dir / "out"
    assert run(capsys, corpus_dir, "--format", "csv", "--out", str(out))[0] == 0
    df = pd.read_csv(out / "data.csv", keep_default_na=False)
    assert df["value"].replace("", None).dropna().astype(float).eq(-12.5).all()
    assert all(not str(u).startswith(("=", "+", "-", "@")) for u in df["unit"])


# --------------------------------------------------------------------------- left-out documents


def test_gold_default_names_the_documents_it_leaves_out(capsys, corpus_dir, alice_file):
    from tests.test_export_command import make_corpus

    make_corpus(corpus_dir, alice_file, n_docs=4)
    gold = corpus_dir / "annotations" / "doc02" / "gold.yaml"
    gold.write_text((corpus_dir / "annotations" / "doc02" / "alice.yaml").read_text(encoding="utf-8")
                    .replace("annotator: alice", "annotator: gold"), encoding="utf-8")
    out = corpus_dir / "out"
    code, o, e = run(capsys, corpus_dir, "--format", "jsonl", "--out", str(out))
    assert code == 0 and "exported 1 record(s) of 1 document(s)" in o
    assert "3 document(s) with annotation files but none selected (annotator gold), left out" in e
    assert "--annotator all" in e and "doc01" in e
    card = (out / "dataset_card.md").read_text(encoding="utf-8")
    assert "- doc03" in card and "- 000_84bba73946586575" in card
    code, o, e = run(capsys, corpus_dir, "--format", "jsonl", "--out", str(out), "--annotator", "all")
    assert code == 0 and "left out" not in e and "exported 9 record(s) of 4 document(s)" in o


# --------------------------------------------------------------------------- export_file


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "claims", "conll"])
def test_export_file_writes_one_file_atomically(corpus, alice_file, outside, fmt):
    tmp_path = outside
    dest = tmp_path / "sub" / f"claims.{fmt}"
    res = export_file(corpus, fmt, dest)
    assert dest.is_file() and list(dest.parent.iterdir()) == [dest]  # no temp left
    folder = export(corpus, fmt, tmp_path / "folder")
    (data,) = [f for f in folder.files if f != "dataset_card.md"]
    assert dest.read_bytes() == (tmp_path / "folder" / data).read_bytes()
    assert res.out == dest and res.card.startswith("# Dataset card")
    dest.write_text("old")
    export_file(corpus, fmt, dest)  # replaced whole
    assert dest.read_bytes() == (tmp_path / "folder" / data).read_bytes()


def test_export_file_to_a_stream_and_its_refusals(corpus, alice_file, outside):
    tmp_path = outside
    buf = io.BytesIO()
    export_file(corpus, "jsonl", buf)
    assert json.loads(buf.getvalue())["id"] == SEED
    with pytest.raises(DataError, match="writes a folder"):
        export_file(corpus, "brat", tmp_path / "x")
    (tmp_path / "d").mkdir()
    with pytest.raises(DataError, match="is a directory"):
        export_file(corpus, "csv", tmp_path / "d")
    os.symlink(tmp_path / "victim", tmp_path / "ln")
    with pytest.raises(DataError, match="symbolic link"):
        export_file(corpus, "csv", tmp_path / "ln")
    assert not (tmp_path / "victim").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d", "ln"]
