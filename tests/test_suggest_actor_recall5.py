"""ACTOR recall, session 9 (helper actor5): classes of news prose where a gold actor had no
suggestion overlapping it, each with generated sentences (hypothesis) that fail on the code
before the class."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest.contexts import context
from tui.suggest.selection import learn, reporting_and_action_verbs

VERBS = reporting_and_action_verbs()
_FIRST = ("Jong", "Nikki", "Colin", "Maria", "Ahmed", "Olga", "Pedro", "Aiko")
_LAST = ("Holland", "Sutherland", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Haddad", "Novak")
names = st.builds(lambda f, l: f"{f} {l}", st.sampled_from(_FIRST), st.sampled_from(_LAST))
_AGENT = ("In May {} said the toll rose.", "The toll was confirmed by {} later.",
          "Nothing was found, according to {}.")
#: a sentence-opening name the reading finds no verb after (a caption-like line; since session 13 a
#: copula is read: "X is already in prison" is a "copula")
_OPENING = ("{} in custody since March.", "{} at the scene on Monday.", "{} with the others in March.")


def _doc(frames: list[str], who: list[str]) -> tuple[str, list[tuple[int, int]]]:
    text, cands = "", []
    for frame, name in zip(frames, who):
        s = len(text) + frame.index("{}")
        cands.append((s, s + len(name)))
        text += frame.format(name) + " "
    return text, cands


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_AGENT), min_size=1, max_size=5), st.sampled_from(_OPENING),
       st.sampled_from(_OPENING), st.lists(names, min_size=8, max_size=8, unique=True), st.booleans())
def test_one_opening_name_passed_over_is_no_habit(agents, passed, probe, who, twice):
    """A team that tags the names that act, and once left a sentence-opening name untagged
    (``Jong was arrested``, a victim): the next sentence-opening name is still suggested
    (the agent contexts decide together); left untagged twice, it is the team's habit."""
    frames = [*agents, passed] + ([passed] if twice else [])
    text, cands = _doc(frames, who)
    opening = cands[len(agents):]
    assert all(context(text, s, e, VERBS) == "sentence" for s, e in opening)
    sel = learn([(text, cands[:len(agents)], cands, len(text))])
    new, [(s, e)] = _doc([probe], [who[-1]])
    assert context(new, s, e, VERBS) == "sentence"
    assert sel.keeps(new, s, e) is not twice


def _fold(fold: int, right: int, wrong: int, missed: int, label: str = "ACTOR"):
    """(gold keys, keys found) of one fold: ``right`` found, ``wrong`` found but not gold,
    ``missed`` gold not found; keys as ``tui.suggest.model.policy`` makes them."""
    at = (fold, 0)
    gold = {(at, 10 * i, 10 * i + 5, label) for i in range(right + missed)}
    found = {(at, 10 * i, 10 * i + 5, label) for i in range(right)}
    found |= {(at, 10 * i + 7, 10 * i + 9, label) for i in range(wrong)}
    return gold, found


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 8), st.integers(1, 12), st.integers(0, 8), st.integers(1, 8), st.integers(8, 40),
       st.integers(0, 3))
def test_a_policy_that_loses_a_fold_does_not_overrule_the_rules(right, wrong, missed, vetoed, big, spur):
    """Two folds (one per training article): on a short half the model vetoes most of the
    rules' spans, the wrong ones and some right ones, and scores a lower F1 there than the
    rules; on the other half both agree. The pooled F1 may still favour the model (fewer
    spans found in all): the rules stay, since the model won no fold (kurds after two:
    0.31 under the model's veto)."""
    from hypothesis import assume

    from tui.suggest.model.policy import MARGIN, _choose

    kept = max(0, right - vetoed)
    short_gold, rules_short = _fold(0, right, wrong, missed)
    _, vetted_short = _fold(0, kept, 0, missed + right - kept)
    long_gold, long_found = _fold(1, big, spur, 1)
    f1 = lambda g, x: 2 * len(g & x) / (len(g) + len(x)) if g or x else 0.0  # noqa: E731
    want = short_gold | long_gold
    got = {"rules": rules_short | long_found, "vetted": vetted_short | long_found, "model": vetted_short | long_found}
    assume(f1(short_gold, vetted_short) < f1(short_gold, rules_short))  # the model loses the short half
    assume(f1(want, got["vetted"]) > f1(want, got["rules"]) + MARGIN)  # ... and wins the pooled F1
    assert _choose(want, got, trusted=True)["policy"] == "rules"


@settings(max_examples=100, deadline=None)
@given(st.integers(2, 10), st.integers(2, 12), st.integers(8, 40))
def test_a_policy_that_wins_a_fold_and_ties_the_other_is_chosen(right, wrong, big):
    """The model that drops only the rules' wrong spans of one half and agrees on the other
    wins: the fold rule takes nothing from a team whose guidelines the model learned."""
    short_gold, rules_short = _fold(0, right, wrong, 0)
    _, vetted_short = _fold(0, right, 0, 0)
    long_gold, long_found = _fold(1, big, 0, 0)
    from tui.suggest.model.policy import _choose

    want = short_gold | long_gold
    got = {"rules": rules_short | long_found, "vetted": vetted_short | long_found, "model": vetted_short | long_found}
    assert _choose(want, got, trusted=True)["policy"] == "vetted"


