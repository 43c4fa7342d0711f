"""Names the rules propose that real news only mentions (issue 23, precision): each a class of
English news prose, generated (hypothesis over invented names and words around them), not only
the quoted sentence of the development set that showed it. The contexts are what the team's
selection learns from (``tui.suggest.contexts``)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest.contexts import ASKED, STATIVE, context
from tui.suggest.rules.actors import find_actors
from tui.suggest.rules.lexicon import load_lexicon
from tui.suggest.selection import reporting_and_action_verbs

VERBS = reporting_and_action_verbs()
NAMES = st.builds(lambda a, b: a + b, st.sampled_from(["Zor", "Vel", "Quin", "Dax", "Mirr", "Tal"]),
                  st.sampled_from(["blax", "tech", "ora", "ivo", "unet", "ex"]))


def _ctx(text: str, name: str) -> str:
    start = text.index(name)
    return context(text, start, start + len(name), VERBS)


@settings(max_examples=200, deadline=None)
@given(NAMES, st.sampled_from(["said", "claims", "alleged", "reported", "launched", "noted"]),
       st.sampled_from(["the ", "a ", ""]),
       st.sampled_from(["bid won after long talks", "assassination plots were foiled", "sources have confirmed it",
                        "development program began", "officials were there"]))
def test_a_name_that_modifies_the_noun_after_a_verb_is_no_subject_of_that_verb(name, verb, det, rest):
    """"Maróth said the Hungarian bid won", "over alleged Revolutionary Guards assassination
    plots", "claims FSB sources have": the name modifies the noun after it; the verb before
    is not its own (a speaker after the verb is: ``said Zorblax.``)."""
    text = f"In the end, Ana {verb} {det}{name} {rest}."
    assert _ctx(text, name) in ("modifier", "object")  # "launched a Zorblax development program": its object too
    if verb in load_lexicon().reporting_verbs:
        assert _ctx(f"It was over, {verb} {name}. Nothing more.", name) == "acts"


@settings(max_examples=200, deadline=None)
@given(NAMES, st.sampled_from(["said", "claims", "reported"]), st.sampled_from(["flies", "runs", "sells", "builds"]),
       st.sampled_from(["fighters", "cargo", "planes to Syria"]))
def test_a_name_before_a_verb_in_s_after_a_reporting_verb_is_its_clauses_subject(name, verb, s_verb, obj):
    """"The government claims Mahan flies fighters": a word in -s after the name followed by
    no verb is the name's own verb, not a noun it modifies."""
    text = f"The government {verb} {name} {s_verb} {obj} every week."
    assert _ctx(text, name) == "acts"


ORGS = st.builds(lambda a, b: f"{a} {b}", st.sampled_from(["Zorblax", "Velora", "Quintech", "Daxivo"]),
                 st.sampled_from(["Council", "Court", "Group", "Party", "Bank", "Agency"]))


@settings(max_examples=200, deadline=None)
@given(ORGS, st.sampled_from(["is", "was", "are", "were", "has been", "is also"]), st.sampled_from(["a", "an", "the"]),
       st.sampled_from(["largest group of its kind", "highest civil court", "banned militant organization",
                        "subject of sanctions"]))
def test_a_name_said_to_be_something_does_not_act(org, copula, det, what):
    """"The OIC is the largest group", "PKK is a banned militant organization", "Mahan has
    been the subject of sanctions": a sentence that says what a name is does not show it
    acting; nor is a name acting that is what something is (``the highest court is the
    Supreme Court``, ``whose commander is President X``)."""
    assert _ctx(f"It is known here. The {org} {copula} {det} {what}.", org) == "copula"
    be = copula.split()[-1] if copula.startswith("has") else copula.split()[0]
    assert _ctx(f"The only court above it {be} the {org}.", org) == "copula"
    assert _ctx(f"Its commander-in-chief {be} President {org}.", org) == "copula"
    if be != "been":
        assert _ctx(f"It is known here. The {org} {be} breaking the law.", org) == "acts"


@settings(max_examples=200, deadline=None)
@given(ORGS, st.sampled_from(["", " of Iraq and Syria", " in Austria"]), st.sampled_from(["", "\u2009", " "]),
       st.sampled_from(["ZBX", "ISIS", "the court"]))
def test_a_name_that_opens_a_bracket_after_another_is_bracketed(org, tail, space, outside):
    """"ISIS (Islamic State of Iraq and Syria) fighters", "the Supreme Court of Justice
    (Oberster Gerichtshof\u2009) of Austria": a name that opens a bracket expands or
    translates the one before it, even when more words or a space follow it inside."""
    text = f"Then {outside} ({org}{tail}{space}) said nothing more."
    assert _ctx(text, org) == "bracketed"


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["Vel Quintara", "Dax Mirrow", "Tal Zorbex"]),
       st.sampled_from([("by hiring", "object"), ("by supporting", "object"), ("agreed under", "preposition"),
                        ("disclosed it to the", "preposition"), ("the first victim was", "copula")]),
       st.sampled_from(["law firm", "Syrian President", "former US President", "40-year-old", "central",
                        "Iranian airline"]))
