"""The words around an actor candidate decide its selection context (tui.suggest.selection),
and the actor rules' name runs (tui.suggest.rules.actors): each class of case below is
generated (hypothesis over names, titles, prepositions, particles), not only the quoted
real-news sentence that showed it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest.rules.actors import find_actors, load_lexicon
from tui.suggest.contexts import OBJECTS, PREPOSITIONS, context
from tui.suggest.selection import reporting_and_action_verbs

VERBS = reporting_and_action_verbs()
LEX = load_lexicon()
NAMES = st.sampled_from(["Amnesty", "Rodrigo Duterte", "Mike Pompeo", "Sea-Eye", "Coast Guard", "Jasim Uddin",
                         "National Police", "Armed Forces", "Oxfam", "Znak.com"])
TITLES = st.sampled_from([t for t in LEX.titles if t[:1].isupper() and "." not in t])
WEEKDAYS = st.sampled_from(["Monday", "Wednesday", "Friday"])


def _ctx(text: str, name: str, at: int = -1) -> str:
    start = text.rindex(name) if at < 0 else text.index(name, at)
    return context(text, start, start + len(name), VERBS)


@pytest.mark.parametrize("text, name, want", [
    ("Work resumed on Wednesday. Chelyabinsk's governor has promised each victim help.", "governor", "acts"),
    ("Francis and a spokesperson for President Rodrigo Duterte.", "Rodrigo Duterte", "of"),
    ('"It is about pain." Sea-Eye credit themselves with around 14,000 lives.', "Sea-Eye", "acts"),
    ("Elson Hermogino directing Coast Guard units nearby.", "Coast Guard", "modifier"),
    ("Search was suspended, with Zinichev describing the threat.", "Zinichev", "acts"),
    ("He travelled with Zinichev in Moscow.", "Zinichev", "preposition"),
    ("He met with Zinichev in Moscow.", "Zinichev", "acts"),  # both sides of a meeting act (GUIDELINES.md)
    ("fourteen civilians, five Armed Forces personnel, and one member", "personnel", "counted"),
    ("two each from the Coast Guard and the National Police. Some were hurt.", "National Police", "of"),
    ("Muhammadu Buhari of Nigeria and Patrice Talon of Benin signed it.", "Patrice Talon", "acts"),  # its verb past "of Benin"
    ('He said.\n\n"President Trump treats the rule of law with contempt," he said.', "Trump", "acts"),
])
def test_the_context_of_a_real_news_candidate(text, name, want):
    assert _ctx(text, name) == want


@settings(max_examples=200, deadline=None)
@given(NAMES, TITLES, st.sampled_from(sorted(PREPOSITIONS | {"of", "for", "from", "by"})))
def test_a_title_before_a_name_does_not_hide_the_word_before_it(name, title, prep):
    """"a spokesperson for President X": the title belongs to the name."""
    bare = f"It was said to a man {prep} {name}."
    titled = f"It was said to a man {prep} {title} {name}."
    assert _ctx(titled, name) == _ctx(bare, name)


@settings(max_examples=200, deadline=None)
@given(NAMES, WEEKDAYS, st.sampled_from(["governor", "report", "website"]))
def test_the_word_before_a_name_is_never_read_across_a_sentence_end(name, day, noun):
    """"on Wednesday. Chelyabinsk's governor": "on" is in the sentence before."""
    a = f"They came on {day}. {name}'s {noun} has said so."
    b = f"They came. {name}'s {noun} has said so."
    assert _ctx(a, noun) == _ctx(b, noun)


@settings(max_examples=200, deadline=None)
@given(NAMES, NAMES, st.sampled_from(["of", "from", "for", "in", "to", "with", "by"]), st.sampled_from(["and", "or"]))
def test_a_second_conjunct_that_ends_its_phrase_reads_as_the_first(first, second, prep, conj):
    if first == second:
        return
    text = f"Two came {prep} the {first} {conj} the {second}. Some were hurt."
    assert _ctx(text, second) == _ctx(text, first, text.index(first))


@settings(max_examples=200, deadline=None)
@given(NAMES, st.sampled_from(["credit", "thank", "blame", "praise"]), st.sampled_from(sorted(OBJECTS)))
def test_a_name_before_a_verb_and_its_object_acts(name, verb, obj):
    """"Sea-Eye credit themselves": a noun is not followed by a determiner or an object
    pronoun, a verb is; the name acts, it does not modify."""
    assert _ctx(f"Then {name} {verb} {obj} with it.", name) == "acts"


@settings(max_examples=100, deadline=None)
@given(NAMES, st.sampled_from(["describing", "warning", "adding", "saying"]))
def test_a_name_after_with_that_does_the_ing_acts(name, verb):
    assert _ctx(f"It stopped, with {name} {verb} the risk.", name) == "acts"
    assert _ctx(f"It stopped, with {name} including the risk.", name) == "preposition"


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["five", "dozens", "12", "2,000"]), st.sampled_from(["Armed Forces", "Coast Guard", "Police"]))
def test_capitalised_modifiers_between_a_number_and_its_noun_still_count_it(number, mods):
    assert _ctx(f"It hurt {number} {mods} personnel and others.", "personnel") == "counted"


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["Arnel", "Ursula", "Charles", "Leonardo", "Osama"]),
       st.sampled_from(["dela", "de", "da", "van", "von", "von der", "van der", "bin", "de la"]),
       st.sampled_from(["Vega", "Leyen", "Gaulle", "Vinci", "Laden"]),
       st.sampled_from(["", "Then ", "\n\n"]))
def test_a_name_with_a_lower_case_particle_is_one_person(given_name, particle, family, lead):
    name = f"{given_name} {particle} {family}"
    text = f"{lead}{name} of the army said the group was behind it."
    found = [(text[m.start:m.end], m.type) for m in find_actors(text)]
    assert (name, "person") in found, found


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(LEX.vessel_prefixes)), st.sampled_from(["Alan Kurdi", "Professor Albrecht Penck",
                                                                      "Sea Watch", "Queen Mary"]))
def test_a_ship_is_not_an_actor(prefix, name):
    text = f"Their ship, {prefix} {name}, said nothing. The {prefix} {name} sailed."
    assert [text[m.start:m.end] for m in find_actors(text)] == []


@settings(max_examples=100, deadline=None)
@given(NAMES, st.sampled_from(["army", "city", "hotel", "company"]), st.sampled_from(["the", "The"]))
def test_a_common_noun_possessor_does_not_hide_the_word_before_it(name, owner, det):
    """"Arnel dela Vega of the army's Western Mindanao Command said": of, as with "the UK's"."""
    assert _ctx(f"A man of {det} {owner}'s {name} said so.", name) == "of"


@settings(max_examples=200, deadline=None)
@given(NAMES, st.sampled_from(["", "President ", "Minister "]), st.sampled_from(['"', "“"]),
       st.sampled_from(["lied", "treats them badly", "said so", "credit themselves"]))
def test_a_name_that_starts_a_quotation_reads_as_one_that_starts_a_sentence(name, title, mark, rest):
    """The quotation's subject is not merely mentioned in it ('"President Trump treats the
    rule of law with contempt"'): its context is the one it would have outside the quotes."""
    closing = "”" if mark == "“" else '"'
    quoted = f"She said {mark}{title}{name} {rest}.{closing}"
    plain = f"She said. {title}{name} {rest}."
    assert _ctx(quoted, name) == _ctx(plain, name)


