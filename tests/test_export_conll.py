"""CoNLL export: the tags seqeval reads back are exactly the exported spans."""

from __future__ import annotations

import os

import pytest

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from seqeval.metrics.sequence_labeling import get_entities

from tests.conftest import DATA, SEED
from tui.cli import main
from tui.export.conll import record_lines
from tui.model import make_span
from tui.tokens import sentences, tokenize

LABELS = ("ACTOR", "FIGURE", "CLAIM")


def read_conll(text: str):
    """[(tokens, [tag column, ...], sentence lengths)] per -DOCSTART- block, as a user would read it."""
    docs = []
    for line in text.split("\n"):
        cols = line.split()
        if cols[:3] == ["#", "columns", "="]:
            continue  # the header line
        if cols[:1] == ["-DOCSTART-"]:
            docs.append(([], [], [0]))
        elif cols:
            if not docs[-1][1]:
                docs[-1][1].extend([] for _ in cols[1:])
            docs[-1][0].append(cols[0])
            for col, tag in zip(docs[-1][1], cols[1:]):
                col.append(tag)
            docs[-1][2][-1] += 1
        elif docs and docs[-1][2][-1]:
            docs[-1][2].append(0)
    return [(toks, cols, [n for n in lens if n]) for toks, cols, lens in docs]


def entities(column: list[str]) -> set:
    return {(label, a, b + 1) for label, a, b in get_entities(column)}


def token_spans(text: str, spans) -> set:
    toks = tokenize(text)
    starts = {a: i for i, (a, _) in enumerate(toks)}
    ends = {b: i + 1 for i, (_, b) in enumerate(toks)}
    return {(s.label, starts[s.start], ends[s.end]) for s in spans}


def test_seed_golden_and_seqeval(capsys, corpus_dir, alice_file):
    out = corpus_dir / "out"
    assert main(["export", "--corpus", str(corpus_dir), "--out", str(out), "--format", "conll"]) == 0
    assert capsys.readouterr().err == ""  # every seed span is on token boundaries
    data = (out / "data.conll").read_text(encoding="utf-8")
    path = DATA / "export" / "seed.conll"
    if os.environ.get("MARGIN_UPDATE_GOLDEN"):
        path.write_text(data, encoding="utf-8")
    assert data == path.read_text(encoding="utf-8")
    assert data.startswith("# columns = TOKEN ACTOR FIGURE CLAIM\n-DOCSTART-\n\nThousands O O O\n")
    (toks, cols, lens), = read_conll(data)
    text = (corpus_dir / "seeds" / f"{SEED}.txt").read_text(encoding="utf-8")
    assert toks == [text[a:b] for a, b in tokenize(text)]
    assert len(lens) == len(sentences(text))
    from tui import store

    ann = store.load(alice_file).annotation
    want = token_spans(text, ann.spans)
    got = set().union(*(entities(c) for c in cols))
    assert got == want and len(got) == 9
    assert entities(cols[0]) == {w for w in want if w[0] == "ACTOR"}  # column order: schema labels


def test_single_layer_and_misaligned_spans_are_reported(capsys, corpus_dir, alice_file):
    text = alice_file.read_text(encoding="utf-8")
    # s1 "Indonesia’s embassy in Phnom Penh" 310-343 -> 312-341: inside two tokens
    alice_file.write_text(text.replace("start: 310\n  end: 343\n  text: \"Indonesia’s embassy in Phnom Penh\"",
                                       "start: 312\n  end: 341\n  text: \"donesia’s embassy in Phnom Pe\""), encoding="utf-8")
    out = corpus_dir / "out"
    code = main(["export", "--corpus", str(corpus_dir), "--out", str(out), "--format", "conll", "--conll-layer", "ACTOR"])
    err = capsys.readouterr().err
    assert code == 0
    assert "margin: warning: 1 span(s) not on token boundaries, extended to whole tokens" in err
    assert "s1 ACTOR 312-341" in err and "-> 310-343" in err
    assert "extended to whole tokens" in (out / "dataset_card.md").read_text(encoding="utf-8")
    data = (out / "data.conll").read_text(encoding="utf-8")
    assert data.startswith("-DOCSTART- -X- O O\n\nThousands O\n")  # the classic two-column file
    (toks, (col,), _), = read_conll(data)
    assert {e[0] for e in get_entities(col)} == {"ACTOR"} and len(get_entities(col)) == 3
    starts = [a for a, _ in tokenize((corpus_dir / "seeds" / f"{SEED}.txt").read_text(encoding="utf-8"))]
    assert col[starts.index(310)] == "B-ACTOR"


