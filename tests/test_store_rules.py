"""One set of span, relation and decision rules (tui/store/rules.py) for both readers.

Generated files break the rules in every way the rules know; for each, the rules' own
verdict decides: a file they pass is read alike by the fast reader of canonical files and
the YAML reader; a file they fail is refused by the fast reader and refused by the YAML
reader with exactly the rules' message on the line of the field at fault.
"""

from __future__ import annotations

import inspect
from dataclasses import fields, replace
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui import store
from tui.store import canonical
from tui.store import rules as store_rules
from tui.store.canonical import parse_canonical
from tui.store.canonical_spans import _BLOCK
from tui.errors import ValidationError
from tui.model import Annotation, Decision, Document, Relation, Span, make_span, span_of
from tui.names import is_name
from tui.schema import DEFAULT_SCHEMA
from tui.store.yamlio import scalar

TEXT = "The ministry said 1,440 workers were deported.\nOfficials denied it. 😀 Done."
DOC = Document("doc-1", TEXT)
SETTINGS = settings(max_examples=120, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


def yaml_parse(text: str, doc: Document | None):
    """The YAML reader's verdict: an Annotation, or its list of problems."""
    with mock.patch.object(canonical, "parse_canonical", return_value=None):
        try:
            return store.parse(text, "x.yaml", DEFAULT_SCHEMA, doc)
        except ValidationError as e:
            return e.problems


def line_of(text: str, block: int, key: str, prefix: str = "- id: ") -> int:
    """The line (1-based) of ``key`` in the ``block``-th item starting with ``prefix``."""
    n = -1
    for i, line in enumerate(text.split("\n"), 1):
        if line.startswith(prefix):
            n += 1
        if n == block and (line.startswith(f"  {key}: ") or key == "id" and line.startswith(prefix)):
            return i
    raise AssertionError(f"no {key} in block {block}")


@st.composite
def spans(draw):
    """Spans over TEXT breaking the span rules now and then (ids stay names: their grammar
    is names.py's, tested there)."""
    out = []
    n = draw(st.integers(1, 4))
    for i in range(n):
        start = draw(st.integers(0, len(TEXT) - 1)) if draw(st.integers(0, 9)) else draw(st.integers(-3, -1))
        end = (draw(st.integers(start + 1, len(TEXT))) if draw(st.integers(0, 5)) else
               draw(st.one_of(st.integers(start - 2, start), st.integers(len(TEXT) + 1, len(TEXT) + 3))))
        label = draw(st.sampled_from(["ACTOR", "FIGURE", "CLAIM"] * 3 + ["PLACE", "actor"]))
        sid = f"s{i + 1}" if draw(st.integers(0, 5)) else draw(st.sampled_from(["s1", "x.1", "T9"]))
        span = make_span(TEXT, sid, label, max(start, 0), max(end, 0),
                         flag=draw(st.sampled_from([None] * 6 + ["moved", "lost", "gone"])))
        span = replace(span, start=start, end=end)
        if not draw(st.integers(0, 6)):
            span = replace(span, text=draw(st.sampled_from(["", "x", TEXT[:5], span.text + " "])))
        if not draw(st.integers(0, 6)):
            span = replace(span, prefix=draw(st.sampled_from(["p" * 32, "p" * 33])))
        if not draw(st.integers(0, 6)):
            span = replace(span, suffix=draw(st.sampled_from(["s" * 31, "s" * 40])))
        out.append(span)
    return out


def file_of(spans: list[Span], relations=(), decisions=(), sha: str = DOC.sha256) -> str:
    return store.dumps(Annotation(DOC.id, sha, len(TEXT), "alice", "in_progress", "", spans, list(relations),
                                  list(decisions)))


def both_readers(text: str, expected: list) -> list[str] | None:
    """Both readers on ``text``: the same annotation when no problem is ``expected``
    (None), else both refuse it and the YAML reader's problems are returned."""
    fast = parse_canonical(text, "x.yaml", DEFAULT_SCHEMA, DOC)
    slow = yaml_parse(text, DOC)
    if not expected:
        assert fast is not None and fast == slow
        return None
    assert fast is None and isinstance(slow, list)
    return slow


@SETTINGS
@given(spans(), st.booleans())
def test_both_readers_apply_the_span_rules(spans, stale):
    sha = "0" * 64 if stale else DOC.sha256
    text = file_of(spans, sha=sha)
    ordered = Annotation(DOC.id, sha, 0, "a", spans=spans).sorted().spans
    rows = [(s.id, s.label, s.start, s.end, s.text, s.prefix, s.suffix, s.flag) for s in ordered]
    expected = store_rules.span_problems(DEFAULT_SCHEMA, {}, rows, None if stale else TEXT)
    fast = parse_canonical(text, "x.yaml", DEFAULT_SCHEMA, DOC)
    slow = yaml_parse(text, DOC)
    if not expected:
        assert fast is not None and isinstance(slow, Annotation) and fast == slow, (text, slow)
        return
    assert fast is None
    assert isinstance(slow, list)
    for i, key, problem in expected:
        what = "" if key == "id" else f"span {ordered[i].id}: "
        assert f"x.yaml:{line_of(text, i, key)}: {what}{problem}" in slow, (key, problem, slow)


@SETTINGS
@given(spans(), st.lists(st.tuples(st.sampled_from(["r1", "r2", "s1"]), st.sampled_from(["attributed_to", "cites"]),
                                   st.sampled_from(["s1", "s2", "s9"]), st.sampled_from(["s1", "s3", "s9"])),
                         max_size=3))
def test_both_readers_apply_the_relation_rules(spans, rels):
    spans = [make_span(TEXT, f"s{i}", s.label if s.label in DEFAULT_SCHEMA.labels else "CLAIM", 0, 5)
             for i, s in enumerate(spans, 1)]
    relations = [Relation(*r) for r in rels]
    text = file_of(spans, relations)
    labels = {s.id: s.label for s in spans}
    ids, expected = set(labels), []
    for n, r in enumerate(Annotation(DOC.id, "", 0, "a", relations=relations).sorted().relations):
        what, rdef = f"relation {r.id}", DEFAULT_SCHEMA.relations.get(r.label)
        if problem := store_rules.duplicate_id_problem(r.id, ids):
            expected.append((n, "id", problem))
        ids.add(r.id)
        if problem := store_rules.relation_label_problem(DEFAULT_SCHEMA, r.label):
            expected.append((n, "label", f"{what}: {problem}"))
        for key, ref in (("from", r.source), ("to", r.target)):
            if problem := store_rules.endpoint_problem(key, ref, labels, r.label, rdef):
                expected.append((n, key, f"{what}: {problem}"))
    slow = both_readers(text, expected)
    if slow is None:
        return
    first = text.split("\n").index("relations:") + 2
    assert sorted(slow) == sorted(f"x.yaml:{first + n}: {problem}" for n, _, problem in expected)


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(["CLAIM", "PLACE", "attributed_to"]), st.integers(-2, 4),
                          st.integers(-2, 6)), min_size=1, max_size=4))
