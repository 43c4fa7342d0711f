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
