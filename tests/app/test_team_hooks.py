"""The team's hooks in the annotate screen (#18): the document picker lists the annotator's
assigned documents first with their progress; `?` shows the guidelines of margin.yaml; the
tag key shows the label's description."""

from __future__ import annotations

from tests.app.conftest import annotate, settle
from tests.helpers import make_corpus


def _corpus(tmp_path):
    return make_corpus(tmp_path / "c", ("a_doc", "b_doc", "c_doc")).root


async def test_the_picker_lists_my_assigned_documents_first_with_progress(tmp_path):
    from tui.cli import main

    root = _corpus(tmp_path)
    assert main(["assign", "--corpus", str(root), "alice", "bob", "--per-doc", "1", "--seed", "3"]) == 0
    from tui.team.assign import for_annotator, load
    from tui.corpus import Corpus

    mine = for_annotator(load(Corpus(root)), "alice")
    assert mine
    async with annotate(root, "alice", "a_doc") as (app, pilot, screen):
        await pilot.press("ctrl+f")
        await settle(pilot)
        picker = app.screen
        title = picker.title_text
        rows = [r[0] for r in picker.items]
        assert rows[:len(mine)] == sorted(mine)
        assert f"yours: 0 of {len(mine)} done" in title


async def test_help_shows_the_guidelines_and_tagging_shows_the_description(tmp_path):
    root = _corpus(tmp_path)
    (root / "margin.yaml").write_text(
        "labels:\n"
        "  ACTOR: {key: a, description: 'who acts or speaks; keep the determiner out',"
        " examples: {in: [Cambodian government], out: [the Cambodian government]}}\n"
        "  FIGURE: {key: f}\n  CLAIM: {key: c}\n"
        "relations: {attributed_to: {from: [CLAIM], to: [ACTOR]}}\n", encoding="utf-8")
    async with annotate(root, "alice", "a_doc") as (app, pilot, screen):
        groups = dict(screen.help_groups())
        rows = groups["Guidelines (margin.yaml)"]
        flat = " ".join(f"{k} {d}" for k, d in rows)
        assert "keep the determiner out" in flat and "Cambodian government" in flat
        await pilot.press("a")
        await settle(pilot)
        assert "ACTOR: who acts or speaks; keep the determiner out" in screen.query_one("StatusLine").text.plain


async def test_the_picker_shows_what_the_last_sync_brought(tmp_path, monkeypatch):
    """What arrived with the last margin sync (kept in the cache folder, not the corpus):
    named in the picker's title, marked on its documents."""
    from tui.team.sync_state import Arrival, SyncState, save_state

    monkeypatch.setenv("MARGIN_CACHE_DIR", str(tmp_path / "cache"))
    root = _corpus(tmp_path)
    save_state(root, SyncState.now([Arrival("b_doc", "bob", "A"), Arrival("c_doc", "", "A")], []))
    async with annotate(root, "alice", "a_doc") as (app, pilot, screen):
        await pilot.press("ctrl+f")
        await settle(pilot)
        picker = app.screen
        assert "last sync just now: 2 documents arrived from bob" in picker.title_text
        prompts = {doc: prompt.plain for doc, prompt, _ in picker.items}
        assert prompts["b_doc"].endswith("↓ from bob") and prompts["c_doc"].endswith("↓ new")
        assert "↓" not in prompts["a_doc"]
