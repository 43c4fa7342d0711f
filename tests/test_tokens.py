"""The sentence splitter (tui.tokens.sentences): no false breaks after abbreviations,
titles and initialisms; real sentence ends still split (CoNLL sentences and the cursor's
sentence motions both use it)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import ROOT, SEED
from tui.tokens import TokenIndex, sentences


def split(text: str) -> list[str]:
    return [text[a:b] for a, b in sentences(text)]


@pytest.mark.parametrize("text, want", [
    ("Acme Corp. said profits rose. The board met.", ["Acme Corp. said profits rose.", "The board met."]),
    ("He went to the U.S. Embassy in Phnom Penh. It was late.",
     ["He went to the U.S. Embassy in Phnom Penh.", "It was late."]),
    ("Dr. Chen arrived at 5 p.m. on Monday. Police said so.",
     ["Dr. Chen arrived at 5 p.m. on Monday.", "Police said so."]),
    ("Mr. and Mrs. Sok met Gen. Tea Banh. They spoke.", ["Mr. and Mrs. Sok met Gen. Tea Banh.", "They spoke."]),
    ("Prince Holding Group Co. Ltd. denied it. The U.N. did not.",
     ["Prince Holding Group Co. Ltd. denied it.", "The U.N. did not."]),
    ("John F. Kennedy spoke. Then he left.", ["John F. Kennedy spoke.", "Then he left."]),
    ("See No. 5 on the list. Next.", ["See No. 5 on the list.", "Next."]),
    # real ends after an abbreviation or initialism: the next word starts a sentence
    ("They flew to the U.S. The next day they returned.", ["They flew to the U.S.", "The next day they returned."]),
    ("It ended at 5 p.m. Police said three died.", ["It ended at 5 p.m.", "Police said three died."]),
    ("They sell shoes, bags, etc. But not hats.", ["They sell shoes, bags, etc.", "But not hats."]),
    # ordinary ends, quotes and brackets, lowercase after ? and !
    ("“Why?” she asked. “Now!” He left.", ["“Why?” she asked.", "“Now!”", "He left."]),
    ("Sales rose 12.5 percent. Costs fell (slightly.) Fine.", ["Sales rose 12.5 percent.", "Costs fell (slightly.)", "Fine."]),
    ("One line\nanother line", ["One line", "another line"]),
])
def test_sentences(text, want):
    assert split(text) == want


def test_seed_article_sentence_ends_still_split():
    text = (ROOT / "seeds" / f"{SEED}.txt").read_text(encoding="utf-8")
    got = split(text)
    assert len(got) == 24
    assert all(s.rstrip("”’\"')").endswith((".", "!", "?")) for s in got)
    # every ". X" with X capitalised in the seed is a real end: none is swallowed
    import re

    ends = [m.end() - 1 for m in re.finditer(r"[.!?][”’\"]?\s+(?=[“\"]?[A-Z])", text)]
    assert len(ends) == len(got) - 1


@given(st.lists(st.sampled_from(["Corp.", "U.S.", "Dr.", "p.m.", "The", "said", "it", "rose.", "Police",
                                 "12.5", "“Yes?”", "he", "\n", "Inc.", "J."]), max_size=30))
def test_sentences_cover_the_text_in_order(words):
    text = " ".join(words)
    spans = sentences(text)
    assert all(a < b for a, b in spans) and all(b1 <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:]))
    assert "".join(text[a:b] for a, b in spans).replace(" ", "").replace("\n", "") == \
        text.replace(" ", "").replace("\n", "")
    idx = TokenIndex(text)
    assert idx.sentences == spans


@given(st.text(st.sampled_from(["a", "1", ".", " ", "\t", "\n", "\r", "\u00a0", "\u2028", "\u3000", "\x0b",
                                "\x85", "\u200b", "\u2009", "é", "’"]), max_size=30), st.data())
def test_trimming_has_one_whitespace_and_never_drops_a_token(text, data):
    """tui.tokens.trimmed is the one trimming (the editor's, the review's, the sentences'):
    its whitespace is exactly what the tokenizer skips, so a trimmed span keeps its tokens."""
    from tui.editing import EditSession
    from tui.model import Annotation, Document
    from tui.review.bounds import _trim
    from tui.tokens import token_index, trimmed

    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    a, b = trimmed(text, start, end)
    assert text[a:b] == text[start:end].strip()  # str.strip: the same str.isspace
    assert not text[a:b] or not (text[a].isspace() or text[b - 1].isspace())
    idx = token_index(text)
    assert list(idx.tokens_in(a, b)) == list(idx.tokens_in(start, end)) or a == b
    doc = Document("d", text)
    session = EditSession(doc, Annotation("d", doc.sha256, len(text), "t"))
    assert session.trim(start, end) == (a, b)
    assert _trim(text, [(start, end)]) == (((a, b),) if a < b else ())
