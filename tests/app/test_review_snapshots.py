"""What the review screen looks like at 120x36 (pytest-textual-snapshot)."""

from __future__ import annotations

from tests.conftest import SEED
from tests.test_agree import build_team


def test_review_attribute_disagreement(snap_compare, corpus_dir):
    """Three annotators; the third disagreement (a FIGURE's qualifier) is current."""
    from tui.app.review_app import ReviewApp

    app = ReviewApp(build_team(corpus_dir), SEED)
    assert snap_compare(app, press=["1", "x", "n"], terminal_size=(120, 36))


class TestReviewAt80x24:
    """Every prompt and draft of the review screen readable on the smallest terminal."""

    def _app(self, corpus_dir):
        from tui.app.review_app import ReviewApp

        return ReviewApp(build_team(corpus_dir), SEED)

    def test_open_disagreement(self, snap_compare, corpus_dir):
        assert snap_compare(self._app(corpus_dir), terminal_size=(80, 24))

    def test_edit_draft(self, snap_compare, corpus_dir):
        assert snap_compare(self._app(corpus_dir), press=["e"], terminal_size=(80, 24))

    def test_single_candidate(self, snap_compare, corpus_dir):
        assert snap_compare(self._app(corpus_dir), press=["n"], terminal_size=(80, 24))

    def test_drawing_a_span_nobody_drew(self, snap_compare, corpus_dir):
        assert snap_compare(self._app(corpus_dir), press=["l", "L"], terminal_size=(80, 24))

    def test_own_span_added(self, snap_compare, corpus_dir):
        assert snap_compare(self._app(corpus_dir), press=["l", "a"], terminal_size=(80, 24))

    def test_reject_why_prompt(self, snap_compare, corpus_dir):
        assert snap_compare(self._app(corpus_dir), press=["X"], terminal_size=(80, 24))

    def test_link_picker(self, snap_compare, corpus_dir):
        assert snap_compare(self._app(corpus_dir), press=["l", "c", "r"], terminal_size=(80, 24))

    def test_relation_item(self, snap_compare, corpus_dir):
        """The claim at 1619: alice's and bob's link, carol's none, one item."""
        assert snap_compare(self._app(corpus_dir), press=["n", "n", "n", "n"], terminal_size=(80, 24))


async def test_the_key_bar_keeps_reject_edit_and_undo_at_80_columns(corpus_dir):
    """At 80 columns the decision keys and undo stay in the key bar (N, redo and save go
    first, then the palette shows its key alone); every key fits the line."""
    from tui.app.review_app import ReviewApp
    from tui.app.widgets.key_bar import KeyBar

    app = ReviewApp(build_team(corpus_dir), SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar).render().plain
        for key in ("? Help", "q Quit", "n Next open", "1–9 accept", "x Reject", "e Edit", "u Undo", "d Done"):
            assert key in bar
        assert len(bar) <= 80 and bar.rstrip().endswith("^p")
