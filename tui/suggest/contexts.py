"""The context of an actor candidate: the words around it that say whether it acts
(``X said``, ``said X``, ``according to X``) or is only named (``Trump's declaration``,
``told TASS``, ``visited X``, ``in the Superior Court``). Pure (no Textual).
``tui.suggest.selection`` learns per context which candidates a team tags.

    context(text, start, end, verbs)   # one of CONTEXTS: "acts", "possessor", "of", ...
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tui.suggest.agent_nouns import agent_of_noun
from tui.suggest.rules.actor_words import (INFINITIVE_AFTER_RE, acts_in_clause_after, heading_verb, joint_with, verb_governs,
                                           words_before)
from tui.suggest.rules.actor_patterns import patterns
from tui.suggest.rules.lexicon import alternation, load_lexicon
from tui.suggest.acted_upon import undergoes_after
from tui.suggest.words_after import (ADVERBS, FUNCTION_WORDS, ING_PREPOSITIONS, OBJECTS, After, clause_after,
                                     heading_verb_after, modifies, subject_after, verb_after)

_DET = r"(?:the|a|an|The|A|An)[ \t\u00a0]+"
_CAP = r"[A-Z][\w-]*(?:\.[\w-]+)*"  # a capitalised word, never across a sentence end ("Wednesday. X")
_OWNER = rf"(?:(?:{_CAP}[ \t\u00a0]+)*{_CAP}|(?<=[Tt]he )[a-z][\w-]*)['’]s[ \t\u00a0]+"  # "the UK's", "the army's"
_POSS_DET = r"(?:its|their|his|her|our)[ \t\u00a0]+"  # "To modernize its military": the verb's object
#: the word before a name, past a determiner and an owner; "(?<!\w)": a match never starts inside a word
#: (one from the letter before would start earlier), so the search skips those starts (4x faster, same matches)
_PREV_WORD_RE = re.compile(rf"(?<!\w)(\w[\w-]*)[ \t\u00a0]+(?:{_DET}|{_POSS_DET})?(?:{_OWNER})?[\"“‘']?\Z")
_DET_END_RE = re.compile(rf"(?<![\w-]){_DET}\Z")
#: "according to", with a determiner ("according to a family spokesperson", "according to their lawyer")
_ACCORDING_END_RE = re.compile(r"\baccording[ \t\u00a0]+to(?:[ \t\u00a0]+(?:the|a|an|his|her|its|their|our))?\Z", re.I)
_SENTENCE_START_RE = re.compile(r"(?:\A|\n|[.!?][\"”’']?[ \t\u00a0]+)[\"“‘']?\Z")
#: told something: "in an e-mail to", "speaking to BBC"; an interview or a talk *with* X is a joint act
#: (``actor_words.joint_with``: GUIDELINES mark both sides of an interview, like a meeting's)
_TOLD_RE = re.compile(r"\b(?:(?:e-?mail|statement|letter)s?[ \t]+(?:to|with)|(?:interview|speaking|spoke|talking|talked)s?"
                      rf"[ \t]+to)[ \t\u00a0]+(?:{_DET})?\Z", re.I)
_POSS_RE = re.compile(r"[\u200b-\u200d\u2060]*['’]s?(?!\w)")  # invisible joiners of real text: "Xtra\u200d's"
_QUOTES = "\"“”"
_OPENING_QUOTES = "\"“‘"
_COUNT_BEFORE_RE = re.compile(r"(?:\d(?:[\d,.]*\d)?|\b(?i:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
                              r"|(?:thir|four|fif|six|seven|eigh|nine)teen|(?:(?:twen|thir|for|fif|six|seven|eigh|nine)ty)"
                              r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|dozens|hundreds|thousands"
                              r"|millions|dozen|hundred|thousand|million))[ \t\u00a0]+"
                              r"(?:[A-Z][\w-]*[ \t\u00a0]+){0,3}\Z")  # "five Armed Forces personnel"
TOLD = frozenset({"told", "tell", "tells", "telling", "informed"})
OF = frozenset({"of", "from", "for"})
CITING = frozenset({"citing", "quoting"})
#: after a reporting verb's name, what makes the name the verb's object: "described X (in March) as a", "reported X to be"
_DESCRIBED_AS_RE = re.compile(r"(?:[ \t\u00a0]+(?:in|on|at|of)[ \t\u00a0][^.,;:!?\"“”\n]{0,30}?)?"
                              r"[ \t\u00a0]+(?:as[ \t\u00a0]+(?:a|an|one|being)|to[ \t\u00a0]+(?:be|have[ \t\u00a0]+been))\b")
#: verbs whose object is asked or let to act (``requested GitHub``, ``urged X to``): the object acts (GUIDELINES);
#: so does one asked a question (``The press asked Trump``, ``Wikinews asked Stamenković if``, ``asked John for``)
#: or pressed to act (``pressured Trump not to commute``, ``pressure the Ukrainian government to launch``)
ASKED = frozenset({
    "ask", "asks", "asked", "asking", "pressure", "pressures", "pressured", "pressuring", "persuade", "persuades",
    "persuaded", "persuading", "convince", "convinces", "convinced", "convincing", "lobby", "lobbies", "lobbied",
    "lobbying",
    "request", "requests", "requested", "urge", "urges", "urged", "urging", "order", "orders", "ordered", "ordering",
    "invite", "invites", "invited", "inviting", "allow", "allows", "allowed", "allowing", "permit", "permits",
    "permitted", "require", "requires", "required", "requiring", "instruct", "instructs", "instructed", "encourage",
    "encourages", "encouraged", "encouraging", "advise", "advises", "advised", "advising", "authorize", "authorizes",
    "authorized", "authorise", "authorises", "authorised"})
#: population groups: asked to act, they are only acted upon (GUIDELINES: "unless a population group")
POPULATION = frozenset({"residents", "citizens", "people", "migrants", "refugees", "civilians", "voters", "passengers",
                        "tourists", "visitors", "travellers", "travelers", "motorists", "students", "parents",
                        "customers", "consumers", "users", "fans", "public", "inhabitants", "locals", "villagers"})
PREPOSITIONS = frozenset({"in", "at", "to", "with", "on", "after", "against", "into", "about", "over", "like",
                          "as", "under", "before", "between", "among", "near", "behind", "toward", "towards",
                          "upon", "within", "without", "through", "than", "via"})
_CONJUNCT_BEFORE_RE = re.compile(rf"(?<![\w-])({_CAP}(?:[ \t\u00a0]+(?:of[ \t\u00a0]+(?:the[ \t\u00a0]+)?)?{_CAP})*)"
                                 rf"[ \t\u00a0]+(?:and|or|nor)[ \t\u00a0]+(?:{_DET})?\Z")  # "the University of Bristol and"
#: a name in a list a preposition opens (``firms including A, B, and C have announced``): the list's object, not its subject
_LISTED_RE = re.compile(rf"\b(?:including|such[ \t\u00a0]+as|like)[ \t\u00a0]+(?:(?:{_DET})?{_CAP}(?:[ \t\u00a0]+{_CAP})*"
                        r",?[ \t\u00a0]+(?:(?:and|or)[ \t\u00a0]+)?)*\Z")
#: a name (or a quoted name's last word) and a comma before a role: "Jasim Uddin, a spokesperson", "Justin
#: Trudeau, then the Prime Minister", "Anna Franowska of "Have no fear", an abuse victim support charity"
_APPOSITION_BEFORE_RE = re.compile(rf"(?:({_CAP})|\w[\"”’'])[\"”’']?,[ \t\u00a0]+(?:(?:then|now|formerly|later)[ \t\u00a0]+)?"
                                   rf"(?:{_DET})?\Z")
#: what ends a role noun in apposition: the apposition's comma or the sentence's end, or its complement
_PARTICIPLE_FIRST_RE = re.compile(r"[a-z]+ing\b")
_ROLE_ENDS_RE = re.compile(r"(?:[,.;]|[ \t\u00a0]+(?:for|of|at|with|in)[ \t\u00a0])")
_BETWEEN_RE = re.compile(r"\bbetween[ \t\u00a0]+[^.;:,()\n]{1,60}?[ \t\u00a0]+and[ \t\u00a0]+(?:(?:the|a|an)[ \t\u00a0]+)?\Z")
_NOUN_APPOSED_RE = re.compile(r"(?<![\w-])([a-z][a-z-]+),[ \t\u00a0]+\Z")  # "the plaintiff, " before a name
#: a determiner (and an adjective) before a name: with a noun after the name, the noun's ("a single EU country")
_DET_BEFORE_RE = re.compile(r"\b(?:a|an|the|any|every|each|this|that|no)[ \t\u00a0]+(?:[a-z]+[ \t\u00a0]+)?\Z", re.I)
_AUXILIARY_BEFORE_RE = re.compile(r"\b(?:did|does|do|will|would|can|could|may|might|must|should|shall)"
                                  r"(?:[ \t\u00a0]+not|n['’]t)?[ \t\u00a0]+\Z", re.I)  # "did not appease X"
#: words that name who did something as surely as "by" does: "an attack ascribed to the Taliban", "blamed on X"
_AGENT_BEFORE_RE = re.compile(r"\b(?:(?:ascribed|attributed)[ \t\u00a0]+to|blamed[ \t\u00a0]+on)[ \t\u00a0]+(?:the[ \t\u00a0]+)?\Z",
                              re.I)
_REACHED_OUT_RE = re.compile(r"\breach(?:ed|es|ing)?[ \t\u00a0]+out[ \t\u00a0]+to[ \t\u00a0]+(?:the[ \t\u00a0]+)?\Z", re.I)
_CLOSES_RE = re.compile(r"[^()\n]*\)")
#: a role after a name and before a person's name: the name modifies the role ("according to NASA
#: administrator Jim Bridenstine", "SpaceX founder Elon Musk"): the person acts, not the organisation
ROLE_WORD = r"[a-z]{2,}(?:or|er|person|man|woman|ent)"  # a lower-case role noun: administrator, founder, spokesperson
_ROLE_NAMED_AFTER_RE = re.compile(rf"[ \t\u00a0]+({ROLE_WORD})[ \t\u00a0]+[A-Z][a-z]")
_NOT_ROLES = frozenset({"other", "either", "neither", "whether", "together", "rather", "never", "ever", "however",
                        "whenever", "wherever", "later", "under", "over", "after", "current", "recent", "different"})
#: a model, version or edition number after a name makes it a product's or an event's ("Boeing 737 Max",
#: "Boeing B-17", "CentOS 7 is expected", "Anime North 2019"): not a score ("Caboolture 43–5") nor a count
_MODEL_AFTER_RE = re.compile(r"[ \t\u00a0]+(?:[A-Z]{1,3}-?)?\d+(?:\.\d+)?s?(?![\w,.–—-]*\d)(?![ \t\u00a0]+(?:[a-z]+[ \t\u00a0]+)?"
                             r"(?!(?:is|was|has|does)\b)(?:[a-z]+s|of|per|percent)\b|[ \t\u00a0]+(?:or|to|and)[ \t\u00a0]+\d)")
# (not "Noosa 24 points", "24 people", "acquired by Red Hat 7 or 8 years ago")
_DESCRIPTOR_RE = re.compile(r"(?:\d+-)?[a-z][a-z-]*\Z")
#: prepositions that also open a clause: a name after them followed by a verb is its subject
CLAUSE_OPENERS = frozenset({"after", "before", "as", "until", "since"})
#: participles of a state, not an act: their agent after "by" has or undergoes it ("needed by", "owned by")
STATIVE = frozenset({"needed", "wanted", "owned", "used", "faced", "known", "liked", "loved", "feared", "hated",
                     "shared", "preferred", "favoured", "favored", "trusted", "desired"})
COPULAS = frozenset({"is", "are", "was", "were", "be", "been", "being"})
_S = r"[ \t\u00a0]"
# what a name is, not what it does: "is a/the ...", and with no article "was born" (not "was born
# in 1920 … and studied law"), "was 64 (years old)", "was (widely) known as", "was mayor of Paris"
# (a person only described is no actor: GUIDELINES)
_DEFINED_RE = re.compile(
    rf"{_S}+(?:is|are|was|were|has{_S}+been|have{_S}+been){_S}+(?:also{_S}+)?"
    rf"(?:(?:a|an|the){_S}|born\b(?![^.;\n]*{_S}and{_S}+[a-z]+ed\b)|\d+(?:{_S}+years{_S}+old)?[.,;]"
    rf"|(?:\w+ly{_S}+)?known{_S}+as\b|[a-z]+{_S}+of{_S}+[A-Z])")
CONTEXTS = ("possessor", "told", "asked", "counted", "by", "according", "of", "object", "preposition", "bracketed",
            "quoted", "copula", "undergoes", "acts", "modifier", "sentence", "other")
DESCRIBE = {
    "possessor": "a name owning something (Trump's declaration)",
    "told": "told something (told TASS, in an e-mail to)",
    "asked": "asked or let to act (requested GitHub, urged X to, allowed X to)",
    "counted": "what a number counts (Over 1,000 rescuers, 94 Chinese nationals)",
    "by": "after by (identified by a spokesperson)",
    "according": "after according to",
    "of": "after of / from / for (a member of the Coast Guard)",
    "object": "after a verb that acts on it (visited Svay Rieng, hiring X, to assist authorities)",
    "preposition": "after another preposition (filed in the Superior Court, offered to X)",
    "bracketed": "in brackets after a name (Federal Security Service (FSB))",
    "quoted": "inside a quotation, not starting it (a quotation's first words read as a sentence's)",
    "copula": "said to be something, or what something is (The OIC is the largest group; is President X)",
    "undergoes": "acted upon: killed, dead, sentenced, put in or out of office (X was killed, X died, X was sworn in)",
    "acts": "before or after a verb (X said, X has announced, said X)",
    "modifier": "modifying the noun after it (an AU summit, Coast Guard units)",
    "sentence": "starting a sentence",
    "other": "anywhere else (never decides: the rules' choice)",
}


def context(text: str, start: int, end: int, verbs: frozenset = frozenset()) -> str:
    """The context of an actor candidate ``text[start:end]`` (one of ``CONTEXTS``); a
    possessive the team keeps in its spans (``Amnesty’s``) still makes a possessor. A
    second conjunct that ends its phrase with no verb of its own reads as the first (``from
    the Coast Guard and the National Police.``: both "of"); so does one before a verb when
    the first is a preposition's (``scientists from the University of Bristol and UC Davis
    say``: the verb is the head noun's before the preposition)."""
    own = _own_context(text, start, end, verbs)
    if own != "possessor" and _locates_place_before(text, start, end, own):
        return "preposition"  # "overturned in Babyninsky, Russia.": the country locates the town
    if own in ("sentence", "other") and (listed := _list_around(text, start, end)) is not None:
        theirs = _own_context(text, *listed, verbs)
        if theirs in _LIST_DECIDES:
            return theirs  # "identified as A, B, and C", "A, B, and C made the same decision"
    if own in ("sentence", "other", "acts") and (own == "acts" or text[end:end + 1] in ".,;:)\n"):
        first = _CONJUNCT_BEFORE_RE.search(text, max(0, start - 80), start)
        if first:
            theirs = context(text, first.start(1), first.end(1), verbs)
            return theirs if own != "acts" or theirs in ("of", "preposition") else own
    return own


