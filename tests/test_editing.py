"""The edit session: toggling, deleting with relations, undo/redo, ids never reused."""

from tui.editing import EditSession
from tui.model import Annotation
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
