"""The fast reader of canonical files: whatever it accepts, the YAML path accepts with an
equal Annotation; whatever the YAML path refuses, it refuses (and leaves to that path).
``store.parse`` tries the fast reader first, so the YAML path is called with it switched off."""

from __future__ import annotations

import random
import re
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import DATA, ROOT, SEED
from tui import store
from tui.store import canonical
from tui.store import reader as store_yaml
from tui.store.canonical import parse_canonical
from tui.errors import ValidationError
from tui.model import Annotation, Decision, Document, Relation, make_span, sha256_text
from tui.schema import DEFAULT_SCHEMA, QUALIFIERS

SEED_DOC = Document(SEED, (ROOT / "seeds" / f"{SEED}.txt").read_text(encoding="utf-8"))
REAL = [(DATA / "alice.yaml").read_text(encoding="utf-8"), (DATA / "seed_gold.yaml").read_text(encoding="utf-8")]

# Characters and words the writer must escape or quote, and the reader must not misread.
SPECIAL = ['"', "\\", "\\u", "\n", "\r\n", "\t", "\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9f", "\xa0",
           "\u2028", "\u2029", "\ufeff", "\ufffd", "\U0001fffe", "😀", "👩‍👩‍👧", "𝔘", "é", "e\u0301",
           "#", ": ", ", ", "{", "}", "[", "]", "&a", "*a", "!!str", "- ", "'", "%", "@", "`", "~", " "]
WORDS = ["people", "USD", "a - b", "a -", "_", "a/b", "x.y", "a ./-", "yes", "No", "NULL", "on", "y",
         "1", "-1", "012", "1.5", "1e9", "0x1F", ".inf", "2026-01-01", "2026-01-01T00:00:00Z", "", " a", "a ",
         "a  b", "ſ", "s1", "ACTOR", "people ", "1_000", "5:10", "=", "<<", "?", "-", "a#b", "a #b", "a: b"]
chars = st.one_of(st.characters(exclude_categories=["Cs"]), st.sampled_from([c for c in SPECIAL if len(c) == 1]))
free = st.tuples(st.text(chars, max_size=8), st.sampled_from(SPECIAL + [""]), st.text(chars, max_size=4)).map("".join)
word = st.one_of(st.sampled_from(WORDS), free)
number = st.one_of(st.integers(-2**63, 2**63 - 1), st.floats(allow_nan=False, allow_infinity=False),
                   st.sampled_from([1e-05, 1.5e+16, -0.0, 0.0, 5e-324, 1e308, 12.5e9, 100.0, -3]))
names = st.sampled_from(["alice", "B.o_b-2", "0x", "1", "yes", "n", "gold", "a" * 128])
timestamps = st.sampled_from(["", "2026-11-25T10:00:00Z", "2026-11-25T10:00:00.125Z", "1999-12-31T23:59:59Z"])
# What the writer refuses (and both readers refuse): see test_the_writer_refuses_what_readers_refuse.
BAD_TIMESTAMPS = ["yesterday", "2026-01-01", "1", 'a"b\\', "2026-11-25 10:00:00", "2026-13-45T10:00:00Z"]
BAD_IDS = ["", "a b", "é", '"1', "-x", ".hidden", "a/b", "x\x1b]0;pwn\x07", "a" * 129]


