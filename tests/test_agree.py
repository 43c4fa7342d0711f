"""margin agree: span F1 checked by hand, kappa/alpha against sklearn and krippendorff."""

from __future__ import annotations

import json
from dataclasses import replace
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import DATA, SEED
from tui import store
from tui.review.agree import PRF, Alpha, Binary, exact_matches, overlap_matches
from tui.cli import main
from tui.corpus import Corpus
from tui.model import Annotation, make_span
from tui.tokens import tokenize

DOC2 = "doc2"
DOC2_TEXT = "The UN said 5 people left the compound. Police said nothing.\n"


def write(corpus: Corpus, ann: Annotation) -> None:
    path = corpus.annotation_path(ann.doc_id, ann.annotator)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(store.dumps(ann), encoding="utf-8")


def build_team(corpus_dir) -> Corpus:
    """alice (tests/data/alice.yaml), bob and carol on the seed; alice and bob on doc2.

    bob: s1 cut to 'Indonesia’s embassy' (overlaps, not exact), no s9, an extra ACTOR
    'Chinese embassy'. carol: s4 labelled CLAIM, s5 with qualifier 'about', only relation r1.
    """
    (corpus_dir / "seeds" / f"{DOC2}.txt").write_text(DOC2_TEXT, encoding="utf-8")
    corpus = Corpus(corpus_dir)
    doc = corpus.document(SEED)
    alice = store.parse((DATA / "alice.yaml").read_text(encoding="utf-8"), "alice.yaml", corpus.schema, doc)
    write(corpus, alice)
    text = doc.text
    spans = {s.id: s for s in alice.spans}
    bob_spans = [s for s in alice.spans if s.id not in ("s1", "s9")] + [
        make_span(text, "s1", "ACTOR", 310, 329, attrs={"type": "government"}),
        make_span(text, "s10", "ACTOR", 538, 553, attrs={"type": "government"}),
    ]
    write(corpus, replace(alice, annotator="bob", spans=bob_spans))
    carol_spans = [s for s in alice.spans if s.id not in ("s4", "s5")] + [
        spans["s4"].with_(label="CLAIM", attrs={"status": "asserted"}),
        spans["s5"].with_(attrs={**spans["s5"].attrs, "qualifier": "about"}),
    ]
    write(corpus, replace(alice, annotator="carol", spans=carol_spans, relations=alice.relations[:1]))
    d2 = corpus.document(DOC2)
    t2 = d2.text
    un, fig = t2.index("The UN"), t2.index("5 people")
    base = Annotation(DOC2, d2.sha256, len(t2), "alice", "done")
    write(corpus, replace(base, spans=[make_span(t2, "s1", "ACTOR", un, un + 6),
                                       make_span(t2, "s2", "FIGURE", fig, fig + 8)]))
    write(corpus, replace(base, annotator="bob", spans=[make_span(t2, "s1", "ACTOR", un, un + 6),
                                                        make_span(t2, "s2", "FIGURE", fig, fig + 13)]))
    return corpus


def agree_json(capsys, corpus, *extra):
    code = main(["agree", "--corpus", str(corpus.root), "--json", *extra])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def token_vectors(corpus: Corpus, annotator: str, label: str, docs: list[str]) -> list[int]:
    """Independent token labelling: 1 if the token overlaps a span of ``label``."""
    out = []
    for doc_id in docs:
        doc = corpus.document(doc_id)
        ann = store.load(corpus.annotation_path(doc_id, annotator), corpus.schema, doc).annotation
        spans = [(s.start, s.end) for s in ann.spans if s.label == label]
        out.extend(int(any(ts < e and s < te for s, e in spans)) for ts, te in tokenize(doc.text))
    return out


