"""The review screen driven headless: every key, asserting what lands in gold.yaml."""

from __future__ import annotations

import contextlib
from dataclasses import replace

import pytest
import yaml

from tests.app.conftest import keys
from tests.conftest import SEED
from tests.test_agree import build_team
from tui import store
from tui.review.adjudication import ACCEPTED, OPEN, REJECTED, Group, RelationItem
from tui.cli import main
from tui.corpus import Corpus


@pytest.fixture
def team(corpus_dir):
    """alice, bob and carol on the seed (see tests/test_agree.build_team): on it, review visits
    ACTOR 310 (alice+carol long, bob short), ACTOR 538 (bob only), 555 (ACTOR alice+bob, CLAIM
    carol), FIGURE 598 (qualifier 'at least' vs carol's 'about'), the relation alice and bob
    drew at 1619, FIGURE 3194 (no bob)."""
    build_team(corpus_dir)
    return corpus_dir


@contextlib.asynccontextmanager
async def review(corpus_dir, doc=SEED, annotators=None, auto_accept=None, size=(120, 36)):
    """Run the review app headless; yields (app, pilot, screen)."""
    from tui.app.review_app import ReviewApp

    app = ReviewApp(Corpus(corpus_dir), doc, annotators, auto_accept)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        yield app, pilot, app.screen


def gold_file(corpus_dir, doc=SEED):
    return corpus_dir / "annotations" / doc / "gold.yaml"


def gold(corpus_dir, doc=SEED) -> dict:
    """gold.yaml as PyYAML's safe loader reads it (what other tools see)."""
    return yaml.safe_load(gold_file(corpus_dir, doc).read_text(encoding="utf-8"))


def by_place(data) -> dict:
    return {(s["start"], s["end"], s["label"]): s for s in data["spans"]}


def at(scr) -> int | None:
    item = scr.current
    return item.start if isinstance(item, Group) else item.source.start if item else None


async def test_agreed_spans_are_accepted_with_provenance(team):
    async with review(team, annotators=["alice", "bob"]) as (app, pilot, scr):
        assert scr.title == SEED and "alice, bob" in scr.sub_title
        assert at(scr) == 310
        await keys(pilot, "ctrl+s")
    data = gold(team)
    assert data["annotator"] == "gold" and data["status"] == "in_progress"
    assert len(data["spans"]) == 7 and all(s["from"] == ["alice", "bob"] for s in data["spans"])
    assert all("edited" not in s for s in data["spans"])
    spans = {s["id"]: s for s in data["spans"]}
    [rel] = data["relations"]  # both drew CLAIM 1619 -> The UN; 349 -> 310 waits for the ACTOR
    assert (spans[rel["from"]]["start"], spans[rel["to"]]["text"]) == (1619, "The UN")
    doc = Corpus(team).document(SEED)
    store.load(gold_file(team), Corpus(team).schema, doc)  # validates


async def test_n_and_N_move_between_open_disagreements(team):
    async with review(team) as (app, pilot, scr):
        assert at(scr) == 310
        assert (scr.view.selection.start, scr.view.selection.end) == (310, 343)
        await keys(pilot, "n")
        assert at(scr) == 538 and (scr.view.selection.start, scr.view.selection.end) == (538, 553)
        assert (538, 553) in scr.view.matches  # open disagreements are marked in the article
        await keys(pilot, "n", "n", "n")
        assert isinstance(scr.current, RelationItem) and at(scr) == 1619
        await keys(pilot, "n", "n")
        assert at(scr) == 310  # wraps
        await keys(pilot, "N")
        assert at(scr) == 3194
        await keys(pilot, "N", "N", "N", "x")  # reject 555: n now skips it
        assert (555, 576) not in scr.view.matches
        await keys(pilot, "N", "N", "n")
        assert at(scr) == 538
        await keys(pilot, "n")
        assert at(scr) == 598


