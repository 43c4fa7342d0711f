"""ACTOR classes on unseen news (session 13, helper actspk): missed actors that act or speak,
tallied on the 209 unlabelled pool texts, each class in at least three of them. Generated
variants; each test failed before its class's change."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest.contexts import context
from tui.suggest.rules.actors import find_actors

#: role nouns no lexicon list holds: agent-noun shapes and a few person nouns
SINGULAR_ROLES = st.sampled_from(["driver", "organizer", "interviewee", "judge", "official", "bus driver",
                                  "federal judge", "Turkish official", "government official", "shopkeeper",
                                  "United States federal judge", "park ranger", "pharmacist", "librarian",
                                  "consultant", "attendant", "local official", "airline employee"])
PLURAL_ROLES = st.sampled_from(["defendants", "forecasters", "astronomers", "legislators", "State legislators",
                                "pharmacists", "shopkeepers", "consultants", "park rangers", "candidates",
                                "neighbours", "meteorologists", "seismologists", "local organizers"])
VERBS = st.sampled_from(["said", "told reporters", "confirmed", "later said", "has said", "warned", "stated",
                         "dismissed the case", "ruled", "decided", "sentenced him", "agreed"])
OPENERS = st.sampled_from(["", "On Monday, ", "In December, ", "However, ", "Speaking to the press, "])


def _spans(text: str) -> list[tuple[str, str]]:
    return [(text[m.start:m.end], m.type) for m in find_actors(text)]


def _phrase(words: str) -> str:
    """``words`` opening a sentence."""
    return words[0].upper() + words[1:]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["a", "an", "another", "one"]), SINGULAR_ROLES, VERBS, OPENERS)
def test_a_role_the_lexicon_lacks_introduced_before_its_verb_acts(det, role, verb, opener):
    """`a federal judge dismissed`, `An organizer said`, `One interviewee said`, `a Turkish
    official said`, `A judge agreed`: a singular role noun (an agent noun's shape or a person
    noun) introduced by an indefinite determiner, the subject of a reporting or deciding verb,
    is the actor with its modifiers and no determiner (GUIDELINES: `fire officer`, `United States
    federal judge`). Pool texts p021, p024, p042, p113, p161, p171, p198, …"""
    lead = f"{det} {role}" if opener else f"{det.capitalize()} {role}"
    text = f"The trial went on for weeks.\n\n{opener}{lead} {verb} on the matter.\n"
    assert (role, "person") in _spans(text)


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(["The", "the", "Some", "", "Their"]), PLURAL_ROLES,
       st.sampled_from(["said", "claimed", "have warned", "predicted", "argued", "told the court", "observed"]))
def test_a_role_group_the_lexicon_lacks_before_its_verb_acts(det, role, verb):
    """`The defendants claimed`, `forecasters predicted`, `The astronomers observed`, `The
    candidates agreed`, `State legislators … argued`: a plural role noun the lexicon lacks is a
    role group (`group`) when it is the subject of a reporting verb. Pool texts p013, p043,
    p168, p193, p186, …"""
    if det == "the":
        text = f"The hearing ended late, and the {role} {verb} that the case was weak.\n"
    else:
        text = f"The hearing ended late.\n\n{_phrase(f'{det} {role}'.strip())} {verb} that the case was weak.\n"
    assert (_phrase(role) if not det else role, "group") in _spans(text)


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(["a man", "a driver", "an organizer", "a species", "a protester"]),
       st.sampled_from(["sentenced to death", "found dead", "convicted of fraud", "described in 2019",
                        "accused of theft", "ordered to pay"]))
def test_a_reduced_passive_after_a_noun_is_no_act(noun, rest):
    """`A driver sentenced to death`, `a species described in 2019`: a past form right after the
    noun is a reduced passive, no act of the noun's."""
    text = f"Police said {noun} {rest} was known to them.\n"
    assert not [s for s, _ in _spans(text) if noun.split()[-1] in s]


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(["Foreign Secretary Marcelo Ebrard", "study co-author Karen Alley", "Judge Amy Jackson"]),
       st.sampled_from(["foreign minister", "Wooster professor", "judge", "commissioner"]),
       st.sampled_from(["said", "added", "stated"]))
def test_the_role_that_refers_back_to_a_named_person_is_not_marked(person, role, verb):
    """`Foreign Secretary Marcelo Ebrard said …. The foreign minister said`: `the` + a role after a
    named person refers back (GUIDELINES: anaphoric nominals like `the commissioner` are not
    marked); so does `the judge` where the text used the noun before. Pool texts p051, p089."""
    text = f"{person} said the talks would go on. The {role} {verb} that nothing was agreed.\n"
    assert role not in [s for s, _ in _spans(text)]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["the letter", "the statement", "the paper", "the order", "the document", "the agreement"]),
       st.sampled_from(["said", "stated", "noted"]))
def test_a_thing_of_an_agent_nouns_shape_is_no_role(thing, verb):
    """`the letter said`, `the statement said`: words of an agent noun's shape that name no person."""
    text = f"Nothing changed, and {thing} {verb} so.\n"
    assert not [s for s, _ in _spans(text) if thing.split()[-1] in s]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["two", "three", "Two", "Dozens of", "ten"]),
       st.sampled_from(["forecasters", "defendants", "shopkeepers"]))