@st.composite
def annotations_st(draw):
    """(document, annotation) valid against the default schema, stale now and then."""
    text = draw(st.text(chars, min_size=1, max_size=120)) + draw(st.sampled_from(SPECIAL))
    doc = Document(draw(st.sampled_from(["doc-1", "000_84", "no", "x.y"])), text)
    stale = draw(st.integers(0, 3)) == 0  # offsets and quotes are checked after re-anchoring
    spans = []
    for i in range(draw(st.integers(0, 6))):
        a = draw(st.integers(0, len(text) - 1))
        b = draw(st.integers(a + 1, len(text) + (9 if stale else 0)))
        label = draw(st.sampled_from(["ACTOR", "FIGURE", "CLAIM"]))
        if label == "ACTOR":
            attrs = draw(st.dictionaries(st.just("type"), st.sampled_from(["person", "organisation", "group"])))
        elif label == "FIGURE":
            attrs = draw(st.fixed_dictionaries({}, optional={
                "value": number, "unit": word, "qualifier": st.sampled_from(QUALIFIERS)}))
        else:
            attrs = draw(st.dictionaries(st.just("status"), st.sampled_from(["asserted", "denied"])))
        sid = draw(st.sampled_from([f"s{i + 1}", f"s{i + 1}", f"yes{i}", f"{i}", f"a.b{i}", f"S_{i}", f"x-{i}"]))
        flag = draw(st.sampled_from([None, None, None, "moved", "fuzzy", "lost"]))
        span = make_span(text, sid, label, a, b, attrs=attrs, note=draw(st.one_of(st.none(), free)),
                         source=draw(st.one_of(st.none(), word)),
                         origin=tuple(draw(st.lists(st.one_of(names, word), max_size=3))),
                         edited=draw(st.booleans()), flag=flag)
        if flag == "lost" or stale:  # the quote need not match the article any more
            span = span.with_(text=draw(st.one_of(st.just(span.text or "x"), free.filter(bool))))
        spans.append(span)
    claims = [s for s in spans if s.label == "CLAIM"]
    actors = [s for s in spans if s.label == "ACTOR"]
    relations = [Relation(draw(st.sampled_from([f"r{n}", f"r_{n}", f"{n}.5", f"no{n}"])), "attributed_to", c.id, a.id)
                 for n, (c, a) in enumerate(zip(claims, reversed(actors)), 1)]
    sha = sha256_text(text + "old") if stale else doc.sha256
    chars_ = draw(st.one_of(st.just(len(text)), st.integers(-5, 10**20)))
    decisions = {}
    for _ in range(draw(st.integers(0, 3))):  # margin/2: rejected places (anywhere) and relations
        a = draw(st.integers(0, 10**6))
        d = Decision(draw(st.sampled_from(["ACTOR", "FIGURE", "CLAIM"])), a, a + draw(st.integers(1, 50)),
                     reason=draw(st.one_of(st.none(), free, word)))
        decisions[d.key] = d
    for c, a in zip(claims, actors):
        if draw(st.booleans()):
            d = Decision("attributed_to", source=c.id, target=a.id, reason=draw(st.one_of(st.none(), free)))
            decisions[d.key] = d
    ann = Annotation(doc.id, sha, chars_, draw(names),
                     draw(st.sampled_from(["in_progress", "done"])), draw(timestamps), spans, relations,
                     list(decisions.values()))
    return doc, ann


def same(fast: Annotation, slow: Annotation) -> None:
    """Equal, with equal value types (1 vs 1.0, -0.0 vs 0.0 show in the canonical text)."""
    assert fast == slow
    assert store.dumps(fast) == store.dumps(slow)


def yaml_parse(text: str, doc: Document | None) -> Annotation:
    """``store.parse`` through libyaml only."""
    with mock.patch.object(canonical, "parse_canonical", return_value=None) as fast:
        ann = store.parse(text, "x.yaml", DEFAULT_SCHEMA, doc)
    assert fast.called  # store.parse still asks the fast path first
    return ann


def check(text: str, doc: Document | None) -> Annotation | None:
    """The fast path's result, after checking it against the YAML path."""
    fast = parse_canonical(text, "x.yaml", DEFAULT_SCHEMA, doc)
    if fast is not None:
        same(fast, yaml_parse(text, doc))
    return fast


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None, database=None)
@given(annotations_st())
def test_everything_dumps_writes_takes_the_fast_path(case):
    doc, ann = case
    text = store.dumps(ann)
    for d in (doc, None):
        fast = check(text, d)
        assert fast is not None, text
        same(fast, ann.sorted())


