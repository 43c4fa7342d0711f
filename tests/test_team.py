"""The dashboard's numbers: equal to margin agree --json and margin stats --json, cached
per document, pace from the files' times."""

from __future__ import annotations

import json
import shutil

import pytest

from bench import gen
from tui.cli import main
from tui.corpus import Corpus
from tui.team.progress import pace, summaries, team


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("MARGIN_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def team_root(tmp_path_factory):
    root = gen.team(tmp_path_factory.mktemp("team") / "corpus", docs=18)
    # a gold file too: stats counts it, agreement leaves it out
    d = next(p for p in sorted((root / "annotations").iterdir()) if len(list(p.iterdir())) >= 2)
    src = sorted(d.iterdir())[0]
    text = src.read_text().replace(f"annotator: {src.stem}", "annotator: gold")
    (d / "gold.yaml").write_text(text)
    return root


def _json(capsys, *argv):
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_dashboard_equals_agree_and_stats(team_root, capsys, tmp_path):
    root = shutil.copytree(team_root, tmp_path / "c")
    dash = _json(capsys, "dashboard", "--corpus", str(root), "--json")
    agree = _json(capsys, "agree", "--corpus", str(root), "--json")
    stats = _json(capsys, "stats", "--corpus", str(root), "--json")
    assert dash["agreement"] == agree
    assert dash["stats"] == stats
    assert len(agree["pairs"]) == 3 and agree["documents"] >= 6
    # from the cache: the same numbers
    assert _json(capsys, "dashboard", "--corpus", str(root), "--json") == dash
    progress = {p["annotator"]: p for p in dash["progress"]}
    assert set(progress) == {"alice", "bob", "carol"}
    for p in progress.values():
        assert p["assigned"] == p["done"] + p["in_progress"] + p["not_started"]
        assert p["in_progress"] == 1 and p["spans_per_hour"] > 0
    assert sum(t["documents"] for t in dash["trend"]) == agree["documents"]


def test_cache_follows_changes(team_root, tmp_path):
    root = shutil.copytree(team_root, tmp_path / "c")
    corpus = Corpus(root)
    first = summaries(corpus)
    f = next(p for p in sorted((root / "annotations").glob("*/alice.yaml")) if "status: done" in p.read_text())
    assert first[f.parent.name]["files"]["alice"]["status"] == "done"
    f.write_text(f.read_text().replace("status: done", "status: in_progress"))
    again = summaries(corpus)
    assert again[f.parent.name]["files"]["alice"]["status"] == "in_progress"
    assert {d: s for d, s in again.items() if d != f.parent.name} == \
        {d: s for d, s in first.items() if d != f.parent.name}
    assert team(corpus).to_json() == team(corpus, cache=False).to_json()


def test_pace_counts_work_between_saves_not_breaks():
    files = [("2026-11-02T09:00:00Z", 5), ("2026-11-02T09:10:00Z", 10), ("2026-11-02T09:30:00Z", 20),
             ("2026-11-02T14:00:00Z", 99)]  # after a break: not timed
    rate, hours = pace(files)
    assert hours == pytest.approx(0.5)
    assert rate == pytest.approx(60)
    assert pace([("2026-11-02T09:00:00Z", 5)]) == (None, 0)


def test_team_core_imports_no_textual_nor_rich():
    import subprocess
    import sys

    code = ("import sys, tui.team.progress, tui.team.assign, tui.guidelines, tui.review.adjudication; "
            "sys.exit(any(m in sys.modules for m in ('textual', 'rich')))")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