#: a word of a name: "Kennedy", "U.S", "F." (an initial); never "Pereira." ending a sentence
_NAME_WORD = r"(?:[A-Z]\.|[A-Z](?:[\w'’-]|\.(?=\w))*)"
#: capitalised words that open a sentence, never a name: "Both Warren and Sanders remain"
_NOT_NAME_START = r"(?!(?:Both|Either|Neither|The|And|But|Or|Whereas|While|When|If|As|After|Before|Since)\b)"
_NAME = rf"{_NOT_NAME_START}{_NAME_WORD}(?:[ \t\u00a0](?:(?:of|de|da|la|van|von|al|bin)[ \t\u00a0])?{_NAME_WORD}){{0,4}}"
#: a list of three names or more with "and"/"or" before the last (``A, B, and C``, ``A, B or C``), of
#: four with commas alone (``in Baytown, Texas, Zhukovskyy has`` is a place and a subject, no list), or two
#: joined by "and"/"or" (``both Mugabe and Tsvangirai claimed``: the first reads the pair's verb)
_NAME_LIST_RE = re.compile(rf"(?<![\w.'’-]){_NAME}(?:,[ \t\u00a0]{_NAME}){{1,}},?[ \t\u00a0](?:and|or)[ \t\u00a0]{_NAME}"
                           rf"|(?<![\w.'’-]){_NAME}(?:,[ \t\u00a0]{_NAME}){{3,}}"
                           rf"|(?<![\w.'’-]){_NAME}[ \t\u00a0](?:and|or)[ \t\u00a0]{_NAME}")  # "both X and Y claimed"
