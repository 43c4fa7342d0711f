"""A reporting verb whose only object is a person (`the Senate had not confirmed him`,
`confirmed her on Monday`) reports nothing: no claim (GUIDELINES: one confirmed is acted
upon). Generated over bodies, verbs, pronouns and a trailing time."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest.rules.actors import find_actors
from tui.suggest.rules.claims import find_claims
from tui.suggest.rules.lexicon import load_lexicon

BODIES = st.sampled_from(["The Senate", "The National Assembly", "The Parliament", "The committee"])
VERBS = st.sampled_from(["confirmed", "has confirmed", "had not confirmed", "confirms"])
PRONOUNS = st.sampled_from(["him", "her", "them", "me", "us"])
TAILS = st.sampled_from(["", " on Monday", " in March"])


def _claims(text: str) -> list[str]:
    return [text[c.start:c.end] for c in find_claims(text, find_actors(text), load_lexicon())]


@settings(max_examples=60, deadline=None)
@given(BODIES, VERBS, PRONOUNS, TAILS)
def test_a_person_as_the_only_object_is_no_claim(body, verb, pronoun, tail):
    text = f"{body} {verb} {pronoun}{tail}."
    assert not any(c.startswith(pronoun) for c in _claims(text)), _claims(text)


@settings(max_examples=20, deadline=None)
@given(BODIES, PRONOUNS)
def test_a_clause_after_the_verb_is_still_a_claim(body, pronoun):
    text = f"{body} confirmed that {pronoun} would be sworn in on Monday."
    assert any(c.startswith(pronoun) for c in _claims(text)), _claims(text)
