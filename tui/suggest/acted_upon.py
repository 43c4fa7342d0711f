"""A name whose own clause says what was done to it is one acted upon (GUIDELINES: victims
and people only acted upon are not marked; one who dies, one sentenced or charged, one
elected, appointed or sworn in, one dropped or removed is acted upon): ``Osama was killed by
US special forces``, ``Trump said Hamza bin Laden, son of the late X, has been killed``, ``X,
49, was quickly reported missing``, ``Don Imus, known to fans as the I-Man, died``,
``Pierluisi was sworn in``, ``Imus was dropped in 2007 by MSNBC``, ``HDT Limited was
registered`` (a body founded or dissolved; its founders after ``by`` act). Whatever verb comes
before the name (``said X``), it is the ``undergoes`` context of ``tui.suggest.contexts``,
in the passive family. A passive the golds tag as often as not is none of these (``Putin
was briefed``, ``Facebook was ordered to``, ``Jong was arrested``, ``Becerra is joined``). Pure."""

from __future__ import annotations

import re

from tui.suggest.rules.actor_words import in_heading

_HARM = ("killed", "injured", "wounded", "hurt", "stabbed", "shot", "murdered", "slain", "assassinated", "executed",
         "kidnapped", "abducted", "beheaded", "martyred", "lynched", "tortured", "poisoned", "beaten", "massacred")
_LAW = ("sentenced", "charged", "convicted", "indicted", "jailed", "imprisoned")
_OFFICE = ("elected", "re-elected", "appointed", r"sworn[ \t\u00a0]+in", "chosen", "removed", "ousted", "deposed",
           "dismissed", "fired", "dropped", "awarded", "survived")
#: taken somewhere in care or custody: "Gupta was transported to a local hospital", "Baker was hospitalized"
_CARED = ("hospitalized", "hospitalised", "transported", "transferred", "airlifted", "rushed", "inducted")
#: done to one by others, in a court, a party or a hospital: "Johnson was impeached", "Qawi was later accused",
#: "Mukherjee was cremated", "Wiranto was flown to a hospital" (GUIDELINES: those blamed, accused, chosen,
#: defeated or removed are acted upon); not "arrested", which the golds tag as often as not
_DONE_TO = ("impeached", "accused", "acquitted", "pardoned", "extradited", "deported", "exiled", "cremated", "buried",
            "banned", "criticized", "criticised", "diagnosed", "nominated", "defeated", "overthrown", "replaced",
            "succeeded", "flown")
_FOUNDED = ("founded", "established", "registered", "incorporated", "dissolved", "disbanded")  # a body made or unmade
_SP = r"[ \t\u00a0]+"
_ADVERBS = rf"(?:(?:also|then|later|again|both|all|reportedly|allegedly|\w+ly){_SP})*"
_UNDERGOES_RE = re.compile(
    r"(?:,[^,.;:()\"“”\n]{1,90},)?"  # an apposition: ", son of the late Al-Qaeda founder Osama bin Laden,"
    rf"{_SP}{_ADVERBS}"
    rf"(?:(?:was|were|is|are|has{_SP}been|have{_SP}been|had{_SP}been){_SP}{_ADVERBS}"
    rf"(?:(?:{'|'.join(_HARM + _LAW + _OFFICE + _FOUNDED + _CARED + _DONE_TO)})\b(?![ \t\u00a0]+(?:up|down|off)\b)"
    rf"|(?:(?:found|reported|confirmed|declared|feared|presumed|discovered){_SP})?(?:dead|missing)\b)"
    rf"|(?:has{_SP}|had{_SP}|have{_SP})?(?:died|dies|passed{_SP}away|passes{_SP}away)\b)")


#: a headline drops the auxiliary: "Nancy Pelosi again elected Speaker", "X sworn in", "X killed in crash"
_HEADLINE_RE = re.compile(rf"{_SP}{_ADVERBS}(?:{'|'.join(_HARM + _LAW + _OFFICE)})\b(?![ \t\u00a0]+(?:up|down|off|by)\b)")


def undergoes_after(text: str, end: int) -> bool:
    """Does the clause after the name ending at ``end`` say what was done to it (killed,
    died, sentenced, sworn in, dropped), past an apposition between commas and adverbs; in a
    headline, with its auxiliary dropped?"""
    return _UNDERGOES_RE.match(text, end) is not None or (_HEADLINE_RE.match(text, end) is not None
                                                          and in_heading(text, end))
