"""The margin command as a user runs it: exit codes, one-line errors, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tui.cli import main
from tests.conftest import SEED
from tests.helpers import HANG_GUARD


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0
    assert "margin 0." in capsys.readouterr().out
    with pytest.raises(SystemExit) as e:
        main(["validate", "--help"])
    assert e.value.code == 0


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as e:
        main(["stats", "--no-such-flag"])
    assert e.value.code == 2


def test_validate_clean_and_broken(capsys, corpus_dir, alice_file):
    code, out, err = run(capsys, "validate", "--corpus", str(corpus_dir))
    assert code == 0 and out.startswith("ok: 1 file(s), 9 span(s)")
    alice_file.write_text(alice_file.read_text().replace("{type: government}", "{type: company}"))
    code, out, err = run(capsys, "validate", "--corpus", str(corpus_dir))
    assert code == 1
    assert err.splitlines()[0].startswith(f"{alice_file}:14: span s1: unknown value 'company'")
    code, out, err = run(capsys, "validate", str(alice_file))
    assert code == 1 and f"{alice_file}:14:" in err


def test_validate_reports_moved_and_flagged(capsys, corpus_dir, alice_file):
    seed = corpus_dir / "seeds" / f"{SEED}.txt"
    seed.write_text("Update.\n" + seed.read_text(encoding="utf-8").replace("Amnesty International", "HRW"), encoding="utf-8")
    code, out, err = run(capsys, "validate", "--corpus", str(corpus_dir))
    assert code == 1
    assert "re-anchored 9 span(s), 1 flagged" in out
    assert "span s4 (ACTOR 'Amnesty International') flagged lost" in err


def test_add_refuses_non_utf8_and_different_file(capsys, corpus_dir, tmp_path):
    bad = tmp_path / "latin.txt"
    bad.write_bytes(b"caf\xe9 au lait")
    code, out, err = run(capsys, "add", "--corpus", str(corpus_dir), str(bad))
    assert code == 1 and err.strip() == f"margin: {bad}: not UTF-8: bad byte 0xe9 at byte offset 3"
    assert not (corpus_dir / "seeds" / "latin.txt").exists()
    good = tmp_path / "new-doc.txt"
    good.write_bytes("line one\r\nemoji 👍\r\n".encode())
    assert run(capsys, "add", "--corpus", str(corpus_dir), str(good))[0] == 0
    assert (corpus_dir / "seeds" / "new-doc.txt").read_bytes() == good.read_bytes()
    other = tmp_path / "x" / "new-doc.txt"
    other.parent.mkdir()
    other.write_text("different")
    code, out, err = run(capsys, "add", "--corpus", str(corpus_dir), str(other))
    assert code == 1 and "a different document" in err
    assert (corpus_dir / "seeds" / "new-doc.txt").read_bytes() == good.read_bytes()


@pytest.mark.parametrize("name", ["..", "a/b", "", "x\x1b[2J", "-lead", "a" * 129])
def test_bad_names_refused(capsys, corpus_dir, name):
    code, out, err = run(capsys, "annotate", "--corpus", str(corpus_dir), f"--annotator={name}", SEED)
    assert code == 1 and "invalid annotator name" in err
    assert "\x1b" not in err or "\\x1b" in err


def test_stats_and_schema(capsys, corpus_dir, alice_file):
    code, out, err = run(capsys, "stats", "--corpus", str(corpus_dir), "--json")
    assert code == 0
    import json

    rows = json.loads(out)
    assert rows == [{"document": SEED, "annotator": "alice", "status": "in_progress", "ACTOR": 3,
                     "FIGURE": 4, "CLAIM": 2, "relations": 2, "spans": 9}]
    code, out, err = run(capsys, "schema", "--corpus", str(corpus_dir))
    assert code == 0 and "FIGURE:" in out and "more than" in out


def test_no_traceback_from_the_real_command(tmp_path):
    p = subprocess.run([sys.executable, "-m", "tui", "validate", "--corpus", str(tmp_path / "nope")],
                       capture_output=True, text=True)
    assert p.returncode == 1
    assert "Traceback" not in p.stderr and "does not exist" in p.stderr


@pytest.mark.parametrize("name", ["gold", "Gold", "GOLD"])
def test_gold_is_written_only_by_review(capsys, corpus_dir, monkeypatch, name):
    reserved = f"margin: annotator name {name!r} is reserved: gold is written only by 'margin review'; " \
               "annotate under your own name\n"
    assert run(capsys, "annotate", "--corpus", str(corpus_dir), "--annotator", name, SEED) == (1, "", reserved)
    monkeypatch.setenv("MARGIN_ANNOTATOR", name)
    assert run(capsys, "annotate", "--corpus", str(corpus_dir), SEED) == (1, "", reserved)
    assert run(capsys, "suggest", "--corpus", str(corpus_dir), "--write", "--annotator", name) == (1, "", reserved)
    assert not any((corpus_dir / "annotations").rglob("*.yaml"))
    code, out, _ = run(capsys, "suggest", "--corpus", str(corpus_dir), "--annotator", name)  # prints, writes nothing
    assert code == 0 and out.startswith(f"{SEED}: ")


# -- no control character from the CLI ------------------------------------------------------------
HOSTILE = ["\x1b]0;pwned\x07", "\x1b[2J", "\x9b2J", "\x9d0;t\x9c", "\u202egnp.exe", "a\rb", "\x00"[:0] + "\x7f"]
UNSAFE = {c for c in map(chr, [*range(0x20), *range(0x7F, 0xA0), 0x202E])} - {"\n"}


def hostile_names():
    from hypothesis import strategies as st

    tail = st.text(st.characters(blacklist_characters="/\0", blacklist_categories=("Cs",)), max_size=12)
    return st.builds(lambda h, t: (h + t)[:60], st.sampled_from(HOSTILE), tail)


def assert_inert(text: str) -> None:
    assert not UNSAFE & set(text), [c for c in text if c in UNSAFE]


def test_hostile_file_names_and_ids_reach_the_terminal_inert(capsys):
    """validate and stats print paths, names and ids from files: never a control character."""
    import shutil
    import tempfile
    from pathlib import Path

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from tests.conftest import DATA, ROOT

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(name=hostile_names(), where=st.sampled_from(["file", "folder", "annotator", "span id"]))
    def check(name, where):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            (root / "seeds").mkdir()
            shutil.copy(ROOT / "seeds" / f"{SEED}.txt", root / "seeds")
            text = (DATA / "alice.yaml").read_text(encoding="utf-8")
            folder, stem = SEED, "alice"
            if where == "file":
                stem = name
            elif where == "folder":
                folder = name
            elif where == "annotator":
                text = text.replace("annotator: alice", f"annotator: {json.dumps(name)}")
            else:
                text = text.replace("id: s1", f"id: {json.dumps(name)}", 1)
            try:
                (root / "annotations" / folder).mkdir(parents=True)
                (root / "annotations" / folder / f"{stem}.yaml").write_text(text, encoding="utf-8")
            except (OSError, ValueError):  # a name this file system refuses
                return
            capsys.readouterr()
            for argv in (["validate"], ["validate", str(root / "annotations")], ["stats"], ["stats", "--json"],
                         ["validate", "--json"]):
                code = main([*argv, "--corpus", str(root)])
                out, err = capsys.readouterr()
                assert_inert(out + err)
                assert code in (0, 1) and "Traceback" not in err

    check()


def test_argparse_errors_are_inert(capsys):
    with pytest.raises(SystemExit) as e:
        main(["serve", "--port", "\x1b]0;x\x07"])
    err = capsys.readouterr().err
    assert e.value.code == 2 and "invalid port" in err
    assert_inert(err)


# -- command-line conventions ---------------------------------------------------------------------
def test_an_option_before_the_command(capsys, corpus_dir, alice_file):
    for argv in (["--corpus", str(corpus_dir), "stats", "--json"], [f"--corpus={corpus_dir}", "stats", "--json"]):
        code, out, err = run(capsys, *argv)
        assert code == 0 and json.loads(out)[0]["annotator"] == "alice"


@pytest.mark.parametrize("argv, message", [
    (["exprot"], "margin: unknown command 'exprot' (did you mean 'export'?); 'margin --help' lists the commands\n"),
    (["valdate", "--json"], "margin: unknown command 'valdate' (did you mean 'validate'?); 'margin --help' lists the commands\n"),
    (["frobnicate"], "margin: unknown command 'frobnicate', and no document 'frobnicate' in {seeds}; "
                     "'margin --help' lists the commands\n"),
    (["--annotator", "bob", "frob"], "margin: unknown command 'frob', and no document 'frob' in {seeds}; "
                                     "'margin --help' lists the commands\n"),
])
def test_an_unknown_command_is_named(capsys, corpus_dir, argv, message):
    code, out, err = run(capsys, *argv, "--corpus", str(corpus_dir))
    assert (code, out, err) == (2, "", message.format(seeds=corpus_dir / "seeds"))


@pytest.fixture
def launched(monkeypatch):
    """run_app calls instead of opening the screen."""
    from tui.app import app

    calls = []
    monkeypatch.setattr(app, "run_app", lambda *a: calls.append(a) or 0)
    return calls


@pytest.mark.parametrize("argv", [[SEED], ["--annotator", "bob", SEED], ["--annotator=bob"], []])
def test_a_document_or_nothing_still_annotates(capsys, corpus_dir, launched, argv):
    assert main([*argv, "--corpus", str(corpus_dir)]) == 0
    assert launched[0][1:] == ("bob" if "bob" in str(argv) else launched[0][1], SEED if SEED in argv else None)


@pytest.mark.parametrize("argv", [[SEED], ["annotate", SEED], []])
def test_the_annotator_needs_a_terminal(tmp_path, corpus_dir, argv):
    """margin </dev/null >out.txt: one line, exit 2, no escape code in the file."""
    out = tmp_path / "out.txt"
    with open(out, "wb") as f:
        p = subprocess.run([sys.executable, "-m", "tui", *argv, "--corpus", str(corpus_dir)],
                           stdin=subprocess.DEVNULL, stdout=f, stderr=subprocess.PIPE, text=True, timeout=HANG_GUARD)
    assert p.returncode == 2 and out.read_bytes() == b""
    assert p.stderr == ("margin: the annotator needs a terminal, but stdin is not one; for a file or a pipe "
                        "use another command ('margin --help' lists them)\n")
    assert not any((corpus_dir / "annotations").iterdir())


# -- export and import: files, stdout, stdin, --json ----------------------------------------------
def exported_folder(capsys, corpus_dir, fmt, tmp_path):
    """The data file of a folder export, for comparison."""
    assert run(capsys, "export", "--corpus", str(corpus_dir), "--format", fmt, "--out", str(tmp_path / "ref"))[0] == 0
    (data,) = [p for p in (tmp_path / "ref").iterdir() if p.name != "dataset_card.md" and not p.name.startswith(".")]
    return data.read_bytes()


@pytest.mark.parametrize("fmt, name", [("claims", "claims.csv"), ("jsonl", "data.jsonl"), ("csv", "spans.CSV"),
                                       ("conll", "sub/dir/x.conll")])
def test_export_to_a_file_named_with_the_formats_extension(capsys, corpus_dir, alice_file, tmp_path, fmt, name):
    """The README's `margin export --format claims --out claims.csv` writes that file, not a folder."""
    expected = exported_folder(capsys, corpus_dir, fmt, tmp_path)
    out = tmp_path / "out" / name
    code, stdout, err = run(capsys, "export", "--corpus", str(corpus_dir), "--format", fmt, "--out", str(out))
    assert code == 0 and out.is_file() and out.read_bytes() == expected
    assert stdout == (f"exported 1 record(s) of 1 document(s) as {fmt} to {out}: one file "
                      "(export to a folder for the dataset card)\n")
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temporary left behind
    out.write_text("an older export")  # a file is replaced, atomically
    assert run(capsys, "export", "--corpus", str(corpus_dir), "--format", fmt, "--out", str(out))[0] == 0
    assert out.read_bytes() == expected