PEOPLE = st.sampled_from(["Joanna Cherry", "Nicola Sturgeon", "Mike Pompeo", "Jasim Uddin", "Arnel Vega"])
ORGS = st.sampled_from(["Scottish National Party", "National Police Agency", "Red Cross Society", "Sea-Eye Foundation"])


@settings(max_examples=100, deadline=None)
@given(PEOPLE, st.sampled_from(["of", "of the", "for", "for the"]), ORGS)
def test_a_person_of_an_organisation_is_two_names(person, conn, org):
    """"Joanna Cherry of the Scottish National Party": the organisation after the
    connector does not make the person one with it (the run parts at the connector)."""
    text = f"The court had been petitioned by {person} {conn} {org} on Monday."
    found = {text[m.start:m.end] for m in find_actors(text)}
    assert person in found and all(org in f for f in found - {person}), found


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["First Minister", "Prime Minister", "President", "Governor"]),
       st.sampled_from(["Scotland", "Texas", "the United Kingdom", "Benin"]), PEOPLE)
def test_a_title_of_a_place_before_a_name_titles_the_name(title, place, person):
    """"First Minister of Scotland Nicola Sturgeon said": the person is found, and the
    title with its place is the title a team may leave out."""
    text = f"Later, {title} of {place} {person} said it was clear."
    (m,) = [m for m in find_actors(text) if person in text[m.start:m.end]]
    assert text[m.start:m.end] == f"{title} of {place} {person}"
    assert text[m.title_end:m.end] == person