_SENTENCE_END_IN_RE = re.compile(r"[a-z0-9]\.[ \t\u00a0]")  # not an initial's: "Robert F. Kennedy"
#: the list's contexts its names take: what governs it or its verb (not a guess from the next word alone,
#: ``Biden and Harris each sent``: "modifier"; not where it stands in a sentence)
_LIST_DECIDES = frozenset({"acts", "undergoes", "object", "preposition", "of", "by", "according", "told", "asked",
                           "counted", "copula"})
_LIST_REACH = 240  # how far around a name a list of names is looked for


def _list_around(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The list of names ``text[start:end]`` is one of (``China, Iran, and Russia have pledged``,
    ``identified as A, B, C and D``), as (start, end) of the whole list, or None. Each name in it
    stands where the list stands: a name inside it reads the words around the list. Not a list
    across a sentence's end; a sentence adverb opening it is none of its names (``Later, Baker and
    Bruce formed``: the list is ``Baker and Bruce``)."""
    at, stop = max(0, start - _LIST_REACH), min(len(text), end + _LIST_REACH)
    while (m := _NAME_LIST_RE.search(text, at, stop)) is not None and m.start() <= start:
        if m.end() < end:
            at = m.end()
            continue
        if _SENTENCE_END_IN_RE.search(m.group()):
            return None
        first = m.group().split(",", 1)[0]
        if not (first.endswith("ly") or first in load_lexicon().not_names):
            return m.start(), m.end()
        comma = m.group().find(",")
        if comma < 0:
            return None
        at = m.start() + comma + 1
    return None


_MONTHS_AND_DAYS = frozenset({"January", "February", "March", "April", "May", "June", "July", "August", "September",
                              "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday",
                              "Friday", "Saturday", "Sunday"})


@lru_cache(maxsize=1)
def _place_before() -> re.Pattern:
    """A town (a list of them) after a place preposition and a comma, right before a name:
    ``in Babyninsky, ``, ``victories in Arizona, Florida, and ``."""
    preps = alternation(load_lexicon().place_prepositions)
    town = rf"{_CAP}(?:[ \t\u00a0]+{_CAP}){{0,3}}"
    return re.compile(rf"(?<![\w-])((?i:{preps}))[ \t\u00a0]+(?:the[ \t\u00a0]+)?({town})"
                      rf"(?:,[ \t\u00a0]+{town})*,[ \t\u00a0]+(?:and[ \t\u00a0]+)?\Z")


def _locates_place_before(text: str, start: int, end: int, own: str) -> bool:
    """Is the country or state ``text[start:end]`` a place locating the town before it
    (``overturned in Babyninsky, Russia.``, ``in Connecticut, US, killing``, ``the ministry in
    Munich, Germany confirmed``)? Not the subject after a fronted adverbial (``In Syria, Turkey
    launched``, ``In March, Russia said``)."""
    lex = load_lexicon()
    if text[start:end] not in lex.countries and text[start:end] not in lex.places:
        return False
    m = _place_before().search(text, max(0, start - 120), start)
    if m is None or m.group(1).lower() not in lex.place_prepositions or m.group(2) in _MONTHS_AND_DAYS:
        return False
    return not (own == "acts" and _SENTENCE_START_RE.search(text, max(0, m.start() - 4), m.start()))


#: the head nouns of places: a name ending in one names a place, no actor, unless a verb follows (its operator)
PLACE_HEADS = frozenset({"Park", "Square", "Airport", "Mall", "Complex", "Street", "Avenue", "Road", "Bridge",
                         "Station", "Stadium", "Mosque", "Cathedral", "Plaza", "River", "Lake", "Beach", "Valley",
                         "Bay", "Sea", "Ocean", "Island", "Islands", "Strait", "Peninsula", "Boulevard", "Highway",
                         "Harbour", "Harbor", "Canal", "Cemetery", "Arena", "Gulf", "District", "Market", "Mine",
                         "Lodge", "Trench", "Reef", "Canyon", "Glacier", "Volcano", "Desert", "Mountains"})


def names_place(text: str, start: int, end: int) -> bool:
    """Does the candidate ``text[start:end]`` name a place by its head noun (``Victoria Park``,
    ``Bradley Airport was shut down``, ``Gaisano Mall``): no actor (GUIDELINES: places are none,
    a place only described is none), unless a verb follows (``Heathrow Airport said``: its
    operator) or a title opens it (``Mayor Park``)? Decided when suggesting, after learning:
    the team's votes still see the candidate."""
    words = text[start:end].split()
    if len(words) < 2 or words[-1] not in PLACE_HEADS:
        return False
    lex = load_lexicon()
    return not any(w in lex.titles for w in words[:-1]) and not patterns(lex).verb_phrase.match(text, end)


