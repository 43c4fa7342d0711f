"""The margin command as a user runs it: exit codes, one-line errors, no tracebacks."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tui.cli import main
from tests.conftest import SEED


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
