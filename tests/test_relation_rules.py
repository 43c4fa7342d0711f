"""One rule for a relation's ends and for ids (tui.store.rules): a saved file, an import,
the review's link and the annotator's link accept exactly the same relations, for every
pair of labels, a missing end and an id already taken."""

from __future__ import annotations

import itertools

import pytest

from tui import store
from tui.annotating import Annotating
from tui.errors import DataError, ValidationError
from tui.importers.base import Incoming, Reading, RelIn, SpanIn
from tui.importers.place import build
from tui.model import Annotation, Document, Relation, make_span
from tui.review.adjudication import Adjudication
from tui.schema import DEFAULT_SCHEMA
from tui.store import AnnotationFile
from tui.workspace import workspace_of

TEXT = "Police said 1,440 people were rescued, Maria Ferrer told Reuters."
WORDS = {"ACTOR": (0, 6), "FIGURE": (12, 24), "CLAIM": (0, 37)}
ENDS = [*DEFAULT_SCHEMA.labels, None]  # None: an id that is no span's
CASES = list(itertools.product(["attributed_to", "quotes"], ENDS, ENDS))


def spans_of(src, tgt):
    out = []
    if src is not None:
        out.append(make_span(TEXT, "s1", src, *WORDS[src]))
    if tgt is not None:
        out.append(make_span(TEXT, "s2", tgt, *WORDS[tgt]))
    return out


def fits(label, src, tgt) -> bool:
    rdef = DEFAULT_SCHEMA.relations.get(label)
    return rdef is not None and src in rdef.from_labels and tgt in rdef.to_labels


def saved(label, src, tgt) -> bool:
    doc = Document("d", TEXT)
    ann = Annotation("d", doc.sha256, len(TEXT), "t", spans=spans_of(src, tgt),
                     relations=[Relation("r1", label, "s1", "s2")])
    try:
        store.parse(store.dumps(ann), "d/t.yaml", DEFAULT_SCHEMA, doc)
    except ValidationError:
        return False
    return True


def imported(label, src, tgt, rel_id=None) -> bool:
    doc = Document("d", TEXT)
    inc = Incoming("in.jsonl:1", "d", TEXT)
    inc.spans = [SpanIn("in.jsonl:1", s.id, s.label, [(s.start, s.end)]) for s in spans_of(src, tgt)]
    reading = Reading(DEFAULT_SCHEMA)
    lab = reading.relation("in.jsonl:1", label)
    if lab is None:
        return False  # an unknown relation is refused by name
    inc.relations = [RelIn("in.jsonl:1", rel_id, lab, "s1", "s2")]
    return build(inc, doc, "t", reading) is not None and not reading.problems


def drawn(label, src, tgt) -> bool:
    doc = Document("d", TEXT)
    ann = Annotation("d", doc.sha256, len(TEXT), "t", spans=spans_of(src, tgt))
    ctl = Annotating(workspace_of(doc, ann, AnnotationFile(None, None)), DEFAULT_SCHEMA)  # type: ignore[arg-type]
    ctl.link(label, "s1", "s2")
    return bool(ctl.session.annotation.relations)


def reviewed(label, src, tgt) -> bool:
    if src is None or tgt is None:
        return False  # the review links spans it has, never ids
    doc = Document("d", TEXT)
    ann = Annotation("d", doc.sha256, len(TEXT), "t", spans=spans_of(src, tgt))
    adj = Adjudication(doc, {"t": ann})
    gold = {s.key: s for s in adj.gold().spans}
    try:
        adj.link(label, gold[(*WORDS[src], src)], gold[(*WORDS[tgt], tgt)])
    except DataError:
        return False
    return True


@pytest.mark.parametrize("label,src,tgt", CASES)
def test_every_path_takes_the_same_relations(label, src, tgt):
    want = fits(label, src, tgt)
    assert (saved(label, src, tgt), imported(label, src, tgt), drawn(label, src, tgt),
            reviewed(label, src, tgt)) == (want, want, want, want)


def test_an_imported_relation_may_not_take_a_span_id():
    """Span and relation ids share one namespace: the saved file's rule, before writing."""
    assert imported("attributed_to", "CLAIM", "ACTOR", rel_id="r9")
    assert not imported("attributed_to", "CLAIM", "ACTOR", rel_id="s1")
