"""The held-out real-text articles (bench/realtext-heldout) are kept apart from the
development set and their golds are exactly what their specs say."""

from __future__ import annotations

from pathlib import Path

from bench.realtext.build_gold import build
from tui.store.writer import dumps

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _docs(where: Path) -> set[str]:
    return {p.stem for p in (where / "seeds").glob("*.txt")}


def _listed(where: Path) -> set[str]:
    """The documents SOURCES.md attributes (its table's rows)."""
    rows = (where / "SOURCES.md").read_text(encoding="utf-8").splitlines()
    return {r.split("`")[1] for r in rows if r.startswith("| `")}


def test_the_held_out_articles_are_not_development_articles():
    held, dev = _docs(BENCH / "realtext-heldout"), _docs(BENCH / "realtext")
    assert not held & dev
    texts = {(BENCH / "realtext" / "seeds" / f"{d}.txt").read_text(encoding="utf-8") for d in dev}
    assert not any((BENCH / "realtext-heldout" / "seeds" / f"{d}.txt").read_text(encoding="utf-8") in texts
                   for d in held)


def test_every_real_article_is_attributed_in_its_sources_file():
    for where in (BENCH / "realtext", BENCH / "realtext-heldout"):
        assert _docs(where) == _listed(where)


def test_each_held_out_gold_is_built_from_its_spec():
    root = BENCH / "realtext-heldout"
    for doc in _docs(root):
        text = (root / "seeds" / f"{doc}.txt").read_text(encoding="utf-8")
        spec = (root / "spec" / f"{doc}.spec").read_text(encoding="utf-8")
        ann = build(doc, text, spec, doc)
        assert dumps(ann) == (root / "annotations" / doc / "gold.yaml").read_text(encoding="utf-8")
        labels = {s.label for s in ann.spans}  # an article may have no figure or no claim
        assert "ACTOR" in labels and labels <= {"ACTOR", "FIGURE", "CLAIM"}
        assert all(r.target in {s.id for s in ann.spans if s.label == "ACTOR"} for r in ann.relations)


def test_each_development_gold_is_built_from_its_spec():
    root = BENCH / "realtext"
    for doc in _docs(root):
        text = (root / "seeds" / f"{doc}.txt").read_text(encoding="utf-8")
        ann = build(doc, text, (root / "spec" / f"{doc}.spec").read_text(encoding="utf-8"), doc)
        assert dumps(ann) == (root / "annotations" / doc / "gold.yaml").read_text(encoding="utf-8")


def test_a_spec_name_never_ends_on_a_possessive_and_the_speaker_is_outside_the_claim():
    text = "\"Ford is fine\", Ford's man said, and Ford told us."
    spec = 'C "Ford is fine" | Ford\nA Ford | organisation\nA Ford | organisation\n'
    ann = build("d", text, spec, "d")
    actors = [s.start for s in ann.spans if s.label == "ACTOR"]
    assert actors == [text.index('"Ford') + 1, text.rindex("Ford")]  # never "Ford's"
    (rel,) = ann.relations
    assert next(s for s in ann.spans if s.id == rel.target).start == text.rindex("Ford")


def test_a_skip_line_passes_a_mention_the_guideline_leaves_unmarked():
    text = "UpGuard emailed Amazon about it; Amazon said it would look."
    spec = "A UpGuard | organisation\n> emailed Amazon\nA Amazon | organisation\nC it would look | Amazon\n"
    ann = build("d", text, spec, "d")
    assert [(s.label, s.start) for s in ann.spans] == [
        ("ACTOR", 0), ("ACTOR", text.rindex("Amazon")), ("CLAIM", text.index("it would"))]
    (rel,) = ann.relations
    assert next(s for s in ann.spans if s.id == rel.target).start == text.rindex("Amazon")


def test_a_speaker_marked_with_a_less_than_sign_is_its_latest_mention_before_the_claim():
    for gap in ("", " then", " later that day"):  # the other mention is nearer, whatever the gap
        text = f"One of them spoke.{gap} She said it was bad. One of them said it was fine."
        plain = ("A One of them | person\nC it was bad | One of them\n"
                 "A One of them | person\nC it was fine | One of them\n")
        marked = plain.replace("bad | One", "bad | <One")
        for spec, first in ((plain, text.rindex("One")), (marked, 0)):
            ann = build("d", text, spec, "d")
            by = {s.id: s for s in ann.spans}
            assert [by[r.target].start for r in ann.relations] == [first, text.rindex("One")]


def test_the_interval_of_a_mean_holds_it_and_narrows_with_more_articles():
    """bench.learnreal.interval: the 95 % bootstrap interval of a mean over articles holds the
    mean, is a point for equal scores, repeats run to run, and narrows as articles are added."""
    import random

    from bench.learnreal import interval

    rnd = random.Random(7)
    few = [rnd.random() for _ in range(12)]
    many = few * 8
    lo, hi = interval(few)
    assert lo <= sum(few) / len(few) <= hi and lo < hi
    assert interval(few) == (lo, hi)
    assert interval([0.5] * 12) == (0.5, 0.5)
    mlo, mhi = interval(many)
    assert mhi - mlo < (hi - lo) * 0.6
    assert interval([]) == (0.0, 0.0)


