"""spaCy export: the DocBin loads in spaCy with every span, ents where nothing overlaps."""

from __future__ import annotations

import pytest

from tests.conftest import SEED
from tui.cli import main

spacy = pytest.importorskip("spacy")


def load(path):
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    return list(DocBin().from_bytes(path.read_bytes()).get_docs(nlp.vocab))


def test_docbin_roundtrip(capsys, corpus_dir, alice_file):
    from tui import store

    out = corpus_dir / "out"
    assert main(["export", "--corpus", str(corpus_dir), "--out", str(out), "--format", "spacy"]) == 0
    assert capsys.readouterr().err == ""  # the seed spans fall on spaCy token boundaries
    (doc,) = load(out / "data.spacy")
    ann = store.load(alice_file).annotation
    assert doc.text == (corpus_dir / "seeds" / f"{SEED}.txt").read_text(encoding="utf-8")
    want = {(s.id, s.label, s.start, s.end) for s in ann.spans}
    assert {(sp.id_, sp.label_, sp.start_char, sp.end_char) for sp in doc.spans["sc"]} == want
    for label in ("ACTOR", "FIGURE", "CLAIM"):
        assert {(sp.label_, sp.start_char, sp.end_char) for sp in doc.spans[label]} == \
            {(lab, a, b) for _, lab, a, b in want if lab == label}
    # ents: the spans overlapping no other one (s2, s6, s8 sit inside or on claims)
    assert [(e.label_, e.text) for e in doc.ents] == [
        ("ACTOR", "Indonesia’s embassy in Phnom Penh"), ("ACTOR", "Amnesty International"),
        ("FIGURE", "at least 15 videos and images"), ("ACTOR", "The UN"), ("FIGURE", "more than $12.5 billion")]
    meta = doc.user_data["margin"]
    assert (meta["id"], meta["annotator"]) == (SEED, "alice")
    assert {s["id"]: dict(s["attrs"]) for s in meta["spans"]}["s9"] == {
        "value": 12500000000.0, "unit": "USD", "qualifier": "more than"}
    assert [dict(r) for r in meta["relations"]][0] == {"id": "r1", "label": "attributed_to", "from": "s3", "to": "s1"}


def test_misaligned_span_is_expanded_and_reported(capsys, corpus_dir, alice_file):
    text = alice_file.read_text(encoding="utf-8")
    alice_file.write_text(text.replace("start: 555\n  end: 576\n  text: \"Amnesty International\"",
                                       "start: 557\n  end: 576\n  text: \"nesty International\""), encoding="utf-8")
    out = corpus_dir / "out"
    assert main(["export", "--corpus", str(corpus_dir), "--out", str(out), "--format", "spacy",
                 "--labels", "ACTOR"]) == 0
    err = capsys.readouterr().err
    assert "1 span(s) not on spaCy token boundaries, extended to whole tokens" in err and "-> 555-576" in err
    (doc,) = load(out / "data.spacy")
    assert [sp.text for sp in doc.spans["ACTOR"]] == ["Indonesia’s embassy in Phnom Penh", "Amnesty International", "The UN"]
    assert list(doc.spans) == ["ACTOR", "sc"] and len(doc.ents) == 3


def test_unknown_language_is_a_clear_error(capsys, corpus_dir, alice_file):
    code = main(["export", "--corpus", str(corpus_dir), "--out", str(corpus_dir / "o"), "--format", "spacy",
                 "--spacy-lang", "zz"])
    assert code == 1 and "--spacy-lang 'zz'" in capsys.readouterr().err
    assert not (corpus_dir / "o").exists()


def test_overlapped_spans_are_missing_for_ner_not_outside(capsys, corpus_dir, alice_file):
    """Spans overlapping another (the claims and what lies inside them) are not in doc.ents:
    their tokens must be missing ("" / "-" for NER training), never O, which would teach
    the model that an actor inside a claim is not an entity."""
    from spacy.training import Example

    from tui import store

    out = corpus_dir / "out"
    assert main(["export", "--corpus", str(corpus_dir), "--out", str(out), "--format", "spacy"]) == 0
    (doc,) = load(out / "data.spacy")
    ann = store.load(alice_file).annotation
    in_ents = {(e.start_char, e.end_char) for e in doc.ents}
    overlapped = [sp for sp in doc.spans["sc"] if (sp.start_char, sp.end_char) not in in_ents]
    assert {sp.id_ for sp in overlapped} == {"s2", "s3", "s6", "s8"}  # the claims and what they hold
    missing = {t.i for sp in overlapped for t in sp}
    assert all(doc[i].ent_iob_ == "" for i in missing)
    assert all(t.ent_iob_ in ("B", "I") for e in doc.ents for t in e)
    assert all(t.ent_iob_ == "O" for t in doc if t.i not in missing and not any(t in e for e in doc.ents))
    # what spaCy's NER trainer sees: "-" (no loss) on those tokens, not "O"
    from spacy.tokens import Doc

    predicted = Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
    tags = Example(predicted, doc).get_aligned_ner()
    assert all(tags[i] in ("-", None) for i in missing)
    assert sum(t == "O" for t in tags) == sum(1 for t in doc if t.ent_iob_ == "O")
    assert len(ann.spans) == len(doc.spans["sc"])
