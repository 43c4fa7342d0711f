"""Fuzzing the loader: random bytes and mutated valid files either load (and then save and
load back identically) or raise margin's own ValidationError/DataError, never anything else.
``--full`` (or MARGIN_FULL=1) tries ten times as many inputs."""

from __future__ import annotations

import re
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.conftest import DATA, SEED
from tests.reliability import full_run
from tui import store
from tui.corpus import Corpus
from tui.errors import DataError

VALID = (DATA / "alice.yaml").read_bytes()
STALE = VALID.replace(b"227cdf99", b"127cdf99")  # an older article: every load re-anchors
TOKENS = [b": ", b"- ", b"-", b"[", b"]", b"{", b"}", b",", b"&a ", b"*a", b"!!python/object:os.system ",
          b"!!str ", b"!!binary ", b"? ", b"|", b">", b"'", b'"', b"#", b"%", b"@", b"`", b"\t", b"\n", b"\r",
          b"  ", b"~", b"null", b"yes", b"no", b"on", b".inf", b".nan", b"0x1F", b"0o17", b"012", b"1_000",
          b"5:10", b"1e9", b"-1", b"99999999999999999999", b"2026-01-01", b"2026-01-01T00:00:00Z",
          b"\\ud800", b"\\x00", b"\xef\xbb\xbf", b"\x00", b"\xff", b"\xc3", b"\xe2\x80\xa8", b"\xc2\x85",
          b"ACTOR", b"CLAIM", b"FIGURE", b"attributed_to", b"s1", b"s3", b"r1", b"label", b"start", b"end",
          b"text", b"from", b"to", b"attrs", b"flag", b"lost", b"fuzzy", b"note", b"relations", b"spans"]


OPTIONAL = re.compile(rb"^(  (prefix|suffix|attrs|note): .*|status: .*|updated: .*|- \{id: r.*)$", re.M)


@st.composite
def mutated(draw) -> bytes:
    """A valid file (or one of an older article) with 1-3 edits, from plausible to hostile."""
    data = bytearray(draw(st.sampled_from([VALID, STALE])))
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["insert", "delete", "replace", "line", "byte", "optional", "number"]))
        if kind == "insert":
            data[i:i] = draw(st.sampled_from(TOKENS))
        elif kind == "delete":
            del data[i:i + draw(st.integers(1, 40))]
        elif kind == "replace":  # a value after "key: " becomes something else
            m = list(re.finditer(rb": ([^\n,}]*)", bytes(data)))
            if m:
                j = draw(st.sampled_from(m))
                data[j.start(1):j.end(1)] = draw(st.sampled_from(TOKENS))
        elif kind == "line":  # duplicate, drop or move a whole line
            lines = bytes(data).split(b"\n")
            a, b = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            op = draw(st.sampled_from(["dup", "drop", "move"]))
            line = lines[a]
            if op != "dup":
                del lines[a]
            if op != "drop":
                lines.insert(min(b, len(lines)), line)
            data = bytearray(b"\n".join(lines))
        elif kind == "optional":  # drop a line the format does not require
            m = list(OPTIONAL.finditer(bytes(data)))
            if m:
                j = draw(st.sampled_from(m))
                del data[j.start():j.end() + 1]
        elif kind == "number":  # move an offset or a value a little
            m = list(re.finditer(rb"(?<=[ {])\d+(?=[,}\n])", bytes(data)))
            if m:
                j = draw(st.sampled_from(m))
                data[j.start():j.end()] = str(max(0, int(j.group()) + draw(st.integers(-40, 40)))).encode()
        elif data:
            data[min(i, len(data) - 1)] = draw(st.integers(0, 255))
    return bytes(data)


@lru_cache(maxsize=4)
def _document(root):
    return Corpus(root).document(SEED)


def _load_or_own_error(corpus, path, data: bytes, seen: list):
    """Load ``data``; its own error types are fine, a loaded file must save and load back."""
    path.write_bytes(data)
    seen.append(data)
    doc = _document(corpus.root)
    try:
        loaded = store.load(path, corpus.schema, doc)
    except DataError as e:  # ValidationError is a DataError
        return e
    text = store.dumps(loaded.annotation)
    back = store.parse(text, str(path), corpus.schema, doc)
    assert back == loaded.annotation.sorted()
    assert store.dumps(back) == text
    return None


def _run(config, strategy, examples: int, check, extra=()):
    n = examples * (10 if full_run(config) else 1)
    test = given(strategy)(check)
    for e in extra:
        test = example(e)(test)
    settings(max_examples=n, deadline=None, database=None,
             suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])(test)()


def test_random_bytes_never_raise_a_foreign_error(request, corpus, alice_file):
    seen: list = []

    def check(data):
        _load_or_own_error(corpus, alice_file, data, seen)

    _run(request.config, st.binary(max_size=3000), 100, check)
    print(f"\nfuzz: {len(seen)} random inputs")
    assert len(seen) >= 100


def test_mutated_files_never_raise_a_foreign_error(request, corpus, alice_file):
    seen, loaded = [], []

    def check(data):
        if _load_or_own_error(corpus, alice_file, data, seen) is None:
            loaded.append(data)

    _run(request.config, mutated(), 120, check)
    print(f"\nfuzz: {len(seen)} mutated inputs, {len(loaded)} of them valid")
    assert len(seen) >= 120 and 0 < len(loaded) < len(seen)


def test_every_problem_is_one_line_with_a_real_line_number(request, corpus, alice_file):
    seen: list = []
    pat = re.compile(re.escape(str(alice_file)) + r":(\d+): [^\n]+")

    def check(data):
        err = _load_or_own_error(corpus, alice_file, data, seen)
        if err is None:
            return
        problems = getattr(err, "problems", [str(err)])
        last = data.count(b"\n") + 1
        for p in problems:
            m = pat.fullmatch(p)
            assert m and 1 <= int(m.group(1)) <= last, p

    _run(request.config, st.one_of(mutated(), st.binary(max_size=500)), 150, check,
         extra=[VALID.replace(b"note: ", b"note: \x00"), VALID.replace(b"annotator: ", b"annotator: \x1b")])
