"""The edit session's indexes and the ghost set, against brute force over generated edits.

A change updates the session's indexes by itself (no pass over all spans), so every
query is checked here against the obvious walk of all spans, after random sequences of
tags, deletes, resizes, attribute edits, links, accepts, undos and redos.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.editing import EditSession
from tui.ghostset import GhostSet, reading_key
from tui.model import Annotation, Document, make_span, span_order

TEXT = ("Amnesty International said 1,440 Indonesian nationals were freed. " * 6).strip()
DOC = Document("d", TEXT)
LABELS = ("ACTOR", "FIGURE", "CLAIM")

bounds = st.tuples(st.integers(0, len(TEXT) - 1), st.integers(1, 40)).map(
    lambda t: (t[0], min(len(TEXT), t[0] + t[1])))
ops = st.lists(st.one_of(
    st.tuples(st.just("tag"), st.sampled_from(LABELS), bounds),
    st.tuples(st.just("delete"), st.integers(0, 50)),
    st.tuples(st.just("resize"), st.integers(0, 50), bounds),
    st.tuples(st.just("attrs"), st.integers(0, 50)),
    st.tuples(st.just("link"), st.integers(0, 50), st.integers(0, 50)),
    st.tuples(st.just("accept"), st.lists(st.tuples(st.sampled_from(LABELS), bounds), max_size=4)),
    st.tuples(st.just("undo")),
    st.tuples(st.just("redo")),
    st.tuples(st.just("status")),
), max_size=40)


def run(session: EditSession, op: tuple) -> None:
    spans = session.spans
    kind = op[0]
    if kind == "tag":
        session.toggle(op[1], *op[2])
    elif kind == "delete" and spans:
        session.delete(spans[op[1] % len(spans)].id)
    elif kind == "resize" and spans:
        session.resize(spans[op[1] % len(spans)].id, *op[2])
    elif kind == "attrs" and spans:
        session.update(spans[op[1] % len(spans)].id, attrs={"n": op[1]})
    elif kind == "link" and len(spans) > 1:
        session.link("attributed_to", spans[op[1] % len(spans)].id, spans[op[2] % len(spans)].id)
    elif kind == "accept":
        made = [make_span(TEXT, f"g{i}", label, *session.trim(*b)) for i, (label, b) in enumerate(op[1])
                if session.trim(*b)[0] < session.trim(*b)[1]]
        links = [("attributed_to", made[0].key, made[-1].key)] if len(made) > 1 else []
        session.add_many(made, links)
    elif kind == "undo":
        session.undo()
    elif kind == "redo":
        session.redo()
    elif kind == "status":
        session.set_status("done" if session.annotation.status != "done" else "in_progress")


def check_indexes(s: EditSession) -> None:
    spans = s.spans
    assert spans == sorted(spans, key=span_order)
    assert {x.id: x for x in spans} == {i: s.get(i) for i in {x.id for x in spans}}
    counts: dict[str, int] = {}
    for x in spans:
        counts[x.label] = counts.get(x.label, 0) + 1
    assert s.label_counts() == counts
    ids = {x.id for x in spans}
    assert all(r.source in ids and r.target in ids for r in s.annotation.relations)
    for x in spans[:8]:
        assert s.relations_of(x.id) == [r for r in s.annotation.relations if x.id in (r.source, r.target)]
    for a in range(0, len(TEXT), 37):
        b = a + 23
        assert s.spans_in(a, b) == [x for x in spans if x.start < b and a < x.end]
        assert s.has_bounds(a, b) == any((x.start, x.end) == (a, b) for x in spans)
    order = sorted(spans, key=lambda x: (x.start, -x.end))
    for probe in [*spans[:6], make_span(TEXT, "p", "ACTOR", 10, 20)]:
        key = (probe.start, -probe.end)
        after = [x for x in order if (x.start, -x.end) > key]
        before = [x for x in order if (x.start, -x.end) < key]
        got = s.neighbour(probe.start, probe.end, 1)
        assert (got.start, -got.end) == (after[0].start, -after[0].end) if after else got is None
        got = s.neighbour(probe.start, probe.end, -1)
        assert (got.start, -got.end) == (before[-1].start, -before[-1].end) if before else got is None


@settings(max_examples=150, deadline=None)
@given(ops)
def test_indexes_follow_every_change_and_undo(sequence):
    s = EditSession(DOC, Annotation.new(DOC, "alice"))
    history = [(list(s.spans), list(s.annotation.relations), s.annotation.status)]
    for op in sequence:
        before = list(s.spans)
        version = s.version
        run(s, op)
        check_indexes(s)
        if s.version != version:  # the touched range covers every span that came or went
            gone = [x for x in before if not any(x is y for y in s.spans)]
            came = [y for y in s.spans if not any(x is y for x in before)]
            for x in gone + came:
                assert s.touched is not None and s.touched[0] <= x.start and x.end <= s.touched[1]
        if op[0] not in ("undo", "redo") and s.version != version:
            history.append((list(s.spans), list(s.annotation.relations), s.annotation.status))
    while s.can_undo:  # undo walks back to the empty annotation, exactly
        s.undo()
        check_indexes(s)
    assert s.spans == [] and s.annotation.relations == []


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(LABELS), bounds), max_size=30),
       st.lists(bounds, max_size=10), st.lists(st.integers(0, 29), max_size=5))
def test_ghost_set_answers_like_a_walk(suggested, made, rejects):
    ghosts = [make_span(TEXT, f"g{i}", label, a, b) for i, (label, (a, b)) in enumerate(suggested)]
    have = set(made)
    rejected: set = set()
    gs = GhostSet(ghosts, lambda a, b: (a, b) in have, rejected)
    for i in rejects:
        if ghosts:
            gs.reject(ghosts[i % len(ghosts)])
    live = [g for g in sorted(ghosts, key=reading_key) if g.key not in rejected and (g.start, g.end) not in have]
    assert list(gs.live()) == live
    for a in range(0, len(TEXT), 29):
        b = a + 17
        assert gs.overlapping(a, b) == [g for g in live if g.start < b and a < g.end]
        exact = [g for g in live if (g.start, g.end) == (a, b)]
        under = [g for g in live if g.start <= a < g.end]
        want = exact[0] if exact else (min(under, key=lambda g: (g.end - g.start, g.start)) if under else None)
        assert gs.at(a, b) == want
        key = (a, -b)
        assert gs.after(key) == next((g for g in live if reading_key(g) > key), None)
        assert gs.before(key) == next((g for g in reversed(live) if reading_key(g) < key), None)
    hidden = GhostSet(ghosts, shown=False)
    assert not hidden and list(hidden.live()) == [] and hidden.overlapping(0, len(TEXT), live=False) == \
        [g for g in sorted(ghosts, key=reading_key)]
