"""Actor rules for phrases around nouns (after the capitalised names of ``actors.py``):
a government noun after a country ("Indonesia’s embassy"), a group noun with its
modifiers ("senior officials", "government forces", "fire officer"), a title a name owns
("Chelyabinsk's governor has promised"), an institution ("the health ministry"). Pure.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tui.suggest.rules.actor_heading import heading_subject
from tui.suggest.rules.actor_roles import roles
from tui.suggest.rules.actor_words import is_initial, lowered, modifiers_start, words_before
from tui.suggest.rules.figures import NOT_MODIFIERS, lower_same_offsets

if TYPE_CHECKING:
    from tui.suggest.rules.actors import _Finder

UP = "A-ZÀ-ÖØ-Þ"
_OWNED_WORD_RE = re.compile(rf"(?<=[{UP}])\w*['’]s[ \t]+([a-z]+)\b")
_THERE_RE = re.compile(r"[ \t]+(?:there|here)(?=[ \t])")
#: the name a role is of, after it: "A spokesperson for Stagecoach South said", "an official of the Ministry of Health told"
_NAME_POSTMOD_RE = re.compile(r"[ \t]+(?:for|of|at|from)[ \t]+(?:the[ \t]+)?[A-Z0-9][\w'’-]*"
                              r"(?:[ \t]+(?:(?:of|and|for)[ \t]+(?:the[ \t]+)?)?[A-Z0-9][\w'’-]*){0,5}")
#: a speaker picked from a group: "One of the victims said", "One of the musicians turned round"
_ONE_OF_RE = re.compile(r"(?<![\w-])[Oo]ne[ \t]+of[ \t]+(?:the|their|his|her|its|our)[ \t]+(?:[a-z][\w-]*[ \t]+)??"
                        r"(?P<noun>[a-z][\w-]*[^s\W]s|children|people|men|women)\b")
#: plural nouns of people with no agent suffix (a group picked from them acts through any verb)
_PEOPLE = frozenset({"children", "people", "men", "women", "victims", "parents", "daughters", "sons", "relatives",
                     "friends", "students", "members", "survivors", "passengers", "residents", "users", "fans"})
_AGENT_SUFFIX_RE = re.compile(r"(?:er|or|ist|ian|ant|ent|ee)s\Z")
_ADVERB_RE = re.compile(r"[ \t]+(?:even|also|then|later|still|just|once|\w+ly)(?=[ \t])")
#: a source or an agent before a role noun (GUIDELINES: those a report cites act, the agent after ``by``
#: acts): ``according to a family spokesperson``, ``released by her family``, ``citing local officials``
_DETERMINER = r"(?:the|a|an|his|her|its|their|our)[ \t]+"
_CITED_BEFORE_RE = re.compile(rf"(?:\b(?:[Aa]ccording[ \t]+to|citing|quoting)[ \t]+(?:{_DETERMINER})?"
                              rf"|\b[a-z]+(?:ed|en)[ \t]+by[ \t]+{_DETERMINER})"  # not "surrounded by family"
                              r"(?:[a-z][\w-]*[ \t]+){0,2}\Z")
_NEXT_WORD_RE = re.compile(r"[ \t]+([a-z]+)\b")
_NAMED_AFTER_RE = re.compile(r",?[ \t]+[A-Z]")  # "according to his wife, Amanda,": the name acts, not the role


def phrases(f: _Finder, place_after: re.Pattern) -> None:
    """Add the noun phrases' actors to ``f.cands`` (``place_after``: "in <Place>" after an embassy)."""
    f.by_start = {c[0]: c for c in f.cands}  # the names runs() found
    _government(f, place_after)
    _groups(f)
    text, pat = f.text, f.pat
    for m in _OWNED_WORD_RE.finditer(text):  # "Chelyabinsk's governor has promised"
        if m.group(1) in f.lower_titles and pat.country_acts.match(text, m.end()):
            f.cands.append((m.start(1), m.end(), "person"))
    _institutions(f)
    _picked_from_group(f)
    roles(f)  # "the bus driver told", "a federal judge dismissed": roles the lexicon lacks
    opening = heading_subject(text, f.lex)  # "California court sentences parents …"
    if opening is not None:
        f.cands.append(opening)


def _picked_from_group(f: _Finder) -> None:
    """"One of the victims said", "One of the users said", "One of the musicians turned round":
    a speaker picked from a group is the whole phrase (GUIDELINES), a person, when a reporting
    verb follows, or any verb phrase after a noun of people (not "One of the tests included")."""
    text, pat, lex = f.text, f.pat, f.lex
    for m in _ONE_OF_RE.finditer(text):
        end = m.end()
        adverb = _ADVERB_RE.match(text, end)
        after = adverb.end() if adverb else end
        noun = m.group("noun")
        people = noun in _PEOPLE or noun in lex.groups or bool(_AGENT_SUFFIX_RE.search(noun))
        if pat.verb_after.match(text, after) or (people and pat.verb_phrase.match(text, after)):
            f.cands.append((m.start(), end, "person"))


