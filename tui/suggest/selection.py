"""Which of the rules' actor candidates a team tags, learned from its annotations. Pure
(no Textual).

The rules find every name that may act; a team marks only some of them: not the news
agency that is only told something, not the name that owns something (``Trump's
declaration``), not the victim named after a preposition. ``learn`` sets each actor
candidate of the annotated documents beside the team's spans (tagged: a team's ACTOR span
overlaps it) and counts, per **context** of the candidate (the words around it, ``tui.suggest.contexts``) and
per **name**, how often the team tagged it. ``Selection.keeps`` then drops a candidate
whose name the team never tagged and passed over at least ``MIN_EXAMPLES`` times, else one
whose context the team mostly left untagged (a context it has not shown yet, or has shown
as often tagged as not, follows the others of its family, ``FAMILIES``); everything else
stays ("other" and a family never shown keep the rules' choice). Only finished documents teach it (``of_examples``).

    sel = learn(triples)                 # (text, team's ACTOR spans, rule candidates, conventions)
    sel.keeps(text, start, end, "person")  # False: the team does not tag such a candidate
    sel.explain()                        # one line per context, for ``margin suggest --explain``
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from tui.suggest.contexts import CONTEXTS, DESCRIBE, context
from tui.suggest.entities import SELECTION_CONTEXT
from tui.suggest.name_heads import names_no_actor
from tui.suggest.rules.lexicon import load_lexicon

MIN_EXAMPLES = 2  # a name the team never tagged is left out once it passed it over this often
_NAME_RE = re.compile(r"[A-Z][\w.&’'-]*(?: [A-Z][\w.&’'-]*){0,5}\Z")  # a capitalised name, up to six words

#: contexts where a candidate is not the one acting ("passive") or is ("agent"): a context
#: the team has not shown yet follows what the team did in the others of its family
FAMILIES = {c: "passive" for c in ("possessor", "told", "counted", "of", "object", "preposition", "bracketed",
                                   "quoted", "copula", "modifier", "undergoes")}
FAMILIES.update({c: "agent" for c in ("by", "according", "acts", "sentence", "asked")})


@dataclass
class Selection:
    contexts: dict[str, list[int]] = field(default_factory=dict)  # context -> [tagged, untagged]
    names: dict[str, list[int]] = field(default_factory=dict)  # lower-case candidate text -> [tagged, untagged]
    verbs: frozenset = frozenset()  # reporting_and_action_verbs(): a name before one acts
    tagged: dict[str, str] = field(default_factory=dict)  # capitalised names the team tagged that no rule found

    def extra_actors(self, extra: dict | None) -> dict:
        """``extra`` (margin.yaml's actors) with the names the team tagged that the rules
        did not find: the corpus's own actor gazetteer (its types come from the habits)."""
        return {**self.tagged, **(extra or {})} if self.tagged else dict(extra or {})

    def keeps(self, text: str, start: int, end: int, parsed: str | None = None) -> bool:
        """Does the team tag the candidate ``text[start:end]``? ``parsed``: how a spaCy
        parse has the phrase stand (``entities.context_of``); it decides where the words
        around it decide nothing ("other"): ``The Walt Disney Company owns both X`` is an
        object, ``Warholm of Norway won`` a subject."""
        seen = self.names.get(text[start:end].lower(), (0, 0))
        if seen[0] == 0 and seen[1] >= MIN_EXAMPLES or names_no_actor(text, start, end, self.verbs):
            return False  # passed over again and again (a place, a ship); "Victoria Park", "World War II"
        where = context(text, start, end, self.verbs)
        if where == "other" and parsed is not None:
            where = SELECTION_CONTEXT.get(parsed, "other")
        decided = self.decides(where)
        return True if decided is None else decided

    def decides(self, where: str) -> bool | None:
        """Does the team tag candidates in context ``where`` (None: it has not shown it)?
        The context's own examples when they lean one way and are enough, else (none, a tie:
        two training articles rarely show a context more than twice, or too few) its family's.
        An agent context needs ``MIN_EXAMPLES`` of its own: one name passed over where names
        act (``Jong was arrested``, ``Crew Dragon has room`` at a sentence's start) says less
        about the next than the family does; a passive context's one example is the team's
        convention (the one outlet it left out after ``told``)."""
        tagged, untagged = self.contexts.get(where, (0, 0))
        few = MIN_EXAMPLES if FAMILIES.get(where) == "agent" else 1
        if (tagged + untagged < few or tagged == untagged) and where in FAMILIES:
            pool = [v for c, v in self.contexts.items() if FAMILIES.get(c) == FAMILIES[where]]
            tagged, untagged = sum(v[0] for v in pool), sum(v[1] for v in pool)
        if where == "other" or tagged == untagged:
            return None
        return tagged > untagged

    def explain(self) -> list[str]:
        """For ``--explain``: per context what the team does and from how many candidates."""
        seen = sum(t + u for t, u in self.contexts.values())
        if not seen:
            return ["actor candidates: no finished document shows which the team tags; the rules' choice"]
        lines = [f"actor candidates the team tags, by context (from {seen} in finished documents):"]
        for c in CONTEXTS:
            t, u = self.contexts.get(c, (0, 0))
            if t + u or c in FAMILIES:
                way = {True: "tagged", False: "left out", None: "rules"}[self.decides(c)]
                seen_here = f"{t} tagged, {u} not" if t + u else f"no example: as the other {FAMILIES[c]} contexts"
                if 0 < t + u < MIN_EXAMPLES and FAMILIES.get(c) == "agent":
                    seen_here += f" (too few: as the other {FAMILIES[c]} contexts)"
                elif t + u and t == u and c in FAMILIES:
                    seen_here += f" (a tie: as the other {FAMILIES[c]} contexts)"
                lines.append(f"  {c:<12} {way:<9} {seen_here}: {DESCRIBE[c]}")
        return lines

    def to_json(self) -> dict:
        return {"contexts": self.contexts, "names": self.names, "tagged": self.tagged}

    @classmethod
    def from_json(cls, d: dict, verbs: frozenset = frozenset()) -> "Selection":
        ctx = {str(k): [int(v[0]), int(v[1])] for k, v in d["contexts"].items()}
        names = {str(k): [int(v[0]), int(v[1])] for k, v in d["names"].items()}
        tagged = {str(k): str(v) for k, v in d.get("tagged", {}).items()}
        return cls(ctx, names, verbs, tagged)


def reporting_and_action_verbs() -> frozenset:
    """The lexicon's reporting verbs (said, told) and action verbs (banned, launched): the
    verbs that make the name before them act (``X said``, ``X launched``) in ``context``."""
    lex = load_lexicon()
    return frozenset(lex.reporting_verbs) | frozenset(lex.action_verbs)


def learn(triples: Iterable[tuple[str, list[tuple[int, int]], list[tuple[int, int]], int]]) -> Selection:
    """A Selection from (text, the team's ACTOR spans, the rules' ACTOR candidates as
    (start, end), offset up to which the text is annotated)."""
    sel = Selection(verbs=reporting_and_action_verbs())
    for text, team, cands, upto in triples:
        team = sorted(team)
        for s, e in cands:
            if s >= upto:
                continue
            tagged = any(ts < e and s < te for ts, te in team)
            c = sel.contexts.setdefault(context(text, s, e, sel.verbs), [0, 0])
            c[0 if tagged else 1] += 1
            n = sel.names.setdefault(text[s:e].lower(), [0, 0])
            n[0 if tagged else 1] += 1
        for ts, te in team:
            name = text[ts:te]
            if ts < upto and _NAME_RE.match(name) and not any(s < te and ts < e for s, e in cands):
                sel.tagged.setdefault(name, "organisation")
    return sel


def of_examples(examples, conventions, extra_actors=None) -> Selection:
    """The Selection of annotated ``tui.suggest.model.crf.Example``s: their ACTOR spans
    beside the rules' candidates cut to ``conventions``. Only finished documents teach it:
    a candidate left untagged says "not an actor" only once the annotator is done (one
    who tags claims first and actors later has not decided yet)."""
    return learn((ex.text, [(s, e) for s, e, lab in ex.spans if lab == "ACTOR"],
                  [sp for m in ex.found(extra_actors).get("ACTOR", ()) if (sp := m.span(conventions))[0] >= ex.since],
                  len(ex.text))
                 for ex in examples if ex.upto is None and any(lab == "ACTOR" for _, _, lab in ex.spans))


def from_saved(saved) -> Selection | None:
    """The Selection saved in a model.json (``Selection.to_json``), or None when it is
    missing or malformed (an older or hand-edited file: learn afresh)."""
    if not isinstance(saved, dict):
        return None
    try:
        return Selection.from_json(saved, reporting_and_action_verbs())
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None


def selected(text: str, raw: list, selection, confirmed: set | frozenset = frozenset(),
             parsed: dict | None = None) -> list:
    """``raw`` without the rules' (and a spaCy pipeline's) actor candidates the team does
    not tag, nor the model's suggestion of the same words (it saw every candidate as a
    feature and may propose it again; a span it cut differently inside one is its own).
    ``confirmed``: spans kept whatever their context says (a parse shows them acting);
    ``parsed``: span -> its parse context (``Selection.keeps``)."""
    parsed = parsed or {}
    dropped = {(r[0], r[1]) for r in raw if r[2] == "ACTOR" and r[4] in ("rules", "spacy")
               and (r[0], r[1]) not in confirmed and not selection.keeps(text, r[0], r[1], parsed.get((r[0], r[1])))}
    return [r for r in raw if r[2] != "ACTOR" or (r[0], r[1]) not in dropped]
