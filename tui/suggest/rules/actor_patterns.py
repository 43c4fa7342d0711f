"""The actor rules' compiled patterns, built once per lexicon (``actors.py`` uses them;
``conventions.py`` reads the title pattern). Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tui.suggest.rules.actor_words import MODALS, PAST_IRREGULAR, PARTICIPLES, PRESENT_S
from tui.suggest.rules.lexicon import Lexicon, alternation


@dataclass(frozen=True)
class Patterns:
    # nouns are found first, then the words before them are looked up
    gov_noun: re.Pattern  # "embassy" (owner before it: "Indonesia’s", "Chinese")
    group: re.Pattern  # "officials and advisers", in lower-cased text (modifiers: "senior")
    institution: re.Pattern  # "ministry" (before it: "the health")
    country_acts: re.Pattern
    verb_after: re.Pattern
    verb_phrase: re.Pattern  # a verb phrase that makes a name act: listed, any past tense, a progressive
    title: re.Pattern  # a title followed by a name word


@lru_cache(maxsize=4)
def patterns(lex: Lexicon) -> Patterns:
    countries = alternation(lex.countries)
    groups = alternation(lex.groups)
    gov_noun = re.compile(rf"\b(?:{alternation(lex.government_nouns)})\b(?!-)")
    group = re.compile(rf"\b(?P<noun>{groups})(?:[ \t]+and[ \t]+(?:{groups}))?\b(?!-)")
    institution = re.compile(rf"\b(?:{alternation(lex.org_nouns)})\b(?!-)")
    verbs = alternation(set(lex.reporting_verbs) | set(lex.action_verbs))
    aux = r"(?:has|have|had|did|does|do|will|would|could|should|must|also|not|never|\w+ly)"
    when = r"(?:[ \t]+on[ \t]+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))?"  # X on Sunday said
    # a verb after a country: listed, any past tense ("invaded", "began"), a progressive ("has been encouraging")
    past = rf"(?:{verbs}|{alternation(PAST_IRREGULAR)}|[a-z]{{2,}}ed(?![\w-])|(?:been|is|are|was|were)[ \t]+[a-z]{{2,}}ing)"
    # a perfect with an irregular participle ("had only recently come"), a modal and a bare verb ("will continue")
    adverbs = r"(?:[ \t]+(?:also|not|never|still|\w+ly))*"
    perfect = rf"[ \t]+(?:has|have|had){adverbs}[ \t]+(?:{alternation(PARTICIPLES)})"
    modal = rf"[ \t]+(?:{'|'.join(MODALS)}){adverbs}[ \t]+(?!be\b|have\b|\w+ly\b)[a-z]{{2,}}"
    present = rf"(?=(?:[ \t\u00a0]+\w+)?[ \t\u00a0]+(?!(?:{groups})\b)){PRESENT_S}"  # "YouTube implements DRM"
    verb_phrase = re.compile(rf"(?:(?:[ \t]+{aux})*{when}[ \t]+{past}|{adverbs}{when}(?:{perfect}|{modal})|{present})\b")
    country_acts = re.compile(
        rf"{verb_phrase.pattern}"
        rf"|(?:[ \t]*(?:,|and)[ \t]+(?:{countries}))*[ \t]+(?:{alternation(lex.act_nouns)})\b"
        # a country joined to names that act with it: "China, Iran, and Russia have pledged", "Turkey and Libya agreed"
        # (no stop inside a conjunct: "…, Washington and Washington, D.C. They also stated" ends a sentence)
        rf"|(?:(?:[ \t]*,[ \t]+(?:and[ \t]+)?|[ \t]+and[ \t]+)(?:the[ \t]+)?[A-Z][\w-]*(?:[ \t]+[A-Z][\w-]*){{0,3}})+"
        rf"(?:{verb_phrase.pattern})"
    )
    verb_after = re.compile(rf"(?:[ \t]+\w+ly)?{when}[ \t]+(?:{alternation(lex.reporting_verbs)})\b")
    title = re.compile(rf"(?<!\S)(?:(?:{alternation(lex.titles)})[ \t]+)+(?=\S)")
    return Patterns(gov_noun, group, institution, country_acts, verb_after, verb_phrase, title)