@pytest.mark.parametrize("field", ["annotator", "doc_id", "span", "relation", "updated", "attr"])
@pytest.mark.parametrize("bad", range(6))
def test_the_writer_refuses_what_readers_refuse(field, bad):
    """Every file the writer writes, both readers read: an invalid name, id, timestamp or
    out-of-range number is refused when writing, not discovered when the file is reopened."""
    from dataclasses import replace

    from tui.errors import DataError

    doc = Document("doc-1", "Some text 42 here")
    span = make_span(doc.text, "s1", "FIGURE", 10, 12, attrs={"value": 42})
    rel_span = make_span(doc.text, "s2", "ACTOR", 0, 4)
    claim = make_span(doc.text, "s3", "CLAIM", 0, 17)
    ann = Annotation(doc.id, doc.sha256, len(doc.text), "alice", "in_progress", "", [span, rel_span, claim],
                     [Relation("r1", "attributed_to", "s3", "s2")])
    bad_id = BAD_IDS[bad]
    ann = {"annotator": lambda: replace(ann, annotator=bad_id),
           "doc_id": lambda: replace(ann, doc_id=bad_id),
           "span": lambda: replace(ann, spans=[span.with_(id=bad_id or "")], relations=[]),
           "relation": lambda: replace(ann, relations=[Relation(bad_id, "attributed_to", "s3", "s2")]),
           "updated": lambda: replace(ann, updated=BAD_TIMESTAMPS[bad]),
           "attr": lambda: replace(ann, spans=[span.with_(attrs={"value": [2**63, -2**63 - 1, 10**30, 2**64, -10**19, 10**4000][bad]})],
                                   relations=[]),
           }[field]()
    with pytest.raises(DataError):
        store.dumps(ann)


def test_the_real_files_take_the_fast_path():
    for text in REAL:
        fast = check(text, SEED_DOC)
        assert fast is not None and store.dumps(fast) == text
        assert len(fast.spans) == text.count("\n- id: ") and len(fast.relations) == text.count("\n- {id: r")
        with mock.patch.object(store_yaml, "compose", side_effect=AssertionError("took the YAML path")):
            assert store.parse(text, "x.yaml", DEFAULT_SCHEMA, SEED_DOC) == fast


def test_the_big_generated_file_takes_the_fast_path():
    from bench import gen

    text, ents, links = gen.article("canonical", 40_000)
    doc = Document("big", text)
    ann = gen.annotation(doc, ents, links, "bench", 400)
    dumped = store.dumps(ann)
    assert "\\r\\n" in dumped  # escapes: the slower string path
    fast = check(dumped, doc)
    assert fast is not None and len(fast.spans) == 400 and fast.relations


# What the fast path leaves to the YAML path although it may be valid YAML (the second
# element says whether the YAML path accepts it).
ALICE = REAL[0]
FALLBACK = [
    (ALICE.replace("\n", "\r\n"), True),  # CRLF line ends
    (ALICE.replace("UN estimate", "UN\\/estimate"), True),  # \/ (JSON and YAML escape, never written)
    (ALICE.replace("UN estimate", "\\ud83d\\ude00"), False),  # JSON pairs it, YAML refuses
    (ALICE.replace("UN estimate", "\\x41"), True),  # YAML-only escapes
    (ALICE.replace("UN estimate", "\\e"), True),
    (ALICE.replace("UN estimate", "UN\x85estimate"), True),  # raw NEL: a line break to YAML
    (ALICE.replace("UN estimate", "UN\u2028estimate"), True),
    (ALICE.replace("UN estimate", "UN\testimate"), True),
    (ALICE.replace("UN estimate", "UN\x7festimate"), False),
    (ALICE.replace('note: "UN estimate"', "note: 'UN estimate'"), True),  # single quotes
    (ALICE.replace('note: "UN estimate"', 'note:  "UN estimate"'), True),  # extra space
    (ALICE.replace('note: "UN estimate"', 'note: "UN estimate" # why'), True),  # a comment
    (ALICE.replace("spans:\n", "# x\nspans:\n"), True),
    # YAML 1.1-only number and boolean forms change meaning between readers: refused (#13)
    (ALICE.replace("value: 1440", "value: 0x5A0"), False),
    (ALICE.replace("value: 1440", "value: 1_440"), False),
    (ALICE.replace("value: 1440", "value: 02640"), False),  # octal 1440
    (ALICE.replace("value: 1440", "value: 24:00"), False),  # sexagesimal 1440
    (ALICE.replace("value: 1440", "value: .inf"), False),
    (ALICE.replace("value: 1440", "value: +1440"), False),
    (ALICE.replace("value: 1440", "value: \"02640\""), False),  # a string where a number goes
    (ALICE.replace("value: 1440", "value: 1440.0e0"), False),  # a string to YAML 1.1
    (ALICE.replace("{type: government}", "{type: government, }"), True),
    (ALICE[:ALICE.index("relations:")] + "relations:\n", True),  # null
    (ALICE[:ALICE.index("relations:")], True),  # absent
    (ALICE.replace('note: "UN estimate"', "note: null"), True),
    (ALICE.replace('note: "UN estimate"', 'note: "UN estimate"\n  edited: yes'), False),
    (ALICE.replace('note: "UN estimate"', 'note: "UN estimate"\n  edited: True'), False),
    (ALICE.replace('note: "UN estimate"', 'note: "UN estimate"\n  edited: false'), True),
    (ALICE + "...\n", True),
    (ALICE.rstrip("\n"), True),
]


