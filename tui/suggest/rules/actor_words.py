"""The words around an actor candidate: sentence starts, the words before a position, a
group noun's modifiers (shared by the actor rules, ``actors.py``). Pure."""

from __future__ import annotations

import re
from functools import lru_cache

from tui.suggest.rules.lexicon import Lexicon
from tui.suggest.rules.per_text import per_text

_OPENERS = "“\"‘'([ \t\u00a0"
_CLOSERS = "”\"’')]"
_PRECEDING_WORD_RE = re.compile(r"(\w+)[ \t]+(?:the[ \t]+)?\Z")
#: an interview's speaker label opening a line ("((WN)) ", "((Rich Bowen)) "): what follows opens a sentence
_SPEAKER_LABEL_RE = re.compile(r"(?:\A|\n)\(\([^()\n]{1,60}\)\)\Z")


def is_initial(text: str, pos: int) -> bool:
    """Does ``pos`` start a sentence (possibly after opening quotes/brackets, or after an
    interview's speaker label: ``((WN)) Will Rocky Linux …``)?"""
    i = pos
    while i > 0 and text[i - 1] in _OPENERS:
        i -= 1
    if i == 0 or text[i - 1] == "\n" or (text[i - 1] == ")" and _SPEAKER_LABEL_RE.search(text, max(0, i - 66), i)):
        return True
    while i > 0 and text[i - 1] in _CLOSERS:
        i -= 1
    return i == 0 or text[i - 1] in ".!?…"


def preceding_word(text: str, pos: int) -> str:
    """The word before ``pos``, skipping a "the" ("outside the Chinese" -> "outside")."""
    m = _PRECEDING_WORD_RE.search(text, max(0, pos - 24), pos)
    return m.group(1) if m else ""


def is_headline(line: str) -> bool:
    """A Title Case line ("Floods Displace Thousands In North"): most words capitalised."""
    if len(line) > 160 or line.lstrip().startswith(("–", "—", "- ")):
        return False  # a caption naming a quotation's source ("– European Court of Justice")
    words = [w for w in line.split() if w[:1].isalpha()]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.7 * len(words) \
        and not line.rstrip().endswith((".", "”", '"'))


def in_heading(text: str, pos: int) -> bool:
    """Is ``pos`` in a heading line: one with no sentence-final stop, of at most 20 words
    (a headline in any case, "Scottish court finds suspension of UK parliament unlawful")?"""
    end = text.find("\n", pos)
    line = text[text.rfind("\n", 0, pos) + 1:len(text) if end < 0 else end].rstrip()
    return bool(line) and not line.endswith((".", "!", "?", ":", '"', "”", "’", ")")) and len(line.split()) <= 20


#: irregular past tenses no lexicon lists: "Turkey began", "Erdoğan spoke on the phone"
PAST_IRREGULAR = frozenset({"began", "spoke", "sent", "took", "made", "gave", "led", "met", "sought", "struck", "won",
                            "fought", "held", "brought", "built", "froze", "withdrew", "went", "came", "saw", "chose",
                            "drew", "flew", "fled", "forbade", "hit", "kept", "left", "paid", "put", "ran", "set",
                            "shot", "stood", "swore", "threw", "wrote"})
#: irregular past participles: a verb after "has"/"had" ("the US had come to believe", "has taken action")
PARTICIPLES = frozenset({"come", "become", "taken", "given", "done", "gone", "seen", "known", "shown", "written",
                         "begun", "chosen", "drawn", "grown", "thrown", "spoken", "sworn", "broken", "driven",
                         "risen", "fallen", "forgotten", "stolen", "undertaken", "withdrawn", "overseen", "forbidden"})
