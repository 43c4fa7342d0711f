"""The annotate screen renders what a key changed once: one tag draws one frame, shows
the panel once and the status line once (issue 26: it was twice and three times)."""

from __future__ import annotations

from tests.app.conftest import keys, search
from tests.conftest import SEED


async def test_one_tag_draws_one_frame_and_refreshes_panel_and_status_once(corpus_dir, monkeypatch):
    from tui.app.app import MarginApp
    from tui.app.widgets.span_panel import SpanPanel
    from tui.app.widgets.status_line import StatusLine
    from tui.corpus import Corpus

    calls = {"panel": 0, "status": 0, "frames": 0}

    class Counted(MarginApp):
        def post_display_hook(self) -> None:
            super().post_display_hook()
            calls["frames"] += 1

    Counted.__module__ = MarginApp.__module__  # its CSS_PATH resolves next to the original

    panel_show, status_show = SpanPanel.show, StatusLine.show

    def count_panel(self, *a, **k):
        calls["panel"] += 1
        return panel_show(self, *a, **k)

    def count_status(self, *a, **k):
        calls["status"] += 1
        return status_show(self, *a, **k)

    from tui.app.screens import annotate as annotate_screen

    monkeypatch.setattr(annotate_screen, "AUTOSAVE_DELAY", 1e6)  # a loaded machine may outwait 1 s: no autosave
    monkeypatch.setattr(SpanPanel, "show", count_panel)
    monkeypatch.setattr(StatusLine, "show", count_status)
    app = Counted(Corpus(corpus_dir), "alice", SEED)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await search(pilot, "Amnesty International")
        await pilot.pause(0.2)
        before = dict(calls)
        await pilot.press("a")
        await pilot.pause(0.2)
        assert [s.text for s in app.screen.session.spans] == ["Amnesty International"]
        assert calls["panel"] - before["panel"] == 1
        assert calls["status"] - before["status"] == 1
        assert calls["frames"] - before["frames"] == 1
        await keys(pilot, "escape")
