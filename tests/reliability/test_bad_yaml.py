"""Hostile and broken annotation files: each is named by ``margin validate`` as
``path:line: problem`` lines (no traceback, exit 1) within bounded time and memory, nothing
is executed and nothing is written."""

from __future__ import annotations


import pytest

from tests.conftest import DATA, SEED
from tests.reliability import install, margin_limited, problem_lines, snapshot
from tui.cli import main

VALID = (DATA / "alice.yaml").read_text(encoding="utf-8")
SHA = "227cdf991247763a372f61ff17490990a13a138fe0b53daf5c432cde99b804f5"
HEAD = f'format: margin/1\ndocument: {{id: "{SEED}", sha256: "{SHA}", chars: 3458}}\nannotator: alice\n'

CURLY_S = "’s embassy".encode("utf-8")
BAD_BYTE_AT = VALID.encode("utf-8").index(CURLY_S)  # a cp1252 apostrophe put there

# billion laughs: ten levels of nine aliases each (9**10, about 3.5 billion "lol"s, if expanded)
LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(9)
)
# the same bomb where margin does look: span lists built from aliases of aliases
SPAN_LAUGHS = HEAD + "spans:\n- &s0 {id: s1, label: ACTOR, start: 0, end: 8, text: Thousand}\n" + "".join(
    f"- &s{i} [{', '.join([f'*s{i - 1}'] * 9)}]\n" for i in range(1, 10)
)


def _python_tag(tmp_path):
    return VALID.replace("annotator: alice", f'annotator: !!python/object/apply:os.system ["touch {tmp_path}/pwned"]')


def _nul(_):
    return VALID.replace('note: "UN estimate"', 'note: "UN\x00estimate"')


def _bell(_):
    return VALID.replace('note: "UN estimate"', 'note: "UN\x07estimate"')



# (file text or a function of tmp_path, expected first problem "line: text" substring, max lines)
CASES = [
    pytest.param(lambda _: VALID.replace("spans:\n- id: s1", "spans:\n- id: [s1"),
                 "8: YAML syntax error: did not find expected ',' or ']'", 1, id="syntax"),
    pytest.param(lambda _: VALID.replace("start: 310", "start: [310]"),
                 "9: span s1: start must be a single value, not a list", 1, id="wrong-type"),
    pytest.param(lambda _: VALID.replace("annotator: alice", "annotator: alice\nannotator: bob"),
                 "4: file: duplicate key 'annotator'", 1, id="duplicate-top-key"),
    pytest.param(lambda _: VALID.replace("  label: ACTOR\n  start: 310", "  label: ACTOR\n  label: CLAIM\n  start: 310"),
                 "9: span: duplicate key 'label'", 1, id="duplicate-span-key"),
    pytest.param(lambda _: LAUGHS, "1: file: unknown key 'a'", 15, id="billion-laughs-top"),
    pytest.param(lambda _: SPAN_LAUGHS, "6: span must be a mapping", 15, id="billion-laughs-spans"),
    pytest.param(lambda _: VALID.replace("attrs: {type: government}", "attrs: &a {type: government}")
                 .replace("attrs: {type: organisation}", "attrs: *a", 1),
                 "14: span s4: attrs: YAML aliases (*name) are not allowed", 1, id="alias-mapping"),
    pytest.param(lambda _: VALID.replace('note: "UN estimate"', 'note: &n "UN estimate"')
                 .replace("attrs: {status: reported}\n- id: s9", "attrs: {status: reported}\n  note: *n\n- id: s9"),
                 "63: span s8: note: YAML aliases (*name) are not allowed", 1, id="alias-scalar"),
    pytest.param(lambda _: HEAD + "spans: " + "[" * 5000 + "]" * 5000 + "\n",
                 "4: YAML syntax error: exceeded maximum nesting depth", 1, id="deep-flow"),
    pytest.param(lambda _: HEAD + "spans:\n" + "- " * 5000 + "x\n",
                 "5: YAML syntax error: exceeded maximum nesting depth", 1, id="deep-block"),
    pytest.param(lambda _: HEAD + "spans:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 1500)) + "x\n",
                 "1003: YAML syntax error: exceeded maximum nesting depth", 1, id="deep-indent"),
    pytest.param(lambda _: VALID.replace("status: in_progress", "status: !!python/name:os.system ''"),
                 "4: status: tag 'tag:yaml.org,2002:python/name:os.system' is not allowed", 1, id="python-name"),
    pytest.param(_python_tag, "3: annotator: tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
                 1, id="python-apply"),
    pytest.param(lambda _: "!!python/object:os.system {}\n",
                 "1: file: tag 'tag:yaml.org,2002:python/object:os.system' is not allowed", 1,
                 id="python-object-top"),
    pytest.param(lambda _: VALID.replace('note: "UN estimate"', "note: !!binary VU4gZXN0aW1hdGU="),
                 "63: span s6: note: tag 'tag:yaml.org,2002:binary' is not allowed", 1, id="binary-tag"),
    pytest.param(lambda _: VALID.encode("utf-8").replace(CURLY_S, b"\x92s embassy"),
                 f"11: not UTF-8 (bad byte at offset {BAD_BYTE_AT})", 1, id="invalid-utf8"),
    pytest.param(lambda _: VALID.encode("utf-16"), "1: not UTF-8 (bad byte at offset 0)", 1, id="utf16-bom"),
    pytest.param(_nul, "63: ", 1, id="nul-byte"),
    pytest.param(_bell, "63: ", 1, id="control-char"),
    pytest.param(lambda _: "", "1: empty file (expected a margin/1 annotation mapping)", 1, id="empty"),
    pytest.param(lambda _: "\n  \n# only a comment\n", "1: empty file (expected a margin/1 annotation mapping)", 1,
                 id="blank"),
    pytest.param(lambda _: "- id: s1\n- id: s2\n", "1: file must be a mapping", 1, id="top-level-list"),
    pytest.param(lambda _: "just a sentence\n", "1: file must be a mapping", 1, id="top-level-scalar"),
    pytest.param(lambda _: VALID + "---\n" + VALID, "83: YAML syntax error: but found another document", 1,
                 id="two-documents"),
    pytest.param(lambda _: VALID.replace("  label: ACTOR\n  start: 310", "\tlabel: ACTOR\n  start: 310"),
                 "8: YAML syntax error: found a tab character that violates indentation", 1, id="tab-indent"),
    pytest.param(lambda _: VALID.replace("end: 343", "end: 99999999999999999999999999"),
                 "10: span s1: end 99999999999999999999999999 is past the end of the document", 1, id="huge-int"),
]


