"""tui.markdown_safe against a real CommonMark parser (markdown-it-py): any text, put in
margin's Markdown as text or as a code span, reads back as exactly that text, and never
as HTML, a link or markup."""

from __future__ import annotations

import html

from hypothesis import given, settings, strategies as st
from markdown_it import MarkdownIt

from tui.display import one_line
from tui.markdown_safe import code, fence, text

MD = MarkdownIt("commonmark")
# Markdown's own characters, often: the generator must hit backtick runs, <, &, *, _, list marks
MARKDOWNISH = st.text(alphabet=st.sampled_from(list("`*_[]()<>&#!|\\-+=.:1 aZ~{}$\"'")) | st.characters(),
                      max_size=40)


def inline_tokens(md: str):
    tokens = MD.parse(md)
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"], md
    return tokens[1].children


@settings(max_examples=400, deadline=None)
@given(MARKDOWNISH)
def test_text_reads_back_as_the_same_characters(s):
    want = one_line(s).strip()
    if not want:
        return
    for prefix in ("x ", ""):  # inside a line, and starting one (a list, heading, quote marker?)
        children = inline_tokens(prefix + text(s))
        assert all(c.type in ("text", "softbreak") for c in children), [c.type for c in children]
        got = "".join(c.content for c in children)
        assert got.rstrip() == prefix + want


@settings(max_examples=400, deadline=None)
@given(MARKDOWNISH)
def test_code_span_holds_exactly_the_text(s):
    want = one_line(s)
    if not want.strip(" "):
        return
    children = [c for c in inline_tokens("x " + code(s) + " y") if c.type != "text" or c.content.strip()]
    spans = [c for c in children if c.type == "code_inline"]
    assert len(spans) == 1, [(c.type, c.content) for c in children]
    assert spans[0].content == want


def test_the_reported_script_stays_literal():
    value = "p` <script>alert(7)</script> `q"
    out = MD.render("- " + code(value) + "\n")
    assert "<script>" not in out and html.escape("<script>") in out


@given(st.text(alphabet=st.sampled_from(list("`a\n ~")), max_size=30))
def test_fence_is_never_closed_from_inside(body):
    tokens = MD.parse("\n".join(fence(body, "yaml")) + "\n")
    blocks = [t for t in tokens if t.type == "fence"]
    assert len(blocks) == 1 and blocks[0].content == body + "\n"
