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
