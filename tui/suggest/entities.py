"""A spaCy pipeline's entities as actor candidates, filtered by what the team tags. Pure
core (no Textual; spaCy objects are read here but never imported: ``tui.suggest.pipeline``
loads the pipeline only when margin.yaml names one).

The rules find most actors; the pipeline's named entities (PERSON, ORG, NORP, GPE, ...)
find names no rule knows. A team tags an entity only when it acts or speaks (a country
named as a place is no actor), so ``learn`` counts, over the annotated documents, per
entity label and **context** (how the phrase stands in the dependency parse: subject of a
reporting verb, subject, agent after ``by``, object, possessor, modifier, object of a
preposition, ...) how often a team's ACTOR span overlaps it. ``Entities.candidates`` then
proposes the entities of a text in the contexts the team mostly tags (a label the team
never tagged: never), cut to the team's conventions (determiner, title, possessive), where
no rule or model span already stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tui.suggest.pipeline import WHO, Ent

MIN_EXAMPLES = 2  # a context decides on its own from this many examples, else all the label's contexts do
#: the actor type each entity label suggests (the team's habits then keep only the values it writes)
TYPES = {"PERSON": "person", "ORG": "organisation", "NORP": "group", "GPE": "government", "FAC": "organisation",
         "LOC": "other"}
_PLAIN = {"poss", "compound", "amod", "appos", "dobj", "attr", "nmod", "npadvmod", "ROOT", "dative"}
ACTING = ("nsubj", "nsubj+say", "agent", "according")  # contexts where a parse shows a name acting
_COPULAS = {"is", "are", "was", "were", "be", "been", "being", "'s", "remain", "remains", "remained",
            "become", "becomes", "became", "seem", "seems", "seemed"}
_PREPS = {"by", "of", "to", "in", "with", "for", "from", "on", "at", "against", "between", "about"}


def context_of(tok, reporting) -> str:
    """How the phrase headed by ``tok`` stands in its sentence (a conjunct as the first)."""
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    dep = tok.dep_
    if dep in ("nsubj", "nsubjpass"):
        head = tok.head
        if head.lower_ in _COPULAS and any(c.dep_ in ("attr", "acomp") for c in head.children):
            return "nsubj:be"  # ``The OIC is the largest group``: a copula's subject does not act
        return dep + ("+say" if head.lower_ in reporting or head.lemma_.lower() in reporting else "")
    if dep == "pobj":
        prep = tok.head.lower_
        if prep == "by" and tok.head.dep_ == "agent":
            return "agent"
        if prep == "to" and tok.head.head.lower_ == "according":
            return "according"
        return "pobj:" + (prep if prep in _PREPS else "other")
    return dep if dep in _PLAIN else "other"


#: the selection's context (``tui.suggest.contexts.CONTEXTS``) for a parse context, where the
#: words around a rules actor decided nothing ("other"): the parse tells a subject from an object
SELECTION_CONTEXT = {"nsubj": "acts", "nsubj+say": "acts", "nsubj:be": "copula", "nsubjpass": "undergoes",
                     "agent": "by", "according": "according", "pobj:of": "of", "pobj:from": "of", "pobj:for": "of",
                     "dobj": "object", "dative": "object", "poss": "possessor", "compound": "modifier",
                     "amod": "modifier", "nmod": "modifier", **{f"pobj:{p}": "preposition" for p in
                                                                 ("to", "in", "with", "on", "at", "against",
                                                                  "between", "about", "other")}}


def _reporting_verbs() -> set:
    from tui.suggest.rules.lexicon import load_lexicon

    return set(load_lexicon().reporting_verbs) | {"say", "tell", "announce", "claim", "state", "deny", "report"}


def token_table(doc) -> tuple[tuple[int, int, int, str], ...]:
    """A parsed ``doc``'s tokens as ``(start, end, head index, context)`` (``context_of``;
    "other" without a parse): enough to read how any phrase stands (``span_context``)."""
    if not doc.has_annotation("DEP"):
        return tuple((t.idx, t.idx + len(t), t.i, "other") for t in doc)
    reporting = _reporting_verbs()
    return tuple((t.idx, t.idx + len(t), t.head.i, context_of(t, reporting)) for t in doc)


def span_context(table, start: int, end: int) -> str | None:
    """The parse context of the phrase ``[start, end)``: its root's (the first of its tokens
    whose head lies outside it); None when no token lies inside it."""
    from bisect import bisect_left

    first = last = bisect_left(table, (start,))
    while last < len(table) and table[last][1] <= end:
        last += 1
    for i in range(first, last):
        head = table[i][2]
        if head == i or not first <= head < last:
            return table[i][3]
    return None


def entities_of(doc) -> tuple[Ent, ...]:
    """The who-entities of a parsed ``doc`` with their contexts; a demonym or name that
    modifies a noun (``Austrian court``, ``German firms``) carries its noun phrase."""
    from tui.suggest.rules.lexicon import load_lexicon

    lex = load_lexicon()
    reporting = _reporting_verbs()
    titles = {t.lower() for t in lex.titles}
    who_nouns = _WhoNouns(lex)
    parsed = doc.has_annotation("DEP")
    chunks = {tok.i: ch for ch in (doc.noun_chunks if parsed else ()) for tok in ch}
    out = []
    for ent in doc.ents:
        if ent.label_ not in WHO:
            continue
        root, phrase = ent.root, None
        ch = chunks.get(root.i)
        if (ent.label_ == "NORP" and root.dep_ in ("amod", "compound") and ch is not None
                and ch.root.i >= ent.end and ch.root.pos_ == "NOUN" and ch.root.lower_ in who_nouns
                and not any(t.text[:1].isupper() or t.text in ("'s", "’s") for t in doc[ent.end:ch.root.i])):
            phrase, root = (ch.start_char, ch.end_char), ch.root
        title = _title_before(doc, ent.start, titles)
        out.append(Ent(ent.start_char, ent.end_char, ent.label_, context_of(root, reporting) if parsed else "other",
                       phrase, title))
    return tuple(out)


class _WhoNouns:
    """A noun naming people or an institution: a plural (``engineers``, ``firms``) or one
    the lexicon lists as a group, institution or organisation word (``court``)."""

    def __init__(self, lex):
        self.words = ({w.lower() for w in lex.groups} | {w.lower() for w in lex.org_nouns}
                      | {w.lower() for w in lex.government_nouns} | {w.lower() for w in lex.org_words})

    def __contains__(self, word: str) -> bool:
        return word in self.words or (word.endswith("s") and not word.endswith("ss"))


def _title_before(doc, i: int, titles: set) -> int | None:
    """Start of a capitalised title (one or two words the lexicon lists) right before token ``i``."""
    for n in (2, 1):
        if i - n >= 0:
            words = doc[i - n:i]
            if words.text[:1].isupper() and words.text.lower() in titles:
                return words.start_char
    return None


@dataclass
class Entities:
    """What a team does with a pipeline's entities: per "LABEL|context" [tagged, untagged]."""

    pipeline: str
    counts: dict[str, list[int]] = field(default_factory=dict)
    root: str | None = None  # the corpus (a pipeline package inside it is never loaded)

    def tags(self, label: str, where: str) -> bool:
        """Does the team tag an entity of ``label`` in context ``where``? Its own examples
        once there are ``MIN_EXAMPLES``, else the context's under every label; never a
        context seen less often, nor a label the team never tagged."""
        pool = [v for k, v in self.counts.items() if k.split("|", 1)[0] == label]
        if not any(v[0] for v in pool):
            return False
        own = self.counts.get(f"{label}|{where}", [0, 0])
        if sum(own) < MIN_EXAMPLES:
            same = [v for k, v in self.counts.items() if k.split("|", 1)[1] == where]
            own = [sum(v[0] for v in same), sum(v[1] for v in same)]
        return sum(own) >= MIN_EXAMPLES and own[0] >= 2 * own[1]

    def candidates(self, text: str, ents, conventions, taken: list[tuple[int, int]]) -> tuple[list, set]:
        """(raw ACTOR suggestions ``(start, end, "ACTOR", attrs, "spacy")`` of ``ents`` the
        team tags, cut to ``conventions``, where no span of ``taken`` overlaps, but for the
        spans of ``taken`` inside a noun phrase an entity modifies (``Hungarian engineers``
        over the rules' ``Hungarian``); those spans of ``taken``)."""
        out, replaced = [], set()
        surnames = _surnames(text, ents)
        for ent in ents:
            if not self.tags(ent.label, ent.context) or not _introduced(text, ent, surnames):
                continue
            s, e = edges(text, ent, conventions)
            if s >= e or "\n" in text[s:e] or not _capitalised(text, ent):
                continue
            clash = {(ts, te) for ts, te in taken if ts < e and s < te}
            if clash and (ent.phrase is None or any(ts < s or te > e for ts, te in clash)):
                continue
            out.append((s, e, "ACTOR", {"type": TYPES.get(ent.label, "other")}, "spacy"))
            replaced |= clash
            taken.append((s, e))
        return out, replaced

    def confirms(self, text: str, ents, spans: list[tuple[int, int]]) -> set:
        """The ``spans`` (the rules' actors) that are an entity whose parse shows it acting
        (subject of a verb, agent after ``by``, source after ``according to``) in a
        context the team tags: kept though the rules' context reading would drop them."""
        surnames = _surnames(text, ents)
        acting = {(e.start + 4 * text.startswith(("the ", "The "), e.start), e.end) for e in ents
                  if e.context in ACTING and self.tags(e.label, e.context) and _introduced(text, e, surnames)}
        return {sp for sp in spans if sp in acting and text[sp[0] - 1:sp[0]] != "("}

    def explain(self) -> list[str]:
        if not self.counts:
            return [f"spaCy pipeline {self.pipeline}: no finished document shows which entities the team tags"]
        lines = [f"spaCy pipeline {self.pipeline}: entities the team tags, by label and context:"]
        for key in sorted(self.counts):
            t, u = self.counts[key]
            label, where = key.split("|", 1)
            few = "" if t + u >= MIN_EXAMPLES else " (too few: as this context under every label)"
            lines.append(f"  {label:<7} {where:<14} {'tagged' if self.tags(label, where) else 'left out':<9} "
                         f"{t} tagged, {u} not{few}")
        return lines

    def to_json(self) -> dict:
        return {"pipeline": self.pipeline, "counts": self.counts}

    @classmethod
    def from_json(cls, d) -> "Entities | None":
        try:
            return cls(str(d["pipeline"]), {str(k): [int(v[0]), int(v[1])] for k, v in d["counts"].items()})
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):
            return None


