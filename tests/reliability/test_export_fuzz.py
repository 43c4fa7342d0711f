"""Property tests over ``margin export``, every format: generated articles, document ids,
span ids, attribute names and values, notes and annotator names (hostile but accepted by
the validator: the files are written with ``tui.store.dumps`` and must load back) are
exported; the export either succeeds or refuses with exactly one line, never a traceback,
and nothing outside ``--out`` changes (the corpus, the folder around ``--out``).

Default: a few examples per format; ``--full`` (or MARGIN_FULL=1 / MARGIN_FUZZ=full) runs
many more.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reliability import full_run, snapshot
from tui import store
from tui.cli import main
from tui.corpus import Corpus
from tui.errors import DataError
from tui.export import FORMATS
from tui.model import Annotation, Document, Relation, make_span

EXAMPLES, FULL_EXAMPLES = 6, 150

# Nasty characters: controls, line breaks brat and JSON readers split at, bidi, brat's
# and CSV's own syntax, formula starts, markup, percent escapes, emoji, a combining mark.
NASTY = list("\x00\x01\x1b\x7f\x85\u2028\u2029\u202e\u200f\ufeff\t\r\n <>|,%;:=+-@\"'\\/[]{}#*&!.") + \
    ["😀", "é", "e\u0301", "\x9b", "=cmd|' /C calc'!A0", "<OVL-TYPE>", "Arg1:", "%20", ".."]
nasty_text = st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=3)), max_size=6).map("".join)

# Names the corpus grammar allows (NAME_RE) that a file system or a tool may mind.
DOC_IDS = ["a", "0", "a..b", "a.txt", "CON", "nul", "dataset_card.md", "README.md", "x-", "x_" * 20,
           "A" * 128, "data", "train", "annotation.conf"]
ANNOTATORS = ["alice", "gold", "b.o.b", "a..b", "dataset_card.md", "README.md", "annotation.conf",
              "Z" * 128, "-".join("x" * 5)]
ATTR_NAMES = ["value", "type", "a b", "x|y", "<weird>", "note", "id", "start", "text", "ÄÖ", "k:v", "%"]


def long_run(config) -> bool:
    return full_run(config) or os.environ.get("MARGIN_FUZZ") == "full"


@st.composite
def schemas(draw) -> dict:
    """margin.yaml's schema: hostile attribute names, one name of two kinds across labels."""
    names = draw(st.lists(st.sampled_from(ATTR_NAMES), min_size=1, max_size=3, unique=True))
    actor = {n: draw(st.sampled_from(["text", "number", ["a", "<b>", "c d", "x|y", "=1"]])) for n in names}
    figure = {n: draw(st.sampled_from(["text", "number"])) for n in names}
    return {"labels": {"ACTOR": {"key": "a", "attrs": actor}, "FIGURE": {"key": "f", "attrs": figure},
                       "CLAIM": {"key": "c", "attrs": {"status": ["asserted", "<reported>"]}}},
            "relations": {"attributed_to": {"from": ["CLAIM"], "to": ["ACTOR"]}}}


