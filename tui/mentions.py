"""Where the next name or number is: the motion that reaches a likely span in one key.

Most actors are names ("Prime Minister Hun Manet", "United States Institute of Peace",
"UN") and most figures hold a number, so ``m`` selects the next *mention*, ``M`` the
previous: a run of capitalised words (joined by "of", "for", "de", ... where a capitalised
word follows; a possessive "’s" ends it), or a number (digits, or a number
word: "Thousands", "half", "12.5 billion"). A sentence's first word that only starts it ("The",
"In", "He"; ``tokens.STARTERS``) is no name. Pure (no Textual), over ``tui.tokens``.
"""

from __future__ import annotations

from tui.tokens import STARTERS, TokenIndex

LINKS = frozenset("of for de du del der des la le al el bin van von da di".split())  # not "and", "in": "UK and US"
NUMBER_WORDS = frozenset("""one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
    hundreds thousand thousands million millions billion billions trillion dozen dozens half score scores""".split())
MAX_TOKENS = 12  # a name longer than this is cut: the next key grows it


def _has(tokens: TokenIndex, i: int) -> bool:
    """Token ``i`` exists (a lazy index finds more tokens as needed)."""
    while i >= len(tokens.tokens):
        last = tokens.tokens[len(tokens.tokens) - 1][1] if len(tokens.tokens) else 0
        if tokens.after(last) is None:
            return False
    return i >= 0


def _word(tokens: TokenIndex, i: int) -> str:
    a, b = tokens.tokens[i]
    return tokens.text[a:b]


def _capital(word: str) -> bool:
    return word[:1].isupper() and word.lower() not in STARTERS


def _number(word: str) -> bool:
    return any(c.isdigit() for c in word) or word.lower() in NUMBER_WORDS


def _joined(tokens: TokenIndex, i: int) -> bool:
    """Tokens ``i`` and ``i + 1`` both exist, a space apart on one line."""
    return i >= 0 and _has(tokens, i + 1) and tokens.text[tokens.tokens[i][1]:tokens.tokens[i + 1][0]] == " "


def _run_end(tokens: TokenIndex, i: int) -> int:
    """The last token of the name starting at token ``i`` (a capitalised word)."""
    last = j = i
    while j - i < MAX_TOKENS and _joined(tokens, j):
        word = _word(tokens, j + 1)
        if _capital(word):
            last = j = j + 1
        elif word.lower() in LINKS and _joined(tokens, j + 1) and _capital(_word(tokens, j + 2)):
            last = j = j + 2
        else:
            break
    return last


def _starts_mention(tokens: TokenIndex, i: int) -> bool:
    """Token ``i`` starts a mention: a number, or a capitalised word that does not
    continue a name before it."""
    word = _word(tokens, i)
    if _number(word):
        return not (_joined(tokens, i - 1) and _number(_word(tokens, i - 1)))  # "12.5 billion" is one
    if not _capital(word) or not _joined(tokens, i - 1):
        return _capital(word)
    before = _word(tokens, i - 1)
    if _capital(before):
        return False
    return not (before.lower() in LINKS and _joined(tokens, i - 2) and _capital(_word(tokens, i - 2)))


def _number_end(tokens: TokenIndex, i: int) -> int:
    """The last token of the number starting at token ``i``: "12.5 billion", "two million"."""
    while _joined(tokens, i) and _word(tokens, i + 1).lower() in NUMBER_WORDS:
        i += 1
    return i


def _mention(tokens: TokenIndex, i: int) -> tuple[int, int]:
    last = _number_end(tokens, i) if _number(_word(tokens, i)) else _run_end(tokens, i)
    return tokens.tokens[i][0], tokens.tokens[last][1]


def mention(tokens: TokenIndex, start: int, delta: int) -> tuple[int, int] | None:
    """The ``delta``-th mention after (before, ``delta`` < 0) the token at ``start``, as
    (start, end); None when there is none that far."""
    i = tokens.token_at(start)
    if i < 0:
        return None
    step, found = (1 if delta > 0 else -1), None
    for _ in range(abs(delta)):
        i += step
        while _has(tokens, i) and not _starts_mention(tokens, i):
            i += step
        if not _has(tokens, i):
            return found
        found = _mention(tokens, i)
    return found