def _surnames(text: str, ents) -> set:
    return {text[e.start:e.end].split()[-1] for e in ents if e.label == "PERSON" and " " in text[e.start:e.end]}


def _capitalised(text: str, ent: Ent) -> bool:
    """Does the entity's name (past a determiner) start with a capital letter?"""
    s, e = ent.phrase or (ent.start, ent.end)
    words = text[s:e].split(maxsplit=1)
    if len(words) == 2 and words[0].lower() in ("the", "a", "an"):
        return words[1][:1].isupper()
    return text[s:e][:1].isupper()


def _introduced(text: str, ent: Ent, surnames: set) -> bool:
    """A one-word entity is a name: not a word the text also writes in lower case (``Court
    says``, ``an Order``: a common noun capitalised), and a one-word person is someone named
    in full elsewhere in the text (news introduces a person by full name, then by surname;
    else the pipeline took a place or a storm for one); a people alone is named in the plural."""
    name = text[ent.start:ent.end].strip()
    if " " in name:
        return True
    if name[:1].isupper() and name[1:].islower() and re.search(rf"\b{re.escape(name.lower())}\b", text):
        return False
    if ent.label == "NORP" and ent.phrase is None:
        return name.endswith("s")  # a people acts in the plural (``Kurds announce``); ``Dorian`` is none
    return ent.label != "PERSON" or name in surnames


