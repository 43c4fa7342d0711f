"""margin validate reads margin/1 and margin/2 files side by side."""

from __future__ import annotations

import shutil

from tests.conftest import DATA, SEED
from tui import store
from tui.cli import main
from tui.model import Decision


def test_validate_reads_both_versions(corpus_dir, alice_file, capsys):
    gold_path = corpus_dir / "annotations" / SEED / "gold.yaml"
    shutil.copy(DATA / "seed_gold.yaml", gold_path)
    gold = store.load(gold_path).annotation
    gold.decisions = [Decision("ACTOR", 538, 553, reason="not an actor here")]
    store.save(gold_path, gold, store.fingerprint(gold_path))
    assert gold_path.read_text().startswith("format: margin/2\n")
    assert alice_file.read_text().startswith("format: margin/1\n")
    assert main(["validate", "--corpus", str(corpus_dir)]) == 0
    assert capsys.readouterr().out.startswith("ok: 2 file(s)")
    gold_path.write_text(gold_path.read_text().replace("format: margin/2", "format: margin/1"))
    assert main(["validate", "--corpus", str(corpus_dir)]) == 1
    n = gold_path.read_text().splitlines().index("decisions:") + 2  # the first decision
    assert f"{gold_path}:{n}: decisions need format margin/2 (this file says 'margin/1')" in capsys.readouterr().err
