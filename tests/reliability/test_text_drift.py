"""Text drift: the article is edited after it was annotated. Several annotators' spans over
the seed are re-anchored after random realistic edits; the edits track where every original
character went, so each span's right place in the new text is known.

A span is *correct* when it covers the same words at the same place, *gone* when most of
its characters were deleted, *silently wrong* when it is neither correct nor flagged.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import lru_cache

import pytest

from tests.conftest import ROOT, SEED
from tui import store
from tui.anchor import reanchor_annotation
from tui.corpus import Corpus
from tui.dataset import load_items
from tui.model import FLAGS, Annotation, Document, Span, make_span
from tui.tokens import TOKEN_RE, sentences, tokenize

TEXT = (ROOT / "seeds" / f"{SEED}.txt").read_text(encoding="utf-8")
ANNOTATORS = ("alice", "bob", "carol", "dave")
SPANS_EACH = 40
TRIALS = 12
STOP = set("a an and are as at be been by for from had has have he her his in is it its of on or "
           "said she that the their them they this to was were which who with".split())


def _spans(rng: random.Random, n: int) -> list[Span]:
    """Spans an annotator could draw: 1-12 tokens inside a sentence, starting and ending
    on a content word (names, figures, clauses), with a label."""
    words = [(s, e) for s, e in tokenize(TEXT) if TEXT[s].isalnum() and TEXT[s:e].lower() not in STOP]
    out: list[Span] = []
    sents = sentences(TEXT)
    while len(out) < n:
        ss, se = rng.choice(sents)
        inside = [w for w in words if ss <= w[0] and w[1] <= se]
        i = rng.randrange(len(inside))
        j = min(len(inside) - 1, i + rng.choice([0, 0, 1, 1, 2, 3, 5, 8]))
        label = "FIGURE" if any(c.isdigit() for c in TEXT[inside[i][0]:inside[j][1]]) else rng.choice(["ACTOR", "CLAIM"])
        out.append(make_span(TEXT, f"s{len(out) + 1}", label, inside[i][0], inside[j][1]))
    return out


# ------------------------------------------------------------------ edits that track characters
# The text is a list of (character, original offset or None for inserted characters).


def _text(chars) -> str:
    return "".join(c for c, _ in chars)


def insert_sentence(rng, chars):
    s = _text(chars)
    at = rng.choice([m.end() for m in re.finditer(r"[.!?] ", s)])
    new = rng.choice(["Officials declined to comment. ", "Reuters contributed reporting. ",
                      "The figures could not be independently verified. "])
    chars[at:at] = [(c, None) for c in new]


def insert_word(rng, chars):
    at = rng.choice([m.start() for m in re.finditer(r" \w", _text(chars))])
    chars[at:at] = [(c, None) for c in rng.choice([" reportedly", " also", " now", " recently"])]


def delete_sentence(rng, chars):
    a, b = rng.choice(sentences(_text(chars)))
    while b < len(chars) and chars[b][0] == " ":
        b += 1
    del chars[a:b]


def delete_word(rng, chars):
    a, b = rng.choice([m.span() for m in re.finditer(r" \w+", _text(chars))])
    del chars[a:b]


def fix_typo(rng, chars):
    """Two adjacent letters of a word trade places (a typo fixed, or made)."""
    a, b = rng.choice([m.span() for m in re.finditer(r"[a-z]{5,}", _text(chars))])
    i = rng.randrange(a + 1, b - 2)
    (c1, o1), (c2, o2) = chars[i], chars[i + 1]
    chars[i], chars[i + 1] = (c2, o1), (c1, o2)


def move_paragraph(rng, chars):
    s = _text(chars)
    paras = [m.span() for m in re.finditer(r"[^\n]*\n", s)]
    a, b = rng.choice(paras)
    para = chars[a:b]
    del chars[a:b]
    s = _text(chars)
    at = rng.choice([0] + [m.end() for m in re.finditer(r"\n", s)])
    chars[at:at] = para


def rewrap(rng, chars):
    """Hard-wrap at 60-80 columns, as an editor's 'reflow' does."""
    width, col, out = rng.randrange(60, 80), 0, []
    for c, o in chars:
        if c == " " and col >= width:
            out.append(("\n", o))
            col = 0
            continue
        col = 0 if c == "\n" else col + 1
        out.append((c, o))
    chars[:] = out


def crlf(rng, chars):
    out = []
    for c, o in chars:
        if c == "\n":
            out.append(("\r", None))
        out.append((c, o))
    chars[:] = out


def straighten_quotes(rng, chars):
    table = {"’": "'", "‘": "'", "“": '"', "”": '"'}
    chars[:] = [(table.get(c, c), o) for c, o in chars]


def double_spaces(rng, chars):
    spaces = [i for i, (c, _) in enumerate(chars) if c == " "]
    for i in sorted(rng.sample(spaces, 10), reverse=True):
        chars.insert(i, (" ", None))


# structural edits first, reformatting last (an editor reflows after rewriting)
EDITS = [insert_sentence, insert_word, delete_sentence, delete_word, fix_typo, move_paragraph,
         double_spaces, straighten_quotes, rewrap, crlf]


@dataclass
class Outcome:
    total: int = 0
    gone: int = 0
    correct: int = 0
    flagged: int = 0
    silent: int = 0  # neither correct nor flagged


