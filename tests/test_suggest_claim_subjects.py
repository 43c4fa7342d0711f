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