def test_the_word_before_a_descriptor_governs_the_name_after_it(name, governs, descriptor):
    """"by hiring law firm Sidley Austin", "under former US President Barack Obama", "was
    40-year-old Skandaraj Navaratnam": the descriptor (nouns, adjectives, an age, a demonym,
    a title) belongs to the name; the verb, preposition or copula before it decides. A name
    that acts after it still acts (``law firm X said``, ``site X to remove``); a capitalised
    word after ``to`` is no verb (``according to NASA administrator X``: a source)."""
    lead, want = governs
    text = f"The company went on {lead} {descriptor} {name} in the end."
    assert _ctx(text, name) == want
    assert _ctx(f"The company went on {lead} {descriptor} {name} to remove it.", name) not in ("object", "preposition", "copula")
    assert _ctx(f"Later, {lead} {descriptor} {name} said so.", name) == "acts"
    assert _ctx(f"Later, according to ZBX {descriptor.lower()} {name}, it was late.", name) != "object"


@settings(max_examples=200, deadline=None)
@given(NAMES, st.sampled_from(sorted(v for v in load_lexicon().action_verbs
                                     if v.endswith("ed") and v not in load_lexicon().reporting_verbs
                                     and v not in ASKED)),  # "urged X": asked to act (test_suggest_actor_asked.py)
       st.sampled_from(["", "Iranian airline ", "the "]))
def test_a_name_after_an_action_verb_is_its_object_not_its_speaker(name, verb, descriptor):
    """"Germany on Monday banned Iranian airline Mahan Air from flying": after an action
    verb a name is what the verb acts on; only a reporting verb puts its speaker after it
    (``"…," said Zorblax``)."""
    assert _ctx(f"Germany on Monday {verb} {descriptor}{name} from flying.", name) == "object"
    assert _ctx(f"\"It is over,\" said {name}.", name) == "acts"


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["scientists", "authorities", "officials", "researchers"]),
       st.sampled_from([("from", "of"), ("in", "preposition"), ("at", "preposition")]),
       st.sampled_from(["the University of Velora", "the United Kingdom", "Quintech"]),
       st.sampled_from(["UC Daxivo", "the Zorblax Agency", "Mirrex"]), st.sampled_from(["say", "announced", "said"]))
def test_a_second_conjunct_after_a_preposition_shares_its_context_before_a_verb(head, prep, first, second, verb):
    """"scientists from the University of Bristol and UC Davis say", "authorities in the
    United Kingdom and the United States announced": the verb is the head noun's before the
    preposition, not the second conjunct's; without the preposition both act."""
    word, want = prep
    name = second.removeprefix("the ")
    assert _ctx(f"Yesterday, {head} {word} {first} and {second} {verb} it was over.", name) == want
    assert _ctx(f"Yesterday, {first} and {second} {verb} it was over.", name) == "acts"


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["Electronic Commerce", "Zorblax Trade", "Velora Free Trade", "Quintech Data", "Paris"]),
       st.sampled_from(sorted(load_lexicon().thing_heads)),
       st.sampled_from(["says that hosts are liable", "has required it since 2000", "was signed by Quin Dax"]))
def test_a_law_treaty_or_area_named_never_acts(words, head, rest):
    """"The EU law Electronic Commerce Directive 2000 provides", "the Directive on electronic
    commerce", "signed the African Continental Free Trade Area": a name ending in the word of
    a law, an agreement or an area names a thing, whatever verb follows it; a person named
    beside it still acts."""
    text = f"Yesterday, the {words} {head} {rest}. Later the {head} {rest}."
    found = [text[m.start:m.end] for m in find_actors(text)]
    assert not any(f.endswith(head) for f in found)
    if "Quin Dax" in rest:
        assert "Quin Dax" in found


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["Peace Spring", "Zorblax Shield", "Velora Storm"]), st.sampled_from(["began", "ended", "said"]))
def test_a_military_operation_is_no_actor(name, verb):
    """"He named it "Operation Peace Spring"": an operation is named like a ship or a storm."""
    text = f"Yesterday the army launched Operation {name}. Later Operation {name} {verb} it was over."
    assert [text[m.start:m.end] for m in find_actors(text)] == ["army"]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["collaboration", "turmoil", "talks", "the conflict"]),
       st.sampled_from(["his agency", "the neighboring Austria", "Velora", "the Zorblax Group"]),
       st.sampled_from(["Quintech", "the Daxivo Agency", "Mirrex Air"]), st.sampled_from([":", " over the sale.", " broke down."]))
