"""Photo captions (session 13, pool class: 12 of 209 pool texts carry ``Image:`` credits): what a
caption shows before its credit is no actor (GUIDELINES: a caption that only names who is
pictured marks no actor), nor is the credit's label read into a name; a caption with a verb
is annotated like the body. Decided when suggesting (``Selection.keeps``), like a place's name."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest.name_heads import names_pictured
from tui.suggest.selection import Selection, reporting_and_action_verbs

VERBS = reporting_and_action_verbs()
PICTURED = st.sampled_from(["Elizabeth Warren", "Kamala Harris", "Sirhan", "Cotton Candy", "Ron Gunzburger"])
SHAPES = st.sampled_from(["{p} Image: {c}.", "{p}Image: {c}.", "{p} in 2016 (Image: {c})", "{p}, a dragon. Image: {c}.",
                          "{p} at the rally. Image: {c}."])
CREDITS = st.sampled_from(["U.S. Senate", "Nicholas Moreau", "CDCR", "Jo Jorgensen for President"])
OPENINGS = st.sampled_from(["", "Senators met on Monday.\n\n", "Candidates debated.\n\nThe vote is due.\n\n"])


def _keeps(text: str, name: str) -> bool:
    start = text.index(name)
    end = start + len(name)
    if text[end:].startswith("Image"):  # the credit's label glued to the name: the rules take both
        end += len("Image")
    return Selection(verbs=VERBS).keeps(text, start, end)


@settings(max_examples=150, deadline=None)
@given(OPENINGS, PICTURED, SHAPES, CREDITS)
def test_what_a_caption_shows_is_left_out_and_its_credit_is_not(opening, pictured, shape, credit):
    text = opening + shape.format(p=pictured, c=credit) + "\n\nOfficials said the plan was late."
    assert not _keeps(text, pictured), text
    assert not names_pictured(text, text.index(credit), text.index(credit) + len(credit), VERBS)
    assert _keeps(text, "Officials")


@settings(max_examples=60, deadline=None)
@given(OPENINGS, PICTURED, CREDITS, st.sampled_from(["performs", "speaks at the rally", "said the plan was late",
                                                   "(center) stands with the delegates"]))
def test_a_caption_with_a_verb_is_annotated_like_the_body(opening, pictured, credit, verb):
    text = opening + f"{pictured} {verb}. Image: {credit}."
    assert _keeps(text, pictured), text


def test_the_credits_label_alone_is_no_name():
    text = "The violinist played.\n\nImage: Nicholas Moreau."
    assert not Selection(verbs=VERBS).keeps(text, text.index("Image"), text.index("Image") + 5)
