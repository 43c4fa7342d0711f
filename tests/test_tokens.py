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