@pytest.mark.parametrize("text,valid", FALLBACK, ids=range(len(FALLBACK)))
def test_other_forms_fall_back_to_the_yaml_path(text, valid):
    assert text != ALICE
    fast = parse_canonical(text, "x.yaml", DEFAULT_SCHEMA, SEED_DOC)
    try:
        slow = yaml_parse(text, SEED_DOC)
    except ValidationError:
        slow = None
    assert (slow is not None) == valid
    assert fast is None


# Forms dumps does not write that the fast path still reads, as YAML does.
EQUAL = [
    ALICE.replace("UN estimate", "UN \\u00e9stimate"),
    ALICE.replace("{type: government}", '{"type": "government"}'),
    ALICE.replace("- id: s1\n", '- id: "s1"\n').replace("label: FIGURE", 'label: "FIGURE"'),
    ALICE.replace("updated: 2026-11-25T10:00:00Z", 'updated: "2026-11-25T10:00:00Z"'),
    ALICE.replace("updated: 2026-11-25T10:00:00Z\n", ""),
    ALICE.replace('note: "UN estimate"', "note: UN estimate"),
]


@pytest.mark.parametrize("text", EQUAL, ids=range(len(EQUAL)))
def test_equal_forms_are_read_alike(text):
    assert text != ALICE
    assert check(text, SEED_DOC) is not None


def _span_to_the_end() -> str:
    """ALICE plus a span that ends where the article ends."""
    ann = store.parse(ALICE, "x.yaml", DEFAULT_SCHEMA, SEED_DOC)
    n = len(SEED_DOC.text)
    ann.spans.append(make_span(SEED_DOC.text, "s10", "CLAIM", n - 9, n))
    return store.dumps(ann)


END = len(SEED_DOC.text)
TO_END = _span_to_the_end()


# Invalid files both paths must refuse.
REFUSED = [
    ALICE.replace("{type: government}", "{type: government, type: group}"),
    ALICE.replace("{id: r2,", "{id: r1,"),
    ALICE.replace("{id: r2,", "{id: s3,"),
    ALICE.replace("- id: s9\n", "- id: yes\n"),
    ALICE.replace("- id: s9\n", '- id: ""\n'),
    ALICE.replace('note: "UN estimate"', "note: No"),
    ALICE.replace('note: "UN estimate"', "note: 2026-01-01"),
    ALICE.replace('note: "UN estimate"', "note: \"\\ud800\""),
    ALICE.replace('note: "UN estimate"', 'note: "UN estimate"\n  flag: On'),
    ALICE.replace('note: "UN estimate"', 'note: "UN estimate"\n  flag: lost\n  flag: lost'),
    ALICE.replace("chars: 3458", "chars: 03458"),
    ALICE.replace("start: 310", "start: -0"),
    ALICE.replace("value: 1440", "value: .inf"),
    ALICE.replace("value: 1440", "value: 1.0e+999"),
    ALICE.replace("value: 1440", "value: yes"),
    ALICE.replace("unit: people", "unit: 12"),
    ALICE.replace('prefix: "on-dollar cyber-fraud industry.\\n"', 'prefix: "on-dollar cyber-fraud industry.\\n!"'),
    ALICE.replace("annotator: alice", "annotator: \"-alice\""),
    ALICE.replace("status: in_progress", "status: \"done \""),
    TO_END.replace(f"end: {END}\n", f"end: {END + 1}\n"),  # the quote still equals text[start:end]
]