async def test_digits_accept_candidate_n(team):
    async with review(team) as (app, pilot, scr):
        await keys(pilot, "2")  # bob's short ACTOR; the cursor moves on
        assert at(scr) == 538 and "accepted 2" in scr.message
        await keys(pilot, "9")
        assert "no candidate 9" in scr.message and at(scr) == 538
        await keys(pilot, "n", "2")  # 555: carol's CLAIM instead of the ACTOR
        assert at(scr) == 598
    spans = by_place(gold(team))
    assert spans[(310, 329, "ACTOR")]["from"] == ["bob"]
    assert (310, 343, "ACTOR") not in spans
    assert spans[(555, 576, "CLAIM")]["from"] == ["carol"] and (555, 576, "ACTOR") not in spans
    assert (538, 553, "ACTOR") not in spans  # 9 changed nothing
    # alice's and carol's relation 349 -> 310 still reaches bob's shorter ACTOR: same group
    data = gold(team)
    ids = {s["id"]: s for s in data["spans"]}
    assert {(ids[r["from"]]["start"], ids[r["to"]]["start"]) for r in data["relations"]} == {(349, 310)}


async def test_j_k_highlight_and_enter_accepts_it(team):
    async with review(team) as (app, pilot, scr):
        await keys(pilot, "j")
        assert scr.cand == 1 and (scr.view.selection.start, scr.view.selection.end) == (310, 329)
        await keys(pilot, "k", "k")  # wraps to the last candidate
        assert scr.cand == 1
        await keys(pilot, "enter")
    assert by_place(gold(team))[(310, 329, "ACTOR")]["from"] == ["bob"]


async def test_tab_visits_decided_items_and_plus_adds_a_candidate(team):
    async with review(team) as (app, pilot, scr):
        await keys(pilot, "1", "shift+tab")  # back to the accepted ACTOR (n only visits open ones)
        assert at(scr) == 310 and scr.adj.state(scr.current) == ACCEPTED and scr.cand == 0
        await keys(pilot, "j")
        await pilot.press("plus")  # bob's shorter version too (keys() would type "plus")
        await pilot.pause()
        # the claim's relation is one item (everyone linked it to this ACTOR): no new item
        assert at(scr) == 538 and len(scr.adj.to_review()) == 6
    data = gold(team)
    spans = by_place(data)
    assert spans[(310, 343, "ACTOR")]["from"] == ["alice", "carol"] and spans[(310, 329, "ACTOR")]["from"] == ["bob"]
    ids = {s["id"]: s for s in data["spans"]}
    assert {(ids[r["from"]]["start"], ids[r["to"]]["end"]) for r in data["relations"]} == {(349, 343)}


async def test_x_rejects_the_whole_group(team):
    async with review(team) as (app, pilot, scr):
        group = scr.current
        await keys(pilot, "x")
        assert scr.adj.state(group) == REJECTED and at(scr) == 538
    data = gold(team)
    assert not [s for s in data["spans"] if s["start"] == 310]
    assert data["relations"] == []  # 349 -> 310 went with its actor


async def test_shift_x_rejects_with_a_reason_kept_in_the_gold(team):
    async with review(team) as (app, pilot, scr):
        group = scr.current
        await keys(pilot, "X")
        await keys(pilot, "only bob's short span is right; see guideline 3", "enter")
        assert scr.adj.state(group) == REJECTED and at(scr) == 538
    data = gold(team)
    assert data["format"] == "margin/2"
    reasons = [d.get("reason") for d in data["decisions"] if d.get("start") == 310]
    assert len(reasons) == 2 and set(reasons) == {"only bob's short span is right; see guideline 3"}  # both places
    async with review(team) as (app, pilot, scr):  # resumed: still rejected, with its reason
        assert at(scr) == 538
        rejected = [it for it in scr.adj.to_review() if scr.adj.state(it) == REJECTED]
        assert [scr.adj.reason(it) for it in rejected] == ["only bob's short span is right; see guideline 3"]


async def test_e_edits_attributes(team):
    from tui.app.dialogs.attrs import AttrsDialog

    async with review(team) as (app, pilot, scr):
        await keys(pilot, "n", "n", "n", "e")  # FIGURE 598, candidate 1 (alice, bob)
        assert isinstance(app.screen, AttrsDialog)
        await keys(pilot, "end", "backspace", "backspace", "1", "6", "ctrl+s")
        assert app.screen is scr and scr.draft.attrs["value"] == 16
        assert (scr.view.selection.start, scr.view.selection.end) == (598, 627)
        await keys(pilot, "x")  # decision keys are off while editing
        assert scr.draft is not None and scr.adj.state(scr.draft.group) == OPEN
        await keys(pilot, "enter")
        assert scr.draft is None and at(scr) == 1619
    span = by_place(gold(team))[(598, 627, "FIGURE")]
    assert span["edited"] is True and span["from"] == ["alice", "bob"]
    assert span["attrs"] == {"value": 16, "unit": "videos and images", "qualifier": "at least"}


