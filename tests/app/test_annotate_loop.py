"""The annotate loop on a real-looking article (issue 24), driven headless and asserted on
the saved file or the screen: what is live, the prompt's keys, the team's habits, who is
the speaker, the status line's counts."""

from __future__ import annotations

import pytest

from tests.app.conftest import keys, saved, search, settle

TEXT = ("Police in Phnom Penh said about 1,440 Indonesian nationals were rescued. "
        "“They were held for months,” Maria Ferrer told Reuters on Monday. "
        "According to Amnesty International, over 1,000 people remain in 15 compounds. "
        "Officials said 39 are confirmed dead.\n")
DOC = "wire"


@pytest.fixture
def wire(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / f"{DOC}.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "annotations").mkdir()
    return tmp_path


def team_file(root, doc_text: str, spans: list[tuple[str, str, dict]]) -> None:
    """Another annotator's file of another document: the team's habits."""
    from tui import store
    from tui.model import Annotation, Document, make_span

    (root / "seeds" / "other.txt").write_text(doc_text, encoding="utf-8")
    doc = Document("other", doc_text)
    made = []
    for i, (label, words, attrs) in enumerate(spans):
        s = doc_text.index(words)
        made.append(make_span(doc_text, f"s{i + 1}", label, s, s + len(words), attrs=attrs))
    ann = Annotation("other", doc.sha256, len(doc_text), "bob", spans=made)
    (root / "annotations" / "other").mkdir(parents=True, exist_ok=True)
    (root / "annotations" / "other" / "bob.yaml").write_text(store.dumps(ann), encoding="utf-8")


async def opened(root, size=(120, 40)):
    from tui.app.app import MarginApp
    from tui.corpus import Corpus

    return MarginApp(Corpus(root), "alice", DOC)


def spans_of(root):
    return [(s["label"], s["text"], s.get("attrs") or {}) for s in saved(root, "alice", DOC)["spans"]]


async def test_a_digit_then_a_move_is_a_count_not_an_answer(wire):
    """``c 2 l``: a claim, then two tokens on; status is not set (it was 7 keys to undo)."""
    app = await opened(wire)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        scr = app.screen
        await search(pilot, "They were held for months")
        await keys(pilot, "c", "2")
        assert "a move now counts 2" in scr.query_one("StatusLine").plain
        await keys(pilot, "l", "ctrl+s")
        assert scr.ws.doc.text[scr.sel[0]:scr.sel[1]] == "”"  # "," then "”"
    assert spans_of(wire) == [("CLAIM", "They were held for months", {})]


async def test_what_the_team_never_fills_is_not_asked(wire):
    team_file(wire, "Officials said it. Police said it. Rescuers came. Bob spoke. Ann wrote. Ed ran.",
              [("ACTOR", w, {}) for w in ("Officials", "Police", "Rescuers", "Bob", "Ann", "Ed")])
    app = await opened(wire)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        scr = app.screen
        await search(pilot, "Maria Ferrer")
        await keys(pilot, "a")
        assert not scr.ctl.prompt and "type?" not in scr.query_one("StatusLine").plain
        await keys(pilot, "2", "l", "ctrl+s")  # so a digit is a count at once
        assert scr.ws.doc.text[scr.sel[0]:scr.sel[1]] == "Reuters"
    assert spans_of(wire) == [("ACTOR", "Maria Ferrer", {})]


async def test_a_figure_takes_the_teams_unit_in_one_key_and_no_exact(wire):
    """The figure reader fills value, qualifier and the counted noun as unit; a qualifier
    the team never writes ("exact" of a bare number) is left out; where nothing is
    counted, the team's own units are one key away."""
    other = "At least 20 people died. 5 homes burned. 3 boats sank. Some 40 people fled. 9 people left. 2 homes fell."
    team_file(wire, other, [("FIGURE", w, a) for w, a in (
        ("At least 20", {"value": 20, "unit": "people", "qualifier": "at least"}), ("5", {"value": 5, "unit": "homes"}),
        ("3", {"value": 3, "unit": "boats"}), ("Some 40", {"value": 40, "unit": "people", "qualifier": "about"}),
        ("9", {"value": 9, "unit": "people"}), ("2", {"value": 2, "unit": "homes"}))])
    app = await opened(wire)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        scr = app.screen
        await search(pilot, "1,000")
        await keys(pilot, "H", "f")  # "over 1,000" (people): nothing lacks; what the tag read is one digit from another
        assert [(c.attr, c.preselected) for c in scr.ctl.prompt.choices] == [("qualifier", "more than")]
        await search(pilot, "15")
        await keys(pilot, "f")  # "15" (compounds): no qualifier word, no "exact"
        await search(pilot, "39")
        await keys(pilot, "f")  # nothing counted after it: the team's units, most used first
        assert scr.ctl.prompt.first.attr == "unit" and scr.ctl.prompt.first.values[:2] == ("people", "homes")
        await keys(pilot, "1", "ctrl+s")
    got = {text: attrs for _, text, attrs in spans_of(wire)}
    assert got["over 1,000"] == {"value": 1000, "qualifier": "more than", "unit": "people"}
    assert got["15"] == {"value": 15, "unit": "compounds"}
    assert got["39"] == {"value": 39, "unit": "people"}


async def test_r_lists_the_speaker_first(wire):
    from tui.app.dialogs.picker import Picker

    app = await opened(wire)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for words in ("Maria Ferrer", "Reuters"):
            await search(pilot, words)
            await keys(pilot, "a", "escape")
        await search(pilot, "They were held for months")
        await keys(pilot, "c", "escape", "r")
        assert isinstance(app.screen, Picker)
        await keys(pilot, "enter", "ctrl+s")  # the first listed
    rels = saved(wire, "alice", DOC)["relations"]
    by_id = {s["id"]: s["text"] for s in saved(wire, "alice", DOC)["spans"]}
    assert [(r["label"], by_id[r["from"]], by_id[r["to"]]) for r in rels] == [
        ("attributed_to", "They were held for months", "Maria Ferrer")]


async def test_tagging_over_a_nested_suggestion_retires_it_and_tab_skips_it(wire):
    app = await opened(wire)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        scr = app.screen
        ghosts = scr.view.ghosts
        nested = [g for g in ghosts if any(o is not g and o.start <= g.start and g.end <= o.end for o in ghosts)]
        assert nested, "the rules suggest spans nested in others here"
        g = nested[0]
        before = scr.ctl.suggesting.pending
        assert f"{before} suggested" in scr.query_one("StatusLine").plain
        scr.select(max(0, g.start - 1) if TEXT[g.start - 1:g.start] != " " else g.start, g.end)
        await keys(pilot, *("f" if g.label == "FIGURE" else "a" if g.label == "ACTOR" else "c"), "escape")
        assert g.key not in {x.key for x in scr.view.ghosts}
        assert scr.ctl.suggesting.pending < before
        live = {x.key for x in scr.view.ghosts}
        seen = set()
        for _ in range(len(live) + len(scr.session.spans) + 2):
            await keys(pilot, "tab")
            here = scr.ctl.ghost_at()
            if scr.session.current(*scr.sel) is None or scr.session.current(*scr.sel).start != scr.sel[0]:
                assert here is not None and here.key in live
            seen.add(scr.sel)


async def test_one_match_is_singular(wire):
    app = await opened(wire)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await search(pilot, "Reuters")
        assert "1 match " in app.screen.query_one("StatusLine").plain + " "
        assert "1 matches" not in app.screen.query_one("StatusLine").plain