def _words(s: str) -> list[str]:
    return TOKEN_RE.findall(s)


def _judge(old: Span, new: Span, text: str, where: dict, out: Outcome) -> None:
    out.total += 1
    out.flagged += new.flag is not None
    kept = [where[i] for i in range(old.start, old.end) if i in where]
    if len(kept) * 2 < old.end - old.start or max(kept) - min(kept) > 2 * (old.end - old.start) + 20:
        out.gone += 1  # its words were deleted: it must be flagged
        out.silent += new.flag is None
        return
    es, ee = min(kept), max(kept) + 1
    right = _words(text[new.start:new.end]) == _words(text[es:ee]) and new.start < ee and es < new.end
    out.correct += right
    out.silent += not right and new.flag is None


@lru_cache(maxsize=1)
def drift_trials() -> tuple[Outcome, list[str]]:
    """Re-anchor every annotator's spans after TRIALS random edit scripts."""
    out, problems = Outcome(), []
    for trial in range(TRIALS):
        rng = random.Random(trial)
        chars = [(c, i) for i, c in enumerate(TEXT)]
        script = sorted(rng.sample(EDITS, 5), key=EDITS.index)
        for edit in script:
            edit(rng, chars)
        doc = Document(SEED, _text(chars))
        where = {o: j for j, (_, o) in enumerate(chars) if o is not None}
        for name in ANNOTATORS:
            old = Annotation(SEED, "0" * 64, len(TEXT), name, spans=_spans(rng, SPANS_EACH))
            new, _, flagged = reanchor_annotation(old, doc)
            if [s.id for s in new.spans] != [s.id for s in old.spans]:
                problems.append(f"trial {trial}: {name}'s spans were dropped or reordered")
            for a, b in zip(old.spans, new.spans):
                if b.flag is None and doc.text[b.start:b.end] != b.text:
                    problems.append(f"trial {trial}: unflagged span {b.id} does not match its text")
                if b.flag is not None and (b.flag not in FLAGS or not 0 <= b.start < b.end <= len(doc.text)):
                    problems.append(f"trial {trial}: span {b.id} flagged {b.flag!r} at {b.start}-{b.end}")
                _judge(a, b, doc.text, where, out)
            if sorted(flagged) != sorted(s.id for s in new.spans if s.flag):
                problems.append(f"trial {trial}: the flagged list does not match the flags")
    return out, problems


def test_drift_keeps_every_span():
    out, problems = drift_trials()
    print(f"\ntext drift: {out}")
    assert problems == []
    assert out.total == TRIALS * len(ANNOTATORS) * SPANS_EACH
    assert 0 < out.flagged < out.total and out.gone > 0  # the edits did bite


def test_drift_re_anchors_95_percent_on_the_right_words():
    out, _ = drift_trials()
    assert out.correct / (out.total - out.gone) >= 0.95, out


def test_drift_never_moves_a_span_silently_to_other_words():
    out, _ = drift_trials()
    assert out.silent == 0, out
    # the realistic case behind it: an article rewrites one of two mentions of Amnesty
    i = TEXT.index("Amnesty estimates")
    span = make_span(TEXT, "s1", "ACTOR", i, i + len("Amnesty"))
    doc = Document(SEED, TEXT.replace("Amnesty estimates", "the group estimates"))
    new, _, flagged = reanchor_annotation(Annotation(SEED, "0" * 64, len(TEXT), "alice", spans=[span]), doc)
    assert flagged == ["s1"], f"moved silently to {doc.text[new.spans[0].start - 20:new.spans[0].end + 20]!r}"


def test_drift_through_the_files_of_four_annotators(corpus_dir):
    """Save four files, edit the article on disk, load (re-anchor), save, load again."""
    corpus = Corpus(corpus_dir)
    doc = corpus.document(SEED)
    rng = random.Random(2026)
    for name in ANNOTATORS:
        ann = Annotation.new(doc, name)
        ann.spans = _spans(rng, SPANS_EACH)
        store.save(corpus.annotation_path(SEED, name), ann, None)
    chars = [(c, i) for i, c in enumerate(TEXT)]
    for edit in (insert_sentence, delete_word, straighten_quotes, rewrap, crlf):
        edit(rng, chars)
    corpus.doc_path(SEED).write_bytes(_text(chars).encode("utf-8"))
    items, problems = load_items(corpus)
    assert problems == [] and sorted(it.annotator for it in items) == list(ANNOTATORS)
    new_doc = corpus.document(SEED)
    flagged = {}
    for it in items:
        assert len(it.annotation.spans) == SPANS_EACH and it.moved > 0
        flagged[it.annotator] = sorted(it.flagged)
        loaded = store.load(it.path, corpus.schema, new_doc)  # what the app does before saving
        store.save(it.path, loaded.annotation, loaded.fingerprint)
    again, problems = load_items(corpus)
    assert problems == []
    for it in again:
        assert it.moved == 0 and it.annotation.sha256 == new_doc.sha256
        assert len(it.annotation.spans) == SPANS_EACH
        assert sorted(s.id for s in it.annotation.spans if s.flag) == flagged[it.annotator]
        for s in it.annotation.spans:
            assert s.flag == "lost" or new_doc.text[s.start:s.end] == s.text
