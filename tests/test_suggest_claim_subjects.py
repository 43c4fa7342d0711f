"""Reporting verbs whose speaker is a pronoun with auxiliaries or adverbs before the verb
("She also said"), or a common noun phrase no actor names ("The family said"): their
claims are found (generated variants; tui/suggest/rules/claims.py, claim_text.py)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest import suggest

CONTENTS = st.sampled_from(["two of the victims were from Dhaka", "the dam held through the night",
                            "they planned to hold a private funeral"])
VERBS = st.sampled_from(["said", "told reporters", "added", "warned"])


def _claims(text: str) -> list[str]:
    return [s.text for s in suggest(text).spans if s.label == "CLAIM"]


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(["She", "He", "she", "he"]),
       st.sampled_from(["also", "later", "has since", "had earlier", "further", "then", "has also"]), VERBS, CONTENTS)
def test_a_pronoun_speaker_with_adverbs_before_the_verb(pronoun, between, verb, content):
    lead = "" if pronoun[0].isupper() else "On Monday, "
    text = f"Jane Roe spoke to the press. {lead}{pronoun} {between} {verb} that {content}."
    s = suggest(text)
    (claim,) = [x for x in s.spans if x.label == "CLAIM"]
    assert claim.text == content
    (rel,) = s.relations
    assert rel.source == claim.id and next(x for x in s.spans if x.id == rel.target).text == "Jane Roe"


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(["The family", "The company", "Her family", "Their lawyers", "The hospital's management",
                        "The local council"]),
       st.sampled_from(["", " has", " later", " also"]), VERBS, CONTENTS,
       st.sampled_from(["", "On Friday, ", "He died on Sunday, and "]))
def test_a_common_noun_speaker_that_opens_the_clause(subject, aux, verb, content, lead):
    text = f"{lead}{subject if not lead or lead.endswith(', ') else subject[0].lower() + subject[1:]}{aux} {verb} {content}."
    assert content in _claims(text)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["The family", "Her sister"]), CONTENTS)
def test_no_claim_from_a_passive_report_or_a_noun_inside_a_clause(subject, content):
    assert _claims(f"{subject} was reported missing on Monday.") == []
    assert _claims(f"Police searched where the family said goodbye.") == []


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(["Jane Roe", "Prime Minister Narendra Modi", "Police chief Tom Hale"]),
       st.sampled_from(["recalled that", "stressed that", "tweeted:", "observed that", "pointed out that", "commented that"]),
       CONTENTS)
def test_reporting_verbs_that_need_a_clause(speaker, verb, content):
    """"recalled that ...", "tweeted: ...": claims; the same verbs with a noun object are acts."""
    assert _claims(f"{speaker} {verb} {content}.") == [content]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["Ford recalled the product", "Jane Roe posted a video of the flood", "Jane Roe responded to the fire",
                        "Jane Roe commented on the report", "Jane Roe mentioned the name"]))
def test_the_same_verbs_with_a_noun_object_are_acts(text):
    assert _claims(f"{text} on Monday.") == []


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["Deeply", "Sadly", "Unfortunately", "Finally", "Initially", "Clearly"]),
       st.sampled_from(["saddened by the loss", "affected by the news"]))
def test_a_sentence_adverb_opening_a_quotation_is_no_actor(adverb, rest):
    text = f'Prime Minister Narendra Modi tweeted "{adverb} {rest} of lives in the fire."'
    assert adverb not in [s.text for s in suggest(text).spans if s.label == "ACTOR"]