def test_export_to_a_folder_when_asked(capsys, corpus_dir, alice_file, tmp_path):
    for out in (tmp_path / "a.csv", tmp_path / "b"):  # an existing folder, a name without the extension
        out.mkdir() if out.suffix else None
        assert run(capsys, "export", "--corpus", str(corpus_dir), "--format", "csv", "--out", str(out))[0] == 0
        assert sorted(p.name for p in out.iterdir()) == [".margin-export", "data.csv", "dataset_card.md"]
    code, _, _ = run(capsys, "export", "--corpus", str(corpus_dir), "--format", "csv", "--out", f"{tmp_path}/c.csv/")
    assert code == 0 and (tmp_path / "c.csv" / "data.csv").is_file()
    code, _, _ = run(capsys, "export", "--corpus", str(corpus_dir), "--format", "brat", "--out", str(tmp_path / "x.ann"))
    assert code == 0 and (tmp_path / "x.ann" / "annotation.conf").is_file()


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "claims", "conll"])
def test_export_to_stdout(capsys, corpus_dir, alice_file, tmp_path, fmt):
    expected = exported_folder(capsys, corpus_dir, fmt, tmp_path)
    code = main(["export", "--corpus", str(corpus_dir), "--format", fmt, "--out", "-"])
    out, err = capsys.readouterr()
    assert code == 0 and out.encode() == expected
    assert err.startswith(f"exported 1 record(s) of 1 document(s) as {fmt} to -: one file")
    assert not (tmp_path / "-").exists() and not (corpus_dir / "-").exists()


