"""Encodings: UTF-8 articles round-trip with exact code-point offsets whatever they hold
(CRLF, tabs, combining marks, emoji sequences, right-to-left text, astral characters);
anything that is not UTF-8 is refused with its byte offset, never read as mojibake."""

from __future__ import annotations

import pytest
import yaml

from tests.conftest import DATA, SEED
from tests.reliability import install, problem_lines
from tui import store
from tui.cli import main
from tui.errors import DataError, ValidationError
from tui.model import Annotation, make_span

ARTICLE = (
    "Headline:\tCafe\u0301 owner “José” speaks\r\n"
    "\r\n"
    "The family 👩\u200d👩\u200d👧\u200d👦 arrived from 🇰🇭 Cambodia.\r\n"
    "Ministry spokesman \u202bمحمد الأحمد\u202c said 1,440 people were freed.\r\n"
    "Hebrew: שלום עולם; math: 𝔘𝔫𝔦𝔱 𝟙𝟚𝟛; CJK: 柬埔寨 ext-B 𠀀𠀁.\n"
    "A line\u2028separator, a next-line\u0085char, a soft\u00adhyphen and a zero\u200bwidth space.\r\n"
)
QUOTES = ["Cafe\u0301", "“José”", "👩\u200d👩\u200d👧\u200d👦", "🇰🇭 Cambodia", "\u202bمحمد الأحمد\u202c",
          "1,440 people", "שלום עולם", "𝔘𝔫𝔦𝔱 𝟙𝟚𝟛", "𠀀𠀁", "line\u2028separator", "next-line\u0085char",
          "soft\u00adhyphen", "zero\u200bwidth", "speaks\r\n\r\nThe", "Headline:\tCafe"]


def test_unicode_article_round_trips_with_exact_offsets(capsys, corpus, tmp_path):
    src = tmp_path / "unicode-story.txt"
    src.write_bytes(ARTICLE.encode("utf-8"))
    assert main(["add", "--corpus", str(corpus.root), str(src)]) == 0
    capsys.readouterr()
    assert corpus.doc_path("unicode-story").read_bytes() == src.read_bytes()
    doc = corpus.document("unicode-story")
    assert doc.text == ARTICLE  # no newline translation, no normalisation
    ann = Annotation.new(doc, "alice")
    for n, q in enumerate(QUOTES, 1):
        start = ARTICLE.index(q)
        ann.spans.append(make_span(doc.text, f"s{n}", "CLAIM", start, start + len(q), note=f"{q}!"))
    path = corpus.annotation_path(doc.id, "alice")
    store.save(path, ann, None)
    raw = path.read_bytes()
    assert b"\r" not in raw and b"\xc2\x85" not in raw and "\u2028".encode() not in raw  # escaped, one line each
    back = store.load(path, corpus.schema, doc).annotation
    assert back == ann.sorted()
    for s in back.spans:
        assert doc.text[s.start:s.end] == s.text and s.note == f"{s.text}!"
    emoji = back.span_by_id()["s3"]
    assert emoji.end - emoji.start == 7  # code points, not bytes (25) nor UTF-16 units (11)
    pure = yaml.load(raw.decode("utf-8"), Loader=yaml.SafeLoader)  # other tools read the same
    assert [(s["start"], s["end"], s["text"]) for s in pure["spans"]] == [(s.start, s.end, s.text) for s in back.spans]
    assert main(["validate", "--corpus", str(corpus.root)]) == 0


def test_annotation_file_with_crlf_line_ends(corpus):
    """A file saved by a Windows editor reads the same, and errors keep their line numbers."""
    valid = (DATA / "alice.yaml").read_text(encoding="utf-8")
    doc = corpus.document(SEED)
    path = install(corpus.root, valid.replace("\n", "\r\n"))
    assert store.load(path, corpus.schema, doc).annotation == store.parse(valid, str(path), corpus.schema, doc)
    path.write_bytes(valid.replace("{type: government}", "{type: company}").replace("\n", "\r\n").encode())
    with pytest.raises(ValidationError) as e:
        store.load(path, corpus.schema, doc)
    assert [p.split(": ")[0] for p in e.value.problems] == [f"{path}:14"]


ENCODED = {
    "latin-1": ("Café in Phnom Penh".encode("latin-1"), "bad byte 0xe9 at byte offset 3"),
    "cp1252": ("Sims’ view".encode("cp1252"), "bad byte 0x92 at byte offset 4"),
    "utf-16": ("Café".encode("utf-16"), "bad byte 0xff at byte offset 0"),
    "utf-8-bom": ("Café".encode("utf-8-sig"), "starts with a byte-order mark"),
    "surrogate": (b"ab\xed\xa0\x80cd", "bad byte 0xed at byte offset 2"),
    "overlong": (b"ab\xc0\xafcd", "bad byte 0xc0 at byte offset 2"),
    "truncated": ("Café".encode("utf-8")[:-1], "bad byte 0xc3 at byte offset 3"),
}


@pytest.mark.parametrize("name", ENCODED)
def test_non_utf8_article_is_refused_with_the_byte_offset(capsys, corpus, tmp_path, name):
    data, message = ENCODED[name]
    src = tmp_path / "story.txt"
    src.write_bytes(data)
    assert main(["add", "--corpus", str(corpus.root), str(src)]) == 1
    err = capsys.readouterr().err
    assert err == f"margin: {src}: " + (f"not UTF-8: {message}" if "byte offset" in message else message) + (
        "; save it as UTF-8 without BOM" if "mark" in message else "") + "\n"
    assert not corpus.doc_path("story").exists()
    corpus.doc_path("story").write_bytes(data)  # put there by hand: opening it fails the same way
    with pytest.raises(DataError, match=message):
        corpus.document("story")


def test_utf16_without_bom_is_refused(corpus):
    corpus.doc_path("story").write_bytes("Phnom Penh".encode("utf-16-le"))
    with pytest.raises(DataError, match="NUL byte at byte offset 1"):
        corpus.document("story")


def test_lone_surrogates_in_a_file_are_named(capsys, corpus_dir):
    valid = (DATA / "alice.yaml").read_text(encoding="utf-8")
    path = install(corpus_dir, valid.replace('note: "UN estimate"', 'note: "UN \\ud800 estimate"'))
    assert main(["validate", "--corpus", str(corpus_dir), str(path)]) == 1
    err = capsys.readouterr().err
    assert problem_lines(err, path) == [63] and "invalid Unicode character escape" in err
    path.write_bytes(valid.replace('note: "UN estimate"', 'note: "UN \x00 estimate"').encode().replace(b"\x00", b"\xed\xa0\x80"))
    assert main(["validate", "--corpus", str(corpus_dir), str(path)]) == 1
    assert problem_lines(capsys.readouterr().err, path) == [63]


def test_save_refuses_a_lone_surrogate_instead_of_writing_an_unreadable_file(corpus):
    doc = corpus.document(SEED)
    ann = Annotation.new(doc, "alice")
    ann.spans.append(make_span(doc.text, "s1", "ACTOR", 555, 576, note="pasted \udce9 from a bad terminal"))
    path = corpus.annotation_path(SEED, "alice")
    with pytest.raises(DataError, match="s1.*surrogate"):
        store.save(path, ann, None)
    assert not path.exists()