def test_span_and_relation_f1_match_hand_counts(capsys, corpus_dir):
    corpus = build_team(corpus_dir)
    res = agree_json(capsys, corpus)
    assert res["annotators"] == ["alice", "bob", "carol"]
    pairs = {(p["a"], p["b"]): p for p in res["pairs"]}
    ab = pairs[("alice", "bob")]
    assert ab["docs"] == 2
    # ACTOR: alice 3+1, bob 4+1; exact: s4, s7, doc2 UN = 3; overlap adds s1/s1' = 4
    actor = ab["labels"]["ACTOR"]
    assert (actor["a_spans"], actor["b_spans"], actor["exact_matches"], actor["overlap_matches"]) == (4, 5, 3, 4)
    assert actor["exact_f1"] == pytest.approx(float(Fraction(6, 9)))
    assert actor["exact_precision"] == pytest.approx(3 / 5) and actor["exact_recall"] == pytest.approx(3 / 4)
    assert actor["overlap_f1"] == pytest.approx(float(Fraction(8, 9)))
    # FIGURE: alice 4+1, bob 3+1; exact 3 (s2, s5, s6); overlap adds doc2's '5 people'/'5 people left'
    fig = ab["labels"]["FIGURE"]
    assert (fig["a_spans"], fig["b_spans"], fig["exact_matches"], fig["overlap_matches"]) == (5, 4, 3, 4)
    assert ab["labels"]["CLAIM"]["exact_f1"] == 1.0
    micro = ab["micro"]
    assert (micro["a_spans"], micro["b_spans"], micro["exact_matches"], micro["overlap_matches"]) == (11, 11, 8, 10)
    assert micro["exact_f1"] == pytest.approx(16 / 22) and micro["overlap_f1"] == pytest.approx(20 / 22)
    # relations: r2 matches; bob's r1 points to his shorter s1
    assert ab["relations_f1"] == pytest.approx(0.5)
    ac = pairs[("alice", "carol")]
    assert ac["docs"] == 1
    assert ac["labels"]["ACTOR"]["exact_f1"] == pytest.approx(4 / 5)  # carol's s4 is a CLAIM
    assert ac["labels"]["CLAIM"]["exact_f1"] == pytest.approx(4 / 5)
    assert ac["labels"]["FIGURE"]["exact_f1"] == 1.0  # attributes do not count
    assert ac["relations_f1"] == pytest.approx(2 / 3)
    assert ac["relations"] == {"precision": 1.0, "recall": 0.5, "matches": 1, "a": 2, "b": 1}
    # F1 is symmetric, precision and recall swap
    ba = agree_json(capsys, corpus, "--annotators", "bob,alice")["pairs"][0]
    assert (ba["a"], ba["b"]) == ("bob", "alice")
    assert ba["micro"]["exact_f1"] == micro["exact_f1"]
    assert ba["labels"]["ACTOR"]["exact_precision"] == actor["exact_recall"]


def test_kappa_and_alpha_equal_sklearn_and_krippendorff(capsys, corpus_dir):
    from sklearn.metrics import cohen_kappa_score
    import krippendorff

    corpus = build_team(corpus_dir)
    res = agree_json(capsys, corpus)
    shared = {("alice", "bob"): [SEED, DOC2], ("alice", "carol"): [SEED], ("bob", "carol"): [SEED]}
    for p in res["pairs"]:
        docs = shared[(p["a"], p["b"])]
        pooled_a, pooled_b = [], []
        for label in ("ACTOR", "FIGURE", "CLAIM"):
            va = token_vectors(corpus, p["a"], label, docs)
            vb = token_vectors(corpus, p["b"], label, docs)
            assert p["labels"][label]["kappa"] == pytest.approx(cohen_kappa_score(va, vb), abs=1e-12)
            pooled_a += va
            pooled_b += vb
        assert p["micro"]["kappa"] == pytest.approx(cohen_kappa_score(pooled_a, pooled_b), abs=1e-12)
    assert 0 < res["pairs"][0]["labels"]["ACTOR"]["kappa"] < 1
    for label in ("ACTOR", "FIGURE", "CLAIM"):
        rows = []
        for who in ("alice", "bob", "carol"):
            row = []
            for doc_id in (SEED, DOC2):
                if corpus.annotation_path(doc_id, who).exists():
                    row += token_vectors(corpus, who, label, [doc_id])
                else:  # carol did not do doc2: missing values
                    row += [np.nan] * len(tokenize(corpus.document(doc_id).text))
            rows.append(row)
        expected = krippendorff.alpha(reliability_data=np.array(rows, dtype=float),
                                      level_of_measurement="nominal")
        assert res["alpha"][label] == pytest.approx(expected, abs=1e-12)
    assert res["alpha"]["ACTOR"] < res["alpha"]["FIGURE"] < 1


def test_disagreements_per_document(capsys, corpus_dir):
    corpus = build_team(corpus_dir)
    res = agree_json(capsys, corpus)
    # seed: s1 vs bob's s1, s9 missing for bob, bob's extra ACTOR, s4 ACTOR/CLAIM, s5 qualifier,
    # and one relation item: carol did not link the second claim (review's items, one count)
    assert res["disagreements"] == [
        {"document": SEED, "annotators": ["alice", "bob", "carol"], "count": 6},
        {"document": DOC2, "annotators": ["alice", "bob"], "count": 1},
    ]
    assert res["documents"] == 2
    only_actor = agree_json(capsys, corpus, "--labels", "ACTOR")
    assert list(only_actor["alpha"]) == ["ACTOR"] and list(only_actor["pairs"][0]["labels"]) == ["ACTOR"]
    assert only_actor["disagreements"][0]["count"] == 3  # s1, bob's extra, s4 (carol has none)
    assert agree_json(capsys, corpus, "--labels", "ACTOR,CLAIM")["labels"] == ["ACTOR", "CLAIM"]
    assert [p["b"] for p in agree_json(capsys, corpus, "--docs", "doc*")["pairs"]] == ["bob"]
    pair = agree_json(capsys, corpus, "--docs", "doc*", "--annotators", "alice,bob,carol")
    assert [(p["a"], p["b"], p["docs"]) for p in pair["pairs"]] == [("alice", "bob", 1), ("alice", "carol", 0), ("bob", "carol", 0)]
    assert pair["pairs"][1]["micro"]["exact_f1"] is None and pair["alpha"]["CLAIM"] is None