@pytest.mark.parametrize("argv, message", [
    (["--format", "brat", "--out", "-"], "--out - (stdout) takes a text format of one file (jsonl, csv, claims, conll, labelstudio, doccano, prodigy), not brat"),
    (["--format", "parquet", "--out", "-"], "not parquet"),
    (["--format", "jsonl", "--out", "-", "--split", "50/50"], "--out - writes one file, which cannot hold a --split"),
    (["--format", "csv", "--out", "x.csv", "--split", "50/50"], "--out x.csv is one file, which cannot hold a --split"),
    (["--format", "jsonl", "--out", "-", "--json"], "--json and --out - both write to stdout"),
])
def test_export_destinations_refused(capsys, corpus_dir, alice_file, argv, message):
    code, out, err = run(capsys, "export", "--corpus", str(corpus_dir), *argv)
    assert code == 2 and out == "" and message in err and len(err.splitlines()) == 1


def test_export_json(capsys, corpus_dir, alice_file, tmp_path):
    code, out, err = run(capsys, "export", "--corpus", str(corpus_dir), "--format", "jsonl", "--split", "50/50",
                         "--out", str(tmp_path / "ds"), "--json")
    result = json.loads(out)
    assert code == 0 and err.startswith("margin: warning: 1 split(s) empty")  # warnings stay on stderr
    assert result["kind"] == "folder" and result["records"] == 1 and result["documents"] == 1
    assert sum(result["parts"].values()) == 1 and set(result["parts"]) == {"train", "test"}
    assert set(result["files"]) == {"train.jsonl", "test.jsonl", "dataset_card.md"}
    assert "split(s) empty: too few documents for the ratios" in result["warnings"]
    import hashlib

    assert all(hashlib.sha256((tmp_path / "ds" / f).read_bytes()).hexdigest() == h for f, h in result["files"].items())
    code, out, err = run(capsys, "export", "--corpus", str(tmp_path / "nope"), "--format", "jsonl", "--json")
    assert (code, out) == (1, "") and len(err.splitlines()) == 1