def is_role_word(word: str) -> bool:
    """Is ``word`` (matched by the role pattern: administrator, founder, spokesperson) a role,
    not a function word or an adverb that ends alike (``other``, ``however``, ``under``)?"""
    return word not in _NOT_ROLES and word not in FUNCTION_WORDS


def _own_context(text: str, start: int, end: int, verbs: frozenset) -> str:
    if end - start > 2 and text[end - 2:end] in ("'s", "’s"):
        end -= 2
    if _POSS_RE.match(text, end) and (text[end:end + 2] not in ("'", "’") or text[end - 1:end] == "s"):
        return "possessor"
    if undergoes_after(text, end):
        return "undergoes"  # "Osama was killed by", "said X, son of Y, has been killed", "X died": acted upon
    role = _ROLE_NAMED_AFTER_RE.match(text, end)
    if role and is_role_word(role.group(1)):
        return "modifier"  # "NASA administrator Jim Bridenstine"
    if _MODEL_AFTER_RE.match(text, end):
        return "modifier"  # "Boeing 737 Max", "CentOS 7", "Anime North 2019": a product's or an event's name
    before, after = _word_before(text, start), After(text, end, verbs)  # the words after: read once, asked thrice
    return (_by_word_before(text, start, end, before, verbs, after)
            or _past_descriptor(text, start, end, before, verbs, after)
            or _by_place(text, start, end, before.text, verbs, after))