async def test_e_changes_bounds(team):
    async with review(team) as (app, pilot, scr):
        await keys(pilot, "e")  # same attributes in both versions: no form, straight to the bounds
        assert app.screen is scr and scr.draft is not None
        await keys(pilot, "ctrl+left")  # drop "Penh"
        assert (scr.draft.start, scr.draft.end) == (310, 338)
        assert (scr.view.selection.start, scr.view.selection.end) == (310, 338)
        await keys(pilot, "L", "H")
        text = scr.adj.doc.text
        assert (scr.draft.start, scr.draft.end) == (text.index(".\nIndonesia"), 343)
        await keys(pilot, "ctrl+right", "ctrl+left", "enter")
        assert at(scr) == 538
    short = by_place(gold(team))[(310, 338, "ACTOR")]
    assert (short["text"], short["edited"], short["from"]) == ("Indonesia’s embassy in Phnom", True, ["alice", "carol"])
    assert short["attrs"] == {"type": "government"}


async def test_e_changes_the_label_and_esc_cancels(team):
    async with review(team) as (app, pilot, scr):
        await keys(pilot, "n", "e", "c", "enter")  # bob's ACTOR 538, made a CLAIM
        assert at(scr) == 555
        await keys(pilot, "e", "escape")  # cancelled: nothing decided
        assert scr.draft is None and scr.adj.state(scr.current) == OPEN
    claim = by_place(gold(team))[(538, 553, "CLAIM")]
    assert claim["edited"] is True and claim["from"] == ["bob"] and "attrs" not in claim


async def test_a_note_with_markup_is_shown_and_kept_literally(team):
    corpus = Corpus(team)
    doc = corpus.document(SEED)
    path = corpus.annotation_path(SEED, "bob")
    bob = store.load(path, corpus.schema, doc).annotation
    bob = replace(bob, spans=[s.with_(note="[bold red]check[/] [@click=app.quit]x[/]") if s.start == 310 else s
                              for s in bob.spans])
    path.write_text(store.dumps(bob), encoding="utf-8")
    async with review(team) as (app, pilot, scr):
        prompt = scr.candidates.get_option_at_index(1).prompt.text
        assert "[bold red]check[/] [@click=app.quit]x[/]" in prompt.plain
        await keys(pilot, "2")
        assert app.is_running
    assert by_place(gold(team))[(310, 329, "ACTOR")]["note"] == "[bold red]check[/] [@click=app.quit]x[/]"


@pytest.mark.parametrize("undo,redo", [("u", "U"), ("ctrl+z", "ctrl+y")])
async def test_undo_redo(team, undo, redo):
    async with review(team) as (app, pilot, scr):
        await keys(pilot, "1", "x")
        assert at(scr) == 555
        await keys(pilot, undo)
        assert at(scr) == 538 and scr.adj.state(scr.current) == OPEN
        await keys(pilot, undo)
        assert at(scr) == 310
        assert not [s for s in gold(team)["spans"] if s["start"] == 310]  # saved at once
        await keys(pilot, redo)
        assert scr.adj.state(scr.current) == ACCEPTED
        assert by_place(gold(team))[(310, 343, "ACTOR")]["from"] == ["alice", "carol"]
        await keys(pilot, "o")  # reopen
        assert scr.adj.state(scr.current) == OPEN
        await keys(pilot, undo)
        assert scr.adj.state(scr.current) == ACCEPTED


async def test_undo_and_redo_give_back_the_saved_golds(team):
    """Undo and redo are the gold draft's (one EditSession): undoing each decision saves
    the gold saved before it, byte for byte but the time; redoing saves them again."""
    import re

    def saved() -> str:
        return re.sub(r"updated: .*\n", "", gold_file(team).read_text(encoding="utf-8"))

    async with review(team) as (app, pilot, scr):
        await keys(pilot, "ctrl+s")
        golds = [saved()]
        for key in ("1", "x", "2", "1", "1", "x"):  # 310, 538, 555, 598, the relation at 1619, 3194
            await keys(pilot, key)
            golds.append(saved())
        assert scr.adj.open_count() == 0 and len(set(golds)) == len(golds)
        for want in reversed(golds[:-1]):
            await keys(pilot, "u")
            assert saved() == want
        await keys(pilot, "u")
        assert "nothing to undo" in scr.message
        for want in golds[1:]:
            await keys(pilot, "U")
            assert saved() == want
        assert scr.adj.open_count() == 0