@pytest.mark.parametrize("text", REFUSED, ids=range(len(REFUSED)))
def test_invalid_files_are_refused_by_both_paths(text):
    assert text != ALICE
    with pytest.raises(ValidationError):
        yaml_parse(text, SEED_DOC)
    assert parse_canonical(text, "x.yaml", DEFAULT_SCHEMA, SEED_DOC) is None


def test_a_span_to_the_end_of_the_article_and_a_stale_file_take_the_fast_path():
    assert check(TO_END, SEED_DOC).spans[-1].end == END
    stale = ALICE.replace('sha256: "227c', 'sha256: "127c').replace("end: 343", "end: 99999")
    assert check(stale, SEED_DOC).span_by_id()["s1"].end == 99999


# ----------------------------------------------------------------------------- mutation fuzz

HOSTILE = ["yes", "no", '"yes"', "null", "~", "", '""', "1", "-1", "-0", "0", "012", "1.5", "1e-05", "1.0e-05",
           "1.5e+16", "-0.0", ".inf", "1.0e+999", "99999999999999999999", "2026-01-01", "2026-01-01T00:00:00Z",
           "&a x", "*a", "!!str x", "[s1]", "{a: b}", "s1", "s3", "r1", "ACTOR", "CLAIM", "FIGURE",
           "attributed_to", "lost", "moved", "true", "exact", "people", "a b", "a  b", "a #b", "x # c",
           '"\\ud800"', '"\\udc00x"', '"\\ud83d\\ude00"', '"\\/"', '"\\x41"', '"\\e"', '"\\u0041"', '"\\N"',
           '"a\\"b"', '"a\\\\"', '"\\"', '"a" "b"', "'a'", '"\x85"', '"\u2028"', '"\t"', '"\x7f"',
           "|", ">", "? x", "'", '"', "}", "]", ",", ":", "\\", "%x"]
SURPRISES = ["yes", "No", "TRUE", "off", "On", "null", "Null", "~", "", "1", "-0", "012", "0o17", "0x1F", "1_0",
             "1.5", "1e3", "1.0e5", "1.5E+3", "-.inf", ".NaN", "2026-01-01", "2026-01-01 10:00:00", "5:10",
             "<<", "=", "!x", "&a", "*a"]
RAW = ["\x85", "\u2028", "\ufeff", "\t", "\r", "\x00", "\x7f", "\ud800", "\\", '"', "\\u0085", "\\ud800",
       "\\/", " ", "#", ": ", ", ", "\n", "\n  ", "-", "{", "}"]
VALUE = re.compile(r"(?<=: )[^\n,{}\[\]]*|(?<=\[)[^\n,\]]*|(?<=, )[^\n,}\]]*")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]\d+)?")


