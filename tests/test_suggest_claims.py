"""Claim frames on real news (tui/suggest/rules/claims.py): where reported speech ends,
who says it and which frames introduce it. Each case is a class the real-text set showed
(bench/realtext), written here with other words; every case failed on the rules before
the frames below were added."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest import suggest
from tui.suggest.conventions import DEFAULTS
from tui.suggest.edges import tidy
from tests.test_suggest import by_text, speaker_of

QUOTES = replace(DEFAULTS, claim_quotes=True)


@pytest.mark.parametrize("text,claim,speaker", [
    # a bracketed short name between the speaker and the verb
    ("The Federal Aviation Authority (FAA) said they believe the engine failed.", "they believe the engine failed",
     "Federal Aviation Authority"),
    # "further" / "there" between the speaker and the verb; the outer report keeps the inner one
    ("Amnesty International further reported its source said the prisoners were moved.",
     "its source said the prisoners were moved", "Amnesty International"),
    ("Residents there told the press the soldiers claimed to be lost.", "the soldiers claimed to be lost", "Residents"),
    # a promise with a clause of its own
    ("Mayor Jane Roe has promised each family will be paid in full.", "each family will be paid in full", "Mayor Jane Roe"),
    # a participle after the speaker's own clause, or right after the speaker
    ("Governor Jane Roe agreed, saying only the council could act.", "only the council could act", "Governor Jane Roe"),
    ("On Friday, Governor Jane Roe closed the port, claiming this would stop the smuggling.",
     "this would stop the smuggling", "Governor Jane Roe"),
    ("Rescue teams left on Monday, with Jane Roe describing the site as dangerous.", "the site as dangerous",
     "Jane Roe"),
    # where it was said is not what was said
    ("Acme Corp said in a filing to the U.S. Commerce Department that sales fell by a third.", "sales fell by a third",
     "Acme Corp"),
    ("Acme Corp said in its filing the plant is safe.", "the plant is safe", "Acme Corp"),
    # describe X as “Y”: ends with Y's quotation
    ("Jane Roe described the attack as a “cowardly act” and urged calm.", "the attack as a “cowardly act”", "Jane Roe"),
    # "according to X" then the source's own relative clause: the end; no comma after X: the middle
    ("Fifty people died, according to officials, some of whom were hurt.", "Fifty people died", "officials"),
    ("Workers, according to the Health Ministry rescued ten people on Monday.",
     "Workers, according to the Health Ministry rescued ten people on Monday", "Health Ministry"),
    # a second verb of the same speaker after ", but"
    ("Jane Roe said the dam held, but said the road was closed.", "the road was closed", "Jane Roe"),
    ("Jane Roe said the dam held, but said the road was closed.", "the dam held", "Jane Roe"),
    ("Jane Roe indicated the dam held.", "the dam held", "Jane Roe"),
])
def test_claim_frames(text, claim, speaker):
    sugg = suggest(text)
    claims = by_text(sugg.spans, "CLAIM")
    assert claim in claims, claims
    assert speaker_of(sugg, claim) == speaker


def test_a_quote_then_a_participle_gives_two_claims():
    text = 'Jane Roe said the levy "costs farmers dearly," further saying, "We cannot pay it."'
    claims = list(by_text(suggest(text, conventions=QUOTES).spans, "CLAIM"))
    assert claims == ['the levy "costs farmers dearly,"', '"We cannot pay it."']


_CONTENT = st.sampled_from(["the bridge was safe", "prices would rise", "the levy “costs farmers dearly,”",
                            "it had found no trace of explosives", "the vote was fair"])
_ENDERS = st.sampled_from([", but analysts doubt it", "; the court disagreed", " despite protests outside",
                           ", while others left"])
_SPEAKERS = st.sampled_from(["Jane Roe", "Amnesty International", "Officials"])


@settings(max_examples=60, deadline=None)
@given(_SPEAKERS, st.sampled_from(["said", "says", "warned", "claimed"]), _CONTENT, _ENDERS)
def test_reported_speech_ends_before_but_while_semicolon_and_despite(speaker, verb, content, ender):
    """Indirect speech ends before ", but", ", while", ";" and "despite", also when the
    comma is a quotation's own (`dearly,” but`)."""
    if content.endswith(",”"):
        ender = ender.lstrip(",")
    text = f"{speaker} {verb} {content}{ender}."
    claims = list(by_text(suggest(text, conventions=QUOTES).spans, "CLAIM"))
    assert content.rstrip(",") in claims or content in claims, (text, claims)


@pytest.mark.parametrize("space", ["\u2009", "\u200a", "\u00a0", " "])
@pytest.mark.parametrize("after", ["", "\n\nNext paragraph.", " Then more."])
def test_a_straight_quote_after_a_space_before_a_space_or_the_end_closes(space, after):
    """`tomorrow.'\u2009"`: the closing quote after a thin space is kept by the one edge rule."""
    quote = f"\"I left and he said, 'Let's talk tomorrow.'{space}\""
    text = "Jane Roe wrote: " + quote + after
    start = text.index('"')
    assert tidy(text, start, start + len(quote)) == (start, start + len(quote))
    claims = by_text(suggest(text, conventions=QUOTES).spans, "CLAIM")
    assert quote in claims, claims
