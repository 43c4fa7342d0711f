"""Property: an article with emoji (above U+FFFF), combining marks and CRLF line ends,
annotated anywhere, exported to every format of character offsets with UTF-16 offsets and
imported back with that unit named (``--offsets utf16``), keeps every span exactly (label,
start, end) and every relation. Without the name, a record whose span texts read the same
in both units is read in the tool's own unit, and the import says so (the last test)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import make_corpus
from tui import store
from tui.corpus import Corpus
from tui.export import export
from tui.importers import import_path
from tui.model import Annotation, Relation, make_span

FORMATS = ("jsonl", "doccano", "labelstudio", "prodigy", "brat", "webanno")
PIECES = ["Police", "said", "1,440", "👍", "😊🎉", "État\u0301", "n\u0303o", "𝔘𝔫𝔦", "e\u0301\u0302", ".", ",", "—"]
SEPARATORS = [" ", " ", "\r\n", "\n\n", "  "]


@st.composite
def article(draw):
    words = draw(st.lists(st.sampled_from(PIECES), min_size=3, max_size=25))
    text = ""
    for w in words:
        text += w + draw(st.sampled_from(SEPARATORS))
    starts = [i for i, c in enumerate(text) if not c.isspace() and not (0x300 <= ord(c) <= 0x36F)]
    ends = [i + 1 for i, c in enumerate(text) if not c.isspace() and (i + 1 == len(text) or
                                                                       not 0x300 <= ord(text[i + 1]) <= 0x36F)]
    spans = []
    for k in range(draw(st.integers(1, 5))):
        a = draw(st.sampled_from(starts))
        later = [e for e in ends if e > a]
        if later:
            b = draw(st.sampled_from(later[:12]))
            spans.append((draw(st.sampled_from(["ACTOR", "CLAIM", "FIGURE"])), a, b))
    return text, sorted(set(spans), key=lambda s: (s[1], s[2], s[0]))


def _corpus(root: Path, text: str, spans) -> Annotation:
    corpus = make_corpus(root, {"d": text}, annotations=False)
    doc = corpus.document("d")
    made = [make_span(text, f"s{i}", lab, a, b) for i, (lab, a, b) in enumerate(spans, 1)]
    claims = [s for s in made if s.label == "CLAIM"]
    actors = [s for s in made if s.label == "ACTOR"]
    rels = [Relation("r1", "attributed_to", claims[0].id, actors[0].id)] if claims and actors else []
    ann = Annotation("d", doc.sha256, len(text), "t", spans=made, relations=rels)
    path = corpus.annotation_path("d", "t")
    path.parent.mkdir(parents=True)
    path.write_text(store.dumps(ann), encoding="utf-8")
    return ann


def _kept(ann: Annotation):
    by = {s.id: (s.label, s.start, s.end) for s in ann.spans}
    return sorted(by.values()), sorted((r.label, by[r.source], by[r.target]) for r in ann.relations)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article())
def test_every_span_survives_utf16_offsets_in_every_format(case):
    text, spans = case
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "c"
        before = _kept(_corpus(root, text, spans))
        corpus = Corpus(root)
        for fmt in FORMATS:
            out = Path(tmp) / fmt
            export(corpus, fmt, out, annotators="t",  # doccano's "entities" shape: the one with relations
                   options={"offsets": "utf16", "predictions": False, "doccano_shape": "entities"})
            shutil.rmtree(corpus.annotations_dir / "d" / "reimport", ignore_errors=True)
            src = out / "t" if fmt in ("brat", "webanno") else next(out.glob("data.*"))
            written = import_path(corpus, fmt, src, "reimport", force=True, offsets="utf16")
            (_, ann), = written
            assert _kept(ann) == before, fmt


def test_without_the_unit_a_span_text_both_units_read_takes_the_tools_own_and_says_so(tmp_path):
    """'4' after an emoji: UTF-16 offsets 5-6 and code points 5-6 both read '4' (hypothesis
    found it), so brat's own unit (code points) is used, and the import's note names it."""
    text = "👍 1,440 Police "
    _corpus(tmp_path / "c", text, [("ACTOR", 4, 5)])
    corpus = Corpus(tmp_path / "c")
    export(corpus, "brat", tmp_path / "brat", annotators="t", options={"offsets": "utf16", "predictions": False})
    assert (tmp_path / "brat" / "t" / "d.ann").read_text(encoding="utf-8") == "T1\tACTOR 5 6\t4\n"
    notes: list[str] = []
    (_, ann), = import_path(corpus, "brat", tmp_path / "brat" / "t", "guessed", force=True, notes=notes)
    assert [(s.start, s.end) for s in ann.spans] == [(5, 6)]
    assert any("offsets read as code points in 1 record(s)" in n for n in notes), notes
    (_, ann), = import_path(corpus, "brat", tmp_path / "brat" / "t", "named", force=True, offsets="utf16")
    assert [(s.start, s.end) for s in ann.spans] == [(4, 5)]
