"""False ACTOR suggestions on unseen news (session 12, helper actfp): classes read in the
suggestions on the 209 unlabelled Wikinews texts of the pool, each in at least three of them.
Generated variants; each test failed before its class's change."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest.contexts import context
from tui.suggest.rules.actors import find_actors
from tui.suggest.selection import Selection, reporting_and_action_verbs

VERBS = reporting_and_action_verbs()

TOWNS = st.sampled_from(["Babyninsky", "Gainesville", "Munich", "Berlin", "White Plains", "Tyumen", "Pandeglang",
                         "Connecticut", "Wyoming", "New Hampshire"])
COUNTRIES = st.sampled_from(["Russia", "Germany", "US", "United States", "Turkey", "Indonesia", "India", "Florida",
                             "New York"])


def _ctx(text: str, name: str, at: int | None = None) -> str:
    i = text.index(name) if at is None else at
    return context(text, i, i + len(name), VERBS)


@settings(max_examples=150, deadline=None)
@given(TOWNS, COUNTRIES, st.sampled_from(["in", "at", "near", "from", "outside"]),
       st.sampled_from([
           "A bus overturned on Sunday {p} {t}, {c}. At least seven died.\n",
           "He set the record last year {p} {t}, {c}.\n",
           "Plane crashes {p} {t}, {c}, killing at least seven\n\nThe plane crashed.\n",
           "Bus overturns {p} {t}, {c}; at least seven die\n\nThe bus overturned.\n",
           "The ministry of health {p} {t}, {c} confirmed a case on Monday.\n",
       ]))
def test_a_country_after_a_town_after_a_preposition_is_a_place(town, country, prep, frame):
    """`overturned in Babyninsky, Russia.`, `in Connecticut, US, killing`, `the ministry in
    Munich, Germany confirmed`: the country (or state) only locates the town before it, like the
    town after its preposition (GUIDELINES: countries only where they act as a government, never
    as places). Seen in 15 pool texts (p015, p081, p090, p093, p120, p174, ...)."""
    if town == country:
        return
    text = frame.format(p=prep, t=town, c=country)
    assert _ctx(text, country, text.index(f"{town}, {country}") + len(town) + 2) == "preposition"


@settings(max_examples=80, deadline=None)
@given(TOWNS, COUNTRIES, st.sampled_from(["said", "announced", "has launched", "will send"]),
       st.sampled_from(["In", "At", "From"]))
def test_a_country_after_a_fronted_place_still_acts(town, country, verb, prep):
    """`In Syria, Turkey launched …`: a fronted adverbial's comma, then the subject that acts."""
    if town == country:
        return
    text = f"The talks ended.\n\n{prep} {town}, {country} {verb} new measures on Monday.\n"
    assert _ctx(text, country, text.index(f"{town}, {country}") + len(town) + 2) == "acts"


def _spans(text: str) -> list[str]:
    return [text[m.start:m.end] for m in find_actors(text)]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["United States Senator", "US Senator", "Senator", "Envoy", "Governor",
                        "Special Envoy", "Ambassador"]),
       st.sampled_from(["from", "to"]),
       st.sampled_from(["Vermont", "Texas", "New York", "Germany", "the United Nations", "Japan"]),
       st.sampled_from(["Bernie Sanders", "Tom Steyer", "Amar Patel", "Karen Pierce"]),
       st.sampled_from(["On Monday, {} endorsed the plan.\n", "The vote was close; {} came in second.\n",
                        "Yesterday, {} said the plan was late.\n"]))
def test_a_title_from_a_place_gives_way_to_the_name(title, prep, place, name, frame):
    """`United States Senator from Vermont Bernie Sanders came in second`: the person is the
    name after the title and its place (GUIDELINES: no title before a name); the office alone is
    no actor, and the place is none either. Seen in 5 pool texts (p127, p129, p141, p144, p147)."""
    text = frame.format(f"{title} {prep} {place} {name}")
    spans = _spans(text)
    assert name in spans, spans
    assert not any(s.endswith(title.split()[-1]) or s.startswith(place.removeprefix("the ")) for s in spans), spans


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["Houthis have", "Wikinews examined data and", "He spoke at the rally and", "They had",
                        "The militants also", "Police say they"]),
       st.sampled_from(["attacked", "encouraged", "contacted", "criticized", "interviewed", "helped", "lost",
                        "became popular among"]),
       st.sampled_from(["journalists", "supporters", "experts", "protesters", "officials", "developers"]),
       st.sampled_from([" previously.\n", " to remain hopeful.\n", " on Monday.\n", ".\n"]))
