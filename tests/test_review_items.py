"""Review items on generated teams (hypothesis): the items are fixed when review opens and
are what ``agree`` counts, whatever is decided; restoring decisions gives back their gold;
a saved gold resumes to the same gold."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tui import store
from tui.errors import DataError
from tui.model import Annotation, Document, Relation, make_span
from tui.review.adjudication import Adjudication, RelationItem, disagreements
from tui.schema import DEFAULT_SCHEMA

WORDS = 24
TEXT = " ".join(f"w{i:02d}" for i in range(WORDS))
DOC = Document("d1", TEXT)


@st.composite
def annotation(draw, name: str) -> Annotation:
    spans: list = []
    for i in range(draw(st.integers(0, 6))):
        a = draw(st.integers(0, WORDS - 1))
        b = draw(st.integers(a, min(WORDS - 1, a + 2)))
        label = draw(st.sampled_from(["ACTOR", "CLAIM"]))
        attrs = {"status": "asserted"} if label == "CLAIM" else {}
        if all(s.key != (a * 4, b * 4 + 3, label) for s in spans):  # one file with a span twice: not here
            spans.append(make_span(TEXT, f"s{i + 1}", label, a * 4, b * 4 + 3, attrs=attrs))
    claims = [s for s in spans if s.label == "CLAIM"]
    actors = [s for s in spans if s.label == "ACTOR"]
    relations = []
    if claims and actors:
        for k in range(draw(st.integers(0, 3))):
            relations.append(Relation(f"r{k + 1}", "attributed_to", draw(st.sampled_from(claims)).id,
                                      draw(st.sampled_from(actors)).id))
    return Annotation(DOC.id, DOC.sha256, len(TEXT), name, "done", "2026-11-25T10:00:00Z", spans, relations)


team = st.integers(2, 3).flatmap(lambda n: st.tuples(*(annotation(f"a{i}") for i in range(n))))
steps = st.lists(st.tuples(st.integers(0, 50), st.sampled_from(["accept", "add", "reject"]), st.integers(0, 2)),
                 max_size=12)
WHEN = "2026-11-25T10:00:00Z"


def decide(adj: Adjudication, step) -> None:
    pick, op, n = step
    items = adj.to_review()
    if not items:
        return
    item = items[pick % len(items)]
    try:
        if op == "reject":
            adj.reject(item)
        else:
            adj.accept(item, n % max(1, len(getattr(item, "links", getattr(item, "candidates", ())))), add=op == "add")
    except DataError:
        pass


def _dead_link_team() -> tuple[Annotation, Annotation]:
    """a1's claim w01-w02 is said by w00 and by w01, a0 has nothing: a case hypothesis
    found (taking the link to w00, then rejecting w00, left a file that resumed otherwise)."""
    spans = [make_span(TEXT, "s1", "ACTOR", 4, 7), make_span(TEXT, "s2", "ACTOR", 0, 3),
             make_span(TEXT, "s3", "CLAIM", 4, 11, attrs={"status": "asserted"})]
    rels = [Relation("r1", "attributed_to", "s3", "s1"), Relation("r2", "attributed_to", "s3", "s2")]
    return (Annotation(DOC.id, DOC.sha256, len(TEXT), "a0", "done", WHEN, [], []),
            Annotation(DOC.id, DOC.sha256, len(TEXT), "a1", "done", WHEN, spans, rels))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(team, steps)
@example(_dead_link_team(), [(1, "accept", 0), (3, "accept", 0), (0, "reject", 0)])
def test_items_are_agrees_count_and_decisions_restore_and_resume(anns, decisions):
    anns = {a.annotator: a for a in anns}
    adj = Adjudication(DOC, anns, schema=DEFAULT_SCHEMA)
    count = disagreements(anns)
    assert len(adj.to_review()) == count
    history = [(adj.decisions(), adj.gold(updated=WHEN))]
    for step in decisions:
        decide(adj, step)
        assert len(adj.to_review()) == count  # no item appears or goes
        history.append((adj.decisions(), adj.gold(updated=WHEN)))
    for decided, gold in reversed(history):  # undo: each gold comes back
        adj.restore(decided)
        assert adj.gold(updated=WHEN) == gold
    decided, gold = history[-1]
    adj.restore(decided)
    assert store.parse(store.dumps(gold), "gold.yaml", DEFAULT_SCHEMA, DOC) == gold  # a valid file
    again = Adjudication(DOC, anns, gold, schema=DEFAULT_SCHEMA)
    assert again.gold(updated=WHEN) == gold  # resumes to the same gold
    assert sum(isinstance(it, RelationItem) for it in again.to_review()) == sum(
        isinstance(it, RelationItem) for it in adj.to_review())