@pytest.mark.parametrize("make,expected,max_lines", CASES)
def test_validate_names_each_bad_file(capsys, corpus_dir, tmp_path, make, expected, max_lines):
    path = install(corpus_dir, make(tmp_path))
    before = snapshot(corpus_dir)
    code = main(["validate", "--corpus", str(corpus_dir), str(path)])
    out, err = capsys.readouterr()
    assert code == 1
    problem_lines(err, path)
    lines = err.splitlines()
    assert f"{path}:{expected}" in lines[0] and len(lines) <= max_lines, err
    assert out.startswith("FAILED: 1 file(s), 0 span(s)")
    assert snapshot(corpus_dir) == before  # nothing written, nothing created
    assert not (tmp_path / "pwned").exists()


def test_bom_at_start_is_accepted_and_dropped_on_save(corpus):
    """A UTF-8 BOM is legal at the start of a YAML stream (Windows editors add one)."""
    from tui import store

    path = install(corpus.root, "\ufeff" + VALID)
    doc = corpus.document(SEED)
    loaded = store.load(path, corpus.schema, doc)
    plain = store.parse(VALID, str(path), corpus.schema, doc)
    assert loaded.annotation == plain
    store.save(path, loaded.annotation, loaded.fingerprint)
    assert path.read_bytes() == store.dumps(plain).encode("utf-8")


def test_100_mb_file_is_refused_before_reading_in_bounded_memory(corpus_dir):
    """Refused before reading, proved without a clock: the file is 100 MB of YAML followed by
    3 GiB of holes, so reading it in a child capped at 256 MB of address space would fail."""
    head, _, rest = VALID.partition("spans:\n")
    block = rest.partition("relations:")[0].encode("utf-8")
    path = corpus_dir / "annotations" / SEED / "alice.yaml"
    path.parent.mkdir(parents=True)
    try:
        with open(path, "wb") as f:
            f.write(head.encode("utf-8") + b"spans:\n")
            for _ in range(100 * 2**20 // len(block) + 1):
                f.write(block)
            f.truncate(3 * 2**30)
        assert path.stat().st_size > 3 * 2**30 - 1
        r = margin_limited("validate", "--corpus", str(corpus_dir), str(path), mem_mb=256)
        assert r.returncode == 1
        assert problem_lines(r.stderr, path) == [1]
        assert "too large" in r.stderr and "MemoryError" not in r.stderr
    finally:
        path.unlink()


def test_alias_bombs_stay_small_in_a_capped_process(corpus_dir):
    """Billion laughs in the annotation file and in margin.yaml, with 256 MB of address space."""
    path = install(corpus_dir, SPAN_LAUGHS)
    r = margin_limited("validate", "--corpus", str(corpus_dir), str(path), mem_mb=256)
    assert r.returncode == 1 and problem_lines(r.stderr, path)[0] == 6
    (corpus_dir / "margin.yaml").write_text(LAUGHS + "labels: *j\n", encoding="utf-8")
    r = margin_limited("validate", "--corpus", str(corpus_dir), mem_mb=256)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.startswith(f"{corpus_dir / 'margin.yaml'}")
    assert len(r.stderr.splitlines()) == 1