@pytest.mark.parametrize("text, name, want", [
    ("Reportedly also, Bolton often had disagreements with him.", "Bolton", "acts"),
    ("Bolton never said it.", "Bolton", "acts"),
    ("the matter started after Ford voluntarily disclosed it", "Ford", "acts"),
    ("the matter started after Ford disclosed it", "Ford", "acts"),
    ("the matter started after Ford in February.", "Ford", "preposition"),
    ("\"I offered and President Trump said, 'Let us talk.'\"", "Trump", "acts"),
    ("\"I think Trump was there.\"", "Trump", "quoted"),
])
def test_a_name_that_opens_a_verb_phrase_acts(text, name, want):
    assert _ctx(text, name) == want


@settings(max_examples=100, deadline=None)
@given(NAMES, st.sampled_from(sorted({"often", "never", "always", "still", "already"})),
       st.sampled_from(["had talks", "said so", "disagreed", "is there"]))
def test_a_name_before_an_adverb_acts(name, adverb, rest):
    assert _ctx(f"Reportedly, {name} {adverb} {rest}.", name) == "acts"


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 2000), st.sampled_from(["Downing Street", "Pennsylvania Avenue", "Abbey Road", "Main Street"]))
def test_a_house_number_is_no_figure(number, street):
    from tui.suggest import suggest

    text = f"A spokesman for {number} {street} said {number} people came."
    figures = [s for s in suggest(text).spans if s.label == "FIGURE"]
    assert [text[s.start:s.end] for s in figures] == [f"{number} people"]


@pytest.mark.parametrize("name", ["US Trafficking in Persons Report", "Committee on Foreign Affairs"])
def test_an_organisation_joined_by_in_or_on_stays_whole(name):
    text = f"The {name} said it was clear."
    assert name.removeprefix("US ") in {text[m.start:m.end].removeprefix("US ") for m in find_actors(text)}


@settings(max_examples=100, deadline=None)
@given(NAMES, st.sampled_from(["is", "are", "was", "were"]), st.sampled_from(["breaking", "weighing", "planning"]),
       st.sampled_from(["", '"']))
def test_a_name_before_a_progressive_acts_inside_a_quotation_too(name, be, verb, quote):
    """'"… the British government are breaking the law."': a progressive is a verb phrase."""
    assert _ctx(f'She said, "{quote}Now the {name} {be} {verb} the law," and left.', name) == "acts"


@settings(max_examples=100, deadline=None)
@given(NAMES, st.sampled_from(["needs", "wants", "plans", "vows", "intends"]))
def test_a_name_before_an_s_verb_with_to_acts(name, verb):
    """'"The UK government needs to bring forward …"' (no lexicon lists "needs")."""
    assert _ctx(f'They said: "The {name} {verb} to bring it forward."', name) == "acts"


@settings(max_examples=100, deadline=None)
@given(NAMES, st.sampled_from(["I", "we", "he", "she", "they"]))
def test_a_name_joined_to_a_subject_pronoun_acts(name, pronoun):
    """'"There were many times that Ambassador Bolton and I disagreed."'"""
    assert _ctx(f'He said: "There were times that {name} and {pronoun} disagreed."', name) == "acts"


@settings(max_examples=100, deadline=None)
@given(NAMES, st.sampled_from(["hiring", "directing", "surrounding", "assisting"]),
       st.sampled_from(["assist", "contact", "help", "join"]))
def test_a_name_after_an_ing_verb_or_to_and_a_verb_is_its_object(name, ing, verb):
    """"by hiring law firm X", "the events surrounding X", "urged locals to assist authorities"."""
    assert _ctx(f"It acted by {ing} {name} on Monday.", name) == "object"
    assert _ctx(f"He urged locals to {verb} {name} on Monday.", name) == "object"
    assert _ctx(f"Many came, including {name} on Monday.", name) != "object"