@st.composite
def cases(draw):
    schema = draw(schemas())
    text = draw(st.lists(st.one_of(st.sampled_from(NASTY[1:]), st.sampled_from(["Corp. ", "U.S. ", "said ", "12.5 ",
                                                                          "-3 ", "the ", "\n\n", "word "])),
                         min_size=4, max_size=40).map("".join).map(lambda t: t.replace("\0", "")))
    if not text.strip():
        text += "x"
    doc_ids = draw(st.lists(st.sampled_from(DOC_IDS), min_size=1, max_size=2, unique=True))
    annotators = draw(st.lists(st.sampled_from(ANNOTATORS), min_size=1, max_size=2, unique=True))
    files = []
    for doc_id in doc_ids:
        doc = Document(doc_id, text)
        for who in annotators:
            spans, rels = [], []
            ids = draw(st.lists(st.one_of(nasty_text.filter(bool), st.sampled_from(["s1", "T1", "r1", "a/b", "../x"])),
                                max_size=5, unique=True).filter(lambda ids: not any(i.startswith("rel:") for i in ids)))
            for sid in ids:
                a = draw(st.integers(0, len(text) - 1))
                b = draw(st.integers(a + 1, len(text)))
                label = draw(st.sampled_from(["ACTOR", "FIGURE", "CLAIM"]))
                attrs = {}
                for name, kind in schema["labels"][label]["attrs"].items():
                    if draw(st.booleans()):
                        attrs[name] = draw(st.sampled_from(kind)) if isinstance(kind, list) else \
                            draw(st.one_of(st.integers(-10**6, 10**6), st.floats(-1e9, 1e9, allow_nan=False))) \
                            if kind == "number" else draw(nasty_text)
                note = draw(st.one_of(st.none(), nasty_text))
                spans.append(make_span(text, sid, label, a, b, attrs=attrs, note=note))
            claims = [s for s in spans if s.label == "CLAIM"]
            actors = [s for s in spans if s.label == "ACTOR"]
            for i, (c, act) in enumerate(zip(claims, actors)):
                rels.append(Relation(f"rel:{i + 1}", "attributed_to", c.id, act.id))
            name = "" if who == "alice" and draw(st.booleans()) else who  # `annotator: ""` validates today
            files.append((doc, who, Annotation(doc.id, doc.sha256, len(text), name, "done", "", spans, rels)))
    return schema, text, files


def build(root: Path, schema: dict, text: str, files) -> Corpus | None:
    import yaml

    (root / "seeds").mkdir(parents=True)
    (root / "margin.yaml").write_text(yaml.safe_dump({"schema": schema}, allow_unicode=True), encoding="utf-8")
    corpus = Corpus(root)
    for doc, who, ann in files:
        (root / "seeds" / f"{doc.id}.txt").write_bytes(text.encode("utf-8"))
        path = root / "annotations" / doc.id / f"{who}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            data = store.dumps(ann)
        except DataError:
            return None  # not writable as a margin file: outside this test's scope
        path.write_text(data, encoding="utf-8")
        try:
            store.load(path, corpus.schema, corpus.document(doc.id))
        except DataError:
            return None  # the validator refuses it: the export never sees it
    return corpus


def check_export(tmp: Path, fmt: str, case, capsys, extra=()) -> str:
    schema, text, files = case
    if tmp.exists():
        shutil.rmtree(tmp)
    root = tmp / "corpus"
    corpus = build(root, schema, text, files)
    if corpus is None:
        return "skipped"
    out = tmp / "site" / "out"
    (tmp / "site").mkdir()
    (tmp / "site" / "neighbour.txt").write_text("keep")
    before = snapshot(tmp)
    capsys.readouterr()
    code = main(["export", "--corpus", str(root), "--format", fmt, "--out", str(out), "--annotator", "all", *extra])
    o, e = capsys.readouterr()
    assert "Traceback" not in e + o
    after = {k: v for k, v in snapshot(tmp).items() if not Path(k).is_relative_to(out)}
    assert after == before, "something outside --out changed"
    if code != 0:
        assert code == 1 and len(e.strip().splitlines()) == 1, e
        assert not out.exists()
        return "refused"
    assert out.is_dir() and (out / ".margin-export").is_file()
    return "exported"


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_hostile_corpora_export_or_refuse_in_one_line(request, tmp_path_factory, capsys, fmt):
    if FORMATS[fmt].requires:
        pytest.importorskip(FORMATS[fmt].requires)
    n = FULL_EXAMPLES if long_run(request.config) else EXAMPLES
    tmp = tmp_path_factory.mktemp("fuzz")
    outcomes: dict[str, int] = {}

    @given(case=cases())
    @settings(max_examples=n, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                     HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much])
    def prop(case):
        got = check_export(tmp / "case", fmt, case, capsys,
                           ("--labels", "ACTOR,CLAIM") if fmt == "claims" else ())
        outcomes[got] = outcomes.get(got, 0) + 1

    prop()
    print(f"\nexport fuzz {fmt}: {outcomes}")
    assert outcomes.get("exported", 0) + outcomes.get("refused", 0) > 0