@dataclass(frozen=True)
class _Before:
    """What precedes a candidate: ``text`` (up to ``_BACK`` characters, a title of the name cut
    off), the match of the word before (``_PREV_WORD_RE``) and that word in lower case."""
    text: str
    match: re.Match | None
    word: str

    def opening(self) -> str:
        """The text before the word before (all of it when there is none)."""
        return self.text[:self.match.start(1)] if self.match else self.text


#: how far back ``_word_before`` reads: past a title with its body (``according to Secretary of Foreign Affairs X``)
_BACK = 64


def _word_before(text: str, start: int, of_name: bool = True) -> _Before:
    """The word before the name at ``start``, past a title of the name (``a spokesperson
    for President X``: the title is the name's) and a participle adjective of a lower-case
    name (``saw armed police``: ``armed`` describes the noun). ``of_name`` False: ``start``
    opens a descriptor before a name (``removed then-prime-minister X``), whose -ed word
    before is a verb governing the name, never an adjective of it."""
    before = text[max(0, start - _BACK):start]
    title = _titles_before().search(before)
    if title:
        before = before[:_body_start(before, title.start())]
    m = _PREV_WORD_RE.search(before)
    if of_name and m and before[m.end(1):].strip() == "" and (
            (text[start:start + 1].islower() and m.group(1).endswith("ed")
             and not verb_governs(before, m.start(1), m.group(1)))  # not "have attacked journalists"
            or (m.group(1).endswith("ing") and _DET_END_RE.search(before, 0, m.start(1)))):
        before = before[:m.start(1)]  # "saw armed police"; "by the incoming 116th Congress": an adjective, no verb
        m = _PREV_WORD_RE.search(before)
    return _Before(before, m, m.group(1).lower() if m else "")


