"""Every key of the annotate screen, driven headless, asserting what lands in the YAML file."""

from __future__ import annotations

import pytest

from tests.app.conftest import annotate, keys, saved, search
from tests.conftest import SEED



def sel_text(scr):
    return scr.session.doc.text[scr.sel[0]:scr.sel[1]]


async def test_search_tag_save_reopen(corpus_dir):
    async with annotate(corpus_dir) as (app, pilot, scr):
        await search(pilot, "amnesty international")
        assert sel_text(scr) == "Amnesty International"
        await keys(pilot, "a", "ctrl+s")
    data = saved(corpus_dir)
    assert [(s["label"], s["start"], s["end"], s["text"]) for s in data["spans"]] == [
        ("ACTOR", 555, 576, "Amnesty International")]
    async with annotate(corpus_dir) as (app, pilot, scr):
        assert [s.text for s in scr.session.spans] == ["Amnesty International"]
        assert scr.panel.option_count == 4  # three group titles + the span


async def test_same_label_key_on_identical_span_removes_it(corpus_dir):
    async with annotate(corpus_dir) as (app, pilot, scr):
        await search(pilot, "Hun Manet")
        await keys(pilot, "a", "ctrl+s")
        assert len(saved(corpus_dir)["spans"]) == 1
        await keys(pilot, "a", "ctrl+s")
    assert saved(corpus_dir)["spans"] == []


@pytest.mark.parametrize("forward,back", [("l", "h"), ("right", "left")])
async def test_token_moves(corpus_dir, forward, back):
    async with annotate(corpus_dir) as (app, pilot, scr):
        assert sel_text(scr) == "Thousands"
        await keys(pilot, forward, forward)
        assert sel_text(scr) == "people"
        await keys(pilot, forward)
        assert sel_text(scr) == ","
        await keys(pilot, back)
        assert sel_text(scr) == "people"


@pytest.mark.parametrize("down,up", [("j", "k"), ("down", "up")])
async def test_line_moves(corpus_dir, down, up):
    async with annotate(corpus_dir, size=(120, 40)) as (app, pilot, scr):
        row0 = scr.view.row_of(scr.sel[0])
        await keys(pilot, down)
        assert scr.view.row_of(scr.sel[0]) == row0 + 1
        await keys(pilot, up)
        assert scr.view.row_of(scr.sel[0]) == row0 and sel_text(scr) == "Thousands"


async def test_sentence_page_and_ends(corpus_dir):
    async with annotate(corpus_dir, size=(80, 24)) as (app, pilot, scr):
        await keys(pilot, "right_parenthesis")
        assert sel_text(scr) == "Indonesia"
        await keys(pilot, "right_parenthesis", "left_parenthesis")
        assert sel_text(scr) == "Indonesia"
        await keys(pilot, "G")
        assert sel_text(scr) == "."
        assert scr.sel[1] == len(scr.session.doc.text.rstrip())
        await keys(pilot, "g")
        assert scr.sel == (0, 9)
        await keys(pilot, "pagedown")
        assert scr.view.row_of(scr.sel[0]) >= scr.view.scrollable_content_region.height - 2 >= 8
        assert scr.view.scroll_offset.y > 0  # the selection stays on screen
        await keys(pilot, "pageup")
        assert scr.view.row_of(scr.sel[0]) == 0
        await keys(pilot, "end", "home")
        assert scr.sel == (0, 9)


@pytest.mark.parametrize("grow_end,grow_start", [("L", "H"), ("shift+right", "shift+left")])
async def test_grow_and_shrink(corpus_dir, grow_end, grow_start):
    async with annotate(corpus_dir) as (app, pilot, scr):
        await search(pilot, "Montse")
        await keys(pilot, grow_end)
        assert sel_text(scr) == "Montse Ferrer"
        await keys(pilot, grow_start)
        assert sel_text(scr) == ", Montse Ferrer"
        await keys(pilot, "ctrl+right")
        assert sel_text(scr) == "Montse Ferrer"
        await keys(pilot, "ctrl+left")
        assert sel_text(scr) == "Montse"
        await keys(pilot, grow_end, "a", "ctrl+s")
    assert [s["text"] for s in saved(corpus_dir)["spans"]] == ["Montse Ferrer"]


async def test_char_mode_cuts_a_token(corpus_dir):
    async with annotate(corpus_dir) as (app, pilot, scr):
        await search(pilot, "$12.5")
        await keys(pilot, "v")
        assert scr.ctl.char_mode
        await keys(pilot, "ctrl+left", "ctrl+left")  # "$12." -> "$12"
        assert sel_text(scr) == "$12"
        await keys(pilot, "L")
        assert sel_text(scr) == "$12."
        await keys(pilot, "f", "ctrl+s")
    span = saved(corpus_dir)["spans"][0]
    assert (span["text"], span["label"]) == ("$12.", "FIGURE")


