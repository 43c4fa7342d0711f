"""Claim rules: what a reporting verb introduces (said, warned, estimates, denied, ...),
quoted speech, "according to" and hedges (reportedly), each attributed to the speaking
actor when one is found (a pronoun speaker is the most recent person).

By default a claim is the reported content only: not the speaker, the verb, "that", the
quotation marks or the sentence's final punctuation. Each ``Claim`` also keeps its
reporting clause and quotation marks, so ``Claim.span(conventions)`` gives the span under
guidelines that keep them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from tui.suggest.rules.lexicon import Lexicon, alternation
from tui.suggest.rules.mention import Mention
from tui.suggest.rules.claim_text import (
    ACCORDING_RE, ADDRESSEE_RE, ADJECTIVE_BEFORE_RE, ADVERBIAL_RE, APPOSITIVE_RE, BETWEEN_RE, claim_sentences,
    CLAUSE_OPENS, CLAUSE_RE, CONTENT_START_RE, CONTRAST_RE, DISPUTE_RE, DOCUMENT_BEFORE_RE, HEDGE_RE, ING_AFTER_RE,
    NAME_SUBJECT_BEFORE_RE, NOT_CLAUSE_RE, NOUN_SUBJECT_BEFORE_RE, PASSIVE_BEFORE_RE, PLACE_LEAD_RE, PROMISE_RE,
    PRONOUNS, PRONOUN_BEFORE_RE, QUOTE_RE, RELATIVE_RE, Speakers, THE_AFTER_RE, THE_BEFORE_RE, TOLD_THAT_RE, trim)


@dataclass(frozen=True)
class Claim:
    """A claim; ``start``/``end`` is its content (the default span)."""

    start: int
    end: int
    status: str
    speaker: Mention | None
    tag: tuple[int, int] | None = None  # the reporting clause: "Amnesty International said"
    quote: tuple[int, int] | None = None  # the quotation marks around the content, included
    hedged: bool = False  # no speaker, only a hedge: "Hundreds have reportedly fled"

    def span(self, c) -> tuple[int, int]:
        """(start, end) under conventions ``c`` (claim_reporting_clause, claim_quotes)."""
        s, e = self.quote if self.quote is not None and c.claim_quotes else (self.start, self.end)
        if self.tag is not None and c.claim_reporting_clause:
            s, e = min(s, self.tag[0]), max(e, self.tag[1])
        return s, e


# between a tag after its content and a continuation: "officials told state media, adding ..."
_SHORT_TAIL_RE = re.compile(r"[ \t]+[^,;:“”\"]{1,40}")


# a person as the verb's only object: an act on them, nothing said ("the Senate had not confirmed him",
# "confirmed her on Monday")
_PRONOUN_OBJECT_RE = re.compile(r"(?:him|her|them|me|us)(?:[ \t]+(?:on|in|at)[ \t]+[A-Z]\w*)?[ \t]*\Z")
# a greeting said ("where the family said goodbye", "said thank you to the nurses"): an act, not a claim
_GREETING_RE = re.compile(r"(?i:goodbye|good-bye|hello|farewell|thanks|thank[ \t]+you|grace)(?:[ \t]+to(?:[ \t]+\w+){1,3})?[ \t]*\Z")
# a comma between clauses, not one inside a number ("35,000")
_CLAUSE_COMMA_RE = re.compile(r"(?<!\d),|,(?!\d)")
# where the source after "according to" ends: a comma (not one inside "55,000") or a semicolon
_SOURCE_END_RE = re.compile(r"(?<!\d),|,(?!\d)|;")
# a quoted name given to someone is a label, no claim ("nicknamed the “king of coal”", "known as “…”")
_NICKNAMED_RE = re.compile(r"\b(?:nicknamed|known[ \t]+as)[ \t]+(?:the[ \t]+)?\Z")
# the short words a title leaves in lower case ("Person of the Year")
_TITLE_SMALL = frozenset({"of", "the", "and", "a", "an", "for", "in", "on", "at", "to", "de", "by", "with"})
_AND_BEFORE_RE = re.compile(r"(?:[^,;:]|(?<=[^\d”\"]),)[ \t]+and[ \t]+\Z")
_OPENING_PRONOUN_RE = re.compile(r"\s*(He|She|They|It)\b")
_QUOTE_NEXT_RE = re.compile(r"[,:][ \t]*[“\"]")
# reported speech runs into a quotation after a colon: two claims ("… part of the solution: “What …”")
_COLON_QUOTE_RE = re.compile(r":[ \t]*(?=[“\"])")
_DESCRIBE = frozenset({"describe", "described", "describes", "describing", "announced"})
_X_TOKEN = r"(?:[^\s,;:.“”\"]|\.(?=\S))+"
# "X as Y" after a verb of calling ("labeled Soleimani as a terrorist", "describing the “real
# threat …” as making it …", "justified the strike, which was approved by …, as …"): X is up
# to fourteen words, quotations and a ", which …," clause, with no finite verb or "that"
_X_AS_Y_RE = re.compile(
    rf"(?:(?!(?:that|is|are|was|were|will|would|has|have|had|as)\b){_X_TOKEN}(?:[ \t]+|(?=,[ \t]+which\b))|[“\"][^“”\"\n]*[”\"][ \t]+"
    r"|,[ \t]+which\b[^,;:“”\"]{0,80},[ \t]+){1,14}?as[ \t]+(?!(?:well|if|though|of|soon|long|much|many|far|part)\b)")
# "called the border agreement “null and void”": X, then the quotation
_X_QUOTE_RE = re.compile(rf"(?:(?!(?:is|are|was|were|will|would|has|have|had)\b){_X_TOKEN}[ \t]+){{1,10}}?(?=[“\"])")
# "declared COVID-19 a pandemic", "considered this a foregone conclusion": X (not opening with a
# determiner or a particle, no "and"), then Y from its "a"/"an"
_X_A_Y_RE = re.compile(rf"(?!(?:a|an|for|on|off|up|out|in|to|of|that|it|as)\b)(?:(?!(?:and|or|is|are|was|were|will|would"
                       rf"|has|have|had|that)\b){_X_TOKEN}[ \t]+){{1,6}}?(?=(?:a|an)[ \t])")
# where Y ends: a comma, colon or semicolon, a subordinate clause ("… figure in the group when
# they …"), a second verb ("as a terrorist and levied sanctions"); not `and "Z"` nor `and a …`
_AS_STOP_RE = re.compile(r"[ \t]*[,:;](?=\s)|[ \t]+(?:when|while|after|before|because|since|until|whereas|who|whose"
                         r"|where)\b|[ \t]+and[ \t]+(?![“\"]|(?:a|an|the)[ \t])")


@lru_cache(maxsize=4)
def _verb_patterns(lex: Lexicon) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(reporting verbs and participles, a continuation ", describing" / "and promised",
    another speaker's participle ", with officials reporting"), built once per lexicon."""
    finite = alternation(set(lex.reporting_verbs) | {v for v, k in lex.calling_verbs.items() if "participle" not in k})
    calling = {v for v, k in lex.calling_verbs.items() if "participle" in k}  # "Calling it as …, X said"
    parts = alternation(set(lex.reporting_participles) | calling | {v.capitalize() for v in calling})
    verbs = re.compile(rf"\b(?:{finite}|(?P<part>{parts}))\b(?!-)")
    cont = re.compile(
        rf"(?:(?:,|(?<=,[”\"]))[ \t]+(?:(?:further|also|later)[ \t]+)?(?P<part>{parts})"
        rf"|,?[ \t]+(?:and|but)[ \t]+(?:also[ \t]+)?(?P<verb>{finite}))(?![\w-])")
    other = re.compile(rf",[ \t]+with[ \t]+(?:[^\s,;“”\"]+[ \t]+){{1,4}}?(?:{parts})\b")
    return verbs, cont, other