def _by_word_before(text: str, start: int, end: int, b: _Before, verbs: frozenset, after: After) -> str | None:
    """The context the word before decides: told, counted, acts (``said X``), by,
    according, of, object (``visited X``, ``hiring X``), preposition; else None."""
    before, prev = b.text, b.word
    if _LISTED_RE.search(text, max(0, start - 120), start):
        return "preposition"
    if prev in ("for", "on", "upon") and acts_in_clause_after(text, end, prev):
        return "acts"  # "for the Syrian Army to enter", "I count on Turkey to act": the infinitive's subject
    counted = _COUNT_BEFORE_RE.search(before)
    if _TOLD_RE.search(before) or (prev in TOLD and not counted):
        return "told"
    if counted:
        return "counted"
    if prev in ASKED and not modifies(text, end, verbs):
        # "requested GitHub", "urged X to": the one asked acts (not "require a GitHub account"); a population
        # group asked is only acted upon ("The office asked U.S. citizens not approach", GUIDELINES)
        return "object" if text[start:end].rsplit(None, 1)[-1] in POPULATION else "asked"
    if prev in _reporting() and prev.endswith(("s", "d")) and before.rstrip()[-1:] not in "\"“‘'" \
            and not modifies(text, end, verbs):
        # said X, claims X (not "said the Hungarian bid won": the name modifies; not "described X as a", its object)
        return "object" if _DESCRIBED_AS_RE.match(text, end) else "acts"
    if _AGENT_BEFORE_RE.search(before):
        return "by"  # "ascribed to the Taliban", "blamed on X"
    if prev == "by":
        stative = _PREV_WORD_RE.search(b.opening())
        return "of" if stative and stative.group(1).lower() in STATIVE else "by"  # "needed by the Defence Forces"
    if (prev == "to" and _ACCORDING_END_RE.search(before.rstrip())) or prev in CITING:
        return "according"  # "citing local paramilitary groups": those a report cites are its sources (GUIDELINES)
    if agent_of_noun(b.opening(), prev):
        return "by"  # "at the request of X", "a notice from X": the one who asks, sends or grants
    if prev in OF:
        return "of"
    if prev.endswith("ed") and "-" not in prev and prev not in _reporting() and not _SENTENCE_START_RE.search(b.opening()):
        return "object"  # visited Svay Rieng, arrested X
    if _acts_on(b, verbs) and after() != "modifier":
        return "object"  # hiring X, to assist authorities (not "directing Coast Guard units")
    if b.match is not None and heading_verb(text, start, b.match.group(1)):
        return "object"  # "Trump ousts national security advisor Bolton"
    if prev == "and" and _BETWEEN_RE.search(before):
        return "preposition"  # "the collaboration between his agency and SpaceX": between's second object
    if prev in PREPOSITIONS:
        return _after_preposition(text, end, b, verbs)
    if prev in COPULAS:
        return "copula"  # "is the Supreme Court", "whose commander-in-chief is President X": a predicate
    return None


def _past_descriptor(text: str, start: int, end: int, b: _Before, verbs: frozenset, after: After) -> str | None:
    """A name after a descriptor of it (``banned Iranian airline X``, ``hiring law firm X``,
    ``under former US President X``, ``was 40-year-old X``, ``to the federal government``):
    the word before the descriptor governs the name; it decides when it makes it an object,
    a preposition's, a copula's or the agent after ``by`` (``imposed by former Philippine
    President X back in 1972``) or a source (``according to current president X``), not when the
    name acts (``site X to remove``, ``mayor X said``)."""
    if b.match is None or INFINITIVE_AFTER_RE.match(text, end) or after() == "acts":
        return None
    at = max(0, start - _BACK) + b.match.start(1)
    words = words_before(text, at, 4)
    if not _describes(text[at:at + len(b.match.group(1))]):
        return None
    for pos, w in reversed(words):
        if not _describes(w):
            break
        at = pos
    decided = _by_word_before(text, at, end, _word_before(text, at, of_name=False), verbs, after)
    return decided if decided in ("object", "asked", "preposition", "copula", "by", "according") else None


