"""The one tokenisation used by the cursor, the CoNLL export and agreement.

Tokens are words (letters/digits, keeping inner ``.``, ``,``, ``-`` and apostrophes as in
``12.5``, ``1,440``, ``US-based``, ``don't``), the possessive ``'s``/``’s`` on its own (as
spaCy does: ``Indonesia`` ``’s``), or single punctuation characters.
Sentences end at ``.``, ``!``, ``?`` (with closing quotes/brackets) followed by
whitespace, or at a line break, except (``_is_break``):

- before a word starting with a lowercase letter or a digit (``"Why?" she asked``,
  ``Acme Corp. said``, ``at 5 p.m. on Monday``);
- after a title that precedes a name (``Dr.``, ``Mr.``, ``Gen.``, ``No.``);
- after an abbreviation (``Corp.``, ``Inc.``, ``etc.``, ``Jan.``) or an initialism
  (``U.S.``, ``p.m.``, ``J.``), unless the next word is one that starts sentences
  (``The``, ``He``, ``But``...): ``the U.S. Embassy`` stays one sentence, ``in the U.S.
  The next day`` is two.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import chain

TOKEN_RE = re.compile(r"\w+(?:[.,\-]\w+)*(?:['’](?![sS]\b)\w+)*|['’][sS]\b|[^\w\s]", re.UNICODE)
_SENT_END_RE = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)|\n")
TITLES = frozenset("""mr mrs ms mx dr prof sr jr st mt ft gen col lt capt sgt cpl maj adm cmdr gov sen rep
    pres rev hon fr sr sra no nos art sec vol ch pp fig figs""".split())
ABBREVIATIONS = frozenset("""corp inc ltd co bros plc llc dept univ assn ave blvd rd est approx etc vs cf al
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun""".split())
STARTERS = frozenset("""the a an he she it they we i you his her its their our this that these those there
    here but and or so yet if when while after before in on at for from as by with however meanwhile
    police officials authorities""".split())
_INITIALISM = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]\Z")  # U.S (its last period is the match), p.m, J
_WORD_BEFORE = re.compile(r"[\w.]+\Z")
_NEXT_WORD = re.compile(r"\s*[\"'“‘(\[]*(\w*)")


def _is_break(text: str, m: re.Match) -> bool:
    """Does the sentence-end candidate ``m`` really end a sentence?"""
    if m.group() == "\n":
        return True
    after = _NEXT_WORD.match(text, m.end())  # always matches (every part is optional)
    nxt = after.group(1) if after else ""
    if nxt[:1].islower() or nxt[:1].isdigit():
        return False
    punct = m.group().rstrip("\"'”’)]")
    if punct != ".":
        return True
    before = _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
    word = before.group() if before else ""
    if word.lower() in TITLES:
        return False
    if word.lower() in ABBREVIATIONS or _INITIALISM.fullmatch(word) and (len(word) > 1 or word.isupper()):
        return nxt.lower() in STARTERS
    return True


def tokenize(text: str) -> list[tuple[int, int]]:
    """Token (start, end) offsets, in order."""
    return [m.span() for m in TOKEN_RE.finditer(text)]


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets, trimmed of surrounding whitespace, in order."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _SENT_END_RE.finditer(text):
        if not _is_break(text, m):
            continue
        _add_trimmed(text, pos, m.end(), out)
        pos = m.end()
    _add_trimmed(text, pos, len(text), out)
    return out


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) without the whitespace at either end: margin's one definition of
    whitespace, ``str.isspace`` (what the tokenizer's ``\\s`` skips), so trimming never
    drops a token. Used by sentences, the editor's spans and the review's bounds."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _add_trimmed(text: str, start: int, end: int, out: list) -> None:
    start, end = trimmed(text, start, end)
    if start < end:
        out.append((start, end))


class Spans:
    """A compact read-only sequence of (start, end) pairs kept in two int arrays
    (a 1 MB article has ~200,000 tokens: tuples would cost ~25 MB, arrays ~3 MB)."""

    __slots__ = ("starts", "ends")

    def __init__(self, starts: array, ends: array):
        self.starts = starts
        self.ends = ends

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, i: int) -> tuple[int, int]:
        return self.starts[i], self.ends[i]

    def __iter__(self):
        return zip(self.starts, self.ends)


class TokenIndex:
    """Tokens and sentences of one text, with O(log n) lookups.

    ``lazy``: tokens are found a slice at a time (``SLICE`` characters, cut after a
    newline: no token spans one) as far as a question needs, as the article view wraps
    rows; the methods below answer exactly either way. ``starts``/``ends``/``tokens``
    hold the tokens found so far: read them directly only after ``complete()``."""

    SLICE = 16_000

    def __init__(self, text: str, *, lazy: bool = False):
        self.text = text
        self.starts = array("q")
        self.ends = array("q")
        self._done = 0  # the tokens of text[:_done] are found
        self.tokens = Spans(self.starts, self.ends)
        self._sentences: list[tuple[int, int]] | None = None
        self._sentence_starts: list[int] = []
        if not lazy:
            self.complete()

    # -- finding tokens --------------------------------------------------------------------
    @property
    def is_complete(self) -> bool:
        return self._done >= len(self.text)

    def _grow(self, chars: int) -> None:
        text, start = self.text, self._done
        stop = start + chars
        nl = text.find("\n", stop) if stop < len(text) else -1
        end = len(text) if nl == -1 else nl + 1
        flat = array("q", chain.from_iterable(m.span() for m in TOKEN_RE.finditer(text, start, end)))
        self.starts.extend(flat[0::2])
        self.ends.extend(flat[1::2])
        self._done = end

    def complete(self) -> "TokenIndex":
        if not self.is_complete:
            self._grow(len(self.text))
        return self

    def ensure(self, offset: int) -> None:
        """Find the tokens up to and including the one holding ``offset``."""
        while self._done <= offset and not self.is_complete:
            self._grow(self.SLICE)

    def _more(self) -> bool:
        """Find the next slice; False when there is none."""
        if self.is_complete:
            return False
        self._grow(self.SLICE)
        return True

    # -- questions ---------------------------------------------------------------------------
    def after(self, offset: int) -> tuple[int, int] | None:
        """The first token starting at or after ``offset``."""
        self.ensure(offset)
        while True:
            i = bisect_left(self.starts, offset)
            if i < len(self.starts):
                return self.tokens[i]
            if not self._more():
                return None

    def before(self, offset: int) -> tuple[int, int] | None:
        """The last token ending at or before ``offset``."""
        self.ensure(offset)
        i = bisect_right(self.ends, offset) - 1
        return self.tokens[i] if i >= 0 else None

    def last(self) -> tuple[int, int] | None:
        self.complete()
        return self.tokens[len(self.tokens) - 1] if len(self.tokens) else None

    def token_at(self, offset: int) -> int:
        """Index of the token holding ``offset`` or the next one after it (clamped)."""
        self.ensure(offset)
        i = bisect_right(self.ends, offset)
        while i == len(self.ends) and self._more():
            i = bisect_right(self.ends, offset)
        return min(i, len(self.tokens) - 1) if self.tokens else -1

    def token_before(self, offset: int) -> int:
        """Index of the last token starting before ``offset`` (or -1)."""
        self.ensure(offset)
        return bisect_left(self.starts, offset) - 1

    @property
    def sentences(self) -> list[tuple[int, int]]:
        """The sentences, found on first use: opening a 1 MB article does not need them,
        and finding them is as much work again as the tokens."""
        if self._sentences is None:
            found = sentences(self.text)
            self._sentence_starts = [s for s, _ in found]
            self._sentences = found
        return self._sentences

    @property
    def sentence_starts(self) -> list[int]:
        self.sentences  # noqa: B018 (found on first use)
        return self._sentence_starts

    def sentence_at(self, offset: int) -> int:
        return max(0, bisect_right(self.sentence_starts, offset) - 1)

    def tokens_in(self, start: int, end: int) -> range:
        """Indexes of tokens overlapping [start, end)."""
        self.ensure(max(start, end - 1))
        return range(bisect_right(self.ends, start), bisect_left(self.starts, end))


@lru_cache(maxsize=8)
def token_index(text: str) -> TokenIndex:
    return TokenIndex(text)