class _ClaimFinder:
    def __init__(self, text: str, actors: list[Mention], lex: Lexicon):
        self.text = text
        self.lex = lex
        self.sp = Speakers(actors)
        verbs, self.cont_re, self.other_re = _verb_patterns(lex)
        self.verbs = [m for m in verbs.finditer(text) if text[m.start() - 1:m.start()] != "-"]
        self.verb_starts = [m.start() for m in self.verbs]
        self.quotes = [m.span() for m in QUOTE_RE.finditer(text)]
        self.quote_starts = [q[0] for q in self.quotes]
        self.claims: list[Claim] = []
        self.last_speaker: Mention | None = None

    def run(self) -> list[Claim]:
        para_end = -1
        for s0, s1 in claim_sentences(self.text):
            if s0 > para_end:  # a new paragraph: quotes no longer continue the last speaker
                para_end = self.text.find("\n", s0)
                para_end = len(self.text) if para_end < 0 else para_end
                self.last_speaker = None
            self.sentence(s0, s1)
        return self.claims

    # -- one sentence
    def sentence(self, s0: int, s1: int) -> None:
        text = self.text
        quotes = [q for q in self.quotes[bisect_left(self.quote_starts, s0):bisect_left(self.quote_starts, s1)]
                  if q[1] <= s1]
        found: list[Claim] = []
        covered_to = s0
        for v in self.verbs[bisect_left(self.verb_starts, s0):bisect_left(self.verb_starts, s1)]:
            if v.start() < covered_to or any(q0 < v.start() < q1 for q0, q1 in quotes):
                continue
            made = self.from_verb(v, s0, s1, quotes)
            if made:
                found.extend(made)
                covered_to = max(c.end for c in made)
        if not found:
            found.extend(self.according_to(s0, s1))
        for q0, q1 in quotes:  # quoted speech with no tag of its own: the last speaker goes on
            inner = self.quoted_speech(q0, q1)
            if inner and not any(c.start <= inner[0] < c.end for c in found):
                # after a claim and a colon (`said the drugs were only part of the solution: "…"`): its speaker's
                said = next((c.speaker for c in found if c.end <= q0 and not text[c.end:q0].strip(" \t:")), None)
                found.append(Claim(inner[0], inner[1], "reported", said or self.last_speaker, quote=(q0, q1)))
        if not found:
            h = HEDGE_RE.search(text, s0, s1)
            span = trim(text, s0, self.cut(s0, s1)) if h else None
            if span:
                found.append(Claim(span[0], span[1], "reported", None, hedged=True))
        for c in found:
            if c.speaker:
                self.last_speaker = c.speaker
        self.claims.extend(found)

    def quoted_speech(self, q0: int, q1: int) -> tuple[int, int] | None:
        """The words inside the quotation marks at (q0, q1) when they may be speech: three words
        or more, not a title (`“Operation Peace Spring”`, `"Person of the Year"`: every word
        capitalised but the short function words)."""
        inner = trim(self.text, q0 + 1, q1 - 1)
        words = self.text[inner[0]:inner[1]].split() if inner else []
        if len(words) < 3 or all(w[:1].isupper() or w in _TITLE_SMALL for w in words) \
                or _NICKNAMED_RE.search(self.text, max(0, q0 - 30), q0):
            return None
        return inner

    def from_verb(self, v: re.Match, s0: int, s1: int, quotes) -> list[Claim]:
        """Claims introduced by the reporting verb ``v`` (with its speaker), or []."""
        text = self.text
        if not v.group("part") and PASSIVE_BEFORE_RE.search(text, max(s0, v.start() - 30), v.start()):
            return []  # "was reported missing"
        if v.group().endswith("ed") and ADJECTIVE_BEFORE_RE.search(text, max(s0, v.start() - 10), v.start()):
            return []  # "the number of confirmed cases"
        tag_start, speaker = self.speaker(v, s0, s1)
        if speaker is None:  # a source that is no actor ("The motion claims", "The family said"): no relation
            doc = DOCUMENT_BEFORE_RE.search(text, max(s0, v.start() - 60), v.start()) or self.noun_subject(v, s0)
            if doc is None:
                return self.quoted_frame(v, s1, quotes)
            tag_start = doc.start()
        opening = v.group("part") and not text[s0:v.start()].strip()  # "Calling it as …, X said": X after
        tag_end = v.end() if opening else max(v.end(), speaker.end if speaker else 0)
        before = text[s0:tag_start].rstrip()
        q = None
        if v.group("part"):  # "Zinichev describing X", "..., saying X": what follows
            span, q = self.content(tag_end, s1, v.group(), quotes)
        elif before.endswith(("”", '"')):  # “...,” she said
            q = next((q for q in quotes if q[1] == s0 + len(before)), None)
            span = trim(text, q[0] + 1, q[1] - 1) if q else None
        elif before.endswith(",") and "," not in text[tag_start:v.start()] and self.tag_ends(tag_end, s1) \
                and not ADVERBIAL_RE.fullmatch(text, s0, s0 + len(before) - 1):  # "On Monday, X said ..." opens
            if text.startswith(",", tag_end) and not self.cont_re.match(text, tag_end) \
                    and not ING_AFTER_RE.match(text, tag_end, s1):
                span = trim(text, s0, self.cut(s0, s1))  # Without X, she cautioned, Y.
            else:
                span = trim(text, s0, s0 + len(before) - 1)  # X, she said.
        else:
            span, q = self.content(tag_end, s1, v.group(), quotes)
        pos = max(tag_end, span[1] if span else 0)
        if span and not q and NOT_CLAUSE_RE.match(text, *span):
            span = None  # "testified in his own defense, claiming ...": only the claiming
        out = [Claim(span[0], span[1], self.status(v.group(), span, s1), speaker, (tag_start, tag_end), q)
               ] if span else []
        # more by the same speaker: ", describing it as ...", "... and promised to ..."
        c = self.cont_re.search(text, pos, s1)
        if c and (c.start() <= pos + 2 or span and span[1] <= tag_start and _SHORT_TAIL_RE.fullmatch(text, pos, c.start())):
            verb = c.group("part") or c.group("verb")
            more, q = self.content(c.end(), s1, verb, quotes)
            if more:
                tag = (c.start("part") if c.group("part") else c.start("verb"), c.end())
                out.append(Claim(more[0], more[1], self.status(verb, more, s1), speaker, tag, q))
        return out

    def quoted_frame(self, v: re.Match, s1: int, quotes) -> list[Claim]:
        """A verb whose speaker no actor names (`They concluded that the agreement is "null and
        void"`, `his daughter reported to the police he "left home …"`, `calling the agreements
        "legitimate …"`): a quotation its content holds is claimed with the whole content, not
        alone; no quotation, no claim."""
        if self.text[max(0, v.start() - 2):v.start()].rstrip().endswith((",", "”", '"')) and not v.group("part"):
            return []  # an inverted tag: `"…," said the man`
        if self.text.startswith((",", ":"), v.end()):
            return []  # a noun: `who made controversial comments, Imus was dropped`
        span, q = self.content(v.end(), s1, v.group(), quotes)
        if not span or q or not any(span[0] <= q0 and q1 <= span[1] + 1 and self.quoted_speech(q0, q1)
                                    for q0, q1 in quotes):
            return []
        return [Claim(span[0], span[1], self.status(v.group(), span, s1), None, (v.start(), v.end()))]

    def speaker(self, v: re.Match, s0: int, s1: int) -> tuple[int, Mention | None]:
        """(where the tag starts, its speaker) for the verb ``v``: "<speaker> [has] said",
        inverted "..., said the UN", a participle after its subject's clause ("Hataman
        agreed, saying ...") or before it ("Calling it as “…”, Anna Franowska told …"), a
        second verb after "and" ("Mohr lauded X and claimed …")."""
        tag_start, speaker = self.speaker_before(v.start(), s0)
        if speaker is not None:
            return tag_start, speaker
        if v.group("part") and not self.text[s0:v.start()].strip():
            return v.start(), self.subject_after(v.end(), s1)
        if _AND_BEFORE_RE.search(self.text, max(s0, v.start() - 8), v.start()):
            return v.start(), self.subject(s0, v.start())  # "Mohr lauded X and claimed …": the subject's
        if not self.text[s0:v.start()].rstrip().endswith((",", "”", '"')):
            return v.start(), None
        if v.group("part"):
            return v.start(), self.subject(s0, v.start())
        after = self.speaker_after(v.end())  # inverted tag: “...,” said Helen Marsh
        if after is not None and self.tag_ends(after.end, s1):
            return v.start(), after
        # "Imaging from the United Nations, suggests Aleppo contained …": Aleppo is the content's
        # subject; the source is the actor the subject ends with, before the comma
        near = self.sp.ending_in(s0, v.start())
        if near and not self.text[near[0].end:v.start()].strip(" \t,"):
            return near[0].start, near[0]
        return v.start(), None

    def noun_subject(self, v: re.Match, s0: int) -> re.Match | None:
        """A common noun phrase no actor names opening the clause before the verb ``v``
        ("The family said", "Her company has said"), or None."""
        m = NOUN_SUBJECT_BEFORE_RE.search(self.text, max(s0, v.start() - 170), v.start()) \
            or NAME_SUBJECT_BEFORE_RE.search(self.text, max(s0, v.start() - 160), v.start())
        if m is None or v.group("part"):
            return None
        before = self.text[s0:m.start()].rstrip()
        return m if not before or before.endswith(CLAUSE_OPENS) else None

    def subject(self, s0: int, pos: int) -> Mention | None:
        """The actor the sentence opens with (after an adverbial such as "On Friday,"), before ``pos``;
        for an opening pronoun, its latest antecedent ("They called on Turkey to …, and deemed …")."""
        p = _OPENING_PRONOUN_RE.match(self.text, s0, pos)
        if p:
            return self.sp.latest(s0, PRONOUNS[p.group(1).lower()])
        first = next(iter(reversed(self.sp.ending_in(s0, pos))), None)
        if first is None or len(self.text[s0:first.start].split()) > 3 or "”" in self.text[s0:first.start]:
            return None
        return first

    def subject_after(self, pos: int, s1: int) -> Mention | None:
        """The actor right after the first comma outside a quotation from ``pos``."""
        comma = next((i for i in range(pos, s1) if self.text[i] == "," and not _inside_quote(self.text, pos, i)), -1)
        firsts = self.sp.ending_in(comma + 1, min(s1, comma + 80)) if comma > 0 else []
        return firsts[-1] if firsts and not self.text[comma + 1:firsts[-1].start].strip() else None

    def tag_ends(self, tag_end: int, s1: int) -> bool:
        """Is "<speaker> <verb>" a tag after its content ("..., officials said on Tuesday.")
        rather than the start of it ("However, the report warned that ...")?"""
        if _QUOTE_NEXT_RE.match(self.text, tag_end, s1):
            return False  # "In a statement, the SDF said, “...”": the quotation is its content
        head = _CLAUSE_COMMA_RE.split(self.text[tag_end:s1], 1)[0].split()  # not "35,000"
        if head and head[0].endswith("ing"):
            return False  # "In February, Ford announced investigating itself"
        return len(head) <= 4 and "that" not in head and not any(q in w for w in head for q in "“\"")

    def status(self, verb: str, span: tuple[int, int], s1: int) -> str:
        if self.lex.reporting_verbs.get(verb) == "deny":
            return "denied"
        return "disputed" if DISPUTE_RE.search(self.text, span[1], s1) else "reported"

    def content(self, pos: int, s1: int, verb: str, quotes) -> tuple[tuple[int, int] | None, tuple | None]:
        """(span, quotation marks) of what ``verb`` (ending at ``pos``) reports: skip "that",
        ":", the addressee of "told", where it was said ("in a filing"); a quotation right
        there is the claim; a promise needs "to"/"that" or a clause; "describe X as “Y”"
        ends with Y's quotation."""
        text = self.text
        tag_end = pos
        if verb == "told":  # "told the press in a separate interview, “…”": the addressee, then where
            m = TOLD_THAT_RE.match(text, pos, s1) or ADDRESSEE_RE.match(text, pos, s1)
            if m:
                pos = m.end()
        if verb != "told" or m and not m.group().endswith("that"):
            m = PLACE_LEAD_RE.match(text, pos, s1)
            if m:
                pos = m.end()
        lead = CONTENT_START_RE.match(text, pos, s1)
        assert lead is not None  # the pattern matches the empty string
        start = lead.end()
        q = next((q for q in quotes if q[0] == start), None)
        kind = self.lex.reporting_verbs.get(verb, "as" if verb.lower() in self.lex.calling_verbs else None)
        if kind == "as" or verb in _DESCRIBE:  # "labeled X as Y"; "described X as Y", "announced X as Y" too
            naming = self.lex.calling_verbs.get(verb.lower(), "")
            frame = self.x_as_y(start, s1, quotes, "naming" in naming, "judging" in naming)
            if frame or kind == "as" and not text[pos:start].rstrip().endswith("that"):
                return frame, None  # "deemed that the agreement … goes against …": a clause
        said_that = kind == "clause" and ("that" in text[pos:start] or ":" in text[pos:start]
                                          or "effect" in text[tag_end:start])  # "to the effect"
        if kind in ("promise", "clause") and not q and not said_that:
            m = (PROMISE_RE if kind == "promise" else CLAUSE_RE).match(text, start, s1)
            if not m:
                return None, None  # "pledged $4.2 million", "recalled the product": an act, not a claim
            start = m.end()
        if q:
            return trim(text, q[0] + 1, q[1] - 1), q
        span = trim(text, start, self.cut(start, s1))
        if span and (_PRONOUN_OBJECT_RE.match(text, span[0], span[1]) or _GREETING_RE.match(text, span[0], span[1])):
            return None, None
        return span, None

    def x_as_y(self, start: int, s1: int, quotes, naming: bool = False, judging: bool = False) -> tuple[int, int] | None:
        """`X as Y` from ``start`` (`the move as a "grave abuse …" and "contrary to law"`), or
        None; after a verb of ``naming`` `X "Y"` too (`the agreement "null and void"`), after one
        of ``judging`` `X a Y` (`this a foregone conclusion`)."""
        m = _X_AS_Y_RE.match(self.text, start, s1) or (_X_QUOTE_RE.match(self.text, start, s1) if naming else None) \
            or (_X_A_Y_RE.match(self.text, start, s1) if judging else None)
        if m is None:
            return None
        end = self.cut(start, s1)
        stop = next((x.start() for x in _AS_STOP_RE.finditer(self.text, m.end(), end)
                     if not any(q0 < x.start() < q1 for q0, q1 in quotes)), end)
        return trim(self.text, start, stop)

    def speaker_before(self, verb_start: int, s0: int) -> tuple[int, Mention | None]:
        """(where the tag starts, speaker) for "<speaker> [has publicly] <verb>"."""
        text = self.text
        m = PRONOUN_BEFORE_RE.search(text, max(s0, verb_start - 30), verb_start)
        if m:
            return m.start(1), self.sp.latest(m.start(1), PRONOUNS[m.group(1).lower()])
        for a in self.sp.ending_in(s0, verb_start):
            between = text[a.end:verb_start]
            if BETWEEN_RE.match(between):
                the = THE_BEFORE_RE.search(text, max(s0, a.start - 7), a.start)
                return (the.start() if the else a.start), a
            if between.strip() == "," and text[max(s0, a.start - 2):a.start] == ", ":
                return a.start, a  # "the organisation’s director, Montse Ferrer, said"
            if "“" in between or "”" in between or ";" in between:
                break
        return verb_start, None

    def speaker_after(self, verb_end: int) -> Mention | None:
        """The speaker of "..., said Jane Smith" right after the verb."""
        m = THE_AFTER_RE.match(self.text, verb_end)
        return self.sp.starting_at(m.end()) if m else None

    def cut(self, start: int, s1: int) -> int:
        """Where reported content ends: the sentence end, a contrast (", while ..."), a
        reporting participle (", describing ...", another speaker's ", with officials
        reporting ...") or a clause-level appositive
        (", a development that ..." — not one describing a name: "Chen Zhi, a tycoon")."""
        text = self.text
        end = s1
        for rx in (CONTRAST_RE, self.cont_re, self.other_re, _COLON_QUOTE_RE):  # not inside a quotation
            m = next((m for m in rx.finditer(text, start, end) if not self.in_quote(m.start())), None)
            if m:
                end = m.start()
        for m in APPOSITIVE_RE.finditer(text, start, end):
            prev = text[start:m.start()].split()
            if prev and not prev[-1][:1].isupper():
                end = m.start()
                break
        return end

    def in_quote(self, pos: int) -> bool:
        i = bisect_left(self.quote_starts, pos)
        return i > 0 and self.quotes[i - 1][0] < pos < self.quotes[i - 1][1] - 1

    def according_to(self, s0: int, s1: int) -> list[Claim]:
        """"According to X, Y." / "Y, according to X." / "Y, according to X, Z."."""
        text = self.text
        m = next((m for m in ACCORDING_RE.finditer(text, s0, s1) if not self.in_quote(m.start())), None)
        if not m:  # one inside a quotation is the speaker's words ("“… according to royal laws …”")
            return []
        s0 = max(s0, text.rfind(";", s0, m.start()) + 1)  # "A is x; B is, according to C, y": B's clause
        who = None
        for a in self.sp.ending_in(m.end(), min(s1, m.end() + 80)):
            if "," not in text[m.end():a.start]:
                who = a
        stop = _SOURCE_END_RE.search(text, m.end(), s1)  # "…, according to the JHU data; at least …": its end
        src_end = stop.start() if stop and stop.group() == "," else -1
        if stop is None and who is not None and len(text[who.end:s1].split()) > 2:
            src_end = who.end  # "Rescuers, according to the ministry recovered ten": the middle
        elif src_end > 0 and RELATIVE_RE.match(text, src_end + 1, s1):
            src_end = -1  # "..., according to officials, some of whom were hurt": the end
        if m.start() == s0:
            span = trim(text, src_end + 1, self.cut(src_end + 1, s1)) if src_end > 0 else None
        elif src_end < 0:
            span = trim(text, s0, m.start())
        else:
            span = trim(text, s0, self.cut(s0, s1))
        tag = (m.start(), who.end if who else m.end() - 1)
        return [Claim(span[0], span[1], "reported", who, tag)] if span else []


def _inside_quote(text: str, lo: int, pos: int) -> bool:
    """Is ``pos`` inside a quotation opened after ``lo``?"""
    part = text[lo:pos]
    return part.count("“") > part.count("”") or part.count('"') % 2 == 1


def find_claims(text: str, actors: list[Mention], lex: Lexicon) -> list[Claim]:
    """Claims in ``text`` in order, each with its speaker among ``actors`` when found."""
    return _ClaimFinder(text, actors, lex).run()