MODALS = ("will", "would", "can", "could", "may", "might", "must", "should", "shall")
#: a present tense in -s before what a verb takes (an object, a name, "that", "for"): "YouTube implements DRM",
#: "YouTube also hosts many", "NASA pays for", "Rudaw reports Mahan's", a clause with "to" ("YouTube allows
#: videos to be", "the Taliban wants foreign forces to leave") (not "-ss", "-us", "-is": "access", "status")
PRESENT_S = (r"(?:[ \t\u00a0]+(?:also|still|now|often|\w+ly))?[ \t\u00a0]+(?!news\b)([a-z]{2,}[^sui\W]s)"
             r"(?=[ \t\u00a0]+(?:(?:the|a|an|its|their|his|her|our|them|it|that|for|many|some)\b|[A-Z][\w’'-]*\b(?![ \t\u00a0]+[A-Z])"
             r"|(?:[a-z]+[ \t\u00a0]+){1,2}to[ \t\u00a0]+(?!the\b|a\b|an\b)[a-z]{2,}))")  # one name word: "astronauts Doug Hurley" names them
_NOUN_BEFORE = r"(?:the|a|an|its|their|his|her|our|these|those|this|that|['’]s)"


INFINITIVE_AFTER_RE = re.compile(r"[ \t\u00a0]+to[ \t\u00a0]+(?!the\b|a\b|an\b|his\b|her\b|their\b|its\b)[a-z]+\b")
_ABSOLUTE_RE = re.compile(r"[ \t\u00a0]+(?!including\b|regarding\b|concerning\b)[a-z]+ing\b")


#: an -ing form acting on an object: not followed by a preposition ("with Cambodia emerging as a hub")
_ABSOLUTE_OBJECT_RE = re.compile(r"[ \t\u00a0]+(?!including\b|regarding\b|concerning\b)[a-z]+ing[ \t\u00a0]+"
                                 r"(?!(?:as|in|on|at|to|from|into|with|for|of|by|over|out|up|across|through)\b)\w")


def acts_in_clause_after(text: str, end: int, prev: str, on_object: bool = False) -> bool:
    """Does the name ending at ``end``, after the word ``prev`` (lower case), act in the clause
    that follows: an infinitive's subject after "for" or "on" (``called for X to leave``, ``I
    count on Turkey to act``) or an -ing form's after "with" (``with Zinichev describing``);
    ``on_object``: only an -ing form acting on an object (``With the US encouraging firms``,
    not ``with Cambodia emerging as a hub``: a place becoming something)?"""
    if prev in ("for", "on", "upon"):
        return bool(INFINITIVE_AFTER_RE.match(text, end))
    return prev == "with" and bool((_ABSOLUTE_OBJECT_RE if on_object else _ABSOLUTE_RE).match(text, end))


#: acts two sides do together: the name after "with" does it too ("The Taliban met on Monday with X",
#: "collaborating with NASA", "had disagreements with X", "agreed with Airbus"); not the things made
#: together ("an agreement with", "a contract with") nor one-sided acts ("cooperating with", "docked with");
#: an interview, a talk, a call or a conversation with X: both sides speak ("an interview with Rolling Stone",
#: "spoke with X", "Trump's call with Zelensky", "a phone conversation with Turkish President X")
_JOINT_WITH_RE = re.compile(
    r"(?<![\w-])(?:met|meets?|meeting|collaborat(?:e|es|ed|ing)|disagree(?:s|d|ing|ments?)?|agree(?:s|d)?"
    r"|negotiat(?:e|es|ed|ing)|clash(?:es|ed|ing)?|argu(?:e|es|ed|ing)|quarrel(?:s|led|ling|ed|ing)?|talks"
    r"|interview(?:s|ed)?|spoke|speak(?:s|ing)?|talk(?:ed|ing)?"
    r"|(?:phone[ \t\u00a0]+)?calls?|conversations?|discussions?)"
    r"(?:[ \t\u00a0]+(?:on[ \t\u00a0]+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|[a-z]+ly|also|again|later))?"
    r"[ \t\u00a0]+with[ \t\u00a0]+(?:the[ \t\u00a0]+)?\Z")


def joint_with(text: str, start: int) -> bool:
    """Is the name at ``start`` the other side of a joint act (``met with X``)?"""
    return bool(_JOINT_WITH_RE.search(text, max(0, start - 60), start))