def test_both_sides_after_between_are_its_objects(noun, first, second, rest):
    """"the collaboration between his agency and SpaceX", "turmoil between the neighboring
    Austria and Hungary over the sale": the second side after ``between`` is the
    preposition's object as the first is, whatever follows."""
    name = second.removeprefix("the ")
    assert _ctx(f"He spoke of {noun} between {first} and {second}{rest}", name) == "preposition"


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["To modernize", "to modernize", "To equip", "to fund"]), st.sampled_from(["its", "their", "his"]),
       st.sampled_from(["Zorblax", "Velora Group", "military"]))
def test_a_name_after_a_possessive_determiner_is_the_verbs_object(lead, det, name):
    """"To modernize its military, in 2018, Hungary licensed ...": a possessive determiner is
    read past like ``the``: the verb before it acts on the name; a capitalised ``To`` at a
    sentence's start is still ``to``."""
    assert _ctx(f"It was late. {lead} {det} {name}, in 2018, Hungary paid.", name) == "object"


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([("has selected two astronauts", "counted"), ("was favorable to the plaintiff", "preposition"),
                        ("hired the lawyer", "object")]),
       st.sampled_from(["Vel Quintara", "Dax Mirrow"]), st.sampled_from([", a politician.", " and Tal Zorbex, for it.", ";"]),
       st.sampled_from(["", "President "]))
def test_a_name_in_apposition_to_a_governed_noun_is_governed_too(lead, name, rest, title):
    """"NASA has selected two astronauts, Doug Hurley and Bob Behnken,", "favorable to the
    plaintiff, Eva Glawischnig-Piesczek, a politician": the name is the noun it renames, the
    object of the same verb or preposition; a noun that acts keeps its names acting
    (``said his father, Abdullah Kurdi,``: no verb governs ``father``)."""
    words, want = lead
    assert _ctx(f"The agency {words}, {title}{name}{rest}", name) == want
    assert _ctx(f"\"It hurts,\" said his father, {title}{name}{rest}", name) != want


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(STATIVE)), st.sampled_from(["Velora Defence Force", "Zorblax Group", "police"]),
       st.sampled_from(["conducted", "removed", "interviewed"]))
def test_the_agent_of_a_state_is_no_agent_of_an_act(stative, name, act):
    """"this kind of equipment is needed by the Defence Forces", "challenges faced by the
    Defence Force": after a participle of a state the name after ``by`` has or undergoes it
    (read like ``of``); after a participle of an act it acts (``conducted by the Taliban``)."""
    assert _ctx(f"It said this equipment is {stative} by the {name}.", name) == "of"
    assert _ctx(f"It said this attack was {act} by the {name}.", name) == "by"


@settings(max_examples=200, deadline=None)
@given(NAMES, st.sampled_from(["country", "court", "summit", "official policy"]), st.sampled_from(["a single", "the", "any"]))
def test_a_name_modifying_a_noun_inside_a_quotation_is_a_modifier(name, noun, det):
    """"a single EU country (in this case Austria) could demand": inside a quotation too a
    name before the noun it modifies is a modifier, not a name the quotation speaks of."""
    text = f"The professor wrote, \"it means {det} {name} {noun} can demand it.\""
    assert _ctx(text, name) == "modifier"
    assert _ctx(f"She said \"we know {name} well\" on Monday.", name) == "quoted"  # no determiner: no noun's


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["did not", "will", "could", "must", "didn't", "should not"]),
       st.sampled_from(["appease", "fund", "sue", "support"]), st.sampled_from(["Vel Quintara", "Zorblax Group"]))
def test_a_name_after_a_verb_after_an_auxiliary_is_its_object(aux, verb, name):
    """"This apparently did not appease Glawischnig-Piesczek.": after an auxiliary the bare
    verb is a verb, and the name after it its object, as after ``to``."""
    assert _ctx(f"It was late. This apparently {aux} {verb} {name}. Nothing followed.", name) == "object"


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["before", "after"]), st.sampled_from(["Zorblax Court", "ECJ", "Vel Quintara"]),
       st.sampled_from(["asking for clarification", "seeking a ruling", "saying it was late"]))
def test_a_name_after_a_clause_opener_and_before_a_comma_is_the_preposition_s(opener, name, clause):
    """"brought the case before the ECJ, asking for clarifications": a comma ends the
    prepositional phrase; the -ing clause after it is the sentence subject's, not the name's
    (``after Ford voluntarily disclosed`` still opens a clause)."""
    assert _ctx(f"The court brought the case {opener} the {name}, {clause}.", name) == "preposition"
    assert _ctx(f"The court acted {opener} the {name} voluntarily disclosed it.", name) == "acts"
