"""Offsets in the unit each tool counts: UTF-16 code units (doccano's editor, Label Studio's,
INCEpTION) or code points (Python tools), converted on the way in and out, verified by span
and token texts, and refused with a line naming ``--offsets`` where nothing tells them apart.
Never a silent shift."""

from __future__ import annotations

import json

import pytest

from tui import store
from tui.cli import main
from tui.corpus import Corpus
from tui.offsets import Units

TEXT = "👍 Police said 1,440 people were freed.\n"  # one emoji: every offset after it differs by one
POLICE_CP, POLICE_U16 = (2, 8), (3, 9)


@pytest.fixture
def emoji(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "emoji.txt").write_text(TEXT, encoding="utf-8")
    return Corpus(tmp_path)


def run(capsys, corpus, src, *argv):
    code = main(["import", "--corpus", str(corpus.root), str(src), "--annotator", "t", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def spans(corpus):
    doc = corpus.document("emoji")
    ann = store.load(corpus.annotation_path("emoji", "t"), corpus.schema, doc).annotation
    return [(s.label, s.start, s.end, s.text) for s in ann.spans]


def write(tmp_path, name, records) -> object:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_units_map_both_ways_and_refuse_the_middle_of_a_character():
    u = Units("a😀b😀😀c")
    assert [u.to_utf16(i) for i in range(7)] == [0, 1, 3, 4, 6, 8, 9]
    assert [u.from_utf16(i) for i in range(10)] == [0, 1, None, 2, 3, None, 4, None, 5, 6]


def test_doccano_counts_utf16_code_units_as_its_editor_does(capsys, emoji, tmp_path):
    src = write(tmp_path, "d.jsonl", [{"id": 7, "text": TEXT, "label": [[*POLICE_U16, "ACTOR"]], "Comments": []}])
    code, _, err = run(capsys, emoji, src, "--format", "doccano")
    assert code == 0, err
    assert spans(emoji) == [("ACTOR", 2, 8, "Police")]
    assert "offsets read as UTF-16 code units in 1 record(s)" in err


def test_margins_older_doccano_export_is_refused_naming_the_choice(capsys, emoji, tmp_path):
    # doc_id and annotator without "offsets": margin's export before it said (code points then)
    src = write(tmp_path, "d.jsonl", [{"text": TEXT, "label": [[*POLICE_U16, "ACTOR"]], "doc_id": "emoji",
                                       "annotator": "a"}])
    code, _, err = run(capsys, emoji, src, "--format", "doccano")
    assert code == 1 and "--offsets utf16" in err and "--offsets codepoints" in err
    assert not emoji.annotations_dir.exists() or not any(emoji.annotations_dir.iterdir())


def test_an_offset_inside_a_character_is_refused_naming_the_unit(capsys, emoji, tmp_path):
    # offset 1 is between the two halves of the emoji in UTF-16 code units, doccano's unit
    src = write(tmp_path, "d.jsonl", [{"text": TEXT, "label": [[1, 8, "CLAIM"]]}])
    code, _, err = run(capsys, emoji, src, "--format", "doccano")
    assert code == 1 and "offsets 1-8 are not character boundaries of the text counted in UTF-16 code units" in err
    code, _, err = run(capsys, emoji, src, "--format", "doccano", "--offsets", "codepoints")
    assert code == 0, err and spans(emoji) == [("CLAIM", 1, 8, " Police")]


@pytest.mark.parametrize(("unit", "offsets"), [("utf16", POLICE_U16), ("codepoints", POLICE_CP)])
def test_doccano_with_offsets_named_reads_them_in_that_unit(capsys, emoji, tmp_path, unit, offsets):
    src = write(tmp_path, "d.jsonl", [{"text": TEXT, "label": [[*offsets, "ACTOR"]]}])
    code, _, err = run(capsys, emoji, src, "--format", "doccano", "--offsets", unit)
    assert code == 0, err
    assert spans(emoji) == [("ACTOR", 2, 8, "Police")]
    assert (f"offsets read as {'UTF-16 code units' if unit == 'utf16' else 'code points'} in 1 record(s)") in err


def test_doccano_record_that_says_its_unit(capsys, emoji, tmp_path):
    src = write(tmp_path, "d.jsonl", [{"text": TEXT, "label": [[*POLICE_U16, "ACTOR"]], "offsets": "utf16"}])
    code, _, err = run(capsys, emoji, src, "--format", "doccano")
    assert code == 0, err and spans(emoji) == [("ACTOR", 2, 8, "Police")]


def test_only_one_unit_puts_every_offset_on_a_character_boundary(capsys, emoji, tmp_path):
    # a record whose unit is open: offset 1 is inside the emoji in UTF-16 code units, so code points
    src = write(tmp_path, "d.jsonl", [{"text": TEXT, "label": [[1, 8, "CLAIM"]], "doc_id": "emoji", "annotator": "a"}])
    code, _, err = run(capsys, emoji, src, "--format", "doccano")
    assert code == 0, err
    assert spans(emoji) == [("CLAIM", 1, 8, " Police")]


def test_a_span_before_the_emoji_needs_no_unit(capsys, tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "emoji.txt").write_text("Police said 👍\n", encoding="utf-8")
    corpus = Corpus(tmp_path)
    src = write(tmp_path, "d.jsonl", [{"text": "Police said 👍\n", "label": [[0, 6, "ACTOR"]]}])
    code, _, err = run(capsys, corpus, src, "--format", "doccano")
    assert code == 0, err and spans(corpus) == [("ACTOR", 0, 6, "Police")]


@pytest.mark.parametrize("offsets", [POLICE_U16, POLICE_CP])
def test_label_studio_region_text_tells_the_unit(capsys, emoji, tmp_path, offsets):
    task = {"data": {"text": TEXT}, "annotations": [{"result": [
        {"id": "a", "type": "labels", "from_name": "l", "to_name": "text",
         "value": {"start": offsets[0], "end": offsets[1], "text": "Police", "labels": ["ACTOR"]}}]}]}
    src = tmp_path / "ls.json"
    src.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, emoji, src)
    assert code == 0, err and spans(emoji) == [("ACTOR", 2, 8, "Police")]


def test_label_studio_region_without_text_is_refused_when_the_unit_matters(capsys, emoji, tmp_path):
    task = {"data": {"text": TEXT}, "annotations": [{"result": [
        {"id": "a", "type": "labels", "from_name": "l", "to_name": "text",
         "value": {"start": 3, "end": 9, "labels": ["ACTOR"]}}]}]}
    src = tmp_path / "ls.json"
    src.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, emoji, src)
    assert code == 1 and "--offsets utf16" in err


