"""The words of a claim's frame: the patterns around reporting verbs, quotation marks
and hedges, the actors that may speak (``Speakers``), sentences as a claim sees them
(``claim_sentences``) and the cut of a content to its words (``trim``). The frames
themselves are read in ``tui.suggest.rules.claims``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from tui.tokens import sentences
from tui.suggest.rules.actors import Mention

PRONOUNS = {"he": ("person",), "she": ("person",), "they": ("group", "government", "organisation"),
            "it": ("organisation", "government", "other")}
_AUX = (r"(?:has|have|had|did|does|do|will|would|is|was|were|are|also|not|never|further|again|later|then|there|\w+ly"
        r"|(?:went|goes|go)[ \t]+on[ \t]+to|continued[ \t]+to)")  # "He went on to say"
# between a speaker and its verb: a bracketed short name ("Federal Security Service (FSB)"),
# an appositive (", a visiting fellow at X,"), a short prepositional tail ("Report for
# 2024", ", on Sunday"), auxiliaries and adverbs ("has publicly", "further")
BETWEEN_RE = re.compile(
    r"(?:[ \t]+\([^()\n]{1,60}\))?"
    r"(?:,[^,;:“”\"]{1,120},)?"
    r"(?:,?[ \t]+(?:for|of|from|in|on|at|by|with)(?:[ \t]+[^\s,;:“”\"]+){1,4})?"
    rf"(?:[ \t]+{_AUX})*[ \t]+\Z"
)
# a source that is no actor: "Some reports suggest", "The motion claims", "The hotel's website estimated",
# "formal studies indicated", "Johns Hopkins University (JHU) data indicated"
DOCUMENT_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:(?:[Tt]he|[Ss]ome|[Ii]ts|[Tt]heir|[Tt]his|[Aa])[ \t]+)?(?:(?:[\w’'-]+|\([A-Z]{2,8}\))[ \t]+){0,4}?"
    r"(?:reports|report|motion|statement|filing|summary|website|study|studies|data|ruling|judgment|indictment"
    r"|complaint|lawsuit)"
    rf"(?:[ \t]+{_AUX})*[ \t]+\Z")
# a speaker no actor names, referred to by a common noun ("The family said", "Her company has
# said"): a claim with no relation, when the noun phrase opens the clause (CLAUSE_OPENS)
NOUN_SUBJECT_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Tt]his|[Aa]n?)[ \t]+(?:[a-z][\w’'-]*[ \t]+){0,2}?[a-z][\w’'-]*"
    # an appositive naming them: "The study's lead authors, Wilson of C-MORE and Nick Hawco of USC, had"
    rf"(?:,[^,;:“”\"]{{1,120}},)?(?:[ \t]+{_AUX})*[ \t]+\Z")
# a name the actor rules did not find, opening the clause ("The United States, which has retreated from
# …, has stated", "The US has further indicated"): a claim with no relation, like a common noun's
NAME_SUBJECT_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:The[ \t]+)?(?!(?:The|A|An|As|If|When|While|After|Before|Since|Because|Although|Though|Once"
    r"|Unless|Until|Some|Many|Most|All|Several|Few|Both|Each|Other|Such|These|Those|This|That|It|He|She|They|We"
    r"|I|There|Here|In|On|At|For|By|With|From|To|Of)\b)[A-Z][\w.’'-]*(?:[ \t]+(?:of[ \t]+)?[A-Z][\w.’'-]*){0,4}"
    rf"(?:,[^,;:“”\"]{{1,120}},)?(?:[ \t]+{_AUX})*[ \t]+\Z")
CLAUSE_OPENS = (",", " and", " but", ":", ";")
# "was quickly reported missing", "was found guilty": a passive report is no claim
PASSIVE_BEFORE_RE = re.compile(r"(?<![\w-])(?:is|are|was|were|be|been|being)(?:[ \t]+\w+ly)?[ \t]+\Z")
# a participle as an adjective after these: "the number of confirmed cases", "the reported deaths"
ADJECTIVE_BEFORE_RE = re.compile(r"(?<![\w-])(?i:of|the|a|an|its|their|his|her|these|those|with|newly)[ \t]+\Z")
# what no clause is: a bare prepositional phrase ("testified in his own defense", "reported extensively
# on the war"), a predicate without its subject ("the countries they said were involved")
NOT_CLAUSE_RE = re.compile(r"(?:\w+ly[ \t]+)?(?i:in|on|at|about|for|with|by|from|during|after|before)\b[^“”\"]{0,40}\Z"
                           r"|(?:was|were|is|are|had|has|have)\b")
# a sentence's opening adverbial before "<speaker> said": "On Monday,", "Late on Sunday,",
# "In a statement,", "Separately,": the tag opens the sentence, it does not close a content
ADVERBIAL_RE = re.compile(r"[ \t]*(?i:(?:late|early)[ \t]+)?(?i:in|on|at|for|during|after|before|by|with)\b[^“”\",;]{0,40}"
                          r"|[ \t]*(?i:\w+ly|however|meanwhile|later|earlier|yesterday|today|also|then|now|instead)"
                          # "Earlier this month,", "Last week,", "Two days later,"
                          r"|[ \t]*(?i:(?:earlier|later)[ \t]+(?:this|that)|last|this|next)[ \t]+(?i:week|month|year|weekend"
                          r"|morning|afternoon|evening|night|spring|summer|autumn|fall|winter)"
                          r"|[ \t]*[\w-]+[ \t]+(?i:days?|weeks?|months?|years?|hours?)[ \t]+(?i:later|ago|earlier)")
QUOTE_RE = re.compile(r"“([^“”\n]*)”|\"([^\"\n]*)\"")
_END_PUNCT = ".,;:!?…"
# where reported speech ends: ", but" (also after a quotation's own comma: `broadly," but`),
# ", while", ";", "despite", the writer's "which"/"whose" and a "while" with no comma after a
# closing quotation mark, the writer's ", when" after a date, the speaker's request after
# "and" ("said they planned … and asked for donations": a request is no claim)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
# the writer's ", when ..." after a date ("scheduled for March 3, when both parties ...")
_AFTER_A_DATE = "(?:" + "|".join([r"(?<=\d)"] + [rf"(?<=\b{m})" for m in _MONTHS]) + r"),[ \t]+when\b"
CONTRAST_RE = re.compile(r"(?:,|(?<=,[”\"]))[ \t]+(?:while|whereas|but|although|though|however)\b|;"
                         r"|,[ \t]+per[ \t]+(?!cent\b)"  # the source after the clause: ", per WHO guidelines"
                         r"|[ \t]+despite\b|,?[ \t]+citing\b|(?<=[^\s“”\"][”\"])(?:,?[ \t]+(?:which|whose)\b|[ \t]+(?:while|whereas)\b)"
                         r"|[ \t]+and[ \t]+(?:also[ \t]+)?(?:asked|urged|requested|appealed|demanded)\b|" + _AFTER_A_DATE)
DISPUTE_RE = re.compile(r"\b(?:but|however|although)\b[^.]*\b(?:sceptical|skeptical|doubt\w*|disput\w*|"
                         r"question\w*|unconvinced|reject\w*|den(?:y|ied|ies))\b")
HEDGE_RE = re.compile(
    r"\b(?:(?:has|have|had|is|are|was|were|be|been)[ \t]+(?:reportedly|allegedly)(?![ \t]+(?:nicknamed|named)\b)"
    r"|(?:reportedly|allegedly)[ \t]+(?!(?:at|in|on|of|for|from|by|with|to|the|a|an|as|nicknamed|named)\b)[a-z]+"
    r"|(?:is|are|was|were)[ \t]+(?:said|reported|believed|thought|alleged)[ \t]+to)\b")
# tokens.sentences ends a sentence at "Dr." or "J.": such pieces are joined again
_ABBREV_RE = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|No|Jr|Sr)|\b[A-Z])\.\Z")
# "told reporters that", "told Anadolu Agency, a local news outlet, that"
TOLD_THAT_RE = re.compile(r"[^,.;“”\"]{0,60}?(?:,[^,.;“”\"]{1,60},[ \t]*)?\bthat\b")
# whom it was told: "told the press in …", "told ThePrint, “…”"
ADDRESSEE_RE = re.compile(r"[ \t]+(?:the[ \t]+)?(?:[A-Z][\w’'-]*(?:[ \t]+[A-Z][\w’'-]*)*|[a-z]+)(?=[ \t]|,[ \t]*[“\"])")
# "she said", "She also said", "he has since told", "They later warned": auxiliaries and adverbs between
PRONOUN_BEFORE_RE = re.compile(rf"(?<!\w)(he|she|they|it|He|She|They|It)(?:[ \t]+(?:{_AUX}|since|earlier|already|once|first|still))*[ \t]+\Z")
ING_AFTER_RE = re.compile(r",[ \t]+\w+ing\b")
THE_AFTER_RE = re.compile(r"[ \t]+(?:the[ \t]+)?")
APPOSITIVE_RE = re.compile(r",[ \t]+(?:a|an)[ \t]+")
THE_BEFORE_RE = re.compile(r"(?<!\w)(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)[ \t]+\Z")  # "…, his daughter reported": the tag starts at "his"
# a promise or an announcement is a claim with "to"/"that" or a clause of its own ("promised
# each victim will be", "announced it planned"), not with an object ("announced a system")
_A_CLAUSE_AHEAD = (r"(?=(?:he|she|it|they|we|I)[ \t])|(?=(?:[^\s;.“”\"]+[ \t]+){1,8}"
                   r"(?:will|would|shall|can|could|must|should|may|might|is|are|was|were|has|have|had)[ \t])")
PROMISE_RE = re.compile(r"(?:to|that)[ \t]+|" + _A_CLAUSE_AHEAD)
# what a "clause" verb reports ("recalled that ...", "stressed he would ..."): no "to" ("responded to the fire")
CLAUSE_RE = re.compile(r"that[ \t]+|" + _A_CLAUSE_AHEAD)
_DAYS = ("yesterday|today|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march"
         "|april|may|june|july|august|september|october|november|december")
# "said [on Monday|yesterday night|in May] that ...": when it was said is not what was said
_WHEN_RE = rf"(?:(?:on|in|last|this|late|early)[ \t]+)?(?:{_DAYS})(?:[ \t]+(?:night|morning|evening|afternoon))?[ \t]+"
CONTENT_START_RE = re.compile(rf"[ \t]*(?i:{_WHEN_RE}|at[ \t]+the[ \t]+time[ \t]+)?(?:[:,][ \t]*|that[ \t]+|to[ \t]+(?=[“\"])"
                              r"|to[ \t]+the[ \t]+effect[ \t]+(?:that[ \t]+)?)?[ \t]*")  # "issued a statement to the effect"
ACCORDING_RE = re.compile(r"\b[Aa]ccording to[ \t]+")
# "said in a filing to the SEC that ...", "wrote via Twitter, “...”", "said on Twitter “...”"
# (three words or more quoted), "concluded with the statement: “...”", "said in their filing
# the matter ...", "said in an interview with Rolling Stone he ...": where and how it was said
# is not what was said; "reported to the police he …", "announced on Facebook on Tuesday there
# were …", "said of Chirac, “…”" too
PLACE_LEAD_RE = re.compile(
    r"[ \t]+(?:in|via|on|at|to|through|during|with|from|of)[ \t]+"
    r"(?:(?:[^,.;:“”\"]|(?<=[A-Z])\.|\.(?=\S)){0,80}?[ \t]+that[ \t]+"  # ... that
    r"|[^,.;:“”\"]{0,60}[,:][ \t]*(?=[“\"]|(?:he|she|it|they|we|I|there)[ \t])"  # ..., “ / ..., he
    r"|(?:a|an|the|their|its|his|her|our)[ \t]+[\w-]+[ \t]+(?:with|to|on)[ \t]+(?:the[ \t]+)?"  # an interview with X he ...
    r"(?:[A-Z][\w’'.-]*[ \t]+){1,4}(?=(?:he|she|it|they|we|I)[ \t])"
    r"|(?:(?:a|an|the|their|its|his|her|our)[ \t]+)?[\w-]+[ \t]+"  # ... then a time, a determiner or a pronoun
    rf"(?=(?i:{_WHEN_RE})?(?:the|a|an|its|their|this|these|those|his|her|he|she|it|they|we|I|there)[ \t])"
    r"|[^,.;:“”\"]{0,60}?[ \t]+(?=[“\"][^“”\"\n]*?[ \t][^“”\"\n]*?[ \t]))")  # ... “three words or more
# "..., according to officials, some of whom were ...": the source's own relative clause
RELATIVE_RE = re.compile(r"[ \t]*(?:(?:some|many|most|all|one|none)[ \t]+of[ \t]+)?(?:who|whom|whose|which)\b")



class Speakers:
    """Actor lookups by offset."""

    def __init__(self, actors: list[Mention]):
        self.actors = actors
        self.ends = [a.end for a in actors]
        self.starts = [a.start for a in actors]
        self.by_type: dict[str, tuple[list[int], list[Mention]]] = {}
        for a in actors:
            ends, ms = self.by_type.setdefault(a.type, ([], []))
            ends.append(a.end)
            ms.append(a)

    def ending_in(self, lo: int, hi: int) -> list[Mention]:
        """Actors inside [lo, hi), nearest to ``hi`` first."""
        i, j = bisect_left(self.starts, lo), bisect_right(self.ends, hi)
        return [a for a in reversed(self.actors[i:j]) if a.end <= hi]

    def starting_at(self, pos: int) -> Mention | None:
        i = bisect_left(self.starts, pos)
        return self.actors[i] if i < len(self.actors) and self.actors[i].start == pos else None

    def latest(self, offset: int, types: tuple[str, ...]) -> Mention | None:
        best = None
        for t in types:
            ends, ms = self.by_type.get(t, ([], []))
            i = bisect_right(ends, offset)
            if i and (best is None or ms[i - 1].end > best.end):
                best = ms[i - 1]
        return best


def trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Strip spaces, final punctuation and unbalanced quotation marks."""
    while True:
        while start < end and text[start].isspace():
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in _END_PUNCT):
            end -= 1
        s = text[start:end]
        if (s[:1] == "“" and s.count("“") > s.count("”")) or (s[:1] == '"' and s.count('"') % 2):
            start += 1
        elif (s[-1:] == "”" and s.count("”") > s.count("“")) or (s[-1:] == '"' and s.count('"') % 2):
            end -= 1
        else:
            return (start, end) if end - start > 1 else None


def claim_sentences(text: str) -> list[tuple[int, int]]:
    """tokens.sentences, joined again after "Dr." or "J." and inside a quotation that runs
    over several sentences (one quote, one claim), within a paragraph."""
    out: list[tuple[int, int]] = []
    for s0, s1 in sentences(text):
        gap = text[out[-1][1]:s0] if out else ""
        if out and "\n" not in gap and not gap.strip() and (
                _ABBREV_RE.search(text, max(0, out[-1][1] - 6), out[-1][1]) or _open_quote(text[out[-1][0]:out[-1][1]])):
            out[-1] = (out[-1][0], s1)
        else:
            out.append((s0, s1))
    return out


def _open_quote(s: str) -> bool:
    return s.count("“") > s.count("”") or s.count('"') % 2 == 1
