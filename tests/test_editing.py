"""The edit session: toggling, deleting with relations, undo/redo, ids never reused."""

from tui.editing import EditSession
from tui.model import Annotation, Relation, make_span
from tests.conftest import SEED


def session(corpus):
    doc = corpus.document(SEED)
    return EditSession(doc, Annotation.new(doc, "alice"))


def test_toggle_trims_and_removes_identical(corpus):
    s = session(corpus)
    what, span = s.toggle("ACTOR", 554, 577)  # " Amnesty International " with spaces
    assert (span.start, span.end, span.text) == (555, 576, "Amnesty International")
    assert s.toggle("ACTOR", 555, 576)[0] == "removed ACTOR"
    assert s.spans == []


def test_delete_takes_its_relations_and_undo_restores_them(corpus):
    s = session(corpus)
    _, actor = s.toggle("ACTOR", 555, 576)
    _, claim = s.toggle("CLAIM", 582, 627)
    s.link("attributed_to", claim.id, actor.id)
    s.delete(actor.id)
    assert s.annotation.relations == []
    s.undo()
    assert [r.target for r in s.annotation.relations] == [actor.id]
    s.redo()
    assert s.annotation.relations == [] and len(s.spans) == 1


def test_ids_are_never_reused(corpus):
    s = session(corpus)
    _, a = s.toggle("ACTOR", 555, 576)
    s.delete(a.id)
    _, b = s.toggle("ACTOR", 555, 576)
    assert a.id != b.id


def test_editing_clears_a_flag_and_marks_gold_spans_edited(corpus):
    s = session(corpus)
    _, a = s.toggle("FIGURE", 378, 383)
    s.update(a.id, flag="fuzzy")
    s.update(a.id, attrs={"value": 1440})
    assert s.get(a.id).flag is None
    s.update(a.id, origin=("alice", "bob"))
    s.update(a.id, attrs={"value": 1441})
    assert s.get(a.id).edited is True


# ----------------------------------------------------------------------------- the id allocator


def test_one_allocator_numbers_every_family():
    """model.IdAllocator is the one source of new ids: after the highest taken (editing,
    adjudication) or into the gaps (imports, suggestions, brat export); never one taken,
    never one handed out twice, spans and relations in one namespace."""
    from tui.model import IdAllocator

    ann = Annotation("d", "0" * 64, 10, "a", spans=[make_span("x" * 10, "s4", "ACTOR", 0, 1),
                                                    make_span("x" * 10, "s007", "ACTOR", 1, 2)],
                     relations=[Relation("r2", "attributed_to", "s4", "s007"), Relation("s9", "attributed_to", "s4", "s4")])
    ids = IdAllocator.of(ann)
    assert [ids.span(), ids.span(), ids.relation(), ids.new("g"), ids.new("g")] == ["s10", "s11", "r3", "g1", "g2"]
    gaps = IdAllocator(["s1", "s3", "r1", "T2"], fill_gaps=True)
    assert [gaps.span(), gaps.span(), gaps.span(), gaps.relation(), gaps.new("T"), gaps.new("T")] == \
        ["s2", "s4", "s5", "r2", "T1", "T3"]
    assert [IdAllocator().span() for _ in range(2)] == ["s1", "s1"]  # each allocator on its own


def test_ids_given_out_are_never_given_again_after_a_delete():
    from tui.model import IdAllocator

    ann = Annotation("d", "0" * 64, 10, "a", spans=[make_span("x" * 10, "s1", "ACTOR", 0, 1)])
    ids = IdAllocator.of(ann)
    first = ids.span()
    ann.spans.clear()
    assert ids.span() != first and ids.span() not in (first, "s1")


def test_accepting_a_claim_links_the_actor_tagged_on_its_words_or_nothing(corpus):
    """The suggested actor was never accepted: the claim links to the actor the annotator
    tagged over the same words (other bounds), and to nothing when there is none."""
    s = session(corpus)
    text = s.doc.text
    _, mine = s.toggle("ACTOR", 548, 576)  # "the Amnesty International" -ish, wider than suggested
    claim = make_span(text, "g2", "CLAIM", 582, 627)
    added = s.add_many([claim], [("attributed_to", claim.key, (555, 576, "ACTOR"))])
    assert [(r.source, r.target) for r in s.annotation.relations] == [(added[0].id, mine.id)]
    other = make_span(text, "g3", "CLAIM", 700, 720)
    s.add_many([other], [("attributed_to", other.key, (900, 910, "ACTOR"))])
    assert len(s.annotation.relations) == 1  # no actor on those words: no link, nothing invented
