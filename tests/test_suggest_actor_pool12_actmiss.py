"""Missed ACTORS and wrong edges on unseen news (session 12, helper actmiss): each class's errors occur in at
least three texts of the pool of 209 unseen Wikinews articles (/work/pool); generated sentences
that fail on the code before the class."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest.contexts import context
from tui.suggest.rules.actors import find_actors
from tui.suggest.selection import reporting_and_action_verbs

from tests.test_suggest_actor_recur11 import _found

VERBS = reporting_and_action_verbs()

NAMES = st.builds(lambda a, b: f"{a} {b}", st.sampled_from(["Vera", "Tomas", "Anika", "Rollo", "Imre", "Dario"]),
                  st.sampled_from(["Kellard", "Moravec", "Ostrand", "Quill", "Bexley", "Urquhart"]))
# titles the lexicon lacked, before a name (pool: p003 "Senate Minority Whip Dick Durbin", p057
# "House of Commons Speaker John Bercow", "Conservative MP Philip Hammond", p063 "Congressman
# Justin Amash", "Libertarian Party Vice Chairman Arvin Vohra", p116 "Representative Carolyn
# Maloney", p161 "Premier Gladys Berejiklian", p182 "Cardinal George Pell", ...)
TITLES = st.sampled_from(["Congressman", "Congresswoman", "Representative", "Republican Representative",
                          "House Speaker", "Senate Minority Whip", "Conservative MP", "MP",
                          "Party Vice Chairman", "Chairman", "Chairwoman", "Premier", "Cardinal",
                          "Bishop", "Constable", "Bureau Chief", "Chief Technical Officer", "Board Member",
                          "Bishop Emeritus"])
FRAMES = st.sampled_from(["It was over.\n\n{} said the plan had failed.",
                          "The plan was announced by {} on Monday.",
                          "It was over, according to {}.",
                          "On Monday, {} announced the plan."])


@settings(max_examples=200, deadline=None)
@given(NAMES, TITLES, FRAMES)
def test_a_title_before_a_name_is_a_title(name, title, frame):
    """GUIDELINES: no title or role word before a name: the name is a person whose title the
    team's convention may leave out (`Justin Amash`, not `Congressman Justin Amash`)."""
    text = frame.format(f"{title} {name}")
    at = text.index(name)
    found = [(m.title_end if m.title_end is not None else m.start, m.end, m.type) for m in find_actors(text)]
    assert (at, at + len(name), "person") in found, [(text[s:e], t) for s, e, t in found]


BODIES = st.sampled_from(["Liberal National", "Conservative", "Republican", "Senate Minority", "Labour"])
MID_FRAMES = st.sampled_from(["The vote followed the resignation of {} last week.",
                              "The plan was announced by {} on Monday.",
                              "It was over, according to {}.",
                              "Reporters spoke with {} about the plan."])


@settings(max_examples=150, deadline=None)
@given(NAMES, BODIES, st.sampled_from(["MP", "Representative", "Whip", "Senator", "Chairman"]), MID_FRAMES)
def test_the_body_of_a_title_is_passed_over_like_the_title(name, body, title, frame):
    """The name after ``of Liberal National MP`` has the context it has after ``of``: the party
    or body a title is of belongs to the title (jephcott's "resignation of Liberal National MP
    John McVeigh" read as a name after "National", an actor)."""
    plain, long = frame.format(name), frame.format(f"{body} {title} {name}")
    s, t = plain.index(name), long.index(name)
    assert context(long, t, t + len(name), VERBS) == context(plain, s, s + len(name), VERBS)



def _ctx(text: str, name: str) -> str:
    at = text.index(name)
    return context(text, at, at + len(name), VERBS)


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(["organizers", "organisers", "lawyers"]),
       st.sampled_from([("said", "the plan was late"), ("reported", "908 attendees"), ("estimated", "the crowd"),
                        ("have claimed", "the defendant acted in self defense")]), st.booleans())
def test_organizers_and_lawyers_who_speak_are_a_role_group(noun, act, opens):
    """"Organizers of the rally said", "event organizers reported", "what organizers estimated",
    "According to organizers" (pool p023, p024, p054, p185, p201), "his lawyers have claimed"
    (p197, GUIDELINES: `lawyers` in `Fields' lawyers`): a role group that speaks."""
    verb, obj = act
    subject = noun[0].upper() + noun[1:] if opens else noun
    text = f"The town was quiet.\n\n{'' if opens else 'On Monday, '}{subject} {verb} {obj}.\n"
    assert _found(text).get(subject) == "acts", _found(text)
    source = f"The town was quiet, according to {noun}.\n"
    assert _found(source).get(noun) == "according", _found(source)
    wh = f"Yesterday, what {noun} {verb} at a million people marched.\n"  # p054: no "what organizers"
    spans = {(m.start, m.end) if m.mods is None else (m.mods, m.end) for m in find_actors(wh)}
    assert (wh.index(noun), wh.index(noun) + len(noun)) in spans, [wh[s:e] for s, e in spans]


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["National Transportation Safety Board", "Acme Institute", "World Wildlife Fund",
                        "Federal Aviation Agency"]), st.sampled_from(["report", "reports", "1989 report"]),
       st.sampled_from(("a", "the", "another", "an earlier")),
       st.sampled_from(("According to", "Officials read", "The paper cited")))