def test_both_readers_apply_the_decision_rules(raw):
    claim, actor = make_span(TEXT, "s1", "CLAIM", 0, 20), make_span(TEXT, "s2", "ACTOR", 4, 12)
    decisions = {}
    for label, a, b in raw:
        d = (Decision(label, source="s1", target="s2" if b > 0 else "s1") if label == "attributed_to"
             else Decision(label, a, b))
        decisions.setdefault(d.key, d)
    text = file_of([claim, actor], decisions=list(decisions.values()))
    ordered = Annotation(DOC.id, "", 0, "a", decisions=list(decisions.values())).sorted().decisions
    expected = []
    for n, d in enumerate(ordered):
        if d.is_span:
            problem = store_rules.label_problem(DEFAULT_SCHEMA, d.label)
            bad = store_rules.bounds_problem(d.start, d.end)
            expected += [p for p in (problem, bad and bad[1]) if p]
        else:
            rdef = DEFAULT_SCHEMA.relations[d.label]
            labels = {"s1": "CLAIM", "s2": "ACTOR"}
            expected += [p for p in (store_rules.endpoint_problem("from", d.source, labels, d.label, rdef),
                                     store_rules.endpoint_problem("to", d.target, labels, d.label, rdef)) if p]
    slow = both_readers(text, expected)
    if slow is None:
        return
    assert sorted(p.split(": ", 2)[2] for p in slow) == sorted(expected)