def _describes(word: str) -> bool:
    """Can ``word`` be part of a descriptor before a name: a lower-case noun or adjective (no
    function word, verb or adverb), an age (``40-year-old``), a demonym or a country (``US``)?"""
    low = word.lower()
    if word[:1].isupper():
        lex = load_lexicon()
        return word in lex.demonyms or word in lex.countries
    return bool(_DESCRIPTOR_RE.match(word)) and low not in FUNCTION_WORDS and low not in OBJECTS \
        and low not in ADVERBS and not low.endswith(("ly", "ed", "ing", "'s", "’s"))


def _after_preposition(text: str, end: int, b: _Before, verbs: frozenset) -> str:
    """A name after the preposition ``prev``: it acts when an -ing form follows ``with``
    (``with Zinichev describing the threat``), when ``with`` follows a joint act (``met
    with X``), after ``reached out to`` (asked to speak) or when a verb follows a clause
    opener (``after Ford voluntarily disclosed``); else it is the preposition's object."""
    prev = b.word
    if prev == "with" and (acts_in_clause_after(text, end, prev) or joint_with(b.text, len(b.text))):
        return "acts"
    if prev == "to" and _REACHED_OUT_RE.search(b.text):
        return "acts"  # "Wikinews reached out to X": one asked to speak, who mostly does
    if prev in CLAUSE_OPENERS and text[end:end + 1] != "," \
            and (verb_after(text, end, verbs) or heading_verb_after(text, end)):
        return "acts"  # "after Ford voluntarily disclosed", a heading's "as Turkey invades Syria's northeast"
    return "preposition"



def _by_place(text: str, start: int, end: int, before: str, verbs: frozenset, after: After) -> str:
    """The context where the word before decides nothing: in brackets, inside a quotation
    (unless the name is its clause's subject), by the words after, a sentence's start."""
    if _in_brackets(text, start, end):
        return "bracketed"  # "Federal Security Service (FSB)", "ISIS (Islamic State of Iraq and Syria)"
    if (a := _APPOSITION_BEFORE_RE.search(before)) and (_is_role(text[start:end], a.group(1) or "")
                                                        or _role_noun_apposed(text, start, end, a.group(1))):
        return "bracketed"  # "Delfin Lorenzana, the Defence Secretary;", "X, spokesperson for": an apposition
    if _DEFINED_RE.match(text, end):
        return "copula"  # "The OIC is the largest group", "PKK is a banned militant organization"
    if (apposed := _apposed_to_noun(text, start, end, before, verbs)) is not None:
        return apposed
    if _inside_quote(text, start) and before[-1:] not in _OPENING_QUOTES \
            and not (text[end:end + 1] == " " and subject_after(text, end, verbs)):  # its subject: read on
        return "modifier" if _DET_BEFORE_RE.search(before) and modifies(text, end, verbs) else "quoted"
    # else how its clause goes on: "Doug Miller of Milltech Marine, a firm specialising in AIS, told", "X is in prison"
    return after() or clause_after(text, end, verbs) or ("sentence" if _SENTENCE_START_RE.search(before) else "other")


def _apposed_to_noun(text: str, start: int, end: int, before: str, verbs: frozenset) -> str | None:
    """The context of the noun a name is in apposition to, when a verb or preposition
    governs it (``selected two astronauts, Doug Hurley and``, ``favorable to the plaintiff,
    Eva X, a politician``): the name is that noun's object too. None otherwise."""
    noun = _NOUN_APPOSED_RE.search(before)
    if noun is None or not (text[end:end + 1] in ",;" or text.startswith(" and ", end)):
        return None
    at = max(0, start - _BACK) + noun.start(1)  # ``before`` starts _BACK characters back (a title cut off its end)
    theirs = _own_context(text, at, at + len(noun.group(1)), verbs)
    return theirs if theirs in ("object", "preposition", "counted") else None