async def test_resume_from_an_existing_gold(team):
    async with review(team) as (app, pilot, scr):
        await keys(pilot, "1", "x", "q")
    assert not app.is_running
    first = gold(team)
    assert first["status"] == "in_progress"
    async with review(team) as (app, pilot, scr):
        # the accepted ACTOR stays; the rejection is kept in the gold (margin/2), so the
        # resumed review starts at the next open item and 538 stays rejected
        assert first["format"] == "margin/2" and first["decisions"][0]["start"] == 538
        assert at(scr) == 555 and scr.adj.open_count() == 4
        assert scr.adj.state(scr.adj.groups[0]) == ACCEPTED
        assert scr.adj.state(next(g for g in scr.adj.groups if g.start == 538)) == REJECTED
        await keys(pilot, "1", "2", "1", "1")  # 555 598 relation 3194
        assert scr.adj.open_count() == 0 and "the gold is done" in scr.message
    data = gold(team)
    assert data["status"] == "done"
    kept = by_place(first)[(310, 343, "ACTOR")]
    assert by_place(data)[(310, 343, "ACTOR")]["id"] == kept["id"]  # ids survive a resume
    assert len({s["id"] for s in data["spans"]}) == len(data["spans"]) == 9
    assert by_place(data)[(598, 627, "FIGURE")]["from"] == ["carol"]
    from tui.app.screens.review import open_review

    adj = open_review(Corpus(team), SEED).adj  # what the screen would start from
    assert adj.open_count() == 0 and adj.state(next(g for g in adj.groups if g.start == 538)) == REJECTED


async def test_done_only_when_nothing_is_open(team):
    async with review(team) as (app, pilot, scr):
        await keys(pilot, "n", "d")
        assert "6 item(s) still open" in scr.message and at(scr) == 555
        await keys(pilot, "N", "N", *"111111")
        assert scr.adj.open_count() == 0
        await keys(pilot, "d")
        assert scr.message.startswith("gold is done")
    data = gold(team)
    assert data["status"] == "done" and len(data["relations"]) == 2
    assert all(s.get("from") for s in data["spans"])


async def test_a_gold_changed_on_disk_is_never_clobbered(team):
    from tui.app.dialogs.confirm import Choice

    async with review(team) as (app, pilot, scr):
        await keys(pilot, "ctrl+s")
        path = gold_file(team)
        theirs = path.read_text(encoding="utf-8").replace("updated: ", "updated: 2030-01-01T00:00:00Z\n# ", 1)
        path.write_text(theirs, encoding="utf-8")
        await keys(pilot, "1")
        assert isinstance(app.screen, Choice) and path.read_text(encoding="utf-8") == theirs
        await keys(pilot, "escape", "x")  # decisions go on, unsaved
        assert path.read_text(encoding="utf-8") == theirs and scr.conflict
        await keys(pilot, "ctrl+s", "o")
        assert not scr.conflict
    spans = by_place(gold(team))
    assert (310, 343, "ACTOR") in spans and (538, 553, "ACTOR") not in spans


async def test_reload_from_disk_on_conflict(team):
    async with review(team) as (app, pilot, scr):
        await keys(pilot, "2")
        path = gold_file(team)
        path.write_text(path.read_text(encoding="utf-8").replace("status: in_progress", "status: done"),
                        encoding="utf-8")
        await keys(pilot, "x", "r")
        assert scr.adj.open_count() == 0 and not scr.conflict  # the file on disk says done
    assert (538, 553, "ACTOR") not in by_place(gold(team))


async def test_review_a_single_colleague_line_by_line(team):
    async with review(team, annotators=["alice"]) as (app, pilot, scr):
        assert not scr.adj.auto_accept and "Span 1 of 11" in str(scr.query_one("#item-title").render())
        await keys(pilot, *["1"] * 11)  # 9 spans and 2 relations, in the article's order
        assert scr.adj.open_count() == 0
    data = gold(team)
    assert data["status"] == "done" and len(data["spans"]) == 9 and len(data["relations"]) == 2
    assert all(s["from"] == ["alice"] for s in data["spans"])