def test_the_rules_speak_for_the_writer_too():
    """What the writer refuses in a timestamp is the rule's own message."""
    ann = Annotation(DOC.id, DOC.sha256, len(TEXT), "alice", updated="yesterday")
    assert store.writable_problem(ann) == store_rules.updated_problem("yesterday")


@given(st.lists(st.one_of(st.none(), st.booleans(), st.text(max_size=5)), min_size=13, max_size=13))
def test_span_of_is_the_dataclass(values):
    """span_of, the readers' fast constructor, gives the very Span its fields make."""
    assert [f.name for f in fields(Span)] == list(inspect.signature(span_of).parameters)
    a, b = span_of(*values), Span(*values)
    assert a == b and repr(a) == repr(b) and vars(a) == vars(b)
    if not isinstance(values[7], (list, dict)):
        assert hash(a) == hash(b)


@given(st.from_regex(r"s[1-9][0-9]{0,126}", fullmatch=True))
def test_the_ids_margin_allocates_are_names_and_plain_yaml(sid):
    """The fast reader takes an id of this form without asking names.py or the YAML rules."""
    assert is_name(sid) and scalar(sid) == sid
    assert _BLOCK.pattern.startswith(r"(?:(s[1-9][0-9]{0,126})|")


@st.composite
def timestamps(draw):
    """``updated`` values in every form YAML reads as a timestamp, UTC or not, plain or
    quoted, real dates or not (issue 24.8: PyYAML writes ``2026-12-06 18:05:08+00:00``)."""
    y, mo, d = draw(st.integers(1990, 2099)), draw(st.integers(1, 13)), draw(st.integers(1, 32))
    h, mi, s = draw(st.integers(0, 24)), draw(st.integers(0, 59)), draw(st.integers(0, 59))
    pad = draw(st.booleans())
    date = f"{y}-{mo:02}-{d:02}" if pad else f"{y}-{mo}-{d}"
    sep = draw(st.sampled_from(["T", "t", " ", "  "]))
    frac = draw(st.sampled_from(["", ".5", ".123456", "."]))
    zone = draw(st.sampled_from(["Z", "+00:00", "-00:00", "+00", "+0", " Z", "", "+01:00", "z", "+0000"]))
    value = f"{date}{sep}{h:02}:{mi:02}:{s:02}{frac}{zone}"
    return f'"{value}"' if draw(st.booleans()) else value


@SETTINGS
@given(timestamps())
def test_both_readers_accept_every_unambiguous_utc_updated(raw):
    from tui.store.yamlio import utc_timestamp

    text = file_of([]).replace("\nspans:", f"\nupdated: {raw}\nspans:", 1)
    value = raw.strip('"')
    problem = store_rules.updated_problem(value)
    slow = yaml_parse(text, DOC)
    fast = parse_canonical(text, "x.yaml", DEFAULT_SCHEMA, DOC)
    if problem is None:
        assert isinstance(slow, Annotation) and slow.updated == utc_timestamp(value)
        assert slow.updated.endswith("Z") and "T" in slow.updated
        assert fast == slow  # the fast reader reads it too, alike
    else:
        assert fast is None and isinstance(slow, list) and any(problem in p for p in slow)
    zero = value.rstrip().endswith(("Z", "+00:00", "-00:00", "+00", "+0"))
    assert (problem is None) == (zero and utc_timestamp(value) is not None)


def test_a_pyyaml_rewritten_file_is_read():
    """A file edited with a script: PyYAML writes ``updated`` as a datetime."""
    import datetime

    import yaml

    data = yaml.safe_load(file_of([]))
    data["updated"] = datetime.datetime(2026, 12, 6, 18, 5, 8, tzinfo=datetime.timezone.utc)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    assert "updated: 2026-12-06 18:05:08+00:00" in text
    got = store.parse(text, "x.yaml", DEFAULT_SCHEMA, DOC)
    assert got.updated == "2026-12-06T18:05:08Z"