async def test_delete_innermost_first(corpus_dir):
    async with annotate(corpus_dir) as (app, pilot, scr):
        await search(pilot, "Amnesty International said")
        await keys(pilot, "c")  # CLAIM over the whole match
        await search(pilot, "Amnesty International")
        await keys(pilot, "a", "x", "ctrl+s")
        assert [s["label"] for s in saved(corpus_dir)["spans"]] == ["CLAIM"]
        await keys(pilot, "delete", "ctrl+s")
    assert saved(corpus_dir)["spans"] == []


async def test_edit_figure_attributes_with_the_keyboard(corpus_dir):
    from tui.app.dialogs.attrs import AttrsDialog
    from tui.schema import QUALIFIERS

    async with annotate(corpus_dir) as (app, pilot, scr):
        await search(pilot, "around 100,000 people")
        await keys(pilot, "f", "e")
        assert isinstance(app.screen, AttrsDialog)
        await keys(pilot, "ctrl+a", "ctrl+k", "1", "0", "0", ",", "0", "0", "1", "tab", "ctrl+a", "ctrl+k", *"persons",
                   "tab")
        await keys(pilot, "enter")  # on the closed qualifier list: opens it, the form stays
        assert isinstance(app.screen, AttrsDialog) and app.screen.query_one("#attr-qualifier").expanded
        await keys(pilot, "down", "enter")  # about -> the next one, and on to Save
        assert isinstance(app.screen, AttrsDialog) and app.focused.id == "dialog-save"
        await keys(pilot, "enter")  # Save
        assert not isinstance(app.screen, AttrsDialog)
        await keys(pilot, "ctrl+s")
    span = saved(corpus_dir)["spans"][0]
    after_about = QUALIFIERS[QUALIFIERS.index("about") + 1]
    assert span["attrs"] == {"value": 100001, "unit": "persons", "qualifier": after_about}


async def test_enter_on_a_closed_list_never_saves_the_form(corpus_dir):
    """Every list of the form: enter opens it (the form stays open, nothing saved), esc
    closes it again; only a text field or Save saves."""
    from tui.app.dialogs.attrs import AttrsDialog

    async with annotate(corpus_dir) as (app, pilot, scr):
        await search(pilot, "Indonesia")
        await keys(pilot, "a", "escape", "e")
        assert isinstance(app.screen, AttrsDialog) and app.focused.id == "attr-type"
        await keys(pilot, "enter")
        assert isinstance(app.screen, AttrsDialog) and app.screen.query_one("#attr-type").expanded
        await keys(pilot, "escape")  # closes the list, not the form
        assert isinstance(app.screen, AttrsDialog)
        await keys(pilot, "enter", "end", "enter")  # open, the last type, pick: on to Save
        assert app.focused.id == "dialog-save"
        await keys(pilot, "enter", "ctrl+s")
    assert saved(corpus_dir)["spans"][0]["attrs"]["type"] == scr.schema.labels["ACTOR"].attrs["type"].values[-1]


async def test_bad_number_is_refused_in_the_form(corpus_dir):
    async with annotate(corpus_dir) as (app, pilot, scr):
        await search(pilot, "1,440")
        await keys(pilot, "f", "e", "ctrl+a", "ctrl+k", "1", "e", "enter")
        from tui.app.dialogs.attrs import AttrsDialog

        assert isinstance(app.screen, AttrsDialog)  # still open: "1e" is not a number
        await keys(pilot, "escape", "ctrl+s")
    # what tagging filled in from the text stays (the unit from the counted noun after the
    # span, "1,440 Indonesian nationals"); the bad number did not land
    assert saved(corpus_dir)["spans"][0]["attrs"] == {"value": 1440, "unit": "nationals", "qualifier": "exact"}


async def test_note(corpus_dir):
    async with annotate(corpus_dir) as (app, pilot, scr):
        await search(pilot, "Jacob Sims")
        await keys(pilot, "a", "semicolon", *"Harvard fellow [bold]x[/]", "enter", "ctrl+s")
    assert saved(corpus_dir)["spans"][0]["note"] == "Harvard fellow [bold]x[/]"


