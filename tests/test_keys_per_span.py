"""The keys-per-span benchmark replays a small gold in the real app and gets it back exactly."""

from __future__ import annotations

import json

import yaml

from bench import keys_per_span
from tests.conftest import DATA, SEED


def test_replays_a_tiny_gold_exactly(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("MARGIN_ANNOTATOR", raising=False)
    corpus, doc = keys_per_span.seed_corpus(tmp_path / "c")
    assert doc == SEED
    gold = yaml.safe_load((DATA / "seed_gold.yaml").read_text(encoding="utf-8"))
    keep = {"s3", "s4", "s5"}  # an ACTOR, the CLAIM attributed to it, a FIGURE inside the claim
    gold["spans"] = [s for s in gold["spans"] if s["id"] in keep]
    gold["relations"] = [r for r in gold["relations"] if r["from"] in keep and r["to"] in keep]
    assert len(gold["relations"]) == 1
    (corpus / "annotations" / doc / "gold.yaml").write_text(yaml.safe_dump(gold, sort_keys=False), encoding="utf-8")
    (corpus / "annotations" / doc / "carol.yaml").write_text("not even yaml: [", encoding="utf-8")  # hidden too

    assert keys_per_span.main([str(corpus), doc]) == 0
    out = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert set(out) == {"documents", "spans", "fresh_mean", "fresh_max", "fresh_by_label", "fresh_phases",
                        "suggested_mean", "suggested_max", "suggested_by_label", "suggested_phases", "equal"}
    for mode in ("fresh", "suggested"):  # the keys by phase add up to the mean, overall and per label
        phases = out[f"{mode}_phases"]
        assert set(phases["all"]) == set(keys_per_span.PHASES)
        assert abs(sum(phases["all"].values()) - out[f"{mode}_mean"]) < 0.05
        for label, mean in out[f"{mode}_by_label"].items():
            assert abs(sum(phases[label].values()) - mean) < 0.05
    assert out["spans"] == 3 and out["equal"] is True
    assert set(out["fresh_by_label"]) == {"ACTOR", "CLAIM", "FIGURE"}
    assert 1 <= out["fresh_mean"] <= out["fresh_max"]
    assert 1 <= out["suggested_mean"] <= out["suggested_max"]


def test_a_replay_that_differs_from_the_gold_fails_loudly(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("MARGIN_ANNOTATOR", raising=False)
    corpus, doc = keys_per_span.seed_corpus(tmp_path / "c")
    gold = yaml.safe_load((DATA / "seed_gold.yaml").read_text(encoding="utf-8"))
    gold["spans"] = [s for s in gold["spans"] if s["id"] == "s3"]
    gold["relations"] = []
    (corpus / "annotations" / doc / "gold.yaml").write_text(yaml.safe_dump(gold, sort_keys=False), encoding="utf-8")
    monkeypatch.setattr(keys_per_span, "differences", lambda got, gold: ["missing ('ACTOR', 1, 2)"])
    assert keys_per_span.main([str(corpus), doc]) == 1
    err = capsys.readouterr().err
    assert "replay differs from the gold" in err and "does not equal the gold" in err