def test_a_counted_role_group_is_a_figures_noun(count, role):
    """`Over 1,000 rescuers`: the counted noun of a figure is no actor (GUIDELINES)."""
    text = f"Last week {count} {role} said the plan was late.\n"
    assert role not in [s for s, _ in _spans(text)]


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(["Trump", "Biden", "O'Rourke", "Obama", "Jorgensen", "Macron", "Joe Biden"]),
       st.sampled_from([("campaign", "organisation"), ("administration", "government")]),
       st.sampled_from(["accused him of lying", "criticized the move", "announced new deals", "has said it would appeal",
                        "also announced a ban", "described the story as a hoax"]),
       st.sampled_from(["The ", "Earlier, the ", "On Monday the "]))
def test_a_body_named_by_its_owner_acts_as_the_phrase(name, body, verb, lead):
    """`The Trump campaign accused`, `The Biden campaign criticized`, `the Trump administration
    announced`: a campaign or an administration named by its owner is the phrase (GUIDELINES: a
    family named by its surname is the phrase, `Imus family`; `campaign` acts), not the name alone
    as if it acted. Pool texts p099, p140, p171, p178, p185, p190, p193."""
    noun, typ = body
    text = f"The race tightened.\n\n{lead}{name} {noun} {verb}.\n"
    assert (f"{name} {noun}", typ) in _spans(text)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["WHO's", "Trump's", "August", "Monday"]), st.sampled_from(["campaign", "administration", "website"]))
def test_an_owner_in_the_possessive_or_a_date_is_no_body_name(word, noun):
    """`The WHO's website said`: the body alone (the possessor is left out); `The August campaign
    began`: a month names no owner."""
    text = f"The race tightened.\n\nThe {word} {noun} said it would go on.\n"
    assert f"{word} {noun}" not in [s for s, _ in _spans(text)]


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(["eyewitness", "ecologist", "current president", "local resident", "biologist",
                        "veteran activist", "senior engineer"]),
       st.sampled_from(["Vinnie DeVita", "Chip Taylor", "Emmerson Mnangagwa", "Ana Ruiz"]),
       st.sampled_from(["According to ", "The car rolled, according to ", "He has died, according to "]),
       st.sampled_from([",", " on Friday.", "."]))
def test_a_source_after_according_to_and_a_role_is_a_source(role, name, lead, end):
    """`According to eyewitness Vinnie DeVita`, `according to ecologist Chip Taylor`, `according to
    current president Emmerson Mnangagwa on Friday`: the lower-case role between `according to`
    and the name is the name's descriptor, not an infinitive's verb (`to eyewitness`) nor a noun
    the name is the object of: the name is a source (context `according`). Pool texts p000, p014,
    p064."""
    text = f"{lead}{role} {name}{end} the street was closed.\n"
    at = text.index(name)
    assert context(text, at, at + len(name)) == "according"


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["assist", "help", "fund", "see"]), st.sampled_from(["Ana Ruiz", "Chip Taylor"]))
def test_a_verb_after_to_still_acts_on_its_object(verb, name):
    """`wanted to assist X`: the verb after `to` still takes the name as its object."""
    text = f"He wanted to {verb} {name} before the vote.\n"
    at = text.index(name)
    assert context(text, at, at + len(name)) == "object"


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["An official", "A federal judge", "An Al Jazeera reporter", "Some members", "The owner",
                        "A shopkeeper", "Local organizers"]),
       st.sampled_from(["from TfL", "in Texas", "of opposition parties", "of the Make Crate subscription service",
                        "at the scene", "for the ministry"]),
       st.sampled_from(["stated", "noted", "ruled", "have claimed", "said"]))
def test_a_role_acts_past_its_post_modifier(lead, post, verb):
    """`An official from TfL stated`, `a federal judge in Texas ruled`, `An Al Jazeera reporter in
    Kenya noted`, `Some members of opposition parties have claimed`: the role before a
    post-modifier of a few words is its verb's subject, the span the role alone (GUIDELINES: no
    post-modifier). Pool texts p020, p070, p160, p170."""
    role = lead.split(" ", 1)[1]
    text = f"The line stayed closed.\n\n{lead} {post} {verb} that the cause was unknown.\n"
    assert role in [s for s, _ in _spans(text)]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["Doctors treating", "Scientists studying", "Police questioning"]),
       st.sampled_from(["patients", "defendants", "commuters"]), st.sampled_from(["reported", "said"]))
def test_the_object_of_a_participle_reports_nothing(lead, noun, verb):
    """`Doctors treating patients reported`: the patients are the participle's object."""
    text = f"The ward was full.\n\n{lead} {noun} {verb} a rise in cases.\n"
    assert noun not in [s for s, _ in _spans(text)]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["owner", "driver", "organizer"]), st.sampled_from(["he", "she", "they"]))
def test_a_verb_inside_a_clause_after_the_role_is_not_its_own(role, subject):
    """`The owner of the car he said was stolen`: the verb belongs to the clause's own subject."""
    text = f"The owner of the car {subject} said was stolen left town. Then the {role} of the shop he said was closed left.\n"
    assert role not in [s for s, _ in _spans(text)] and "owner" not in [s for s, _ in _spans(text)]