def test_the_sampled_development_articles_are_development_articles_listed_in_sources():
    """bench.learnreal.SAMPLED (the stand-in for the held-out set) names development articles
    only, each attributed in SOURCES.md, and the sampled table averages exactly them."""
    from bench.learnreal import SAMPLED, documents, sampled_table

    dev = set(documents())
    assert set(SAMPLED) <= dev and len(set(SAMPLED)) == len(SAMPLED) == 36
    assert set(SAMPLED) <= _listed(BENCH / "realtext")
    per = {d: {lab: {"exact": 1.0 if d in SAMPLED else 0.0, "overlap": 0.5} for lab in ("ACTOR", "FIGURE", "CLAIM")}
           for d in dev}
    (row,) = sampled_table({2: {"per_doc": per}})[2:]
    assert row == "| 2 | " + " | ".join(["1.00 (1.00–1.00) / 0.50"] * 3) + " |"


def test_the_doubly_annotated_articles_are_in_no_other_set_and_built_from_their_specs():
    root = BENCH / "realtext-agreement"
    docs = _docs(root / "a")
    assert docs and docs == _docs(root / "b") == _listed(root)
    assert not docs & (_docs(BENCH / "realtext") | _docs(BENCH / "realtext-heldout"))
    for doc in docs:
        text = (root / "a" / "seeds" / f"{doc}.txt").read_text(encoding="utf-8")
        assert text == (root / "b" / "seeds" / f"{doc}.txt").read_text(encoding="utf-8")
        for who in ("a", "b"):
            ann = build(doc, text, (root / who / "spec" / f"{doc}.spec").read_text(encoding="utf-8"), doc)
            assert dumps(ann) == (root / who / "annotations" / doc / "gold.yaml").read_text(encoding="utf-8")


def test_the_agreement_of_the_two_annotations_is_what_sources_md_reports():
    """bench.learnreal scores annotator b against a (no suggester needed): the means SOURCES.md
    quotes are the data's, and an article scored against itself agrees fully."""
    from bench import learnreal as L

    root = BENCH / "realtext-agreement"
    per = {d: L.score(L.gold(d, root / "a")[1].spans, L.gold(d, root / "b")[1].spans) for d in _docs(root / "a")}
    row = next(r for r in (root / "SOURCES.md").read_text(encoding="utf-8").splitlines()
               if r.startswith("| annotator b against a"))
    quoted = [c.strip() for c in row.split("|")[2:5]]
    assert quoted == [f"{L._mean(per, lab, 'exact'):.2f} / {L._mean(per, lab, 'overlap'):.2f}" for lab in L.LABELS]
    doc = sorted(per)[0]
    same = L.gold(doc, root / "a")[1].spans
    assert all(v["exact"] == 1.0 for v in L.score(same, same).values())


def test_the_selections_ceiling_keeps_the_candidates_a_gold_actor_overlaps(monkeypatch):
    """bench.learnreal.ceiling: with the exams switched off only the development articles are
    read; a perfect choice among the rules' candidates scores at least what the selection
    chose (it keeps every right candidate and no wrong one), and the table shows the row."""
    from bench import learnreal

    monkeypatch.setenv(learnreal.NO_HELDOUT_ENV, "1")
    got = learnreal.ceiling(log=lambda *_: None, step=34)
    assert list(got) == ["development"]
    row = got["development"]
    for m in ("exact", "overlap"):
        assert 0 < row["suggested"][m] <= row["selection_ceiling"][m] <= 1
    assert 0.5 < row["candidate_recall"] <= 1
    assert any(line.startswith("| development |") for line in learnreal.ceiling_table(got))


def test_the_unlabelled_pool_is_in_no_other_set_and_every_text_is_attributed():
    """bench/realtext-pool: texts by name and by content in no development, held-out or doubly
    annotated set (a class read off the pool must not be one read off an exam), each listed
    with its source in SOURCES.md, none carrying a control character to a terminal."""
    root = BENCH / "realtext-pool"
    pool = _docs(root)
    assert len(pool) > 100 and pool == _listed(root)
    others = {root_dir: _docs(root_dir) for root_dir in (BENCH / "realtext", BENCH / "realtext-heldout",
                                                         BENCH / "realtext-agreement" / "a")}
    assert not any(pool & docs for docs in others.values())
    texts = {(d / "seeds" / f"{doc}.txt").read_text(encoding="utf-8") for d, docs in others.items() for doc in docs}
    heads = {t.split("\n", 1)[0] for t in texts}
    for doc in pool:
        text = (root / "seeds" / f"{doc}.txt").read_text(encoding="utf-8")
        assert text not in texts and text.split("\n", 1)[0] not in heads, doc
        assert not any(ord(c) < 32 and c not in "\n\t" or 0x7f <= ord(c) < 0xa0 for c in text), doc