def mutate(rng: random.Random, text: str) -> str:
    """``text`` with 1-3 edits: a character, a value, a number, a line, a quoting change."""
    for _ in range(rng.randint(1, 3)):
        kind = rng.randrange(12)
        i = rng.randrange(len(text) + 1)
        if kind == 0:
            text = text[:i] + rng.choice(RAW) + text[i:]
        elif kind == 1:
            text = text[:i] + text[i + rng.randint(1, 3):]
        elif kind == 2 and i < len(text):
            text = text[:i] + rng.choice(RAW + ["a", "0", "9", "s"]) + text[i + 1:]
        elif kind in (3, 4, 11):  # a value becomes something else (a YAML 1.1 surprise often)
            m = rng.choice(list(VALUE.finditer(text)) or [None])
            if m:
                text = text[:m.start()] + rng.choice(HOSTILE if kind != 11 else SURPRISES) + text[m.end():]
        elif kind == 5:
            m = rng.choice(list(NUMBER.finditer(text)) or [None])
            if m:
                new = rng.choice([str(int(float(m.group())) + rng.randint(-3, 3)), "-" + m.group(), "0" + m.group(),
                                  m.group() + ".0", m.group() + "0"])
                text = text[:m.start()] + new + text[m.end():]
        elif kind == 6:  # duplicate, drop, move or swap lines
            lines = text.split("\n")
            a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
            op = rng.randrange(4)
            if op == 0:
                lines.insert(b, lines[a])
            elif op == 1:
                del lines[a]
            elif op == 2:
                lines.insert(b, lines.pop(a))
            else:
                lines[a], lines[b] = lines[b], lines[a]
            text = "\n".join(lines)
        elif kind == 7:  # unquote / quote a value
            m = rng.choice(list(re.finditer(r'"([^"\\\n]*)"', text)) or [None])
            if m:
                text = text[:m.start()] + m.group(1) + text[m.end():]
        elif kind == 8:
            m = rng.choice(list(re.finditer(r"(?<=: )[A-Za-z_][^\n,{}]*", text)) or [None])
            if m:
                text = text[:m.start()] + f'"{m.group()}"' + text[m.end():]
        elif kind == 9:  # an item of a flow collection twice
            m = rng.choice(list(re.finditer(r"[{\[]([^,\n}\]]+)", text)) or [None])
            if m:
                text = text[:m.end()] + ", " + m.group(1) + text[m.end():]
        else:  # an id becomes another id of the file
            ids = re.findall(r"(?<=id: )[^\n,}]+", text)
            m = rng.choice(list(re.finditer(r"(?<=id: |om: |to: )[^\n,}]+", text)) or [None])  # id, from, to
            if m and ids:
                text = text[:m.start()] + rng.choice(ids) + text[m.end():]
    return text


def _bases():
    """(canonical text, document) pairs to mutate: the real files and generated ones."""
    stale = REAL[0].replace('sha256: "227c', 'sha256: "127c')  # an older article: offsets unchecked
    out = [(REAL[0], SEED_DOC), (REAL[1], SEED_DOC), (stale, SEED_DOC)]
    rng = random.Random(7)
    pieces = ["ab ", "C", "1,5 ", "\n", "😀", '"', "\\", "\x85", "é", "\r\n"]
    for n in range(6):
        text = "".join(rng.choice(pieces) for _ in range(60))
        doc = Document(f"d{n}", text)
        spans = []
        for i in range(6):
            a = rng.randrange(len(text) - 1)
            b = rng.choice([len(text), rng.randint(a + 1, len(text))])
            label = rng.choice(["ACTOR", "FIGURE", "CLAIM"])
            attrs = {"ACTOR": {"type": "person"}, "CLAIM": {"status": "denied"},
                     "FIGURE": {"value": rng.choice([3, -0.0, 1.5e16, 1e-05]),
                                "unit": rng.choice(["a b", "1", "yes"])}}[label]
            spans.append(make_span(text, f"s{i + 1}", label, a, b, attrs=attrs,
                                   note=rng.choice([None, "n", 'q"\\\x85']), source=rng.choice([None, "suggest"]),
                                   origin=rng.choice([(), ("alice", "0x")]), edited=rng.random() < 0.3,
                                   flag=rng.choice([None, "moved", "lost"])))
        claims = [s.id for s in spans if s.label == "CLAIM"]
        actors = [s.id for s in spans if s.label == "ACTOR"]
        rels = [Relation(f"r{k}", "attributed_to", c, a) for k, (c, a) in enumerate(zip(claims, actors), 1)]
        decisions = [Decision("CLAIM", 3, 9, reason=rng.choice([None, "too long", 'q"\\\x85'])),
                     Decision("ACTOR", 0, 4)]
        if rels:
            decisions.append(Decision("attributed_to", source=claims[-1], target=actors[0], reason="wrong actor"))
        out.append((store.dumps(Annotation(doc.id, doc.sha256, len(text), "gold", "done",
                                           "2026-11-25T10:00:00Z", spans, rels, decisions if n % 2 else [])), doc))
    return out