async def test_attribute_a_claim_to_an_actor_and_back(corpus_dir):
    async with annotate(corpus_dir) as (app, pilot, scr):
        await search(pilot, "Amnesty International")
        await keys(pilot, "a")
        await search(pilot, "Jacob Sims")
        await keys(pilot, "a")
        await search(pilot, "it had verified")
        await keys(pilot, *["L"] * 4, "c", "r")
        from tui.app.dialogs.picker import Picker

        assert isinstance(app.screen, Picker)
        await keys(pilot, "enter")  # nearest actor first: Amnesty International
        await keys(pilot, "ctrl+s")
        data = saved(corpus_dir)
        ids = {s["id"]: s for s in data["spans"]}
        (rel,) = data["relations"]
        assert ids[rel["from"]]["label"] == "CLAIM"
        assert ids[rel["to"]]["text"] == "Amnesty International"
        # from the actor's side, type to filter, and toggle the link off
        await search(pilot, "Jacob Sims")
        await keys(pilot, "r", *"verified", "enter", "ctrl+s")
        assert len(saved(corpus_dir)["relations"]) == 2
        await search(pilot, "Jacob Sims")
        await keys(pilot, "r", "enter", "ctrl+s")
        assert len(saved(corpus_dir)["relations"]) == 1


@pytest.mark.parametrize("undo,redo", [("u", "U"), ("ctrl+z", "ctrl+y")])
async def test_undo_redo_everything(corpus_dir, undo, redo):
    async with annotate(corpus_dir) as (app, pilot, scr):
        await search(pilot, "1,440")
        await keys(pilot, "f", "e", "tab", *"people", "enter")
        assert scr.session.spans[0].attrs == {"value": 1440, "unit": "people", "qualifier": "exact"}
        await keys(pilot, undo, "ctrl+s")
        assert saved(corpus_dir)["spans"][0]["attrs"] == {"value": 1440, "unit": "nationals",
                                                          "qualifier": "exact"}  # as tagged
        await keys(pilot, undo, "ctrl+s")
        assert saved(corpus_dir)["spans"] == []
        await keys(pilot, redo, redo, "ctrl+s")
        assert saved(corpus_dir)["spans"][0]["attrs"] == {"value": 1440, "unit": "people", "qualifier": "exact"}
        await keys(pilot, "d", "ctrl+s")
        assert saved(corpus_dir)["status"] == "done"
        await keys(pilot, undo, "ctrl+s")
        assert saved(corpus_dir)["status"] == "in_progress"


async def test_tab_jumps_between_spans(corpus_dir, alice_file):
    async with annotate(corpus_dir) as (app, pilot, scr):
        await keys(pilot, "S", "tab")  # suggestions hidden: tab visits them too
        assert sel_text(scr) == "Indonesia’s embassy in Phnom Penh"
        await keys(pilot, "tab")
        assert sel_text(scr).startswith("it had received reports")
        await keys(pilot, "shift+tab")
        assert sel_text(scr) == "Indonesia’s embassy in Phnom Penh"


async def test_panel_focus_enter_edit_delete(corpus_dir, alice_file):
    async with annotate(corpus_dir) as (app, pilot, scr):
        await keys(pilot, "ctrl+o")
        assert app.focused is scr.panel
        await keys(pilot, "home", "enter")  # the first entry: the first actor
        assert app.focused is scr.view
        assert sel_text(scr) == "Indonesia’s embassy in Phnom Penh"
        await keys(pilot, "ctrl+o", "x", "ctrl+s")
        texts = [s["text"] for s in saved(corpus_dir)["spans"]]
        assert "Indonesia’s embassy in Phnom Penh" not in texts and len(texts) == 8
        assert [r["id"] for r in saved(corpus_dir)["relations"]] == ["r2"]  # r1 pointed at it
        await keys(pilot, "e")
        from tui.app.dialogs.attrs import AttrsDialog

        assert isinstance(app.screen, AttrsDialog)
        await keys(pilot, "escape")


async def test_search_n_and_N_and_curly_quotes(corpus_dir):
    async with annotate(corpus_dir) as (app, pilot, scr):
        await search(pilot, "scam compounds")
        first = scr.sel
        assert len(scr.ctl.search.matches) == 3
        await keys(pilot, "n")
        assert scr.sel[0] > first[0]
        await keys(pilot, "N")
        assert scr.sel == first
        await search(pilot, "country's")  # straight quote finds ’
        assert sel_text(scr) == "country’s"
        await keys(pilot, "slash", *"zzz", "escape")
        assert sel_text(scr) == "country’s"


async def test_space_jumps_to_next_unannotated_sentence(corpus_dir):
    async with annotate(corpus_dir) as (app, pilot, scr):
        await keys(pilot, "a", "space")  # sentence 1 now has a span
        assert sel_text(scr) == "Indonesia"
        await keys(pilot, "a", "space")
        assert sel_text(scr) == "Amnesty"


async def test_documents_next_prev_picker_and_done(corpus_dir):
    (corpus_dir / "seeds" / "zz-second.txt").write_text("A second article. Officials said 12 people left.", encoding="utf-8")
    async with annotate(corpus_dir) as (app, pilot, scr):
        await keys(pilot, "a", "right_square_bracket")
        assert scr.session.doc.id == "zz-second"
        assert saved(corpus_dir)["spans"][0]["text"] == "Thousands"  # saved on switch
        await keys(pilot, "d", "left_square_bracket")
        assert saved(corpus_dir, doc="zz-second")["status"] == "done"
        assert scr.session.doc.id == SEED
        await keys(pilot, "ctrl+f", *"zz", "enter")
        assert scr.session.doc.id == "zz-second"


