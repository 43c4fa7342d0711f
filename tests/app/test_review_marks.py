"""The review screen marks how bound candidates differ: the words one has and the other
lacks, in the candidate list; candidate numbers follow the annotators, not span length."""

from __future__ import annotations

from tests.app.test_review import at, review, team  # noqa: F401 (fixture)
from tui.app.widgets.candidate_marks import EXTRA, MISSING


def _styled(text, style: str) -> list[str]:
    return [text.plain[s.start:s.end] for s in text.spans if str(s.style) == style]


async def test_the_words_one_candidate_has_and_the_other_lacks_are_marked(team):  # noqa: F811
    async with review(team) as (app, pilot, scr):
        assert at(scr) == 310  # ACTOR: alice and carol drew it long, bob short
        long_, short = scr.current.candidates
        assert long_.annotators == ("alice", "carol") and short.annotators == ("bob",)
        box = scr.candidates
        first = box.get_option_at_index(0).prompt.text  # the Text a Hanging shows
        second = box.get_option_at_index(1).prompt.text
        extra = long_.span.text[:len(long_.span.text) - len(short.span.text)].strip() \
            if long_.span.text.endswith(short.span.text) else None
        marked = _styled(first, EXTRA)
        assert marked and all(w in long_.span.text and w not in short.span.text for w in marked)
        if extra is not None:
            assert marked == [extra]
        assert _styled(second, EXTRA) == []
        lacks = _styled(second, MISSING)
        assert lacks[0] == "\n   lacks: " and all(f"“{w}”" in lacks[1] for w in marked)
        assert "lacks" not in first.plain


async def test_the_differing_words_are_marked_in_the_article(team):  # noqa: F811
    """The marks layer of the article view: the words alice and carol have and bob lacks
    (“in Phnom Penh”) are marked in the article itself, styled article--mark; moving to an
    item without bound differences clears them."""
    from rich.style import Style

    from tests.app.conftest import keys

    async with review(team) as (app, pilot, scr):
        long_, short = scr.current.candidates
        marks = scr.view.marks
        assert marks and all(long_.span.start <= a < b <= long_.span.end for a, b in marks)
        marked = " ".join(scr.adj.doc.text[a:b] for a, b in marks)
        assert "Phnom Penh" in marked and "embassy" not in marked
        mark_style = scr.view.get_component_rich_style("article--mark", partial=True)
        row = scr.view.row_of(marks[0][0])
        strip = scr.view.render_line(row - scr.view.scroll_offset.y)
        styled = "".join(seg.text for seg in strip if seg.style and mark_style.bold and seg.style.bold
                         and seg.style.underline)
        assert "Phnom" in styled
        await keys(pilot, "n")  # 538: one candidate, nothing differs
        assert scr.view.marks == []
        assert isinstance(mark_style, Style)
