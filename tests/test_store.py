"""The store: validation messages (exact path:line), canonical output, atomic, no clobber."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui import store
from tui.errors import ConflictError, ValidationError
from tui.model import Relation, make_span
from tests.conftest import DATA, SEED


def load(corpus, path):
    return store.load(path, corpus.schema, corpus.document(SEED))


def test_hand_written_file_validates_clean(corpus, alice_file):
    loaded = load(corpus, alice_file)
    ann = loaded.annotation
    assert [s.label for s in ann.spans].count("FIGURE") == 4
    assert ann.span_by_id()["s9"].attrs == {"value": 12.5e9, "unit": "USD", "qualifier": "more than"}
    assert ann.relations[0] == Relation("r1", "attributed_to", "s3", "s1")
    assert loaded.moved == 0 and loaded.flagged == []


def test_unchanged_save_changes_no_byte(corpus, alice_file):
    loaded = load(corpus, alice_file)
    before = alice_file.read_bytes()
    st = os.stat(alice_file)
    store.save(alice_file, loaded.annotation, loaded.fingerprint)
    assert alice_file.read_bytes() == before
    assert os.stat(alice_file).st_mtime_ns == st.st_mtime_ns  # not even rewritten


def test_output_is_sorted_and_one_span_per_block(corpus, alice_file):
    text = alice_file.read_text()
    starts = [int(line.split(":")[1]) for line in text.splitlines() if line.startswith("  start:")]
    assert starts == sorted(starts)
    assert text.count("\n- id: ") == 9


# Each bad input: (edit of the valid file, expected "line: problem" suffix)
BAD = [
    (lambda t: t.replace("label: ACTOR\n  start: 310", "label: PERSON\n  start: 310"),
     "8: span s1: unknown label 'PERSON' (expected one of: ACTOR, FIGURE, CLAIM)"),
    (lambda t: t.replace("end: 343", "end: 342"),
     "11: span s1: text 'Indonesia’s embassy in Phnom Penh' does not match the document, which has 'Indonesia’s embassy in Phnom Pen' at 310-342"),
    (lambda t: t.replace("start: 310", "start: 350"), "10: span s1: end 343 must be greater than start 350"),
    (lambda t: t.replace("start: 310", "start: -1"), "9: span s1: start -1 is negative"),
    (lambda t: t.replace("end: 343", "end: 99999"), "10: span s1: end 99999 is past the end of the document (3458 characters)"),
    (lambda t: t.replace("start: 310", 'start: "310"'), "9: span s1: start must be an integer, got str"),
    (lambda t: t.replace("{type: government}", "{type: company}"),
     "14: span s1: unknown value 'company' for attribute 'type' (expected one of: person, organisation, government, group, other)"),
    (lambda t: t.replace("{type: government}", "{kind: government}"),
     "14: span s1: attrs: unknown key 'kind' (expected: type)"),
    (lambda t: t.replace("id: s3\n", "id: s1\n"), "15: duplicate id 's1'"),
    (lambda t: t.replace("from: s3, to: s1", "from: s3, to: s99"),
     "81: relation r1: to 's99' is not the id of a span in this file"),
    (lambda t: t.replace("from: s3, to: s1", "from: s1, to: s3"),
     "81: relation r1: from 's1' is an ACTOR; attributed_to goes from CLAIM"),
    (lambda t: t.replace("label: attributed_to, from: s3", "label: said_by, from: s3"),
     "81: relation r1: unknown relation 'said_by' (expected one of: attributed_to)"),
    (lambda t: t.replace("status: in_progress", "status: finished"),
     "4: unknown status 'finished' (expected one of: in_progress, done)"),
    (lambda t: t.replace("qualifier: exact}", "qualifier: exact, unit: people}"), "30: span s2: attrs: duplicate key 'unit'"),
    (lambda t: t.replace("note: \"UN estimate\"", "note: yes"),
     "63: span s6: note must be a string, got unquoted 'yes', which YAML 1.1 reads as boolean True; quote it"),
    (lambda t: t.replace("unit: people, qualifier: exact", "unit: NO, qualifier: exact"),
     "30: span s2: attribute 'unit': got unquoted 'NO', which YAML 1.1 reads as boolean False; quote it"),
    (lambda t: t.replace("note: \"UN estimate\"", "note: 2026-01-01"),
     "63: span s6: note must be a string, got unquoted '2026-01-01', which YAML reads as a date; quote it"),
    (lambda t: t.replace("start: 310", "start: 0310"), "9: span s1: start: 0310 has a leading zero (YAML 1.1 reads it as octal); write it without"),
    (lambda t: t.replace("value: 1440", "value: many"), "30: span s2: attribute 'value' must be a number, got str"),
    (lambda t: t.replace("  text: \"Indonesia’s embassy in Phnom Penh\"\n", ""), "7: span: missing key 'text'"),
    (lambda t: t.replace("format: margin/1", "format: margin/9"), "1: unsupported format 'margin/9' (this version of margin reads margin/1 and margin/2)"),
    (lambda t: t.replace("spans:\n- id: s1", "spans:\n- id: [s1"), "8: YAML syntax error: did not find expected ',' or ']'"),
    (lambda t: t.replace("annotator: alice", "annotator: alice\ncolour: red"), "4: file: unknown key 'colour' (expected: format, document, annotator, status, updated, spans, relations, decisions)"),
    (lambda t: t.replace("text: \"Amnesty International\"", "text: !!python/object:os.system \"x\""),
     "35: span s4: text: tag 'tag:yaml.org,2002:python/object:os.system' is not allowed"),
]


@pytest.mark.parametrize("edit,expected", BAD, ids=[e for _, e in BAD])
def test_bad_input_exact_message_and_nothing_written(corpus, alice_file, edit, expected):
    bad = edit(alice_file.read_text())
    assert bad != alice_file.read_text(), "the edit must change the file"
    alice_file.write_text(bad)
    with pytest.raises(ValidationError) as e:
        load(corpus, alice_file)
    assert f"{alice_file}:{expected}" in e.value.problems
    assert alice_file.read_text() == bad


def test_every_problem_is_reported(corpus, alice_file):
    t = alice_file.read_text().replace("{type: government}", "{type: company}").replace("status: in_progress", "status: x")
    alice_file.write_text(t)
    with pytest.raises(ValidationError) as e:
        load(corpus, alice_file)
    assert len(e.value.problems) == 2


def test_aliases_are_refused(corpus, alice_file):
    t = alice_file.read_text().replace("attrs: {type: government}", "attrs: &a {type: government}")
    t = t.replace("attrs: {type: organisation}", "attrs: *a", 1)
    alice_file.write_text(t)
    with pytest.raises(ValidationError) as e:
        load(corpus, alice_file)
    assert any("aliases" in p for p in e.value.problems)


def test_conflict_when_file_changed_on_disk(corpus, alice_file):
    loaded = load(corpus, alice_file)
    alice_file.write_text(alice_file.read_text().replace("UN estimate", "edited elsewhere"))
    changed = alice_file.read_bytes()
    ann = loaded.annotation
    ann.status = "done"
    with pytest.raises(ConflictError, match="changed on disk"):
        store.save(alice_file, ann, loaded.fingerprint)
    assert alice_file.read_bytes() == changed
    store.save(alice_file, ann, loaded.fingerprint, force=True)
    assert "status: done" in alice_file.read_text()


def test_new_file_never_overwrites_an_existing_one(corpus, alice_file):
    from tui.model import Annotation

    doc = corpus.document(SEED)
    with pytest.raises(ConflictError):
        store.save(alice_file, Annotation.new(doc, "alice"), None)


def test_save_is_atomic_and_leaves_no_temp(corpus, tmp_path):
    doc = corpus.document(SEED)
    from tui.model import Annotation

    path = corpus.annotation_path(SEED, "bob")
    ann = Annotation.new(doc, "bob")
    ann.spans.append(make_span(doc.text, "s1", "ACTOR", 555, 576, attrs={"type": "organisation"}))
    fp = store.save(path, ann, None)
    assert store.fingerprint(path) == fp
    assert [p.name for p in path.parent.iterdir()] == ["bob.yaml"]
    assert store.load(path, corpus.schema, doc).annotation.spans == ann.spans


def test_reanchoring_when_the_article_changed(corpus, alice_file):
    seed = corpus.doc_path(SEED)
    text = seed.read_text(encoding="utf-8")
    seed.write_text("BREAKING: an update.\n" + text.replace("Amnesty International said", "Amnesty International  said"), encoding="utf-8")
    loaded = load(corpus, alice_file)
    doc = corpus.document(SEED)
    assert loaded.moved == 9 and loaded.flagged == []
    for s in loaded.annotation.spans:
        assert doc.text[s.start:s.end] == s.text
    assert loaded.annotation.sha256 == doc.sha256


def test_unplaceable_span_is_kept_and_flagged(corpus, alice_file):
    seed = corpus.doc_path(SEED)
    seed.write_text(seed.read_text(encoding="utf-8").replace("Amnesty International", "Human Rights Watch"), encoding="utf-8")
    loaded = load(corpus, alice_file)
    assert "s4" in loaded.flagged
    s4 = loaded.annotation.span_by_id()["s4"]
    assert s4.flag == "lost" and s4.text == "Amnesty International"
    assert len(loaded.annotation.spans) == 9


def test_huge_integer_is_one_line_not_a_traceback(corpus, alice_file):
    alice_file.write_text(alice_file.read_text().replace("value: 1440", "value: " + "1" * 5000))
    with pytest.raises(ValidationError) as e:
        load(corpus, alice_file)
    assert e.value.problems == [f"{alice_file}:30: span s2: attribute 'value': 11111111111111111111… is not a usable integer"]
