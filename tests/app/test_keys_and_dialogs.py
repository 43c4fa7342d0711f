"""The key table and the dialogs: docs/keys.md is the table, the palette shows the keys
in force, and no dialog lets a control character of a value reach the terminal."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.app.conftest import annotate, keys
from tui.app.bindings import keys_markdown

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = st.lists(st.sampled_from(["\x1b", "\x1b]0;pwned\x07", "\x9b", "\x9d", "\x07", "\x00", "\r", "\t", "\n",
                                     "\u202e", "[b]x[/b]", "a", "é", " ", "\x1b]2;x\x1b\\", "\x1b[2J", "\x90", "\x85"]),
                   min_size=1, max_size=8).map("".join)
BAD = set(range(0x00, 0x20)) | {0x7F} | set(range(0x80, 0xA0))


def test_docs_keys_is_generated_from_the_table():
    assert (ROOT / "docs" / "keys.md").read_text(encoding="utf-8") == keys_markdown(), \
        "run: python -m tui.app.bindings > docs/keys.md"


async def test_palette_shows_remapped_keys_and_hides_disabled(corpus_dir):
    (corpus_dir / "margin.yaml").write_text("keys:\n  undo: z\n", encoding="utf-8")
    async with annotate(corpus_dir) as (app, pilot, scr):
        from tui.app.palette import MarginCommands

        provider = MarginCommands(scr)
        titles = [t for t, _ in provider._commands()]
        assert "Undo (z)" in titles and not any(t.startswith("Undo (u") for t in titles)
        assert not any(t.startswith("Next match") for t in titles)  # no search yet: check_action
        await keys(pilot, "slash", *"scam", "enter")
        assert any(t.startswith("Next match (n)") for t, _ in provider._commands())


def _strips_text(screen) -> str:
    from textual.geometry import Region

    out = []
    for widget in screen.query("*"):
        if not widget.display or widget.size.area == 0:
            continue
        for strip in widget.render_lines(Region(0, 0, widget.size.width, widget.size.height)):
            out.append("".join(seg.text for seg in strip))
    return "".join(out)


@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
@given(values=st.lists(HOSTILE, min_size=3, max_size=3))
def test_no_control_character_reaches_a_dialog(tmp_path_factory, values):
    import asyncio
    import shutil

    from tests.conftest import SEED
    from tui.app.dialogs.attrs import AttrsDialog
    from tui.app.dialogs.confirm import Choice
    from tui.app.dialogs.text_prompt import TextPrompt
    from tui.model import make_span

    corpus = tmp_path_factory.mktemp("hostile")
    (corpus / "seeds").mkdir()
    shutil.copy(ROOT / "seeds" / f"{SEED}.txt", corpus / "seeds")

    async def go():
        async with annotate(corpus, doc=SEED) as (app, pilot, scr):
            span = make_span(scr.ws.doc.text, "s1", "FIGURE", 0, 9, attrs={"unit": values[0], "value": 1},
                             note=values[1])
            for dialog in (AttrsDialog(span, scr.schema.labels["FIGURE"]), TextPrompt(values[1], values[2]),
                           Choice(values[0], values[2], [("o", "x", values[1])])):
                app.push_screen(dialog)
                await pilot.pause()
                await keys(pilot, *"ab")  # typing shows through the same path
                shown = _strips_text(app.screen)
                assert not [hex(ord(c)) for c in shown if ord(c) in BAD]
                app.pop_screen()
                await pilot.pause()

    asyncio.run(go())


async def test_key_bar_keeps_help_tags_search_and_done_at_80_columns(corpus_dir):
    """The layout rule of the key bar: at 80 columns the keys that do not fit go first,
    never Help, the tag keys, Search, Done or Quit (issue 24.3)."""
    from tui.app.widgets.key_bar import KeyBar

    async with annotate(corpus_dir, size=(80, 24)) as (app, pilot, scr):
        line = scr.query_one(KeyBar).render().plain
        assert len(line) <= 80
        for shown in ("? Help", "q Quit", "a Actor", "f Figure", "c Claim", "/ Search", "d Done"):
            assert shown in line, (shown, line)


async def test_key_bar_shows_the_keys_in_force_and_a_click_runs_one(corpus_dir):
    """The one-line key bar: remapped keys, not the defaults; a click on a key runs it."""
    (corpus_dir / "margin.yaml").write_text("keys:\n  undo: z\n", encoding="utf-8")
    async with annotate(corpus_dir) as (app, pilot, scr):
        from tui.app.widgets.key_bar import KeyBar

        bar = scr.query_one(KeyBar)
        line = bar.render().plain
        assert " z Undo " in line and " u Undo " not in line and "? Help" in line
        await keys(pilot, "a")  # tag the first token: its type is asked on the key bar's line
        assert len(scr.session.spans) == 1 and "type?" in bar.render().plain
        await keys(pilot, "escape")  # the keys again
        x0, _, _, _ = next(h for h in bar._hits if h[3] == "undo")
        await pilot.click(KeyBar, offset=(x0 + 1, 0))
        await pilot.pause()
        assert scr.session.spans == []  # the click undid the tag


async def test_review_key_bar_groups_the_digits(corpus_dir):
    from tests.conftest import SEED
    from tests.test_agree import build_team
    from tui.app.review_app import ReviewApp
    from tui.app.widgets.key_bar import KeyBar

    app = ReviewApp(build_team(corpus_dir), SEED)
    async with app.run_test(size=(140, 36)) as pilot:
        await pilot.pause()
        line = app.screen.query_one(KeyBar).render().plain
        assert "1–9 accept" in line and "Accept candidate N" not in line