@settings(max_examples=100, deadline=None)
@given(NAMES, st.sampled_from(["renames", "ousts", "finds", "pleads", "sues"]))
def test_a_name_before_a_headline_s_verb_acts(name, verb):
    """"German migrant rescue charity renames ship after drowned toddler" (a headline has no
    full stop); an -s word the text uses as a noun ("the headquarters") is a noun."""
    assert _ctx(f"Storm: {name} {verb} ship after loss\n\nThe body of it. It was late.", name) == "acts"
    assert _ctx(f"Storm: {name} {verb} ship after loss\n\nThe body of the {verb}. It was late.", name) == "modifier"
    assert _ctx(f"Later {name} {verb} ship after loss. It was late.", name) == "modifier"


@settings(max_examples=100, deadline=None)
@given(NAMES, st.sampled_from(["president", "former president", "prime minister", "acting governor"]),
       st.sampled_from(["under", "with", "of", "by"]))
def test_a_lower_case_title_does_not_hide_the_word_before_it(name, title, prep):
    """"administrations under former president George W. Bush": preposition, as without the title."""
    assert _ctx(f"It served {prep} {title} {name}.", name) == _ctx(f"It served {prep} {name}.", name)


@pytest.mark.parametrize("joiner", ["\u200d", "\u200b", "\u2060"])
def test_an_invisible_joiner_does_not_hide_a_possessive(joiner):
    """"news source Daily Xtra\u200d's editorial director": the name owns the director."""
    assert _ctx(f"News source Daily Xtra{joiner}'s editor said so.", "Daily Xtra") == "possessor"


def test_the_type_of_a_name_two_rules_find_does_not_depend_on_the_hash_seed():
    """"Officials said", "Activists said": a run's guess and a group noun find the same
    words; the type chosen must not follow a set's order (it varied between runs)."""
    import os
    import subprocess
    import sys

    code = ("from tui.suggest.rules.actors import find_actors\n"
            "t = 'Activists said so. Officials told them. Prosecutors warned. Residents said it.'\n"
            "print([(m.start, m.end, m.type) for m in find_actors(t)])")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in range(4)}
    assert len(outs) == 1, outs


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["Verge", "Reuters", "Guardian", "Intercept"]), st.sampled_from(["The ", "the ", ""]))
def test_a_single_name_after_according_to_is_a_source(name, det):
    """"according to The Verge": an unknown one-word name that reports is an organisation."""
    text = f"The firm hired lawyers, according to {det}{name}. It was late."
    named = f"The {name}" if det == "The " else name  # a capitalised "The" inside a sentence is the title's
    assert (named, "organisation") in [(text[m.start:m.end], m.type) for m in find_actors(text)]
    text = f"The firm hired lawyers, according to Save the {name}. It was late."
    assert "Save" not in [text[m.start:m.end] for m in find_actors(text)]


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["Donald Trump", "John R. Bolton", "Nicola Sturgeon", "Jasim Uddin"]),
       st.sampled_from(["ousts", "sues", "meets"]))
def test_a_surname_before_the_person_is_introduced_is_a_mention(person, verb):
    """"US president Trump ousts …" (headline) before "President Donald Trump said" (body)."""
    surname = person.split()[-1]
    text = f"US leader {surname} {verb} aide\n\nOn Tuesday, President {person} said it was over."
    found = {(m.start, text[m.start:m.end]) for m in find_actors(text)}
    assert (text.index(surname), surname) in found, found
    text = f"Patients in {surname} wait\n\nOn Tuesday, President {person} said it was over."
    assert text.index(surname) not in {m.start for m in find_actors(text)}
    text = f"Then {surname} {verb} aide. On Tuesday, President {person} said it was over."
    assert text.index(surname) not in {m.start for m in find_actors(text)}  # a sentence: maybe another


@settings(max_examples=100, deadline=None)
@given(NAMES, st.sampled_from(["ousts", "sues", "renames"]), st.sampled_from(["advisor ", "", "national security adviser "]))
def test_a_name_after_a_headline_s_verb_is_its_object(name, verb, role):
    text = f"Trump {verb} {role}{name}\n\nThe body of it. It was late."
    assert _ctx(text, name) == "object"


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["armed", "injured", "detained", "unnamed"]), st.sampled_from(["police", "soldiers", "officials"]),
       st.sampled_from(["saw", "with", "of"]))
def test_a_participle_before_a_group_noun_is_its_adjective(participle, noun, prev):
    """"Monday saw armed police with dogs": "armed" is no verb acting on the police."""
    assert _ctx(f"Monday {prev} {participle} {noun} with dogs.", noun) == _ctx(f"Monday {prev} {noun} with dogs.", noun)


