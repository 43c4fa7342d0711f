"""Property: save -> load is the identity for any valid annotation set (astral text too)."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui import store
from tui.model import Annotation, Document, Relation, make_span
from tui.schema import DEFAULT_SCHEMA, QUALIFIERS

text_st = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=200)
free_st = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)


@st.composite
def annotations_st(draw):
    text = draw(text_st)
    doc = Document("doc-1", text)
    n = draw(st.integers(0, 8))
    spans = []
    for i in range(n):
        a = draw(st.integers(0, len(text) - 1))
        b = draw(st.integers(a + 1, len(text)))
        label = draw(st.sampled_from(["ACTOR", "FIGURE", "CLAIM"]))
        if label == "ACTOR":
            attrs = draw(st.dictionaries(st.just("type"), st.sampled_from(["person", "organisation", "group"])))
        elif label == "FIGURE":
            attrs = draw(st.fixed_dictionaries({}, optional={
                "value": st.one_of(st.integers(-10**18, 10**18), st.floats(allow_nan=False, allow_infinity=False)),
                "unit": free_st,
                "qualifier": st.sampled_from(QUALIFIERS),
            }))
        else:
            attrs = draw(st.dictionaries(st.just("status"), st.sampled_from(["asserted", "denied"])))
        note = draw(st.one_of(st.none(), free_st))
        spans.append(make_span(text, f"s{i + 1}", label, a, b, attrs=attrs, note=note))
    claims = [s for s in spans if s.label == "CLAIM"]
    actors = [s for s in spans if s.label == "ACTOR"]
    relations = []
    if claims and actors and draw(st.booleans()):
        relations.append(Relation("r1", "attributed_to", claims[0].id, actors[-1].id))
    status = draw(st.sampled_from(["in_progress", "done"]))
    ann = Annotation("doc-1", doc.sha256, len(text), draw(st.sampled_from(["alice", "B.o_b-2", "0x"])),
                     status, "2026-11-25T10:00:00Z", spans, relations)
    return doc, ann


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(annotations_st())
def test_dump_then_parse_is_identity(case):
    doc, ann = case
    text = store.dumps(ann)
    back = store.parse(text, "x.yaml", DEFAULT_SCHEMA, doc)
    assert back == ann.sorted()
    # PyYAML's own safe loaders (C and pure) read the same data
    pure = yaml.load(text, Loader=yaml.SafeLoader)
    assert [s["text"] for s in pure["spans"]] == [s.text for s in back.spans]
    assert store.dumps(back) == text  # stable


def test_emoji_and_astral_text_are_readable_in_the_file():
    text = "Say 👩‍👩‍👧 and 𝔘𝔫𝔦 — “quoted” \u0085 bell\x07"
    doc = Document("d", text)
    ann = Annotation("d", doc.sha256, len(text), "alice", spans=[make_span(text, "s1", "ACTOR", 4, 12)])
    out = store.dumps(ann)
    assert "👩‍👩‍👧" in out and "𝔘𝔫𝔦" in out and "“quoted”" in out  # not \U escapes
    assert "\x07" not in out and "\x85" not in out
    assert store.parse(out, "x", DEFAULT_SCHEMA, doc).spans == ann.spans
