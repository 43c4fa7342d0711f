"""The dashboard screen: snapshots at 80x24 and 160x48 on a generated team corpus, and
enter on a document opening the review screen (q comes back)."""

from __future__ import annotations

import pytest

from bench import gen


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("MARGIN_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def team_corpus(tmp_path):
    return gen.team(tmp_path / "corpus", docs=30)


def make_app(root):
    from tui.app.dashboard_app import DashboardApp
    from tui.corpus import Corpus

    return DashboardApp(Corpus(root))


async def loaded(pilot):
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


class TestDashboardScreen:
    @pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
    def test_team_halfway(self, snap_compare, team_corpus, size):
        assert snap_compare(make_app(team_corpus), run_before=loaded, terminal_size=size)


async def test_enter_reviews_the_worst_document_and_q_comes_back(team_corpus):
    from tui.app.screens.dashboard import DashboardScreen
    from tui.app.screens.review import ReviewScreen

    app = make_app(team_corpus)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        dash = app.screen
        assert isinstance(dash, DashboardScreen)
        worst = dash.team.worst()
        assert worst[0].count >= worst[-1].count > 0
        await pilot.press("down", "enter")  # the second worst
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen) and app.screen.doc_id == worst[1].document
        await pilot.press("x", "q")  # reject one disagreement; q saves and comes back
        await loaded(pilot)
        assert app.screen is dash and app.is_running
        assert dash.team.gold_done == 0
        gold = team_corpus / "annotations" / worst[1].document / "gold.yaml"
        assert gold.read_text().startswith("format: margin/2\n")


async def test_settled_and_synced_documents_are_marked(team_corpus):
    """A document whose gold is done says so (and goes last); what the last margin sync
    brought is named in the status line and marked in the list; 1 document is singular."""
    from tui.team.sync_state import Arrival, SyncState, save_state

    app = make_app(team_corpus)
    async with app.run_test(size=(120, 30)) as pilot:
        await loaded(pilot)
        worst = app.screen.team.worst(50)
    settled, arrived = worst[0].document, worst[1].document
    src = sorted((team_corpus / "annotations" / settled).iterdir())[0]
    text = src.read_text().replace(f"annotator: {src.stem}", "annotator: gold")
    (src.parent / "gold.yaml").write_text(text.replace("status: in_progress", "status: done"))
    save_state(team_corpus, SyncState.now([Arrival(arrived, "bob", "M")], []))
    app = make_app(team_corpus)
    async with app.run_test(size=(160, 30)) as pilot:
        await loaded(pilot)
        dash = app.screen
        assert settled in dash.team.settled
        rows = [str(dash.query_one("#worst").get_option_at_index(i).prompt)
                for i in range(dash.query_one("#worst").option_count)]
        assert "✓ settled" in rows[-1] and settled in rows[-1]
        assert any(arrived in r and "↓ new" in r for r in rows)
        status = str(dash.query_one("#dash-status").render())
        assert "last sync just now: 1 document arrived from bob" in status


def test_one_document_is_singular():
    from tui.app.screens.dashboard import _period, plural

    assert plural(1, "document") == "1 document" and plural(2, "document") == "2 documents"
    assert _period("2026-11-25T10") == "25 Nov 10:00" and _period("2026-11-02") == "2 Nov"