def test_the_maker_of_a_report_acts(org, noun, det, opening):
    """``Another report from the Mexican government said``, ``According to a 1989 report from
    the National Transportation Safety Board`` (pool p051, p081, p137, p190): the one a report
    is from reports, like the sender of a notice; ``scientists from X`` are still X's members."""
    assert _ctx(f"{opening} {det} {noun} from the {org}, it was late.", org) == "by"
    assert _ctx(f"Researchers from the {org} say it works.", org) == "of"


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["hospital spokesperson", "family spokesperson", "police spokesman", "company spokeswoman",
                        "fire officer"]), st.sampled_from(["a", "an", "his", "their"]),
       st.sampled_from(["He died in his sleep, according to {}.", "According to {}, the talks ended.",
                        "The road was closed on Monday according to {}, and it stayed closed."]))
def test_a_source_after_according_to_a_is_a_source(role, det, frame):
    """"according to a family spokesperson" (pool p097, p155), "according to a hospital
    spokesperson" (p087), "according to a Woolworths spokesperson" (p137), "According to a court
    clerk" (p086): a source after "according to a" is one, as after "according to the"."""
    assert _ctx(frame.format(f"{det} {role}"), role) == "according"


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["California Department", "Connecticut Department", "Bavarian State Ministry",
                        "Centers", "National Institute"]), st.sampled_from(["of", "for"]),
       st.sampled_from([("Forestry", "Fire Protection"), ("Emergency Services", "Public Protection"),
                        ("Public Health", "Health Care"), ("Disease Control", "Prevention"),
                        ("Allergy", "Infectious Diseases")]),
       st.sampled_from(["It was late.\n\nThe {} said several acres burned.",
                        "It was late, according to the {}.",
                        "It was late, according to Commissioner Vera Quill of the {}."]))
def test_an_organisation_name_with_and_is_one_name(body, prep, pair, frame):
    """"California Department of Forestry and [Fire Protection]" (pool p156), "Connecticut
    Department of Emergency Services and [Public Protection]" (p081), "Bavarian State Ministry of
    Public Health and [Health Care]" (p120), "Centers for Disease Control and Prevention" (p010,
    p146): the words after "and" complete the organisation's name (GUIDELINES: names keep their
    words); they are no person of their own."""
    name = f"{body} {prep} {pair[0]} and {pair[1]}"
    text = frame.format(name)
    at = text.index(name)
    spans = [(m.start, m.end) for m in find_actors(text)]
    assert (at, at + len(name)) in spans, [text[s:e] for s, e in spans]


@settings(max_examples=60, deadline=None)
@given(NAMES, st.sampled_from(["Department of Justice", "Ministry of Health", "University of Bristol"]))
def test_a_person_after_an_organisation_and_stays_a_person(name, org):
    """"The Department of Justice and John Smith said ... Smith left": a surname the text uses
    alone names a person, no part of the organisation; nor is an acronym ("UC Davis")."""
    text = f"The {org} and {name} said it worked. {name.split()[1]} left early.\n"
    at = text.index(name)
    assert (at, at + len(name)) in [(m.start, m.end) for m in find_actors(text)]
    other = f"Researchers from the {org} and UC Davis said it worked.\n"
    assert any(other[m.start:m.end] == org for m in find_actors(other))


@settings(max_examples=150, deadline=None)
@given(NAMES, st.sampled_from(["Senators", "First Lady", "Senior Advisor", "Podcaster", "Immunologist", "Moderator",
                               "Whistleblower", "Monsenor", "Republican", "Democrat"]), FRAMES)
def test_a_capitalised_role_before_a_name_is_a_title(name, role, frame):
    """"Senators Kamala Harris and Elizabeth Warren" (pool p001, p171), "First Lady Melania Trump"
    (p182, p183), "Immunologist Kristian Andersen said" (p126), "Moderator Chris Wallace" (p190),
    "Podcaster ..." (p161, p191), "Republican ..." (p053, p092), "Monsenor ..." (p131): GUIDELINES: no role word before a
    name; the team's convention may leave it out like a title."""
    text = frame.format(f"{role} {name}")
    at = text.index(name)
    found = [(m.title_end if m.title_end is not None else m.start, m.end, m.type) for m in find_actors(text)]
    assert (at, at + len(name), "person") in found, [(text[s:e], t) for s, e, t in found]


@settings(max_examples=150, deadline=None)
@given(NAMES, st.sampled_from(["Department of Justice", "Ministry of Health", "Department of Corrections",
                               "Office of Management", "Bureau of Investigation"]),
       st.sampled_from(["said it worked", "announced the deal", "agreed"]))
def test_a_person_named_once_after_an_organisation_and_stays_a_person(name, org, verb):
    """"The Department of Justice and Donald Trump said": the words after "and" end with a
    surname, not a common noun that completes the organisation's name (a field or a duty:
    "and Prevention", "and Public Protection"), even when the text never uses the surname alone."""
    text = f"The {org} and {name} {verb}.\n"
    found = [text[m.start:m.end] for m in find_actors(text)]
    assert name in found and not any(" and " in f for f in found), found