def test_json_has_the_issue_shape(capsys, corpus_dir):
    res = agree_json(capsys, build_team(corpus_dir))
    assert {"pairs", "alpha"} <= set(res)
    for p in res["pairs"]:
        assert {"a", "b", "docs", "labels", "micro", "relations_f1"} <= set(p)
        for scores in (*p["labels"].values(), p["micro"]):
            assert {"exact_f1", "overlap_f1", "kappa"} <= set(scores)


def test_table_output(capsys, corpus_dir):
    corpus = build_team(corpus_dir)
    assert main(["agree", "--corpus", str(corpus.root)]) == 0
    out = capsys.readouterr().out
    assert "alice /" in out and "Krippendorff" in out and "relations" in out
    assert SEED in out and "0.727" in out  # alice/bob micro exact F1 = 16/22


def test_errors_are_one_line(capsys, corpus_dir, alice_file):
    def fails(*argv):
        code = main(["agree", "--corpus", str(corpus_dir), *argv])
        out, err = capsys.readouterr()
        assert code == 1 and out == "" and len(err.splitlines()) == 1, err
        return err

    assert "needs 2 or more annotators" in fails()
    assert "at least two names" in fails("--annotators", "alice")
    assert "unknown label 'PLACE'" in fails("--labels", "PLACE")
    build_team(corpus_dir)
    assert "no finished (status done) document" in fails("--status", "done", "--docs", "000_*")
    assert [p["docs"] for p in agree_json(capsys, Corpus(corpus_dir), "--status", "done")["pairs"]] == [1, 0, 0]
    bob = corpus_dir / "annotations" / SEED / "bob.yaml"
    bob.write_text(bob.read_text().replace("label: CLAIM", "label: CLAIMS", 1))
    code = main(["agree", "--corpus", str(corpus_dir)])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith(f"{bob}:") and "unknown label 'CLAIMS'" in err


# --------------------------------------------------------------------------- small cases


def test_counts_by_hand():
    assert (PRF(2, 3, 4).precision, PRF(2, 3, 4).recall, PRF(2, 3, 4).f1) == (0.5, 2 / 3, 4 / 7)
    assert PRF().f1 is None and PRF(0, 2, 0).f1 == 0.0
    # 10 tokens, a marks 4, b marks 5, both 3: po = 0.7, pe = (4*5 + 6*5)/100 = 0.5
    assert Binary(10, 4, 5, 3).kappa == pytest.approx(0.4)
    assert Binary(10, 0, 0, 0).kappa is None  # sklearn: nan
    # units [1,1] [0,0] [1,0] [0,0]: 8 values, 3 ones, one disagreeing pair
    assert Alpha(8, 3, 1.0).value == pytest.approx(8 / 15)
    assert Alpha(8, 0, 0.0).value is None


def test_small_cases_against_the_libraries():
    from sklearn.metrics import cohen_kappa_score
    import krippendorff

    a = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0]
    b = [1, 1, 1, 0, 1, 1, 0, 0, 0, 0]
    assert cohen_kappa_score(a, b) == pytest.approx(Binary(10, 4, 5, 3).kappa)
    data = np.array([[1, 0, 1, 0], [1, 0, 0, 0]], dtype=float)
    assert krippendorff.alpha(reliability_data=data, level_of_measurement="nominal") == pytest.approx(8 / 15)


def test_matching_by_hand():
    assert exact_matches([(0, 5), (5, 9)], [(0, 5), (6, 9)]) == 1
    assert exact_matches([(0, 5), (0, 5)], [(0, 5)]) == 1  # one-to-one
    # exact-first would pair (5,10)/(5,10) and leave 1; the maximum pairs both
    assert overlap_matches([(0, 6), (5, 10)], [(5, 10), (9, 15)]) == 2
    assert overlap_matches([(0, 20)], [(0, 5), (10, 15)]) == 1
    assert overlap_matches([(0, 5)], [(5, 9)]) == 0  # touching is not overlapping
    assert overlap_matches([(0, 5), (6, 9)], [(5, 6), (2, 8)]) == 1


def _max_matching(a, b) -> int:
    match: dict[int, int] = {}

    def augment(i, seen):
        for j, (s, e) in enumerate(b):
            if a[i][0] < e and s < a[i][1] and j not in seen:
                seen.add(j)
                if j not in match or augment(match[j], seen):
                    match[j] = i
                    return True
        return False

    return sum(augment(i, set()) for i in range(len(a)))


intervals = st.lists(st.tuples(st.integers(0, 30), st.integers(1, 8)).map(lambda t: (t[0], t[0] + t[1])), max_size=7)


@settings(max_examples=300, deadline=None)
@given(intervals, intervals)
def test_overlap_matching_is_maximum(a, b):
    assert overlap_matches(a, b) == _max_matching(a, b)
