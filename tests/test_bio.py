"""tui.bio: spans <-> BIO tags with one overlap policy (the innermost span wins), used the
same way by the CoNLL and Hugging Face exports, the CRF and the CoNLL importer."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st
from seqeval.metrics.sequence_labeling import get_entities

from tui import bio
from tui.export.conll import tag_columns
from tui.export.hf import innermost
from tui.model import make_span
from tui.suggest.model.crf import Example, prepare
from tui.suggest.conventions import DEFAULTS
from tui.tokens import token_index

LABELS = ("ACTOR", "FIGURE", "CLAIM")
WORDS = ["Alice", "said", "1,440", "people", ".", "👍", "é", "U.S.", "\n", "  ", "don't", "’s"]


@st.composite
def cases(draw, aligned=False):
    """(text, spans): spans anywhere (off token boundaries, whitespace only, overlapping,
    duplicated), or only on token boundaries."""
    text = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25)))
    toks = token_index(text).complete().tokens
    spans = []
    for i in range(draw(st.integers(0, 8))):
        if aligned:
            if not toks:
                break
            a = draw(st.integers(0, len(toks) - 1))
            b = draw(st.integers(a, min(a + 5, len(toks) - 1)))
            start, end = toks[a][0], toks[b][1]
        else:
            start = draw(st.integers(0, len(text) - 1))
            end = draw(st.integers(start + 1, len(text)))
        spans.append(make_span(text, f"s{i + 1}", draw(st.sampled_from(LABELS)), start, end))
    return text, spans


def overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@given(cases())
def test_every_span_is_kept_left_out_or_empty_and_the_kept_read_back(case):
    text, spans = case
    idx = token_index(text)
    got = bio.encode(idx, spans)
    kept = [s for s, _, _ in got.kept]
    assert sorted(s.id for s in kept + got.left_out + got.empty) == sorted(s.id for s in spans)
    assert bio.decode(got.tags) == [(s.label, i, j) for s, i, j in got.kept]
    assert [(lab, a, b + 1) for lab, a, b in get_entities(got.tags)] == bio.decode(got.tags)  # seqeval agrees
    for s, i, j in got.kept:
        assert list(idx.tokens_in(s.start, s.end)) == list(range(i, j))
    for s in got.empty:
        assert not idx.tokens_in(s.start, s.end) and not text[s.start:s.end].strip()


@given(cases())
def test_the_innermost_span_wins_whatever_the_order(case):
    text, spans = case
    idx = token_index(text)
    got = bio.encode(idx, spans)
    for s in got.left_out:  # each lost to a kept span no longer than itself
        toks = idx.tokens_in(s.start, s.end)
        assert any(overlap((i, j), (toks[0], toks[-1] + 1)) and k.end - k.start <= s.end - s.start
                   for k, i, j in got.kept)
    shuffled = list(spans)
    random.Random(len(spans)).shuffle(shuffled)
    assert bio.encode(idx, shuffled).tags == got.tags


@given(cases(aligned=True))
def test_spans_that_do_not_overlap_round_trip_exactly(case):
    text, spans = case
    idx = token_index(text)
    apart, taken = [], []
    for s in spans:
        toks = idx.tokens_in(s.start, s.end)
        if not any(overlap((toks[0], toks[-1] + 1), t) for t in taken):
            apart.append(s)
            taken.append((toks[0], toks[-1] + 1))
    got = bio.encode(idx, apart)
    assert not got.left_out and not got.empty and not got.extended
    back = {(lab, idx.tokens[i][0], idx.tokens[j - 1][1]) for lab, i, j in bio.decode(got.tags)}
    assert back == {(s.label, s.start, s.end) for s in apart}


TAGS = st.lists(st.sampled_from(["O", "B-A", "I-A", "B-B", "I-B", "E-A", "S-A", "E-B", "S-B"]), max_size=20)


@given(TAGS)
def test_decode_reads_tags_as_seqeval_does(tags):
    assert bio.decode(tags) == [(lab, a, b + 1) for lab, a, b in get_entities(tags)]


@given(cases())
def test_the_exports_and_the_crf_tag_with_the_one_policy(case):
    text, spans = case
    idx = token_index(text)
    _, columns = tag_columns(text, spans, LABELS, "d/a", lambda *a: None)
    assert columns == [bio.encode(idx, [s for s in spans if s.label == lab]).tags for lab in LABELS]
    assert innermost(text, spans, "d/a", lambda *a: None) == bio.encode(idx, spans).tags
    ex = Example(text, [(s.start, s.end, s.label) for s in spans])
    _, _, tags, _ = prepare((ex, list(LABELS), DEFAULTS, None))
    assert tags == {lab: [t[0] for t in columns[k]] for k, lab in enumerate(LABELS)}


def test_a_claim_keeps_the_actor_inside_it():
    text = "Alice said 1,440 people left ."
    spans = [make_span(text, "s1", "CLAIM", 0, 29), make_span(text, "s2", "ACTOR", 0, 5),
             make_span(text, "s3", "FIGURE", 11, 23)]
    got = bio.encode(token_index(text), spans)
    assert got.tags == ["B-ACTOR", "O", "B-FIGURE", "I-FIGURE", "O", "O"]
    assert [s.id for s in got.left_out] == ["s1"]
