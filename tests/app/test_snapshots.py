"""What the annotate screen looks like, at 80x24 and 160x48 (pytest-textual-snapshot)."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import DATA, SEED


@pytest.fixture
def annotated(corpus_dir):
    dest = corpus_dir / "annotations" / SEED / "alice.yaml"
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(DATA / "alice.yaml", dest)
    return corpus_dir


async def settled(pilot):
    """Wait for the suggestion worker, so ghost spans are drawn in every run."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def make_app(corpus_dir):
    from tui.app.app import MarginApp
    from tui.corpus import Corpus

    return MarginApp(Corpus(corpus_dir), "alice", SEED)


class TestAnnotateScreen:
    @pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
    def test_annotated_article(self, snap_compare, annotated, size):
        assert snap_compare(make_app(annotated), run_before=settled, press=["tab", "tab"], terminal_size=size)

    def test_help_screen(self, snap_compare, annotated):
        assert snap_compare(make_app(annotated), run_before=settled, press=["question_mark"], terminal_size=(100, 40))

    def test_attrs_form(self, snap_compare, annotated):
        assert snap_compare(make_app(annotated), run_before=settled, press=["tab", "tab", "tab", "e"], terminal_size=(100, 30))

    def test_relation_picker(self, snap_compare, annotated):
        assert snap_compare(make_app(annotated), run_before=settled, press=["tab", "tab", "r"], terminal_size=(100, 30))


class TestPromptsAt80x24:
    """Every prompt's choices whole at 80x24 (issue 24.3): the question takes the key
    bar's line, abbreviated if need be, never cut."""

    @pytest.mark.parametrize("press", [
        ["slash", *"Amnesty International", "enter", "a"],  # ACTOR type?
        ["slash", *"it had verified", "enter", "full_stop", "c"],  # CLAIM status?
        ["slash", *"1,440", "enter", "f", "escape", "w"],  # the jump labels
    ], ids=["actor-type", "claim-status", "jump"])
    def test_prompt(self, snap_compare, corpus_dir, press):
        assert snap_compare(make_app(corpus_dir), run_before=settled, press=press, terminal_size=(80, 24))


UNITS_DOC = "units"
UNITS_TEXT = ("Twin blasts hit Jolo on Sunday.\n\nOfficials said the dead were fourteen civilians, five Armed Forces "
              "personnel, and one member of the Coast Guard.\n")


SAID_TEXT = ("Officials told Reuters on Monday that the port was closed. According to Amnesty International, over 1,000 "
             "people remain in 15 compounds.\n")


class TestFormsAt80x24:
    """The prompts and the form this issue added, whole at 80x24: the units a figure's
    words offer, the speaker of a claim as a one-key choice, the FIGURE form with Save."""

    def test_figure_unit_prompt(self, snap_compare, corpus_dir):
        (corpus_dir / "seeds" / f"{UNITS_DOC}.txt").write_text(UNITS_TEXT, encoding="utf-8")
        from tui.app.app import MarginApp
        from tui.corpus import Corpus

        app = MarginApp(Corpus(corpus_dir), "alice", UNITS_DOC)
        assert snap_compare(app, run_before=settled, press=["slash", *"five", "enter", "f"], terminal_size=(80, 24))

    def test_claim_speaker_prompt(self, snap_compare, annotated):
        press = ["slash", *"it had verified", "enter", "full_stop", "c", "1"]  # status answered: who said it?
        assert snap_compare(make_app(annotated), run_before=settled, press=press, terminal_size=(80, 24))

    def test_claim_status_and_speaker_in_one_line(self, snap_compare, annotated):
        """A status preselected and the speaker after it: enter takes both, the line names both."""
        press = ["slash", *"it had verified", "enter", "full_stop", "c"]
        assert snap_compare(make_app(annotated), run_before=settled, press=press, terminal_size=(80, 24))

    def test_actor_type_and_the_claim_it_said_in_one_line(self, snap_compare, corpus_dir):
        """The claim before its speaker: tagging the speaker offers its type and the claim."""
        (corpus_dir / "seeds" / f"{UNITS_DOC}.txt").write_text(SAID_TEXT, encoding="utf-8")
        from tui.app.app import MarginApp
        from tui.corpus import Corpus

        app = MarginApp(Corpus(corpus_dir), "alice", UNITS_DOC)
        press = ["S", "slash", *"Reuters", "enter", "a", "2", "escape", "slash", *"over 1,000", "enter", "comma", "c",
                 "2", "escape", "slash", *"Amnesty", "enter", "L", "a"]
        assert snap_compare(app, run_before=settled, press=press, terminal_size=(80, 24))

    def test_figure_form(self, snap_compare, annotated):
        assert snap_compare(make_app(annotated), run_before=settled, press=["tab", "tab", "tab", "e"],
                            terminal_size=(80, 24))


async def on_a_linked_suggestion(pilot):
    """The actor a suggested claim is attributed to accepted, the claim selected: the status
    line names the relation accepting it would bring."""
    await settled(pilot)
    scr = pilot.app.screen
    sug = scr.ctl.suggesting
    claim, actor_key = next((g, link[2]) for g in sug.ghosts.live() if g.label == "CLAIM"
                            for link in sug.links_for([g]) if link[1] == g.key)
    scr.render_change(scr.ctl.select(actor_key[0], actor_key[1]))
    await pilot.press("enter")
    scr.render_change(scr.ctl.select(claim.start, claim.end))
    await pilot.pause()


def test_a_suggestion_names_its_relation_at_80x24(snap_compare, corpus_dir):
    assert snap_compare(make_app(corpus_dir), run_before=on_a_linked_suggestion, terminal_size=(80, 24))