def edges(text: str, ent: Ent, c) -> tuple[int, int]:
    """``ent``'s span under conventions ``c``: its noun phrase when it modifies one, the
    determiner, title and possessive in or out as the team writes them."""
    from tui.suggest.rules.mention import Mention

    s, e = ent.phrase or (ent.start, ent.end)
    det = None
    low = text[s:e].lower()
    if ent.phrase is not None and low.startswith(("a ", "an ")):
        s += low.index(" ") + 1  # an indefinite article is never part of a name
    elif low.startswith("the "):
        det, s = s, s + 4
    elif text[max(0, s - 4):s].lower() == "the ":
        det = s - 4
    poss = e + 2 if text[e:e + 2] in ("'s", "’s") else None
    if ent.title is not None and ent.phrase is None and ent.title < s:
        return Mention(ent.title, e, "", None, s, poss).span(c)
    return Mention(s, e, "", det, None, poss).span(c)


def learn(name: str, examples, parse) -> Entities:
    """Entities from finished annotated examples (``tui.suggest.model.crf.Example``);
    ``parse(text)`` gives a text's ``Ent``s."""
    out = Entities(name)
    for ex in examples:
        if ex.upto is not None:
            continue
        team = [(s, e) for s, e, lab in ex.spans if lab == "ACTOR"]
        if not team:
            continue
        for ent in parse(ex.text):
            s, e = ent.phrase or (ent.start, ent.end)
            if s < ex.since:
                continue
            c = out.counts.setdefault(f"{ent.label}|{ent.context}", [0, 0])
            c[0 if any(ts < e and s < te for ts, te in team) else 1] += 1
    return out


def corpus_entities(corpus, data=None, model=None) -> tuple[Entities | None, str | None]:
    """For ``tui.suggest.learn``: (what the team does with the entities of the spaCy
    pipeline margin.yaml names, or None; a one-line reason the pipeline is not used here, or None). The counts saved with
    ``model`` when it was trained with the same pipeline, else learned from the annotations
    afresh. DataError (one line) when margin.yaml names no package."""
    from tui.corpus import load_settings
    from tui.suggest import pipeline
    from tui.suggest.learn import SAMPLE_DOCS, training

    path = str(corpus.root / "margin.yaml")
    name = pipeline.named(load_settings(corpus.root), path)
    if name is None:
        return None, None
    try:
        pipeline.load(name, corpus.root)
    except pipeline.PipelineMissing as e:
        return None, f"{path}:{pipeline.key_line(path)}: {e}; suggesting without it"
    saved = Entities.from_json(model.meta.get("entities")) if model is not None else None
    if saved is None or saved.pipeline != name:
        data = data if data is not None else training(corpus.sample(SAMPLE_DOCS))
        saved = learn(name, data.examples, lambda text: pipeline.parse(name, text, corpus.root))
    saved.root = str(corpus.root)
    return saved, None