def test_import_from_stdin_with_json(corpus_dir, alice_file, tmp_path):
    margin = [sys.executable, "-m", "tui"]
    exported = subprocess.run([*margin, "export", "--corpus", str(corpus_dir), "--format", "jsonl", "--out", "-"],
                              capture_output=True, check=True).stdout
    p = subprocess.run([*margin, "import", "--corpus", str(corpus_dir), "--format", "jsonl", "-", "--annotator",
                        "carol", "--json"], input=exported, capture_output=True)
    assert p.returncode == 0 and p.stderr == b""
    result = json.loads(p.stdout)
    carol = corpus_dir / "annotations" / SEED / "carol.yaml"
    assert result == {"annotator": "carol", "spans": 9, "relations": 2, "added": [], "documents": [
        {"document": SEED, "file": str(carol), "spans": 9, "relations": 2}]}
    assert carol.is_file()
    p = subprocess.run([*margin, "import", "--corpus", str(corpus_dir), "--format", "jsonl", "-", "--annotator",
                        "dave", "--json"], input=b'{"id": 3}\n', capture_output=True, text=False)
    assert (p.returncode, p.stdout) == (1, b"")
    assert p.stderr.decode().startswith("<stdin>:1: expected margin's jsonl shape")
    assert len(p.stderr.decode().splitlines()) == 1
    p = subprocess.run([*margin, "import", "--corpus", str(corpus_dir), "--format", "brat", "-", "--annotator",
                        "dave"], input="", capture_output=True, text=True)
    assert (p.returncode, p.stderr) == (2, "margin: --format brat reads a folder; it cannot come from stdin (-)\n")
    assert not (corpus_dir / "annotations" / SEED / "dave.yaml").exists()


