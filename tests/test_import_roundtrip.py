"""YAML -> brat -> YAML and YAML -> jsonl -> YAML are the identity (overlaps, emoji, CRLF);
YAML -> CoNLL -> YAML gives back the token-aligned spans."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SEED
from tui import store
from tui.cli import main
from tui.export import brat, jsonl
from tui.importers import Reading, read, to_annotation
from tui.model import Annotation, Document, Relation, make_span
from tui.schema import DEFAULT_SCHEMA, QUALIFIERS

PIECES = ["Police", " said ", "1,440", ".", " ", "\r\n", "\n", "\t", "👍", "👩‍👩‍👧", "e\u0301", "\u2028",
          "\x85", "%", "|", ",", "\\", "’s"]
# what tui.corpus.read_text accepts as an article: no NUL, no leading byte-order mark
char_st = st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
text_st = st.lists(st.one_of(st.sampled_from(PIECES), char_st), min_size=1, max_size=40).map("".join) \
    .filter(lambda t: not t.startswith("\ufeff"))
free_st = st.text(st.characters(exclude_categories=["Cs"]), max_size=20)


@st.composite
def annotations_st(draw, status=True):
    text = draw(text_st)
    doc = Document("doc-1", text)
    spans = []
    for i in range(draw(st.integers(0, 8))):
        a = draw(st.integers(0, len(text) - 1))
        b = draw(st.integers(a + 1, len(text)))
        label = draw(st.sampled_from(["ACTOR", "FIGURE", "CLAIM"]))
        if label == "ACTOR":
            attrs = draw(st.dictionaries(st.just("type"), st.sampled_from(["person", "organisation"])))
        elif label == "FIGURE":
            attrs = draw(st.fixed_dictionaries({}, optional={
                "value": st.one_of(st.integers(-10**18, 10**18), st.floats(allow_nan=False, allow_infinity=False)),
                "unit": free_st.filter(bool),  # brat cannot hold an empty value (reported on export)
                "qualifier": st.sampled_from(QUALIFIERS)}))
        else:
            attrs = draw(st.dictionaries(st.just("status"), st.sampled_from(["asserted", "denied"])))
        spans.append(make_span(text, f"s{i + 1}", label, a, b, attrs=attrs,
                               note=draw(st.one_of(st.none(), free_st))))
    claims = [s for s in spans if s.label == "CLAIM"]
    actors = [s for s in spans if s.label == "ACTOR"]
    relations = [Relation(f"r{k + 1}", "attributed_to", c.id, draw(st.sampled_from(actors)).id)
                 for k, c in enumerate(claims) if actors and draw(st.booleans())]
    ann = Annotation("doc-1", doc.sha256, len(text), "alice",
                     draw(st.sampled_from(["in_progress", "done"])) if status else "in_progress",
                     "2026-11-25T10:00:00Z", spans, relations)
    return doc, ann


def read_back(fmt: str, files: dict[str, bytes], doc) -> Annotation:
    with tempfile.TemporaryDirectory() as d:
        for name, data in files.items():
            (Path(d) / name).write_bytes(data)
        reading = Reading(DEFAULT_SCHEMA)
        incoming = read(fmt, Path(d), reading)
        assert not reading.problems, reading.problems
        (inc,) = incoming
        back = to_annotation(inc, doc, "alice", reading)
        assert not reading.problems and back is not None, reading.problems
        return back


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(annotations_st(status=False))
def test_brat_roundtrip_is_identity(case):
    doc, ann = case
    files = {"doc-1.txt": doc.text.encode("utf-8"),
             "doc-1.ann": brat.ann_text(doc.text, ann.sorted()).encode("utf-8")}
    back = read_back("brat", files, doc)
    assert store.dumps(replace(back, updated=ann.updated)) == store.dumps(ann)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(annotations_st(), st.booleans())
def test_jsonl_roundtrip_is_identity(case, provenance):
    doc, ann = case
    if provenance:  # gold files: from/edited/source survive too
        ann = replace(ann, spans=[replace(s, origin=("alice", "bob"), edited=True, source="suggest") for s in ann.spans])
    extra = jsonl.OPTIONAL if provenance else ()
    line = jsonl.dumps(jsonl.record_obj(doc, ann.sorted(), extra))
    back = read_back("jsonl", {"x.jsonl": line.encode("utf-8")}, doc)
    assert store.dumps(back) == store.dumps(ann)


def test_seed_through_every_format(capsys, corpus_dir, alice_file):
    """The real commands: export the seed, import it as bob, compare with alice's file."""
    alice = store.load(alice_file).annotation
    for fmt, sub in (("brat", "alice"), ("jsonl", ""), ("conll", "")):
        out = corpus_dir / f"out-{fmt}"
        assert main(["export", "--corpus", str(corpus_dir), "--format", fmt, "--out", str(out), "--annotator", "alice"]) == 0
        name = f"bob-{fmt}"
        assert main(["import", "--corpus", str(corpus_dir), "--format", fmt, str(out / sub), "--annotator", name]) == 0
        assert f"imported 1 document(s) as {name}: 9 span(s)" in capsys.readouterr().out
        back = store.load(corpus_dir / "annotations" / SEED / f"{name}.yaml").annotation
        if fmt == "conll":  # spans only: labels and offsets
            assert [(s.label, s.start, s.end, s.text) for s in back.sorted().spans] == \
                [(s.label, s.start, s.end, s.text) for s in alice.sorted().spans]
            assert back.relations == [] and all(not s.attrs for s in back.spans)
        else:
            same = replace(back, annotator="alice", updated=alice.updated)
            assert store.dumps(same) == store.dumps(alice)


@given(annotations_st(), st.lists(st.sampled_from([0, 1, 2, 3]), unique=True).map(sorted),
       st.sampled_from(["codepoints", "utf16"]), st.sampled_from(["no span", "every span", "some spans"]))
def test_jsonl_line_formatted_in_the_map_is_the_dumped_record(case, keys, unit, provenance):
    """export formats each jsonl record where it parses it (tui/export/records.py), in UTF-8,
    and adds the optional span keys afterwards (a record without them gets the defaults,
    as when another record of the export has them): the same bytes as dumping the whole
    record."""
    doc, ann = case
    ann = ann.sorted()
    if provenance == "every span":
        ann = replace(ann, spans=[replace(s, origin=("alice", "bob"), edited=True, source="sug\u2028gest",
                                          flag="fuzzy") for s in ann.spans])
    elif provenance == "some spans":
        ann = replace(ann, spans=[replace(s, origin=("élise",), source="sugg\x85est") if i % 2 else s
                                  for i, s in enumerate(ann.spans)])
    labels = tuple(DEFAULT_SCHEMA.labels)
    line = jsonl.format_record(doc, ann, DEFAULT_SCHEMA, labels, {"offsets": unit})
    extra = tuple(jsonl.OPTIONAL[k] for k in keys)
    assert line.with_keys(tuple(keys)) == jsonl.dumps(jsonl.record_obj(doc, ann, extra, unit=unit)).encode("utf-8")
    used = {"no span": set(), "every span": {0, 1, 2, 3}, "some spans": {0, 1}}[provenance]
    assert line.used == (used if len(ann.spans) > (provenance == "some spans") else set())