async def test_autosave_without_ctrl_s(corpus_dir):
    from tui.app.screens import annotate as mod

    mod.AUTOSAVE_DELAY = 0.05
    try:
        async with annotate(corpus_dir) as (app, pilot, scr):
            await keys(pilot, "c")
            path = corpus_dir / "annotations" / SEED / "alice.yaml"
            while not path.exists():  # no deadline: on a loaded machine the timer only fires later
                await pilot.pause(0.05)
                await app.workers.wait_for_complete()
            assert saved(corpus_dir)["spans"][0]["label"] == "CLAIM"
    finally:
        mod.AUTOSAVE_DELAY = 1.0


async def test_quit_saves(corpus_dir):
    async with annotate(corpus_dir) as (app, pilot, scr):
        await keys(pilot, "f", "q")
    assert saved(corpus_dir)["spans"][0]["label"] == "FIGURE"


async def test_conflict_is_not_clobbered(corpus_dir, alice_file):
    async with annotate(corpus_dir) as (app, pilot, scr):
        theirs = alice_file.read_text().replace("UN estimate", "changed by a git pull")
        alice_file.write_text(theirs)
        await keys(pilot, "a", "ctrl+s")
        from tui.app.dialogs.confirm import Choice

        assert isinstance(app.screen, Choice)
        assert alice_file.read_text() == theirs
        await keys(pilot, "escape")
        assert alice_file.read_text() == theirs
        await keys(pilot, "ctrl+s", "o")
    assert "changed by a git pull" not in alice_file.read_text()
    assert "Thousands" in alice_file.read_text()


async def test_help_lists_the_real_bindings_and_remapped_keys(corpus_dir):
    (corpus_dir / "margin.yaml").write_text("keys:\n  tag-actor: T\n  undo: z\n", encoding="utf-8")
    async with annotate(corpus_dir) as (app, pilot, scr):
        await keys(pilot, "T", "ctrl+s")
        assert saved(corpus_dir)["spans"][0]["label"] == "ACTOR"
        await keys(pilot, "z", "ctrl+s")
        assert saved(corpus_dir)["spans"] == []
        await keys(pilot, "question_mark")
        from tui.app.dialogs.help import HelpScreen

        assert isinstance(app.screen, HelpScreen)
        groups = dict(scr.help_groups())
        assert ("T", "Actor") in groups["Tag"]
        assert any(k.startswith("z") and d == "Undo" for k, d in groups["Edit"])
        await keys(pilot, "escape")
        assert app.screen is scr


async def test_command_palette_runs_actions(corpus_dir):
    async with annotate(corpus_dir) as (app, pilot, scr):
        await keys(pilot, "ctrl+p", *"claim", "enter")
        await pilot.pause(0.2)
        await keys(pilot, "ctrl+s")
    assert saved(corpus_dir)["spans"][0]["label"] == "CLAIM"


async def test_click_selects_token(corpus_dir):
    async with annotate(corpus_dir) as (app, pilot, scr):
        await pilot.click("#article", offset=(3, 0))  # padding 1 + "Th"
        assert sel_text(scr) == "Thousands"
        await pilot.click("#article", offset=(14, 0))
        assert sel_text(scr) == "people"


async def test_ctrl_q_saves_too(corpus_dir):
    async with annotate(corpus_dir) as (app, pilot, scr):
        await keys(pilot, "c", "ctrl+q")
    assert saved(corpus_dir)["spans"][0]["label"] == "CLAIM"


async def test_switching_documents_collects_what_the_frozen_heap_left(corpus_dir):
    """The heap of an open document is frozen out of the collector; switching documents
    unfreezes and collects, so cycles left behind (a closed dialog, the old document) go."""
    import gc
    import shutil
    import weakref

    from tests.app.conftest import annotate, keys
    from tests.conftest import SEED

    shutil.copy(corpus_dir / "seeds" / f"{SEED}.txt", corpus_dir / "seeds" / "zz_second.txt")

    class Node:
        pass

    async with annotate(corpus_dir) as (app, pilot, scr):
        a, b = Node(), Node()
        a.other, b.other = b, a  # a cycle only the collector can free
        gone = weakref.ref(a)
        gc.freeze()  # as if it had been there when the document opened
        del a, b
        gc.collect()
        assert gone() is not None  # frozen: the collector does not see it
        await keys(pilot, "right_square_bracket")
        assert scr.ws.doc.id == "zz_second"
        assert gone() is None
