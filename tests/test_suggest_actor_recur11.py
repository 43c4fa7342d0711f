"""ACTOR classes that recur (session 11, helper actor11): each class's errors occur in at least
three development articles; generated sentences that fail on the code before the class."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest.contexts import context
from tui.suggest.rules.actors import find_actors, load_lexicon
from tui.suggest.rules.claims import find_claims
from tui.suggest.selection import reporting_and_action_verbs

VERBS = reporting_and_action_verbs()

# plural role nouns the group lexicon lacked (easterisland "Scholars have long wondered",
# whitehouse "Responders drove", alquaety "Multiple assailants attacked", baker "his classmates
# encouraged", abscbn "Senators condemned", hamza "news outlets reported", outages "school
# districts ... announced")
ROLE_PLURALS = st.sampled_from(["scholars", "responders", "assailants", "classmates", "senators",
                                "news outlets", "school districts"])
QUANTIFIERS = st.sampled_from(["Multiple", "Numerous", "Various"])
ACTS = st.sampled_from([("said", "the plan was late"), ("announced", "new measures"),
                        ("attacked", "the convoy"), ("reported", "the deaths")])


def _found(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in find_actors(text):
        out.setdefault(text[m.start:m.end], context(text, m.start, m.end, VERBS))
    return out


@settings(max_examples=120, deadline=None)
@given(ROLE_PLURALS, ACTS, st.booleans())
def test_a_plural_role_noun_that_acts_is_an_actor(noun, act, opens):
    """A role group the lexicon lacked is found where it acts, at a sentence's start or after
    "On Monday,"."""
    verb, obj = act
    subject = noun[0].upper() + noun[1:] if opens else noun
    text = f"The town was quiet.\n\n{'' if opens else 'On Monday, '}{subject} {verb} {obj}.\n"
    assert _found(text).get(subject) == "acts", _found(text)


@settings(max_examples=120, deadline=None)
@given(QUANTIFIERS, st.sampled_from(["officials", "researchers", "assailants", "witnesses", "news outlets"]),
       ACTS)
def test_a_quantifier_before_a_role_group_is_left_out_like_a_determiner(quant, noun, act):
    """"Multiple assailants attacked": the quantifier is no modifier of the group (GUIDELINES:
    `news outlets` in `multiple news outlets`), under any convention on group modifiers."""
    verb, obj = act
    text = f"The town was quiet.\n\nOn Monday, {quant.lower()} {noun} {verb} {obj}.\n"
    spans = {(m.start, m.end) if m.mods is None else (m.mods, m.end) for m in find_actors(text)}
    assert any(text[s:e] == noun for s, e in spans), [text[s:e] for s, e in spans]
    assert not any(text[s:e].startswith(quant.lower()) for s, e in spans)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["Reuters", "Officials", "The BBC"]), st.sampled_from(["", ","]),
       st.sampled_from(["sources within the ministry", "unnamed officials", "a leaked memo"]))
def test_a_claim_ends_before_citing_its_source(who, comma, source):
    """"X reported Y to be dead citing sources within ...": the content ends before "citing"."""
    text = f"Quiet week.\n\n{who} reported the commander to be dead{comma} citing {source}.\n"
    claims = [text[c.start:c.end] for c in find_claims(text, find_actors(text), load_lexicon())]
    assert claims and all("citing" not in c for c in claims), claims


KIN = st.sampled_from(["father", "mother", "daughter", "son", "wife", "family", "parents"])
OWNERS = st.sampled_from(["his", "her", "their", "The"])


@settings(max_examples=120, deadline=None)
@given(KIN, OWNERS, st.sampled_from(["said", "reported", "confirmed"]))
def test_kin_who_speak_are_actors_where_first_named(kin, owner, verb):
    """"his daughter reported", "The father said": kin who speak act (captivity, parkwonsoon,
    imus, seaeye); a later "The family said" after "his family reported" is anaphoric, and kin
    who only undergo ("his father was killed") are no candidates. The claim before an inverted
    "…, his daughter reported" is hers."""
    text = (f"Quiet week.\n\nThe mayor left home at noon, {owner.lower()} {kin} {verb}. "
            f"Later {'the' if owner != 'The' else 'his'} {kin} {verb} more.\n")
    found = [(m.start, text[m.start:m.end]) for m in find_actors(text)]
    assert [w for _, w in found] == [kin], found
    assert found[0][0] == text.index(f" {kin} ") + 1
    claims = find_claims(text, find_actors(text), load_lexicon())
    assert any(text[c.start:c.end] == "The mayor left home at noon" and c.speaker is not None for c in claims)
    quiet = f"Quiet week.\n\nOn Monday {owner.lower()} {kin} was killed in the blast.\n"
    assert not find_actors(quiet)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["officials", "the family", "his daughter", "police"]),
       st.sampled_from(["goodbye", "hello", "thank you to the nurses", "farewell to him", "thanks"]))
def test_a_greeting_said_is_no_claim(who, greeting):
    """"where the family said goodbye": once kin are speakers, a greeting after "said" must not
    become a claim (it never was one for any actor: "where the officials said goodbye")."""
    text = f"Quiet week.\n\nPolice searched the house where {who} said {greeting}.\n"
    assert find_claims(text, find_actors(text), load_lexicon()) == []


NAMES = st.sampled_from(["Jacques Chirac", "Park", "Ginger Baker", "Maria Lopez"])
DESCRIBED = st.sampled_from(["was born in 1932 in Paris.", "was born Peter Baker in London, in 1939.",
                             "was 64 years old.", "was 64.", "is 75, and ill.", "was widely known as the drummer.",
                             "is known as a reformer.", "was mayor of Paris from 1977 to 1995.",
                             "was president of France."])


@settings(max_examples=120, deadline=None)
@given(NAMES, DESCRIBED)
def test_a_person_only_described_by_a_copula_is_no_actor(name, described):
    """"Park was 64 years old.", "Jacques Chirac was born in 1932", "Chirac was mayor of Paris",
    "Baker was widely known as the drummer" (parkwonsoon, chirac, baker): what the name is, not
    what it does, like "X was a ..." (GUIDELINES: a person only described is not marked)."""
    text = f"Quiet week.\n\nThe city mourned.\n\n{name} {described}\n"
    start = text.index(name)
    assert context(text, start, start + len(name), VERBS) == "copula"


@settings(max_examples=40, deadline=None)
@given(NAMES, st.sampled_from(["studied law at Harvard", "founded a band"]))
def test_one_born_who_then_acts_is_no_copula(name, act):
    """"Stevens was born in 1920 in Chicago, Illinois and studied law": the coordinated verb acts."""
    text = f"Quiet week.\n\n{name} was born in 1920 in Chicago, Illinois and {act}.\n"
    start = text.index(name)
    assert context(text, start, start + len(name), VERBS) != "copula"


class _Span:
    def __init__(self, label: str, start: int, end: int):
        self.label, self.start, self.end = label, start, end


GROUP_PHRASES = st.sampled_from([("world", "leaders"), ("Coalition", "forces"), ("all-women", "crew"),
                                 ("world", "leaders"), ("Coalition", "authorities")])


@settings(max_examples=60, deadline=None)
@given(GROUP_PHRASES, st.sampled_from(["said", "agreed", "warned"]), st.booleans())
def test_a_teams_modified_group_spans_vote_on_group_modifiers(phrase, verb, keeps):
    """A team's span `world leaders` (the rules found `leaders` only, under every convention)
    says the team keeps a group noun's modifiers, `leaders` alone after `world` that it leaves
    them out: two development golds rarely hold a modifier the rules vary, so
    actor_group_modifiers stayed at its default ('out') in most pairs, against GUIDELINES (thunberg
    'world leaders', airbase 'Coalition authorities', whitehouse)."""
    from tui.suggest.conventions import infer

    mod, noun = phrase
    text = f"Quiet week.\n\nOn Monday {mod} {noun} {verb} the deal was close.\n"
    s = text.index(f"{mod} {noun}") + (0 if keeps else len(mod) + 1)
    g = infer([(text, [_Span("ACTOR", s, s + len(f"{mod} {noun}") - (0 if keeps else len(mod) + 1))])])
    assert g.conventions.actor_group_modifiers is keeps, g.explain()


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(["Swami", "Sayyid", "CEO", "Divisional Railway Manager", "Businessman", "Businesswoman"]),
       st.sampled_from(["Chakrapani", "Ali Hosseini Khamenei", "Aparna Garg", "Don Blankenship"]),
       st.sampled_from(["said", "announced", "proposed"]))
def test_an_honorific_or_an_occupation_before_a_name_is_a_title(title, name, verb):
    """`Swami Chakrapani`, `Sayyid Ali Hosseini Khamenei`, `Mysore Divisional Railway Manager
    Aparna Garg`, `Businessman Don Blankenship`, `ABS-CBN CEO Carlo Katigbak` (cowurine,
    soleimani, tippu, blankenship, abscbn): the words before the name are a title, left out
    where the team leaves titles out (GUIDELINES: an honorific before a name is a title)."""
    from tui.suggest.conventions import Conventions

    text = f"Quiet week.\n\nOn Monday {title} {name} {verb} a plan.\n"
    spans = {m.span(Conventions(actor_title=False)) for m in find_actors(text)}
    assert {text[s:e] for s, e in spans} == {name}, [text[s:e] for s, e in spans]


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(["California", "Scottish", "Hungarian state-owned", "Federal", ""]),
       st.sampled_from(["court", "enterprise", "company", "officials", "police"]),
       st.sampled_from([("sentences", "parents who kept children"), ("finds", "the suspension unlawful"),
                        ("acquires", "an arms maker")]))
def test_a_headings_common_noun_subject_acts(mods, head, act):
    """"California court sentences parents", "Scottish court finds …", "Hungarian state-owned
    enterprise acquires …" (captivity, prorogation, hirtenberger; whitehouse's "Man sets himself
    on fire"): the noun phrase opening the heading before its present-tense verb is the actor,
    with its modifiers; a thing that "kills" or "finds" (a storm, a report) is none."""
    verb, obj = act
    subject = f"{mods} {head}".strip()
    subject = subject[0].upper() + subject[1:]
    text = f"{subject} {verb} {obj}\n\nThe ruling came on Monday.\n"
    assert subject in [text[m.start:m.end] for m in find_actors(text)]
    for thing in ("Storm", "Apple report", "Heavy rain"):
        other = f"{thing} {verb} {obj}\n\nThe ruling came on Monday.\n"
        assert not find_actors(other), other


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["Man", "Woman", "Teenager"]), st.sampled_from(["sets himself on fire", "wins lottery"]))
def test_a_heading_opening_with_a_person_noun_acts(noun, rest):
    text = f"{noun} {rest} outside White House\n\nThe event was brief.\n"
    assert noun in [text[m.start:m.end] for m in find_actors(text)]
