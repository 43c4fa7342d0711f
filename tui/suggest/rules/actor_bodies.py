"""Actor rules for a body named by its function, with no name of its own: ``the
prosecution can seek``, ``the state issued``, ``the prime minister's office intends``. A
noun of the lexicon's ``[bodies]`` after ``the`` or a possessor acts as the subject of the
verb after it; anywhere else (``the state of Texas``, ``against the state``, ``the office
building``) it is no actor. Pure."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from tui.suggest.rules.actor_words import PAST_IRREGULAR
from tui.suggest.rules.lexicon import Lexicon, alternation

if TYPE_CHECKING:
    from tui.suggest.rules.actors import _Finder

_GAP = r"[ \t\u00a0]+"
#: an auxiliary or an adverb between the subject and its verb ("has also said"); a modal before a bare verb ("can seek")
_ADVERBS = r"(?:also|not|never|later|then|now|still|already|again|soon|first|\w+ly)"
_AUX = rf"(?:has|have|had|did|does|{_ADVERBS})"
#: "the", a possessive pronoun ("its website notes", "his campaign called") or a name's possessive
_OWNER = r"(?<![\w’'-])(?:[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)|[\w-]+['’]s"
_MODAL = r"(?:can|could|may|might|must|should|shall|will|would)"


@lru_cache(maxsize=4)
def _body_re(lex: Lexicon) -> re.Pattern:
    """``the``/a possessor, a body noun, then its verb: a past tense (listed, irregular or
    in -ed), a reporting or action verb, an -s verb with ``to`` (``intends to``) or a bare
    verb after a modal (``can seek``)."""
    verbs = alternation(set(lex.reporting_verbs) | set(lex.action_verbs) | PAST_IRREGULAR)
    verb = rf"(?:{_AUX}{_GAP})*(?:{verbs}|[a-z]{{2,}}ed|[a-z]{{2,}}s{_GAP}to{_GAP}[a-z]+)"
    modal = rf"{_MODAL}(?:{_GAP}{_ADVERBS})*{_GAP}[a-z]{{2,}}"  # "can seek", "will not appeal"
    return re.compile(rf"(?P<owner>{_OWNER}){_GAP}(?P<noun>{alternation(lex.bodies)})"
                      rf"(?={_GAP}(?:{verb}|{modal})(?![\w-]))")


@lru_cache(maxsize=4)
def _named_body_re(lex: Lexicon) -> re.Pattern:
    """``the``, a capitalised name, then a body that only an owner names (``The Trump campaign
    accused``, ``the Trump administration announced``) and its verb, as for ``_body_re``."""
    verb = _body_re(lex).pattern.rsplit("(?=", 1)[1]
    word = r"(?!(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday" \
           r"|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)" \
           r"[A-Z][\w-]*(?:['’](?!s\b)\w+)*"  # "O'Rourke", not "WHO's" (an owner) nor "The August campaign"
    return re.compile(rf"(?<![\w’'-])[Tt]he{_GAP}(?P<name>{word}(?:{_GAP}{word}){{0,2}}){_GAP}"
                      rf"(?P<noun>{alternation(lex.owned_bodies)})(?={verb}")


def bodies(f: _Finder) -> None:
    """Add each body noun acting as its verb's subject to ``f.cands``."""
    for m in _body_re(f.lex).finditer(f.text):
        if m.group("noun") in f.lex.owned_bodies and m.group("owner").lower() == "the":
            continue  # "The office asked": a named office's, referred back to
        f.cands.append((m.start("noun"), m.end("noun"), f.lex.bodies[m.group("noun")]))
    for m in _named_body_re(f.lex).finditer(f.text):  # "The Trump campaign accused": the phrase, like "Imus family"
        start, end = m.start("name"), m.end("noun")
        f.cands[:] = [c for c in f.cands if not (start <= c[0] and c[1] <= end)]
        f.cands.append((start, end, f.lex.bodies[m.group("noun")]))