@settings(max_examples=100, deadline=None)
@given(NAMES, st.sampled_from(["according", "including", "regarding"]))
def test_a_name_before_an_ing_preposition_does_not_act_by_it(name, word):
    """"hiring law firm Sidley Austin, according to The Verge": "according" is no verb of it
    (a verb after the clause would be: "Then X, according to them, left")."""
    assert _ctx(f"Then {name}, {word} to them, in the end.", name) != "acts"


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["Research Fellow", "Fellow", "National Security Adviser", "Adviser"]), PEOPLE)
def test_a_fellow_or_adviser_is_a_title(title, person):
    """"Royal Society University Research Fellow Martin How": the person is titled."""
    text = f"It was led by {title} {person}. He said so."
    (m,) = [m for m in find_actors(text) if person in text[m.start:m.end]]
    assert text[m.title_end:m.end] == person


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["Securities", "Food", "Health", "Fish"]), st.sampled_from(["Exchange", "Drug", "Human", "Wildlife"]),
       st.sampled_from(["Commission", "Agency", "Authority"]))
def test_an_organisation_joined_by_and_is_one_name(first, second, org):
    """"the U.S. Securities and Exchange Commission": a capitalised run no rule takes,
    "and", then an organisation is one name (not "Exchange Commission" alone)."""
    name = f"{first} and {second} {org}"
    text = f"Ford disclosed it to the U.S. {name} that day."
    found = [text[m.start:m.end] for m in find_actors(text)]
    assert f"U.S. {name}" in found, found
    text = f"Ford met Reuters and the {second} {org} that day."
    assert f"{second} {org}" in [text[m.start:m.end] for m in find_actors(text)]


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["Royal Society University", "Harvard University", "Red Cross"]),
       st.sampled_from(["Research Fellow", "Professor", "Director"]), PEOPLE)
def test_a_title_after_organisation_words_titles_the_person(org, title, person):
    """"Royal Society University Research Fellow Martin How": a person whose title names
    the organisation, not an organisation."""
    text = f"The study was led by {org} {title} {person}. He said so."
    (m,) = [m for m in find_actors(text) if person in text[m.start:m.end]]
    assert (m.type, text[m.title_end:m.end]) == ("person", person)


COUNTRIES = st.sampled_from(["Germany", "Turkey", "Iran", "France", "Japan"])


@settings(max_examples=100, deadline=None)
@given(COUNTRIES, st.sampled_from(["invaded", "began", "has been encouraging", "on Monday banned", "froze"]))
def test_a_country_that_does_something_acts_as_its_government(country, verb):
    """"Turkey began a military offensive", "The US has been encouraging", "Germany on
    Monday banned": any past tense or progressive, not only the listed verbs."""
    text = f"Later {country} {verb} the talks. Talks were held in {country}."
    found = [(m.start, m.type) for m in find_actors(text)]
    assert (text.index(country), "government") in found and text.rindex(country) not in dict(found), found


@settings(max_examples=100, deadline=None)
@given(COUNTRIES, st.sampled_from(["bans", "sanctions", "invades"]), st.sampled_from(["", "The "]))
def test_a_country_in_a_heading_before_an_s_verb_or_after_according_to_acts(country, verb, det):
    text = f"{country} {verb} the airline\n\nIt is, according to {det}{country}, a risk."
    starts = {m.start for m in find_actors(text)}
    assert {0, text.rindex(det + country)} <= starts, starts  # "according to The Gambia": the title's "The"


@settings(max_examples=100, deadline=None)
@given(NAMES, st.sampled_from(["Kurdish-led", "Iran-backed", "US-based"]))
def test_a_hyphenated_participle_before_a_name_is_no_verb(name, adjective):
    """"the Kurdish-led Syrian Democratic Forces announced": "Kurdish-led" is an adjective."""
    assert _ctx(f"On Sunday, the {adjective} {name} announced it.", name) != "object"


@settings(max_examples=100, deadline=None)
@given(NAMES, st.sampled_from(["spoke", "began", "met", "took"]))
def test_a_name_before_an_irregular_past_tense_acts(name, verb):
    """"Trump and Turkish President Recep Tayyip Erdoğan spoke on the phone"."""
    assert _ctx(f"Later {name} {verb} on the phone.", name) == "acts"