def test_unrepresentable_spans_are_counted_not_dropped_silently():
    text = "Alice met Bob .  Then Carol left ."
    spans = [make_span(text, "s1", "ACTOR", 0, 13),    # Alice met Bob
             make_span(text, "s2", "ACTOR", 6, 13),    # met Bob: inside s1, same label (it wins)
             make_span(text, "s3", "CLAIM", 15, 16),   # whitespace only
             make_span(text, "s4", "CLAIM", 10, 21)]   # crosses the sentence break
    warned = []
    lines = record_lines(text, spans, LABELS, "d/a", lambda kind, detail: warned.append((kind, detail)))
    kinds = [k for k, _ in warned]
    assert any("same label" in k for k in kinds) and any("whitespace" in k for k in kinds)
    assert any("sentence break" in k for k in kinds) and len(warned) == 3
    (toks, cols, lens), = read_conll("\n".join(lines))
    assert lens == [4, 4]
    assert entities(cols[0]) == {("ACTOR", 1, 3)}  # the innermost span (tui.bio)
    assert [t for t in cols[2] if t != "O"] == ["B-CLAIM", "I-CLAIM", "I-CLAIM"]  # Bob . | Then


@st.composite
def aligned(draw):
    words = draw(st.lists(st.sampled_from(["Alice", "said", "1,440", "people", ".", "👍", "é", "U.S.", "\r\n"]),
                          min_size=1, max_size=30))
    text = " ".join(words)
    toks = tokenize(text)
    spans = []
    for i in range(draw(st.integers(0, 6))):
        a = draw(st.integers(0, len(toks) - 1)) if toks else 0
        b = draw(st.integers(a, len(toks) - 1)) if toks else 0
        if toks:
            spans.append(make_span(text, f"s{i + 1}", draw(st.sampled_from(LABELS)), toks[a][0], toks[b][1]))
    return text, spans


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(aligned())
def test_seqeval_reads_back_every_token_aligned_span(case):
    text, spans = case
    warned = []
    lines = record_lines(text, spans, LABELS, "d/a", lambda kind, detail: warned.append(kind))
    blocks = read_conll("\n".join(lines))
    if not tokenize(text):
        return
    (toks, cols, _), = blocks
    got = set().union(*(entities(c) for c in cols))
    # a span the tagger left out is one that overlaps a shorter span of its label, and was reported
    want = token_spans(text, spans)
    missing = want - got
    assert got <= want
    assert len(missing) == sum("same label" in k for k in warned) - (len(spans) - len({s.key for s in spans}))


def test_spacy_convert_refuses_the_default_layout(capsys, corpus_dir, alice_file, tmp_path):
    """`spacy convert` used to read token + 3 tag columns as CoNLL-2003 (token POS chunk NER)
    without a word, keeping the CLAIM column as NER: now it stops with its E903. (The
    function `spacy convert` runs, in process: a subprocess costs a spaCy import.)"""
    from spacy.cli.convert import convert

    out = corpus_dir / "out"
    assert main(["export", "--corpus", str(corpus_dir), "--out", str(out), "--format", "conll"]) == 0
    dest = tmp_path / "converted"
    dest.mkdir()
    with pytest.raises(ValueError, match="E903"):
        convert(out / "data.conll", dest, file_type="spacy", converter="conll")  # the CLI's choice for .conll
    assert list(dest.iterdir()) == []


def test_spacy_convert_reads_a_single_layer_correctly(capsys, corpus_dir, alice_file, tmp_path):
    """--conll-layer ACTOR: the classic two-column file; spacy convert's documents and
    entities are exactly the exported ACTOR spans."""
    import spacy
    from spacy.cli.convert import convert
    from spacy.tokens import DocBin

    from tui import store

    out = corpus_dir / "out"
    assert main(["export", "--corpus", str(corpus_dir), "--out", str(out), "--format", "conll",
                 "--conll-layer", "ACTOR"]) == 0
    dest = tmp_path / "converted"
    dest.mkdir()
    convert(out / "data.conll", dest, file_type="spacy", converter="conll", n_sents=0)  # what the CLI picks for .conll
    docs = list(DocBin().from_disk(dest / "data.spacy").get_docs(spacy.blank("xx").vocab))
    text = (corpus_dir / "seeds" / f"{SEED}.txt").read_text(encoding="utf-8")
    toks = tokenize(text)
    assert len(docs) == 1 and [t.text for t in docs[0]] == [text[a:b] for a, b in toks]
    ann = store.load(alice_file).annotation
    want = {w for w in token_spans(text, ann.spans) if w[0] == "ACTOR"}
    assert {(e.label_, e.start, e.end) for e in docs[0].ents} == want
