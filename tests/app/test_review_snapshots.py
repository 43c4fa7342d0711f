"""What the review screen looks like at 120x36 (pytest-textual-snapshot)."""

from __future__ import annotations

from tests.conftest import SEED
from tests.test_agree import build_team


def test_review_attribute_disagreement(snap_compare, corpus_dir):
    """Three annotators; the third disagreement (a FIGURE's qualifier) is current."""
    from tui.app.review_app import ReviewApp

    app = ReviewApp(build_team(corpus_dir), SEED)
    assert snap_compare(app, press=["1", "x", "n"], terminal_size=(120, 36))
