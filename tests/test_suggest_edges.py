"""No suggested span, the rules' or the model's, begins on whitespace or on closing or
separating punctuation, nor ends on whitespace or on opening or separating punctuation
(tui.suggest.edges, applied where suggest() finalises its spans)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.learngen import article
from tui.corpus import Corpus
from tui.suggest import suggest
from tui.suggest.edges import tidy
from tui.suggest.learn import Suggester, retrain
from tests.test_suggest_selection import _write_corpus

NEVER_FIRST = set(",;:)]}.!?”’»—– \n\t")
NEVER_LAST = set(",;:([{“‘«—– \n\t")


def _clean(text: str, start: int, end: int) -> bool:
    first, last = text[start], text[end - 1]
    if first == '"' and start > 0 and not (text[start - 1].isspace() or text[start - 1] in "([{“‘"):
        return False  # a closing straight quote
    if last == '"' and (end == 1 or text[end - 2].isspace() or text[end - 2] in "([{“‘") \
            and end < len(text) and not text[end].isspace():
        return False  # an opening straight quote (one before a space or the end closes)
    if first == "." and end > start + 1 and text[start + 1].isdigit():
        first = "0"  # ".5 percent" may start on its point
    return first not in NEVER_FIRST and last not in NEVER_LAST


def _all_clean(text: str, spans) -> None:
    for sp in spans:
        assert sp.start < sp.end and _clean(text, sp.start, sp.end), (sp.label, text[sp.start:sp.end])
        assert sp.text == text[sp.start:sp.end]


_PIECES = [", his surviving father says, ", ' "We are done," ', " (FSB) ", " — ", "; ", ": ", " [sic] ",
           " ‘quoted’ ", " “Never,” she said. ", "… ", ", according to police, ", ' said: "', "\n\n", " 'ok' "]


@st.composite
def noisy_articles(draw):
    """A generated article with speech tags, quotes, brackets and dashes put in at random."""
    text = article(draw(st.integers(0, 10**6)), draw(st.integers(2, 6)))[0]
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(_PIECES)) + text[at:]
    return text


class _AnyModel:
    """A model that proposes whatever spans it is given (the CRF may tag any tokens)."""

    labels = ("ACTOR", "FIGURE", "CLAIM")

    def __init__(self, cuts):
        self.cuts = cuts

    def combine(self, text, labels, found, raw):
        mine = [(s, e, lab, {}, "model") for s, e, lab in self.cuts if lab in labels]
        return raw + mine, {(s, e, lab): 0.5 for s, e, lab in self.cuts}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab \n,;:()[]\"'“”‘’.!?—-5", max_size=30), st.data())
def test_tidy_leaves_a_clean_span_inside_the_given_one(text, data):
    if not text:
        return
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    cut = tidy(text, start, end)
    if cut is None:
        return
    s, e = cut
    assert start <= s < e <= end and _clean(text, s, e)
    assert tidy(text, s, e) == (s, e)  # a clean span comes back unchanged


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(noisy_articles(), st.data())
def test_no_suggested_span_begins_or_ends_on_punctuation_or_space(text, data):
    """Rules alone, and with a model proposing spans on any characters at all."""
    _all_clean(text, suggest(text).spans)
    cuts = data.draw(st.lists(st.tuples(st.integers(0, len(text) - 1), st.integers(1, 80),
                                        st.sampled_from(_AnyModel.labels)), max_size=12))
    model = _AnyModel([(s, min(len(text), s + n), lab) for s, n, lab in cuts])
    got = suggest(text, model=model)
    _all_clean(text, got.spans)
    ids = {sp.id for sp in got.spans}
    assert all(r.source in ids and r.target in ids for r in got.relations)


_TRAINED: dict[str, Suggester] = {}


def _trained() -> Suggester:
    """A model trained once on a generated corpus with noisy punctuation around its spans."""
    if "s" not in _TRAINED:
        with tempfile.TemporaryDirectory() as tmp:
            _write_corpus(Path(tmp), [11, 12], lambda label, k: {})
            corpus = Corpus(Path(tmp))
            retrain(corpus)
            _TRAINED["s"] = Suggester.for_corpus(corpus)
    return _TRAINED["s"]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(noisy_articles())
def test_a_trained_model_suggests_no_span_on_punctuation_or_space(text):
    _all_clean(text, _trained().suggest(text).spans)


def test_a_claim_after_a_speech_tag_does_not_start_on_its_comma():
    """The case a user found (wn-2019-02-12-seaeye): the model started a claim on the comma
    after "his surviving father says"."""
    text = ("they had, his surviving father says, paid people smugglers to take them from "
            "Turkey to Greece in a small inflatable boat. A photograph followed.")
    s = text.index(", paid")
    e = text.index(" A photograph")
    got = suggest(text, model=_AnyModel([(s, e, "CLAIM"), (s - 2, s + 1, "ACTOR")]))
    claims = [sp.text for sp in got.spans if sp.label == "CLAIM"]
    assert "paid people smugglers to take them from Turkey to Greece in a small inflatable boat." in claims
    assert "ys" in [sp.text for sp in got.spans if sp.label == "ACTOR"]