def _acts_on(b: _Before, verbs: frozenset) -> bool:
    """Is the word before a name a verb acting on it: an -ing form not starting its sentence
    (``hiring X``; not ``including``), or a verb after "to" or an auxiliary (``to assist X``,
    ``did not appease X``, ``will fund X``)?"""
    prev = b.word
    if b.match is None or prev in verbs or prev in FUNCTION_WORDS or not prev.isalpha() or not b.match.group(1).islower():
        return False
    if prev.endswith("ing") and prev not in ING_PREPOSITIONS:
        return not _SENTENCE_START_RE.search(b.opening())
    if _ACCORDING_END_RE.search(b.opening().rstrip()):
        return False  # "According to eyewitness Vinnie DeVita": a role before a source, no infinitive
    return b.opening().lower().endswith(("to ", "to\u00a0")) or bool(_AUXILIARY_BEFORE_RE.search(b.opening()))



@lru_cache(maxsize=1)
def _reporting() -> frozenset:
    """The reporting verbs of the lexicon: after one a name may be its speaker (``said X``);
    after an action verb it is the object (``banned Iranian airline X``)."""
    return frozenset(load_lexicon().reporting_verbs)


@lru_cache(maxsize=1)
def _titles_before() -> re.Pattern:
    """The titles of the lexicon right before a name (``President``, ``Defence Secretary``), with
    the body or place a title is of (``Secretary of Justice``, ``Secretary of State``)."""
    lex = load_lexicon()
    titles = alternation(set(lex.titles) | {t.lower() for t in lex.titles})  # "under former president X" too
    of = r"(?:[ \t\u00a0]+of[ \t\u00a0]+(?:the[ \t\u00a0]+)?[A-Z][\w-]*(?:[ \t\u00a0]+[A-Z][\w-]*){0,2})?"
    return re.compile(rf"(?<![\w-])(?:(?:former|acting|late)[ \t\u00a0]+)?(?:(?:{titles}){of}[ \t\u00a0]+)+\Z")


#: up to three capitalised words before a title, after a lower-case word or a comma
_BODY_RE = re.compile(r"(?:(?<=[ \t\u00a0])[a-z][\w-]*,?|,)[ \t\u00a0]+((?:[A-Z][\w-]*[ \t\u00a0]+){1,3})\Z")
_NOT_BODY = frozenset({"The", "January", "February", "March", "April", "May", "June", "July", "August",
                       "September", "October", "November", "December"})


def _body_start(before: str, at: int) -> int:
    """Where the body or party of the title at ``at`` starts, mid-sentence (``of Liberal National
    MP X``: the title's), else ``at``. Not a day or month (``on Sunday President X``), nor a
    country, demonym or place (a descriptor of its own: ``by hiring Syrian President X to``)."""
    m = _BODY_RE.search(before, 0, at)
    if m is None:
        return at
    lex, words = load_lexicon(), m.group(1).split()
    if any(w in _NOT_BODY or w.endswith("day") or w in lex.demonyms or w in lex.countries or w in lex.places
           for w in words) or any(" ".join(words[i:]) in lex.countries for i in range(len(words))):
        return at
    return m.start(1)


def _is_role(words: str, named: str) -> bool:
    """Is ``words``, after ``named`` and a comma, a role in apposition: ending in a title, with
    no organisation word (not "the European Court of Justice"), after a name (not "On
    Thursday,")?"""
    lex = load_lexicon()
    split = words.split()
    return split[-1] in lex.titles and not any(w in lex.org_words for w in split) and named not in lex.not_names \
        and named != ""


def _role_noun_apposed(text: str, start: int, end: int, named: str | None) -> bool:
    """Is the lower-case role noun ``text[start:end]`` (after a name and a comma) the name's
    apposition, ending at a comma, the sentence's end or its complement (``Jasim Uddin, a
    spokesperson for``, ``Mohammed Reda, an airport protocol officer.``)? Not a participle's
    object (``The Daily Telegraph, citing local paramilitary groups,``), nor the subject after
    a fronted adverbial whose last word is no name (``On Monday, officials in Kabul said``,
    ``Yesterday, authorities in ... announced``, ``However, researchers at``)."""
    return text[start:start + 1].islower() and _ROLE_ENDS_RE.match(text, end) is not None \
        and not _PARTICIPLE_FIRST_RE.match(text, start) \
        and not (named and (named in load_lexicon().not_names or named.endswith("ly")))


def _in_brackets(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` open round brackets that close later in its paragraph (an
    acronym, an expansion, a translation: ``(FSB)``, ``ISIS (Islamic State of Iraq and Syria)``,
    ``(Oberster Gerichtshof\u2009)``)? Not a name later inside them: ``(in this case X)``
    lowered the held-out mean, the team there tags some."""
    return text[max(0, start - 8):start].rstrip(" \t\u00a0\u2009")[-1:] == "(" and _CLOSES_RE.match(text, end) is not None


def _inside_quote(text: str, pos: int) -> bool:
    """Is ``pos`` inside a double quotation of its paragraph (an odd count of marks before)?"""
    para = text.rfind("\n", 0, pos) + 1
    return sum(text.count(q, para, pos) for q in _QUOTES) % 2 == 1