async def test_click_on_a_disagreement_goes_there(team):
    async with review(team) as (app, pilot, scr):
        row = scr.view.row_of(598)
        col = scr.view.layout_rows.column_of(598) + 1  # + the padding
        await pilot.click("#article", offset=(col + 1, row))
        assert at(scr) == 598


async def test_help_screen_lists_the_review_keys(team):
    from tui.app.dialogs.help import HelpScreen

    async with review(team) as (app, pilot, scr):
        await keys(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        groups = dict(app.screen.groups)
        assert ("x", "Reject") in groups["Decide"] and ("u, ^z", "Undo") in groups["Decide"]
        assert [d for k, d in groups["Decide"] if k == "1-9"] == [
            "Accept candidate N (1-9): gold gets it and nothing else from here"]
        assert any(d == "Grow at end" for _, d in groups["Edit a candidate (after e)"])
        await keys(pilot, "escape")
        assert app.screen is scr


async def test_everyone_agrees_nothing_to_review(corpus_dir, alice_file):
    bob = alice_file.with_name("bob.yaml")
    bob.write_text(alice_file.read_text(encoding="utf-8").replace("annotator: alice", "annotator: bob"),
                   encoding="utf-8")
    async with review(corpus_dir) as (app, pilot, scr):
        assert scr.current is None and scr.adj.open_count() == 0
        await keys(pilot, "1", "x", "n", "q")
    assert not gold_file(corpus_dir).exists()  # no decision, nothing written
    async with review(corpus_dir) as (app, pilot, scr):
        await keys(pilot, "d")
        assert scr.message.startswith("gold is done")
    data = gold(corpus_dir)
    assert data["status"] == "done" and len(data["spans"]) == 9 and len(data["relations"]) == 2


async def test_a_broken_file_stops_with_its_problem(team):
    bob = team / "annotations" / SEED / "bob.yaml"
    bob.write_text(bob.read_text(encoding="utf-8").replace("start: 310", "start: nope", 1), encoding="utf-8")
    async with review(team) as (app, pilot, scr):
        pass
    assert app.return_code == 1 and "bob.yaml:" in app.error and "start" in app.error
    assert not gold_file(team).exists()


# ---------------------------------------------------------------------------- the command


@pytest.fixture
def launched(monkeypatch):
    """Calls of run_review instead of opening the screen."""
    from tui.app import review_app

    calls = []
    monkeypatch.setattr(review_app, "run_review", lambda *a: calls.append(a) or 0)
    return calls


def test_command_picks_the_first_document_with_two_annotators(team, launched, capsys):
    assert main(["review", "--corpus", str(team)]) == 0
    assert launched[-1][1:] == ("000_84bba73946586575", None, None)
    from tui.model import Annotation
    from tui.store import atomic_write, dumps

    gold = Annotation.new(Corpus(team).document(SEED), "gold")
    gold.status = "done"
    atomic_write(gold_file(team), dumps(gold).encode())  # a finished gold, as the store reads it
    assert main(["review", "--corpus", str(team)]) == 0
    assert launched[-1][1] == "doc2"
    assert main(["review", "doc2", "--corpus", str(team), "--annotators", "alice", "--no-auto-accept"]) == 0
    assert launched[-1][1:] == ("doc2", ["alice"], False)


@pytest.mark.parametrize("argv,message", [
    (["--annotators", "carol"], "no document has 2 or more annotators (carol)"),
    (["doc2", "--annotators", "alice,carol"], "carol.yaml: no such file (carol has not annotated 'doc2')"),
    (["nope"], "nope.txt: no such document 'nope'"),
    (["--annotators", "alice,gold"], "gold is what review writes"),
    (["../x"], "invalid document id"),
])
def test_command_errors(team, launched, capsys, argv, message):
    assert main(["review", "--corpus", str(team), *argv]) == 1
    err = capsys.readouterr().err
    assert err.startswith("margin: ") and message in err and "Traceback" not in err
    assert launched == []


def test_command_with_nobody_on_the_document(corpus_dir, launched, capsys):
    assert main(["review", SEED, "--corpus", str(corpus_dir)]) == 1
    assert "nobody has annotated" in capsys.readouterr().err
