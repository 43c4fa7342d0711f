"""Untrusted text in Markdown that margin writes (the guidelines handbook, dataset cards),
escaped by the CommonMark rules: it reads as the same characters and never becomes markup,
HTML, a link or the end of a code block.

- :func:`text`: inline text, one line, every ASCII punctuation character Markdown can act on
  backslash-escaped (CommonMark 0.31 §2.4: any ASCII punctuation may be escaped); ``_``
  inside a word and ``. , - ' "`` and the like stay as they are, so the file reads well.
- :func:`code`: a code span whose backtick fence is one longer than the longest run of
  backticks inside (§6.1), padded with a space when the content starts or ends with a
  backtick or would lose a space to the stripping rule.
- :func:`fence`: a fenced block whose fence is longer than any backtick run inside (§4.5).

Pure core; tested against markdown-it-py (CommonMark) in tests/test_markdown_safe.py.
"""

from __future__ import annotations

import re

from tui.display import one_line

_ALWAYS = re.compile(r"([\\`*\[\]<>|!~&#{}()$])")  # never literal without a backslash
_LONE_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
_LINE_START = re.compile(r"\A(\s*)([-+=:>]|[0-9]+(?=[.)]))")  # a list, heading or quote marker
_TICKS = re.compile(r"`+")


def text(value: object) -> str:
    """``value`` as inline Markdown text: one displayable line, punctuation escaped."""
    s = _ALWAYS.sub(r"\\\1", one_line(str(value)).lstrip())
    s = _LONE_UNDERSCORE.sub(r"\\_", s)
    m = _LINE_START.match(s)
    if m:
        lead, mark = m.group(1), m.group(2)
        s = lead + (mark + "\\" if mark[0].isdigit() else "\\" + mark) + s[m.end():]
    return s


def _longest_ticks(s: str) -> int:
    return max((len(m) for m in _TICKS.findall(s)), default=0)


def code(value: object) -> str:
    """``value`` as one inline code span (displayable, one line); empty text is ``text``."""
    s = one_line(str(value))
    if not s.strip(" "):
        return text(s) if s else ""
    ticks = "`" * (_longest_ticks(s) + 1)
    if s[0] == "`" or s[-1] == "`" or (s[0] == " " and s[-1] == " "):
        s = f" {s} "
    return f"{ticks}{s}{ticks}"


def fence(body: str, info: str = "") -> list[str]:
    """``body`` as the lines of a fenced code block (fence longer than any run inside)."""
    ticks = "`" * max(3, _longest_ticks(body) + 1)
    return [f"{ticks}{info}", *body.split("\n"), ticks]
