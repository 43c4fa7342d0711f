"""Classes of actor that real news showed the rules missing (issue 23, the recall round):
the other side of a joint act, ... Each class is generated (hypothesis over invented names,
verbs and sentence shapes), not only the quoted sentence that showed it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest.contexts import context
from tui.suggest.rules.actors import find_actors
from tui.suggest.selection import reporting_and_action_verbs

VERBS = reporting_and_action_verbs()
#: invented one-word names no lexicon lists: whatever the rules find of them, they found by the words around
NAMES = st.builds(lambda a, b: a + b, st.sampled_from(["Zor", "Vel", "Quin", "Dax", "Mirr", "Tal"]),
                  st.sampled_from(["blax", "tech", "ora", "ivo", "unet", "ex"]))
PEOPLE = st.builds(lambda a, b: f"{a} {b}", st.sampled_from(["Mira", "Tobin", "Hadi", "Lena", "Oskar"]),
                   st.sampled_from(["Velkov", "Armitage", "Quesada", "Nordahl", "Ibekwe"]))


def _found(text: str) -> list[str]:
    return [text[m.start:m.end] for m in find_actors(text)]


def _ctx(text: str, name: str) -> str:
    start = text.rindex(name)
    return context(text, start, start + len(name), VERBS)


JOINT = st.sampled_from(["met with", "met on Monday with", "meets with", "was meeting with", "is collaborating with",
                         "collaborated with", "often had disagreements with", "disagreed with", "agreed with",
                         "then agreed with", "negotiated with", "clashed with", "held talks with"])
ONE_SIDED = st.sampled_from(["an agreement with", "a contract with", "docked with", "travelled with", "a meeting room with"])


@settings(max_examples=200, deadline=None)
@given(PEOPLE, JOINT, NAMES)
def test_the_other_side_of_a_joint_act_acts(subject, joint, other):
    """"The Taliban met on Monday with Zalmay Khalilzad", "collaborating with NASA", "had
    disagreements with Mike Pompeo", "agreed with Airbus to open": both sides meet, agree,
    disagree; the name after "with" acts, and a one-word name so found is an organisation."""
    for name in (other, "Ilse Marrow"):
        text = f"Earlier, {subject} {joint} {name} in the capital."
        assert _ctx(text, name) == "acts"
    assert other in _found(f"Earlier, {subject} {joint} {other} in the capital.")


@settings(max_examples=100, deadline=None)
@given(PEOPLE, ONE_SIDED, NAMES)
def test_a_thing_made_with_a_name_or_a_one_sided_act_leaves_it_an_object(subject, with_, other):
    """"an agreement with the government", "a contract with SpaceX", "docked with the
    International Space Station": the name after "with" does nothing."""
    text = f"Earlier, {subject} signed {with_} Ilse Marrow in the capital."
    assert _ctx(text, "Ilse Marrow") == "preposition"
    assert other not in _found(f"Earlier, {subject} signed {with_} {other} in the capital.")


ROLES = st.sampled_from(["administrator", "founder", "chairperson", "president", "spokesperson", "director",
                         "spokeswoman", "chairman", "commander"])


@settings(max_examples=200, deadline=None)
@given(NAMES, ROLES, PEOPLE, st.sampled_from(["according to", "said", "In a statement,", "Later,"]))
def test_a_name_before_a_role_and_a_person_modifies_the_role(org, role, person, before):
    """"according to NASA administrator Jim Bridenstine", "SpaceX founder Elon Musk": the
    person in the role speaks; the organisation only says whose role it is (a team that
    leaves it out does not learn to leave out sources after "according to")."""
    text = f"Later that day, {before} {org} {role} {person} the launch went well."
    assert _ctx(text, org) == "modifier"
    assert _ctx(f"Later that day, {before} {org} entered Poland.", org) != "modifier"


COUNTRIES = st.sampled_from(["Turkey", "Germany", "the US", "France", "Russia", "China", "the United States"])


@settings(max_examples=200, deadline=None)
@given(COUNTRIES, st.sampled_from(["With {c} encouraging firms to leave,", "Stoltenberg said: I count on {c} to act,",
                                   "Trump called for {c} to withdraw,", "With {c} pressing Iran for a deal,"]))
def test_a_country_that_acts_in_the_clause_after_it_is_an_actor(country, shape):
    """"With the US encouraging commercial entities to cease trading", "I count on Turkey to
    act": the country is the subject of the -ing form or the infinitive, so it acts as its
    government (as "Turkey began" does)."""
    name = country.removeprefix("the ")
    text = shape.format(c=country) + " the talks went on."
    assert name in _found(text)
    assert name not in _found(f"Trade with {country} fell; the talks went on.")
    assert name not in _found(f"Trade grew, with {country} emerging as a hub; the talks went on.")


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["as", "after", "before", "until"]), NAMES,
       st.sampled_from(["invades", "attacks", "withdraws", "announces", "signs"]))
def test_a_name_opening_a_headings_clause_with_a_present_verb_acts(opener, name, verb):
    """"Kurds announce deal with Assad's government as Turkey invades Syria's northeast": a
    heading's present tense after a clause opener is the name's verb, as "after Ford
    disclosed" is in a sentence."""
    text = f"Rebels sign deal {opener} {name} {verb} the north\n\nThe deal was signed on Monday."
    assert _ctx(text, name) == "acts"


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["ascribed to", "attributed to", "blamed on", "Attributed to"]), st.sampled_from(["", "the "]),
       NAMES)
def test_a_name_an_act_is_ascribed_to_is_its_agent(phrase, det, name):
    """"another attack ascribed to the Taliban", "a blast blamed on X": the name did it, as
    after "by" (the guidelines mark it)."""
    text = f"It was another attack {phrase} {det}{name} this year."
    assert _ctx(text, name) == "by"
    assert _ctx(f"It was another letter sent to {det}{name} this year.", name) != "by"


@settings(max_examples=200, deadline=None)
@given(NAMES, st.sampled_from(["for", "after", "under", "over", "never"]), PEOPLE)
def test_a_name_before_a_function_word_and_a_name_modifies_nothing(org, word, person):
    """"spokesperson for President X", "Ford after Trump": a function word ending like a
    role ("f-or", "aft-er") is no role the name modifies."""
    assert _ctx(f"Later that day, {org} {word} {person} spoke.", org) != "modifier"


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["Velora", "Quindar", "Tallis"]), st.sampled_from(["Court of Justice", "Supreme Court", "Federal Agency"]),
       st.sampled_from(["–", "—"]))
def test_a_caption_line_names_the_source_of_a_quotation(place, body, dash):
    """"– European Court of Justice" under a block quotation: the caption's name is its
    source, not a Title Case headline whose capitals say nothing."""
    name = f"{place} {body}"
    text = f"The ruling said:\n\nMember states may order hosts to remove the post.\n\n{dash} {name}\n\nIt was final."
    assert name in _found(text)