def test_a_verb_before_a_group_noun_is_no_modifier_of_it(subject, verb, noun, tail):
    """`Houthis have attacked journalists`, `and encouraged supporters to remain hopeful`,
    `became popular among supporters`: the verb (or a preposition, `among`) governs the group,
    it is no adjective of it (`armed police` is): no span starts with it, and the group's context
    is no subject's. Seen in 7 pool texts (p005, p012, p171, p182, p187, p201, p202)."""
    text = f"The town was quiet.\n\n{subject} {verb} {noun}{tail}"
    found = find_actors(text)
    at = text.index(f" {noun}") + 1
    assert not any(m.mods is not None and m.mods < at <= m.end and text[m.mods:at].strip() for m in found
                   if m.end == at + len(noun)), [(text[m.mods or m.start:m.end]) for m in found]
    if verb != "lost":  # an irregular past's object: its context is another class's business
        assert _ctx(text, noun, at) not in ("acts", "sentence", "other"), _ctx(text, noun, at)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["armed", "unnamed", "retired", "masked", "elected"]),
       st.sampled_from(["police", "officials", "gunmen", "protesters"]))
def test_a_participle_adjective_still_modifies_its_group(adjective, noun):
    """`saw armed police arrive`: an -ed word after a verb (not after an auxiliary or a
    subject) is still the group's adjective."""
    text = f"The town was quiet.\n\nWitnesses saw {adjective} {noun} arrive on Monday.\n"
    at = text.index(f" {noun}") + 1
    found = [m for m in find_actors(text) if m.end == at + len(noun)]
    assert found and all(m.mods == at - len(adjective) - 1 for m in found), [(m.start, m.mods) for m in found]


OFFICES = st.sampled_from(["Foreign Secretary", "Vice President", "United States Representative", "Labour MP",
                           "Defence Secretary", "Democratic Senator", "Chief Minister", "Regents Professor"])
NAMES = st.sampled_from(["Boris Johnson", "Mike Pence", "Beto O'Rourke", "Tom Watson", "Mark Hay"])


@settings(max_examples=150, deadline=None)
@given(OFFICES, NAMES, st.sampled_from([
    "After the vote, Theresa May appointed him {o}, which he served as until 2018.\n",
    "Reports said {n}, a former {o} who gained national recognition, would run.\n",
    "He also claimed that. The {o}, {n}, said on Friday the wall was needed.\n",
    "In 1970, {n} became {o} after the vote.\n",
    "Speakers included {o} (Member of Parliament) {n}, and others.\n",
    "Hagan, North Carolina's first female {o}, was 66.\n",
]))
def test_an_office_with_no_name_is_no_person(office, name, frame):
    """`appointed him Foreign Secretary`, `O'Rourke, a former United States Representative`,
    `The Vice President, Mike Pence, said`: a capitalised office with no name after it is no
    person's name (GUIDELINES: a title is no name; an anaphoric or described office is no
    actor). Seen in 16 pool texts (p003, p019, p024, p048, p098, p099, p182, p187, ...)."""
    text = frame.format(o=office, n=name)
    assert office not in _spans(text), _spans(text)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["Tunisian Prime Minister", "Health Minister", "Foreign Secretary"]),
       st.sampled_from(["signs decree to ban face veils", "resigns after vote"]))
def test_an_office_that_acts_in_a_heading_stays(office, rest):
    """`Tunisian Prime Minister signs decree …` (a heading): a role without a name that acts is
    the actor (GUIDELINES), as before."""
    text = f"{office} {rest}\n\nOn Friday, the decree was signed.\n"
    assert office in _spans(text), _spans(text)
    said = f"The talks ended. The {office} said on Friday the plan was late.\n"
    assert office in _spans(said), _spans(said)  # a subject: the team's vote on "the <office>" decides