def test_mutations_never_make_the_fast_path_accept_what_yaml_refuses():
    rng = random.Random(20261125)
    bases = _bases()
    for text, doc in bases:
        assert check(text, doc) is not None
    taken = refused = 0
    for n in range(2000):
        text, doc = bases[n % len(bases)]
        mutated = mutate(rng, text)
        for d in (doc, None) if n % 2 else (doc,):
            try:
                fast = check(mutated, d)
            except (AssertionError, ValidationError) as e:  # unequal, or accepted only by the fast path
                raise AssertionError(f"case {n} (doc={d is not None}): {e!r}\n{mutated}") from e
            if fast is None:
                refused += 1
            elif mutated != text:
                taken += 1
    assert taken > 150 and refused > 1000, (taken, refused)


def test_margin_2_only_where_decisions_are_kept():
    """Files without decisions are still written (and read) as margin/1, byte for byte; a file
    with decisions says margin/2, and margin/1 with a decisions section is refused by both paths."""
    v1 = REAL[1]
    gold = check(v1, SEED_DOC)
    assert v1.startswith("format: margin/1\n") and store.dumps(gold) == v1
    gold.decisions = [Decision("CLAIM", 349, 404, reason="truncated: “1,440” is cut"),
                      Decision("attributed_to", source=gold.relations[0].source,
                               target=gold.relations[0].target, reason=None)]
    v2 = store.dumps(gold)
    assert v2.startswith("format: margin/2\n")
    assert v2.endswith("decisions:\n- {decision: rejected, label: CLAIM, start: 349, end: 404, "
                       "reason: \"truncated: “1,440” is cut\"}\n"
                       f"- {{decision: rejected, label: attributed_to, from: {gold.relations[0].source}, "
                       f"to: {gold.relations[0].target}}}\n")
    fast = check(v2, SEED_DOC)
    assert fast is not None and fast.decisions == gold.sorted().decisions
    bad = v2.replace("format: margin/2", "format: margin/1")
    assert parse_canonical(bad, "x.yaml", DEFAULT_SCHEMA, SEED_DOC) is None
    with pytest.raises(ValidationError, match=r"x.yaml:\d+: decisions need format margin/2"):
        yaml_parse(bad, SEED_DOC)


@pytest.mark.parametrize("line,problem", [
    ("- {decision: accepted, label: CLAIM, start: 1, end: 2}", "unknown decision 'accepted'"),
    ("- {decision: rejected, label: PLACE, start: 1, end: 2}", "unknown label 'PLACE'"),
    ("- {decision: rejected, label: CLAIM, start: 5, end: 2}", "end 2 must be greater than start 5"),
    ("- {decision: rejected, label: CLAIM, start: 1}", "give either start and end"),
    ("- {decision: rejected, label: attributed_to, from: s1, to: nope}", "to 'nope' is not the id of a span"),
    ("- {decision: rejected, label: CLAIM, start: 1, end: 2, reason: no}", "reason must be a string"),
])
def test_bad_decisions_are_refused_with_their_line(line, problem):
    text = REAL[1].replace("format: margin/1", "format: margin/2") + "decisions:\n" + line + "\n"
    assert parse_canonical(text, "x.yaml", DEFAULT_SCHEMA, SEED_DOC) is None
    with pytest.raises(ValidationError) as e:
        yaml_parse(text, SEED_DOC)
    n = text.count("\n")
    assert any(p.startswith(f"x.yaml:{n}: ") and problem in p for p in e.value.problems), e.value.problems