def test_validate_json(capsys, corpus_dir, alice_file):
    code, out, err = run(capsys, "validate", "--corpus", str(corpus_dir), "--json")
    assert (code, err) == (0, "")
    assert json.loads(out) == {"ok": True, "files": 1, "spans": 9, "moved": 0, "problems": [], "flagged": []}
    alice_file.write_text(alice_file.read_text().replace("{type: government}", "{type: company}"))
    code, out, err = run(capsys, "validate", "--corpus", str(corpus_dir), "--json")
    result = json.loads(out)
    assert code == 1 and result["ok"] is False and result["problems"] == err.splitlines()
    assert result["problems"][0].startswith(f"{alice_file}:14: span s1: unknown value 'company'")


def test_the_review_screen_needs_a_terminal(corpus_dir, alice_file):
    p = subprocess.run([sys.executable, "-m", "tui", "review", SEED, "--corpus", str(corpus_dir)],
                       stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=HANG_GUARD)
    assert (p.returncode, p.stdout) == (2, "")
    assert p.stderr.startswith("margin: the review screen needs a terminal, but stdin is not one")
    assert not (corpus_dir / "annotations" / SEED / "gold.yaml").exists()


def test_export_to_stdout_refuses_a_terminal(capsys, monkeypatch, corpus_dir, alice_file):
    """Article text goes out as it is (escape codes too): not onto a terminal."""
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, out, err = run(capsys, "export", "--corpus", str(corpus_dir), "--format", "csv", "--out", "-")
    assert (code, out) == (2, "") and "stdout is a terminal: pipe it (| less) or give --out a file" in err


def test_new_formats_go_to_one_file_and_take_their_options(capsys, corpus_dir, alice_file, tmp_path):
    import json

    code, _, err = run(capsys, "export", "--corpus", str(corpus_dir), "--format", "doccano", "--doccano-shape",
                       "entities", "--out", str(tmp_path / "d.jsonl"))
    assert code == 0, err
    rec = json.loads((tmp_path / "d.jsonl").read_text().splitlines()[0])
    assert "entities" in rec and "label" not in rec
    code, _, err = run(capsys, "export", "--corpus", str(corpus_dir), "--format", "labelstudio", "--no-predictions",
                       "--out", str(tmp_path / "tasks.json"))
    assert code == 0, err
    tasks = json.loads((tmp_path / "tasks.json").read_text())
    assert tasks and all(not t.get("predictions") for t in tasks) and tasks[0]["annotations"]
    code, out, _ = run(capsys, "export", "--corpus", str(corpus_dir), "--format", "hf", "--out", str(tmp_path / "hf"))
    assert code == 0 and "including README.md" in out
    code, _, err = run(capsys, "export", "--corpus", str(corpus_dir), "--format", "csv", "--doccano-shape", "label",
                       "--out", str(tmp_path / "x"))
    assert code == 2 and "--doccano-shape goes with --format doccano" in err


def test_add_makes_a_corpus_folder_that_does_not_exist(capsys, tmp_path):
    article = tmp_path / "news1.txt"
    article.write_text("The minister said 40 people came.\n", encoding="utf-8")
    root = tmp_path / "new" / "corpus"
    code, out, err = run(capsys, "add", "--corpus", str(root), str(article))
    assert code == 0, err
    assert (root / "seeds" / "news1.txt").read_text(encoding="utf-8") == article.read_text(encoding="utf-8")
    assert out.splitlines() == [f"made the corpus folder {root}", "added: news1"]
    missing = tmp_path / "other"
    code, out, err = run(capsys, "add", "--corpus", str(missing), str(tmp_path / "nope.txt"))
    assert code == 1 and "cannot read" in err and not missing.exists()  # nothing made for nothing
