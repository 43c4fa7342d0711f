"""Token features for the learned model: the word, its shape and affixes (first and last
three letters), where it stands (in a run of capitalised words, how near a reporting verb
of its sentence), gazetteer membership (tui/suggest/gazetteer.txt, multi-word entries included) and what the rules
say about it (inside/at the start of a rule span of each label, cut to the model's
conventions), over a window of one token either side.

Tokens are ``tui.tokens``' (the one tokenisation); sequences are ``tui.tokens`` sentences.
Bump ``VERSION`` whenever a feature changes: models trained with another version are
refused on load.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from tui.suggest.rules.actors import Lexicon, load_lexicon
from tui.suggest.rules.figures import (CURRENCY_SIGNS, CURRENCY_WORDS, HEADING_CUES, MEASURES, MONTHS, QUALIFIER_CUES,
                                       SCALES, UNITS)
from tui.tokens import token_index, tokenize

VERSION = 2
RULE_LABELS = ("ACTOR", "FIGURE", "CLAIM")
_SHAPE_RE = (re.compile(r"[A-ZÀ-ÖØ-Þ]+"), re.compile(r"[a-zß-öø-ÿ]+"), re.compile(r"\d+"))


def shape(word: str) -> str:
    """Runs of capitals, lower case and digits collapsed: "1,440" -> "d,d", "McCain" -> "XxXx"."""
    s = _SHAPE_RE[2].sub("d", _SHAPE_RE[1].sub("x", _SHAPE_RE[0].sub("X", word)))
    return s if len(s) <= 6 else s[:6]


@lru_cache(maxsize=2)
def gazetteer(lex: Lexicon) -> tuple[dict, dict]:
    """(single words -> tags, first word -> [(rest of the words, tag)]) of the lexicon and
    the figure words, all lower case."""
    entries: dict[str, set] = {}

    def add(tag: str, names) -> None:
        for n in names:
            words = tuple(w.lower() for w in (n[a:b] for a, b in tokenize(n)))
            if words:
                entries.setdefault(tag, set()).add(words)

    add("country", lex.countries)
    add("demonym", lex.demonyms)
    add("place", lex.places)
    add("org", lex.organisations)
    add("orgword", lex.org_words)
    add("gov", lex.government_nouns)
    add("group", lex.groups)
    add("title", lex.titles)
    add("verb", lex.reporting_verbs)
    add("verb", lex.reporting_participles)
    add("act", lex.action_verbs)
    add("month", MONTHS)
    add("num", list(UNITS) + list(SCALES) + ["dozen", "dozens", "hundreds", "thousands", "millions"])
    add("cue", [c for cues in QUALIFIER_CUES.values() for c in cues if c not in HEADING_CUES])  # may start a span
    add("money", list(CURRENCY_WORDS) + list(CURRENCY_SIGNS))
    add("measure", list(MEASURES) + ["percent", "per", "cent"])
    single: dict[str, tuple] = {}
    multi: dict[str, list] = {}
    for tag, names in entries.items():
        for words in names:
            if len(words) == 1:
                single[words[0]] = (*single.get(words[0], ()), tag)
            else:
                multi.setdefault(words[0], []).append((words[1:], tag))
    return single, multi


def _rule_tags(n: int, starts, spans_by_label: dict) -> list[list[str]]:
    """Per token, "r<L>=B"/"r<L>=I" for each rule span covering it."""
    out: list[list[str]] = [[] for _ in range(n)]
    for label, spans in spans_by_label.items():
        for s, e in spans:
            i = bisect_left(starts, s)
            if i < n and starts[i] < e:
                out[i].append(f"r{label}=B")
                i += 1
                while i < n and starts[i] < e:
                    out[i].append(f"r{label}=I")
                    i += 1
    return out


def token_features(text: str, rule_spans: dict[str, list[tuple[int, int]]],
                   lex: Lexicon | None = None) -> list[list[str]]:
    """One list of feature strings per token of ``text`` (``tui.tokens.tokenize`` order).
    ``rule_spans``: {label: [(start, end), ...]} the rules propose."""
    index = token_index(text)
    starts, ends = index.starts, index.ends
    n = len(starts)
    single, multi = gazetteer(lex or load_lexicon())
    words = [text[starts[i]:ends[i]] for i in range(n)]
    lower = [w.lower() for w in words]
    # what depends on the position: multi-word gazetteer entries and the rules' spans
    extra: list[list[str]] = _rule_tags(n, starts, rule_spans)
    for i, lw in enumerate(lower):
        for rest, tag in multi.get(lw, ()):
            k = len(rest)
            if tuple(lower[i + 1:i + 1 + k]) == rest:
                extra[i].append("gB=" + tag)
                for j in range(i + 1, i + 1 + k):
                    extra[j].append("gI=" + tag)
    # what depends on the word only, built once per distinct word
    own: dict[str, list[str]] = {}
    before: dict[str, list[str]] = {}
    after: dict[str, list[str]] = {}
    for w, lw in zip(words, lower):
        if w in own:
            continue
        sh = shape(w)
        gz = ["g=" + tag for tag in single.get(lw, ())]
        own[w] = ["b", "w=" + lw, "sh=" + sh, "s3=" + lw[-3:], "p3=" + lw[:3], *gz]
        before[w] = ["w-1=" + lw, *("-1" + g for g in gz)]
        after[w] = ["w+1=" + lw, *("+1" + g for g in gz)]
    sent_first = {index.token_at(s) for s, _ in index.sentences}
    context = _context(words, lower, single, sent_first)
    feats = []
    for i in range(n):
        f = own[words[i]] + extra[i] + context[i]
        if i in sent_first:
            f.append("first")
        if i > 0:
            f += before[words[i - 1]]
            f += ["-1" + x for x in extra[i - 1]]
            if starts[i] == ends[i - 1]:
                f.append("glued")
        else:
            f.append("BOS")
        if i + 1 < n:
            f += after[words[i + 1]]
            f += ["+1" + x for x in extra[i + 1]]
        else:
            f.append("EOS")
        feats.append(f)
    return feats


def _context(words: list[str], lower: list[str], single: dict, sent_first: set) -> list[list[str]]:
    """Per token, where it stands: in a run of capitalised words (its place and the run's
    length), and near a reporting verb of its sentence (the speaker is right before "said",
    or right after it in an inverted tag; the claim after it)."""
    n = len(words)
    out: list[list[str]] = [[] for _ in range(n)]
    i = 0
    while i < n:  # capitalisation runs
        if words[i][:1].isupper():
            j = i + 1
            while j < n and words[j][:1].isupper():
                j += 1
            size = "cap1" if j - i == 1 else "cap2" if j - i == 2 else "cap3+"
            out[i] += ["capB", size]
            for k in range(i + 1, j):
                out[k] += ["capI", size]
            if j < n:
                out[j - 1].append("capE")
            i = j
        else:
            i += 1
    verb = [("verb" in single.get(lw, ())) for lw in lower]
    last = -99
    for i in range(n):  # distance to the last reporting verb, in its sentence
        if i in sent_first:
            last = -99
        if verb[i]:
            last = i
        elif 0 < i - last <= 3:
            out[i].append(f"vb{i - last}")
    nxt = 99
    for i in range(n - 1, -1, -1):  # distance to the next reporting verb
        if verb[i]:
            nxt = i
        elif 0 < nxt - i <= 3:
            out[i].append(f"va{nxt - i}")
        if i in sent_first:
            nxt = 99
    return out


def sentence_slices(text: str) -> list[tuple[int, int]]:
    """Token index ranges [i, j) of each sentence of ``text``."""
    index = token_index(text)
    out = []
    for s, e in index.sentences:
        r = index.tokens_in(s, e)
        if len(r):
            out.append((r.start, r.stop))
    return out