def heading_verb(text: str, pos: int, word: str) -> bool:
    """Is ``word`` (next to ``pos``) a heading's present-tense verb (``charity renames ship``,
    ``Germany bans Mahan Air``): an -s word in a heading line, which the text never uses as a
    noun (after a determiner or possessive: ``the headquarters``)?"""
    if not word.endswith("s") or word.endswith(("ss", "us", "is")) or len(word) < 4 or not in_heading(text, pos):
        return False
    return not used_as_noun(text, word)


#: nouns that are plural without an -s: "Police arrest twelve"
_PLURAL_NOUNS = frozenset({"police", "people", "personnel", "clergy"})
_LAST_WORD_RE = re.compile(r"([\w-]+)\Z")


def heading_plural_verb(text: str, end: int, word: str, verbs: frozenset | set = frozenset()) -> bool:
    """Is ``word``, after a plural subject ending at ``end`` in a heading line, the heading's
    bare present-tense verb (``Police arrest twelve``, ``Scientists report``, ``Kurds announce
    deal``)? A bare form whose past tense ``verbs`` lists or the text uses (``arrested``,
    ``announced``); not a word in -s, -ed, -ing or -ly, and only after a plural (``Apple
    report finds``: ``report`` is a noun there)."""
    if len(word) < 3 or not word.isalpha() or not word.islower() or word.endswith(("s", "ed", "ing", "ly")) \
            or not in_heading(text, end):
        return False
    last = _LAST_WORD_RE.search(text, max(0, end - 40), end)
    subject = last.group(1).lower() if last else ""
    if not (subject in _PLURAL_NOUNS or (subject.endswith("s") and not subject.endswith(("ss", "us", "is")))):
        return False
    pasts = (word + "d", word[:-1] + "ied") if word.endswith(("e", "y")) else (word + "ed", word + word[-1] + "ed")
    return any(p in verbs for p in pasts) or past_in_text(text, pasts)


def heading_present(text: str, end: int, word: str, verbs: frozenset | set = frozenset()) -> bool:
    """Is ``word``, after a subject ending at ``end``, a heading's present-tense verb, after a
    singular (``Germany bans``) or a plural (``Police arrest``)?"""
    return heading_verb(text, end, word) or heading_plural_verb(text, end, word, verbs)


def past_in_text(text: str, pasts: tuple[str, ...]) -> bool:
    """Does ``text`` use one of ``pasts`` as a word (``arrested`` for a heading's ``arrest``)?
    Once per text and word set (``per_text``)."""
    facts = per_text(text)
    key = ("past", pasts)
    found = facts.get(key)
    if found is None:
        found = facts[key] = bool(re.search(rf"\b(?:{'|'.join(pasts)})\b", text))
    return found


def used_as_noun(text: str, word: str) -> bool:
    """Does ``text`` use ``word`` as a noun anywhere (after a determiner or possessive, maybe
    past one word: ``the headquarters``, ``its new bans``)? A scan of the whole text, made
    once per text and word (``per_text``): every mention of the word has the same answer."""
    facts = per_text(text)
    key = ("noun", word)
    found = facts.get(key)
    if found is None:  # a heading's own words show no use ("Norway's Warholm wins gold"): the body's do
        found = facts[key] = any(not in_heading(text, m.start()) for m in re.finditer(
            rf"\b{_NOUN_BEFORE}[ \t\u00a0]+(?:[\w-]+[ \t\u00a0]+)?{re.escape(word)}\b", text, re.I))
    return found


def name_words(s: str) -> list[str]:
    """The words of a name, a final full stop dropped (U.S. and U.K. keep theirs)."""
    return [w if w in ("U.S.", "U.K.") else w.rstrip(".") for w in s.split()]


@lru_cache(maxsize=4)
def lower_titles(lex: Lexicon) -> frozenset:
    """The one-word titles, lower-cased: "governor" after a possessor."""
    return frozenset(t.lower() for t in lex.titles if " " not in t)


def lowered(text: str, word: tuple[int, str]) -> str:
    """A word before a noun as it would read mid-sentence: "The"/"Local" lower-cased
    where they start a sentence (a name mid-sentence keeps its capitals)."""
    return word[1].lower() if is_initial(text, word[0]) else word[1]