def _kept(text: str, name: str) -> bool:
    at = text.index(name)
    return Selection(verbs=VERBS).keeps(text, at, at + len(name))


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["Victoria", "Bradley", "Parliament", "Stavanger", "Gaisano", "Fath", "Legislative Council"]),
       st.sampled_from(["Park", "Square", "Airport", "Mall", "Complex", "Bridge", "Stadium", "Plaza"]),
       st.sampled_from(["Protesters marched from downtown {p} toward the Central district.\n",
                        "After the crash, {p} was shut down and reopened on Friday.\n",
                        "The protest began outside the {p} but later moved.\n",
                        "Three malls and {p} in Digos City were damaged.\n",
                        "{p} is owned by the Revolutionary Guards.\n"]))
def test_a_place_named_by_its_head_is_no_actor(name, head, frame):
    """`Victoria Park`, `Bradley Airport was shut down`, `Parliament Square`, `Gaisano Mall … were
    damaged`: a name whose last word is a place's head noun names a place (GUIDELINES: places are
    no actors, a place only described is none): the selection drops it when suggesting (the
    team's votes still count it). Seen in 7 pool texts (p008, p024, p039, p054, p081, p094,
    p112)."""
    place = f"{name} {head}"
    assert not _kept(frame.format(p=place), place)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["Heathrow Airport", "Wembley Stadium"]), st.sampled_from(["said", "announced"]))
def test_a_place_that_acts_as_its_operator_stays(place, verb):
    """`Heathrow Airport said flights were cancelled`: the operator speaks; `Mayor Park` is a
    person (Park Won-soon)."""
    assert _kept(f"The storm hit on Monday.\n\n{place} {verb} all flights were cancelled.\n", place)
    assert _kept("On Monday, Mayor Park was found dead, police said.\n", "Mayor Park")


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["Andrew Johnson", "Qawi", "Pranab Mukherjee", "Wiranto", "Paul Manafort"]),
       st.sampled_from(["was impeached over perceived violations", "was later accused of inciting the murder",
                        "was cremated on Tuesday with full state honours", "was flown to a hospital in Jakarta",
                        "has been banned from the tournament", "was criticized for the move",
                        "is accused of killing two men", "was succeeded by his cousin"]),
       st.sampled_from(["", "The report said "]))
def test_one_impeached_accused_or_cremated_undergoes_it(name, rest, before):
    """`Johnson was impeached`, `Qawi was later accused`, `Mukherjee was cremated`, `Wiranto was
    flown to a hospital`: the clause says what was done to the name, its context is `undergoes`
    (GUIDELINES: those blamed or accused, chosen or removed are acted upon), for the team's vote.
    Seen in 11 pool texts (p021, p063, p075, p078, p087, p108, p146, p180, p190, p197, p202)."""
    text = f"The vote ended.\n\n{before}{name} {rest}.\n"
    assert _ctx(text, name) == "undergoes"


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["Boeing", "Airbus", "CentOS", "RHEL", "Anime North", "Toronto Comicon"]),
       st.sampled_from(["737 Max", "B-17", "747s", "7", "8", "2019", "A320"]),
       st.sampled_from(["The new {n} {m} was not airworthy, investigators said.\n",
                        "The airline uses {n} {m} for freight.\n",
                        "Support for {n} {m} is expected to end in 2024.\n"]))
def test_a_name_before_a_model_number_names_a_product(name, model, frame):
    """`The new Boeing 737 Max was not airworthy`, `uses Boeing 747s for freight`, `CentOS 7 is
    expected`: a model, version or edition number after a name makes the name a product's (or
    an event's) modifier (GUIDELINES: a company that only modifies a product is no actor, an event
    is none): context `modifier`, for the team's vote. Seen in 7 pool texts (p008, p009, p037, p081,
    p146, p200, p202)."""
    text = frame.format(n=name, m=model)
    assert _ctx(text, name) == "modifier", _ctx(text, name)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["Maroochydore", "Caboolture", "Noosa"]), st.sampled_from(["43–5", "32-22", "24"]))
def test_a_team_before_a_score_or_a_count_is_no_product(team, score):
    """`Maroochydore defeated Caboolture 43–5`, `University knocked off Noosa 32–22`, `Reuters said
    24 people died`: a score or a count after a name is no model number."""
    text = f"On Saturday, University knocked off {team} {score} points.\n"
    assert _ctx(text, team) != "modifier"
    said = f"On Monday, {team} said 24 people died.\n"
    assert _ctx(said, team) != "modifier"
    years = f"The project was acquired by {team} 7 or 8 years ago.\n"
    assert _ctx(years, team) != "modifier"
