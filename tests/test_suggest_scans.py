"""Work repeated per mention that is the same for every mention (issue 23, speed): a scan of
the whole text for a fact about a word (is "bans" ever a noun here? where else does "Apple"
stand?) is made once per text and word, not at each mention, so suggesting on an article
whose paragraphs repeat k times makes as many whole-text scans as on the article once.
Counted, never timed: every pattern search of the suggester's modules (``re``'s functions
and their module-level compiled patterns) over the whole text is one scan."""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
import types

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tui.suggest
from tui.suggest import suggest

#: headings whose -s word the rules ask about ("is 'bans' ever a noun in this text?") at each
#: mention of the name next to it, and sentences around names that act or are only named
HEADINGS = ["Germany bans Mahan Air flights", "Charity renames rescue ship after captain",
            "Turkey invades northern Syria", "Trump ousts national security advisor Bolton",
            "Apple expands plant as Huawei widens reach"]
SENTENCES = ["Germany said the ban would hold.", "Apple declined to comment on the plans.",
             "Sea-Eye said the ship would sail on Monday.", "Ferrer spoke to reporters in Berlin.",
             "The charity renames its ships after rescuers.", "Montse Ferrer said the talks had failed.",
             "Turkey began the operation on Wednesday.", "Officials told TASS that 12 people died.",
             "According to Reuters, the bans cover 40 flights.", "Bolton often had disagreements with Trump."]
#: plain words at both ends: a window around a mention never spans the whole text
FILLER = " ".join(["the weather stayed mild and the roads were quiet."] * 8)
ARTICLE = st.lists(st.tuples(st.sampled_from(HEADINGS), st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4)),
                   min_size=1, max_size=3)


class _Scans:
    """Counts the pattern scans of the whole of ``text`` (a window around a mention is no
    whole-text scan)."""

    def __init__(self) -> None:
        self.text: str | None = None
        self.count = 0

    def note(self, string, pos: int = 0, endpos: int = sys.maxsize) -> None:
        if self.text is not None and string is self.text and pos == 0 and endpos >= len(string):
            self.count += 1


class _Pattern:
    """A compiled pattern whose scans (``search``, ``finditer``, ``findall``, ``sub``,
    ``split``) are counted; an anchored ``match`` reads on from one place and is not a scan."""

    def __init__(self, pattern: re.Pattern, scans: _Scans):
        self._p, self._scans = pattern, scans

    def __getattr__(self, name):
        return getattr(self._p, name)

    def search(self, string, pos=0, endpos=sys.maxsize):
        self._scans.note(string, pos, endpos)
        return self._p.search(string, pos, endpos)

    def finditer(self, string, pos=0, endpos=sys.maxsize):
        self._scans.note(string, pos, endpos)
        return self._p.finditer(string, pos, endpos)

    def findall(self, string, pos=0, endpos=sys.maxsize):
        self._scans.note(string, pos, endpos)
        return self._p.findall(string, pos, endpos)

    def sub(self, repl, string, count=0):
        self._scans.note(string)
        return self._p.sub(repl, string, count)

    def split(self, string, maxsplit=0):
        self._scans.note(string)
        return self._p.split(string, maxsplit)


def _counting_re(scans: _Scans) -> types.SimpleNamespace:
    """``re`` whose module-level scans and compiled patterns are counted."""
    ns = types.SimpleNamespace(**{k: getattr(re, k) for k in dir(re) if not k.startswith("__")})

    def scan(name):
        def f(pattern, string, *args, **kw):
            scans.note(string)
            return getattr(re, name)(pattern, string, *args, **kw)
        return f
    for name in ("search", "finditer", "findall", "sub", "split"):
        setattr(ns, name, scan(name))
    ns.compile = lambda *a, **kw: _Pattern(re.compile(*a, **kw), scans)
    return ns


def _suggester_modules() -> list[types.ModuleType]:
    mods = [tui.suggest]
    for info in pkgutil.walk_packages(tui.suggest.__path__, "tui.suggest."):
        mods.append(importlib.import_module(info.name))
    return mods


def _scans_of(text: str) -> int:
    suggest(HEADINGS[0])  # patterns the suggester compiles once and keeps are compiled before counting
    text = f"{FILLER}\n\n{text}\n\n{FILLER}"
    scans = _Scans()
    with pytest.MonkeyPatch.context() as m:
        for mod in _suggester_modules():
            if getattr(mod, "re", None) is re:
                m.setattr(mod, "re", _counting_re(scans))
            for name, value in list(vars(mod).items()):
                if isinstance(value, re.Pattern):
                    m.setattr(mod, name, _Pattern(value, scans))
        scans.text = text
        suggest(text)
    return scans.count


@settings(max_examples=25, deadline=None)
@given(ARTICLE, st.integers(2, 4))
def test_whole_text_scans_do_not_grow_with_the_mentions(article, k):
    """An article repeated k times names every name k times as often: the facts about its
    words are the same, and so is the number of scans of the whole text."""
    once = "\n\n".join(f"{heading}\n\n{' '.join(body)}" for heading, body in article)
    repeated = "\n\n".join([once] * k)
    assert _scans_of(repeated) == _scans_of(once)


def test_a_heading_word_is_asked_about_once():
    """The case that showed it: "is 'bans' ever a noun here" at each heading naming Germany."""
    once = "Germany bans Mahan Air flights\n\nGermany said the ban would hold."
    assert _scans_of("\n\n".join([once] * 6)) == _scans_of(once)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["the", "The", "a", "its", "UK", "army", "'s", "’s", "said", "x1", "-", "Co-op",
                                 " ", "  ", "\u00a0", "\"", "“", "'", ",", "."]), max_size=14))
def test_the_word_before_matches_as_without_the_skip(parts):
    """``contexts._PREV_WORD_RE`` skips starts inside a word (``(?<!\\w)``, for speed): on any
    text before a name it finds the match the pattern without the skip finds."""
    from tui.suggest.contexts import _PREV_WORD_RE

    plain = re.compile(re.sub(r"\A\(\?<!.*?\)", "", _PREV_WORD_RE.pattern))  # the skip taken off
    assert plain.pattern != _PREV_WORD_RE.pattern
    before = "".join(parts) + " "
    got, want = _PREV_WORD_RE.search(before), plain.search(before)
    assert (got and (got.span(), got.groups())) == (want and (want.span(), want.groups()))