_ASKING = ("request", "behest", "invitation", "orders", "urging", "direction")
_SENT = ("notice", "letter", "take-down notice", "statement", "warning", "franchise", "complaint", "subpoena")
_ORGS = ("Recording Industry Association of America", "National Trust", "Congress of Freedonia", "Acme Corporation")


@settings(max_examples=80, deadline=None)
@given(names, st.sampled_from(_ASKING), st.sampled_from(("at", "on")), st.sampled_from((", then the minister.", ".")))
def test_the_one_at_whose_request_something_is_done_acts(who, noun, prep, tail):
    """``at the request of X``, ``on the orders of X``: X asked, as surely as the agent
    after ``by``; a person's name there is found though ``of`` mostly opens a place."""
    from tui.suggest.conventions import DEFAULTS
    from tui.suggest.rules.actors import find_actors

    text = f"The parliament was dissolved {prep} the {noun} of {who}{tail} It met again in May."
    s = text.index(who)
    assert context(text, s, s + len(who), VERBS) == "by"
    assert (s, s + len(who)) in [m.span(DEFAULTS) for m in find_actors(text)]
    member = f"A member of {who} spoke."  # no asking noun: still a preposition's
    assert context(member, 12, 12 + len(who), VERBS) == "of"


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(_ORGS), st.sampled_from(_SENT), st.sampled_from(("a", "the", "another")),
       st.sampled_from(("GitHub received", "The network had obtained", "Officials read")))
def test_the_sender_of_a_notice_acts(org, noun, det, opening):
    """``a take-down notice from the RIAA``, ``a franchise from the Congress``: the one
    who sends or grants acts (GUIDELINES); ``scientists from X`` are still X's members."""
    text = f"{opening} {det} {noun} from the {org} on Friday."
    s = text.index(org)
    assert context(text, s, s + len(org), VERBS) == "by"
    staff = f"Scientists from the {org} say it works."
    s = staff.index(org)
    assert context(staff, s, s + len(org), VERBS) == "of"


_HEAD_VERBS = ("wins", "resigns", "signs", "rejects", "sues", "leads")
_NATIONS = ("Norway", "Chile", "Kenya", "Japan")


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(_NATIONS), st.sampled_from(_LAST), st.sampled_from(_HEAD_VERBS), st.booleans())
def test_a_headings_own_words_do_not_make_its_verb_a_noun(nation, name, verb, body_noun):
    """``Norway's Warholm wins gold``: the heading's possessive before the name read
    ``wins`` as a noun (``'s <word> wins``), so the name modified it. Only the body shows how
    the text uses a word; when it uses it as a noun (``the wins``), the heading reads so too."""
    body = f"The athlete ran well on Monday. Fans cheered{' the ' + verb + ' of the year' if body_noun else ''}."
    text = f"{nation}'s {name} {verb} gold at the games\n\n{body}\n"
    s = text.index(name)
    assert (context(text, s, s + len(name), VERBS) == "acts") is not body_noun


_PARTY_NAMES = ("Thai Raksa Chart", "Freedonian political", "state", "Green Unity", "ruling")
_PARTY_VERBS = ("complies with the order", "endorsed him", "withdraws the nomination", "announced a boycott")


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(_PARTY_NAMES), st.sampled_from(_PARTY_VERBS), st.booleans())
def test_a_described_party_is_an_organisation(described, verb, the):
    """A lower-case ``party`` after a name or a modifier names the party, as ``group`` does
    (``Thai Raksa Chart party complies``, ``the state party endorsed him``); ``the party``
    with neither a modifier nor a reporting verb is left alone (``Later many left the party``)."""
    from tui.suggest.conventions import DEFAULTS
    from tui.suggest.rules.actors import find_actors

    text = f"On Monday {'the ' if the else ''}{described} party {verb}. Later many left the party."
    end = text.index(" party ") + len(" party")
    found = {m.span(DEFAULTS): m.type for m in find_actors(text)}
    assert any(e == end and t == "organisation" for (s, e), t in found.items())
    later = text.rindex("the party") + len("the party")
    assert not any(e == later for (_, e) in found)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(("issued a statement", "said the princess would not run", "has announced a ban",
                        "will publish the list")), st.sampled_from(("The", "the royal household's")))
def test_the_palace_that_issues_a_statement_acts(verb, owner):
    """A royal palace speaks for the monarch as the press or the prosecution act for theirs
    (``[bodies]``): ``The palace issued the following statement``; a palace visited or
    burnt is a building (``tourists visited the palace``)."""
    from tui.suggest.conventions import DEFAULTS
    from tui.suggest.rules.actors import find_actors

    text = f"On Friday evening {owner} palace {verb}. Tourists visited the palace on Monday."
    spans = [text[slice(*m.span(DEFAULTS))] for m in find_actors(text)]
    assert spans.count("palace") == 1