def _government(f: _Finder, place_after: re.Pattern) -> None:
    """A government noun after a country, its possessive or a demonym ("Chinese embassy")."""
    text, lex = f.text, f.lex
    for m in f.pat.gov_noun.finditer(text):
        prev = words_before(text, m.start(), 3)
        start = None
        for i in range(1, len(prev) + 1):  # "Indonesia’s", "Chinese", "United States"
            name = " ".join(w for _, w in prev[-i:])
            base = name[:-2] if name.endswith(("’s", "'s")) else name
            if base in lex.countries or name in lex.demonyms:
                start = prev[-i][0]
        if start is not None:
            end = m.end()
            if m.group() in ("embassy", "consulate"):  # "... embassy in Phnom Penh"
                place = place_after.match(text, end)
                end = place.end() if place else end
            f.cands.append((start, end, "government"))


def _groups(f: _Finder) -> None:
    """A group noun with up to two modifiers (a country, a demonym, "senior"), or a
    described one with any ("fire officer")."""
    text, lex, pat = f.text, f.lex, f.pat
    countries, demonyms, mods = lex.countries, lex.demonyms, lex.group_modifiers
    kin_seen: set[str] = set()
    for m in pat.group.finditer(lower_same_offsets(text)):
        if not (text[m.start()].islower() or is_initial(text, m.start())):
            continue  # "Police" inside a name is the name's business
        typ, need = lex.groups[m.group("noun")]
        if need == "kin":  # "his family reported", then "The family said": the later one is anaphoric
            if m.group("noun") in kin_seen:
                continue
            kin_seen.add(m.group("noun"))
        start = m.start()
        prev = words_before(text, start, 4)
        for _ in range(2):  # up to two modifiers: "senior", "Chinese", "United States"
            two = f"{prev[-2][1]} {prev[-1][1]}" if len(prev) > 1 else ""
            if two in countries or two in demonyms:  # "United States", "North Korean"
                start = prev[-2][0]
                prev = prev[:-2]
            elif prev and (prev[-1][1] in mods or prev[-1][1] in demonyms or prev[-1][1] in countries
                           # "Local media reported" (not "Local residents were angry")
                           or (lowered(text, prev[-1]) in mods and pat.verb_after.match(text, m.end()))):
                start = prev[-1][0]
                prev = prev[:-1]
        wide = modifiers_start(text, start, lex)
        described = need == "described" and wide < start  # "fire officer", "environmental group"
        if start < m.start() or not need or _reports(f, m.end()) \
                or (not described and _cited(f, m.start(), m.end())):
            f.cands.append((start, m.end(), typ))  # "Residents there told", "according to his family"
            if wide < start:
                f.modified[(start, m.end())] = wide
        elif described:
            _described(f, wide, m.end(), typ)


def _cited(f: _Finder, start: int, end: int) -> bool:
    """Is the role noun at ``start`` a source or an agent (``according to his family``, ``released
    by her family``), with no name after it that it describes (``his wife, Amanda``) and no role
    noun it modifies (``family`` in ``a family spokesperson``)?"""
    text = f.text
    if _CITED_BEFORE_RE.search(text, max(0, start - 60), start) is None or _NAMED_AFTER_RE.match(text, end):
        return False
    nxt = _NEXT_WORD_RE.match(text, end)
    return nxt is None or nxt.group(1) not in f.lex.groups


def _described(f: _Finder, start: int, end: int, typ: str) -> None:
    """A described group noun ("migrant rescue charity"), or, when the name it describes
    follows it ("... charity Sea-Eye"), that name with the description as its title (left
    out where the team leaves titles out)."""
    named = f.by_start.get(end + 1) if f.text[end:end + 1] == " " else None
    if named is None or named not in f.cands:
        f.cands.append((start, end, typ))
        return
    f.cands.remove(named)
    f.cands.append((start, named[1], named[2]))
    f.titled[(start, named[1])] = named[0]


def _reports(f: _Finder, end: int) -> bool:
    """Does a reporting verb follow ``end`` (after "there"/"here", an adverb, or the name the
    role is of: "A spokesperson for Stagecoach South said")?"""
    there = _THERE_RE.match(f.text, end) or _NAME_POSTMOD_RE.match(f.text, end)
    return bool(f.pat.verb_after.match(f.text, there.end() if there else end))


def _institutions(f: _Finder) -> None:
    """"the national weather service", "the health ministry": an institution noun after
    "the" and one or two lower-case words."""
    text = f.text
    for m in f.pat.institution.finditer(text):
        prev = words_before(text, m.start(), 3)
        words = [w for _, w in prev]
        for k in (2, 1):
            if len(words) > k and lowered(text, prev[-k - 1]) == "the" and all(
                    w.isalpha() and w.islower() and w not in NOT_MODIFIERS for w in words[-k:]):
                f.cands.append((prev[-k][0], m.end(), f.lex.org_nouns[m.group()]))
                break