def test_prodigy_token_texts_tell_the_unit(capsys, emoji, tmp_path):
    toks = [{"text": "👍", "start": 0, "end": 2, "id": 0}, {"text": "Police", "start": 3, "end": 9, "id": 1}]
    src = write(tmp_path, "p.jsonl", [{"text": TEXT, "tokens": toks, "spans": [{"start": 3, "end": 9, "label": "ACTOR"}],
                                       "answer": "accept"}])
    code, _, err = run(capsys, emoji, src, "--format", "prodigy")
    assert code == 0, err and spans(emoji) == [("ACTOR", 2, 8, "Police")]


def test_brat_span_text_tells_the_unit(capsys, emoji, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "emoji.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "in" / "emoji.ann").write_text("T1\tACTOR 3 9\tPolice\n", encoding="utf-8")
    code, _, err = run(capsys, emoji, tmp_path / "in", "--format", "brat")
    assert code == 0, err and spans(emoji) == [("ACTOR", 2, 8, "Police")]


@pytest.mark.parametrize("fmt", ["doccano", "labelstudio", "prodigy", "jsonl", "brat", "webanno"])
@pytest.mark.parametrize("unit", ["utf16", "codepoints"])
def test_margin_export_in_either_unit_comes_back_identical(capsys, emoji, tmp_path, fmt, unit):
    src = write(tmp_path, "d.jsonl", [{"text": TEXT, "label": [[*POLICE_CP, "ACTOR"], [11, 23, "FIGURE"]],
                                       "offsets": "codepoints"}])
    assert run(capsys, emoji, src, "--format", "doccano")[0] == 0
    before = spans(emoji)
    out = tmp_path / "out"
    assert main(["export", "--corpus", str(emoji.root), "--format", fmt, "--annotator", "t", "--offsets", unit,
                 "--out", str(out), "--no-predictions"] if fmt == "labelstudio" else
                ["export", "--corpus", str(emoji.root), "--format", fmt, "--annotator", "t", "--offsets", unit,
                 "--out", str(out)]) == 0
    capsys.readouterr()
    emoji.annotation_path("emoji", "t").unlink()
    flag = ["--offsets", unit] if (fmt, unit) == ("doccano", "codepoints") else []  # no marker: see doccano.py
    src = out / "t" if fmt in ("brat", "webanno") else next(out.glob("data.*"))
    code, _, err = run(capsys, emoji, src, "--format", fmt, *flag)
    assert code == 0, err
    assert spans(emoji) == before