def words_before(text: str, pos: int, n: int) -> list[tuple[int, str]]:
    """Up to ``n`` (start, word) pairs right before ``pos``, separated by spaces only."""
    out: list[tuple[int, str]] = []
    i = pos
    while len(out) < n:
        j = i
        while j > 0 and text[j - 1] in " \t":
            j -= 1
        if j == i:
            break
        k = j
        while k > 0 and not text[k - 1].isspace():
            k -= 1
        if k == j:
            break
        out.append((k, text[k:j]))
        i = k
    out.reverse()
    return out


#: words that never modify a group noun: what ends a noun phrase on its left
NOT_MODIFIERS = frozenset({
    "and", "or", "but", "nor", "of", "in", "to", "for", "with", "on", "at", "by", "from", "as", "that", "who",
    "which", "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "may", "be",
    "been", "not", "also", "then", "when", "while", "after", "before", "into", "over", "about", "than", "since",
    "the", "a", "an", "this", "these", "those", "his", "her", "their", "its", "our", "my", "your", "some",
    "many", "multiple", "numerous", "various", "all", "other", "another", "such", "no", "every", "each", "any",
    "both", "several", "most", "more", "few",
    "where", "if", "so", "there", "here", "saw", "see", "says", "say", "said", "told", "between", "against"})
_MODIFIER_RE = re.compile(r"[A-Za-z][A-Za-z-]*\Z")
#: words before a past form that make it a verb ("have attacked journalists", "and encouraged supporters"),
#: not an adjective ("saw armed police")
_SUBJECT_OR_AUX = frozenset({"has", "have", "had", "and", "also", "then", "who", "which", "that", "they", "he", "she",
                             "we", "i", "it", "not", "never", "previously", "already", "reportedly"})
#: what never modifies a group noun either: a preposition before it ("popular among supporters"), verbs
#: that take it as an object ("helps software developers")
_NOT_GROUP_MODIFIERS = frozenset({
    "among", "amongst", "including", "like", "during", "through", "under", "within", "without", "across", "toward",
    "towards", "behind", "despite", "upon", "per", "via", "became", "become", "becomes", "lost", "helps", "help",
    "what", "which", "whose"})  # "what organizers estimated": a relative word, no modifier


def verb_governs(text: str, pos: int, word: str) -> bool:
    """Is ``word`` at ``pos``, before a lower-case noun, a verb governing it rather than an
    adjective of it: an irregular past, or a past form after an auxiliary, a subject pronoun or
    ``and`` (``Houthis have attacked journalists``, ``and contacted experts``; not ``saw armed
    police``)?"""
    low = word.lower()
    if low in PAST_IRREGULAR or low in PARTICIPLES:
        return True
    if not low.endswith("ed"):
        return False
    before = words_before(text, pos, 1)
    return bool(before) and before[0][1].lower() in _SUBJECT_OR_AUX


def modifiers_start(text: str, start: int, lex: Lexicon) -> int:
    """Where the modifiers of a group noun phrase starting at ``start`` start, when it
    keeps every adjective and noun before it (up to three words, not across a determiner,
    a preposition, a verb, a number or punctuation): "armed police", "FSB officers",
    (not "have attacked journalists", "popular among supporters"),
    "Law enforcement agencies", "United States federal judge"."""
    for pos, w in reversed(words_before(text, start, 3)):
        low = w.lower()
        if not _MODIFIER_RE.match(w) or low in NOT_MODIFIERS or low in lex.reporting_verbs \
                or low in lex.action_verbs or (low.endswith("ly") and low not in lex.groups) \
                or (w in lex.not_names and low not in lex.group_modifiers) \
                or (low.endswith("ing") and text[:pos].rstrip().endswith(",")) \
                or low in _NOT_GROUP_MODIFIERS or verb_governs(text, pos, w):
            break  # ", citing local paramilitary groups": a participle opens a clause, it modifies nothing
        start = pos
    return start
