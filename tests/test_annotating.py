"""The annotate controller without an app (no Pilot, no Textual): each key returns one
``Changed``; what is live among suggestions; the prompt's digits; who said it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.annotating import Annotating
from tui.annotating.habits import habits_of
from tui.annotating.speakers import relate_candidates
from tui.model import Annotation, Document, make_span
from tui.schema import DEFAULT_SCHEMA
from tui.store import AnnotationFile
from tui.suggest import Suggestions
from tui.workspace import workspace_of

TEXT = ("Police in Phnom Penh said about 1,440 Indonesian nationals were rescued. "
        "“They were held for months,” Maria Ferrer told Reuters on Monday. "
        "According to Amnesty International, 15 compounds remain open.")


def controller(text: str = TEXT, ghosts=()) -> Annotating:
    doc = Document("d", text)
    ann = Annotation(doc_id="d", sha256=doc.sha256, chars=len(text), annotator="t")
    ws = workspace_of(doc, ann, AnnotationFile(None, None))  # type: ignore[arg-type]
    ctl = Annotating(ws, DEFAULT_SCHEMA)
    if ghosts:
        ctl.set_suggestions(Suggestions(spans=list(ghosts)))
    return ctl


def at(ctl: Annotating, words: str) -> tuple[int, int]:
    i = ctl.text.index(words)
    ctl.select(i, i + len(words))
    return i, i + len(words)


def test_a_tag_returns_one_change_the_screen_renders():
    ctl = controller()
    at(ctl, "Maria Ferrer")
    ch = ctl.tag("ACTOR")
    assert ch.edited and ch.selection and ch.spans == (ctl.sel.start, ctl.sel.end)
    (span,) = ctl.session.spans
    assert (span.label, span.text) == ("ACTOR", "Maria Ferrer") and ctl.on_span == span.id
    assert ctl.prompt and ctl.prompt.first.attr == "type"


def test_a_digit_after_a_tag_then_a_motion_is_a_count_not_an_answer():
    """``c 2 l`` is "claim, then two tokens on"; ``c 2 x`` answers the prompt."""
    ctl = controller()
    at(ctl, "They were held for months")
    ctl.tag("CLAIM")
    ctl.digit(2)
    assert ctl.session.spans[0].attrs.get("status") is not None  # answered at once, shown
    end = ctl.sel.end
    ctl.move("token", 1)
    assert ctl.session.spans[0].attrs.get("status") is None  # taken back: it was a count
    assert ctl.sel.start > end and ctl.text[ctl.sel.start:ctl.sel.end] == "”"  # two tokens on: ",", "”"
    ctl.undo()
    assert ctl.session.spans == []  # the count left no undo step behind: undo removes the tag


def test_a_digit_then_another_key_keeps_the_answer():
    ctl = controller()
    at(ctl, "Maria Ferrer")
    ctl.tag("ACTOR")
    ctl.digit(1)
    ctl.jump_span(1)  # tab moves on: "tag, 1, tab" is the common loop
    assert ctl.session.spans[0].attrs == {"type": "person"} and ctl.count == 0


def test_one_then_a_motion_keeps_the_answer_and_moves_one():
    """A count of one is no count: ``a 1 l`` answers the first value and moves one token;
    a digit of 2-9 then a motion stays a count."""
    ctl = controller()
    at(ctl, "Maria Ferrer")
    ctl.tag("ACTOR")
    ctl.digit(1)
    end = ctl.sel.end
    ctl.move("token", 1)
    assert ctl.session.spans[0].attrs == {"type": "person"} and ctl.text[ctl.sel.start:ctl.sel.end] == "told"
    assert ctl.sel.start == end + 1


def test_a_digit_the_choice_has_no_value_for_is_a_count():
    """Two actors to choose from and ``5 l``: five tokens on, nothing answered."""
    ctl = controller()
    for words in ("Maria Ferrer", "Reuters"):
        at(ctl, words)
        ctl.tag("ACTOR")
    at(ctl, "They were held for months")
    ctl.tag("CLAIM")
    ctl.digit(1)  # status
    assert ctl.prompt.first.attr == "attributed_to" and len(ctl.prompt.first.values) == 2
    five_on = ctl.ws.cursor.token(ctl.sel, 5, False)
    ctl.digit(5)
    ctl.move("token", 1)
    assert not ctl.session.annotation.relations and ctl.sel == five_on


def test_quiet_attributes_are_not_prompted():
    ctl = controller()
    ann = Annotation(doc_id="x", sha256="", chars=0, annotator="o",
                     spans=[make_span(TEXT, f"s{i}", "ACTOR", 0, 6) for i in range(6)])
    ctl.habits = habits_of([ann])
    assert ctl.habits.quiet("ACTOR", "type")
    at(ctl, "Maria Ferrer")
    ctl.tag("ACTOR")
    assert not ctl.prompt


def test_accept_stays_on_the_suggestion_and_a_resize_never_brings_it_back():
    actor = make_span(TEXT, "g1", "ACTOR", TEXT.index("Maria"), TEXT.index("Maria") + len("Maria Ferrer"))
    ctl = controller(ghosts=[actor])
    ctl.select(actor.start, actor.end)
    ctl.accept()
    assert ctl.sel.as_tuple() == (actor.start, actor.end) and ctl.on_span is not None
    assert ctl.suggesting.pending == 0
    ctl.shrink("end")
    assert ctl.session.spans[0].text == "Maria"
    assert ctl.suggesting.pending == 0 and ctl.suggesting.at(actor.start, actor.end) is None
    ctl.undo()
    ctl.undo()
    assert ctl.suggesting.pending == 1  # undoing the accept makes it live again


labels = st.sampled_from(["ACTOR", "FIGURE", "CLAIM"])


@settings(max_examples=60, deadline=None)
@given(ghosts=st.lists(st.tuples(st.integers(0, 180), st.integers(1, 19), labels), min_size=1, max_size=8),
       edits=st.lists(st.tuples(st.sampled_from(["tag", "accept", "grow", "shrink", "undo", "tab", "reject"]),
                                st.integers(0, 200), st.integers(1, 30), labels), max_size=12))
def test_what_is_live_after_any_edit(ghosts, edits):
    """After any sequence of edits: a suggestion is live iff not rejected, no span has its
    bounds and no span of its label overlaps it; the pending count says how many; tab
    never stops on a dead one."""
    spans = [make_span(TEXT, f"g{i}", lab, s, min(s + n, len(TEXT))) for i, (s, n, lab) in enumerate(ghosts)]
    ctl = controller(ghosts=spans)
    for op, s, n, lab in edits:
        if op in ("tag", "accept", "reject"):
            ctl.select(s, min(s + n, len(TEXT)))
            {"tag": lambda: ctl.tag(lab), "accept": ctl.accept, "reject": ctl.reject}[op]()
        elif op in ("grow", "shrink"):
            getattr(ctl, op)("end")
        elif op == "undo":
            ctl.undo()
        else:
            ctl.jump_span(1)
            if ctl.message != "no spans yet":  # tab stops on a span or a live suggestion only
                real = ctl.session.current(*ctl.sel.as_tuple())
                g = ctl.suggesting.ghosts.at(*ctl.sel.as_tuple())
                assert (real is not None and (real.start, real.end) == ctl.sel.as_tuple()) or (
                    g is not None and gs_live(ctl, g))
    sess, gs = ctl.session, ctl.suggesting.ghosts
    live = [g for g in gs.spans if g.key not in gs.rejected and not sess.has_bounds(g.start, g.end)
            and not any(sp.label == g.label and sp.overlaps(g.start, g.end) for sp in sess.spans)]
    assert list(gs.live()) == live
    assert ctl.suggesting.pending == len(live)


def gs_live(ctl: Annotating, g) -> bool:
    return ctl.suggesting.ghosts.is_live(g)


def test_r_lists_the_speaker_the_reporting_verb_names_first():
    ctl = controller()
    for words in ("Police", "Maria Ferrer", "Reuters", "Amnesty International"):
        at(ctl, words)
        ctl.tag("ACTOR")
    at(ctl, "They were held for months")
    ctl.tag("CLAIM")
    claim = ctl.session.spans[-1] if ctl.session.spans[-1].label == "CLAIM" else next(
        s for s in ctl.session.spans if s.label == "CLAIM")
    order = relate_candidates(TEXT, claim, [s for s in ctl.session.spans if s.label == "ACTOR"])
    assert order[0].text == "Maria Ferrer"  # not Reuters, the nearest, whom she told
    at(ctl, "15 compounds remain open")
    ctl.tag("CLAIM")
    claim2 = next(s for s in ctl.session.spans if s.text == "15 compounds remain open")
    order = relate_candidates(TEXT, claim2, [s for s in ctl.session.spans if s.label == "ACTOR"])
    assert order[0].text == "Amnesty International"




def test_a_digit_after_an_answer_keeps_it_and_starts_a_count():
    ctl = controller()
    at(ctl, "Maria Ferrer")
    ctl.tag("ACTOR")
    ctl.digit(1)
    ctl.digit(2)
    ctl.move("token", 1)
    assert ctl.session.spans[0].attrs == {"type": "person"}
    assert ctl.text[ctl.sel.start:ctl.sel.end] == "Reuters"  # two tokens on: "told", "Reuters"


def test_the_words_before_a_claim_or_a_figure_fill_what_they_state():
    """"The FSB denies the two explosions are related": status denied; "within two
    miles": at most (the figure reader's cue); "said" states neither."""
    text = "The FSB denies the two explosions are related, within two miles of each other. Police said it burned."
    ctl = controller(text)
    at(ctl, "the two explosions are related")
    ctl.tag("CLAIM")
    at(ctl, "two miles")
    ctl.shrink("end")
    ctl.tag("FIGURE")
    at(ctl, "it burned")
    ctl.tag("CLAIM")
    got = {s.text: s.attrs for s in ctl.session.spans}
    assert got["the two explosions are related"] == {"status": "denied"}
    assert got["two"]["qualifier"] == "at most" and got["two"]["unit"] == "miles"
    assert "status" not in got["it burned"]


def test_accepting_a_figure_fills_what_its_words_state_and_it_lacks():
    """A model's figure suggestion without a qualifier: accepting it reads "up to" like a
    tag would; what the suggestion says wins where both say something."""
    text = "Buildings can only be constructed up to four floors in Delhi."
    i = text.index("up to four")
    ghost = make_span(text, "g1", "FIGURE", i, i + len("up to four"), attrs={"value": 4, "unit": "storeys"})
    ctl = controller(text, ghosts=[ghost])
    ctl.select(ghost.start, ghost.end)
    ctl.accept()
    (span,) = ctl.session.spans
    assert span.attrs == {"value": 4, "unit": "storeys", "qualifier": "up to"}


def claim_after_speakers(speakers=("Maria Ferrer", "Reuters")) -> Annotating:
    """Actors tagged, one claim with status "reported" (the one the next claim preselects),
    and a claim just tagged: "They were held for months"."""
    ctl = controller()
    for words in speakers:
        at(ctl, words)
        ctl.tag("ACTOR")
        ctl.cancel()
    at(ctl, "15 compounds remain open")
    ctl.tag("CLAIM")
    ctl.digit(2)  # reported
    ctl.cancel()
    at(ctl, "They were held for months")
    ctl.tag("CLAIM")
    return ctl


def claim_state(ctl: Annotating, words: str = "They were held for months"):
    span = next(s for s in ctl.session.spans if s.text == words)
    by_id = {s.id: s.text for s in ctl.session.spans}
    return span.attrs, [(r.label, by_id[r.target]) for r in ctl.session.relations_of(span.id)]


def test_enter_keeps_the_shown_status_and_takes_the_speaker_the_line_names():
    """One line, one key: "status? … ⏎ reported, by 'Maria Ferrer'"; enter writes both,
    as named, and nothing is asked after."""
    ctl = claim_after_speakers()
    assert ctl.prompt.first.attr == "status" and ctl.prompt.first.preselected == "reported"
    assert ctl.prompt.chained() is ctl.prompt.choices[1]
    line = ctl.prompt.text(79)
    assert "1:asserted 2:reported 3:disputed 4:denied ⏎ reported, by 'Maria Ferrer'" in line
    ctl.choose_preselected()
    assert claim_state(ctl) == ({"status": "reported"}, [("attributed_to", "Maria Ferrer")])
    assert not ctl.prompt and "attributed_to" in ctl.message and "status: reported" in ctl.message


def test_a_status_digit_answers_the_status_alone_and_the_speaker_is_asked_next():
    ctl = claim_after_speakers()
    ctl.digit(3)
    assert ctl.prompt.first.attr == "attributed_to" and ctl.prompt.chained() is None
    ctl.digit(2)
    assert claim_state(ctl) == ({"status": "disputed"}, [("attributed_to", "Reuters")])


def test_no_status_preselected_no_speaker_taken_by_enter():
    """The first claim of a document (no status used yet, no team habit): enter has
    nothing to keep, so it takes no speaker either."""
    ctl = controller()
    at(ctl, "Maria Ferrer")
    ctl.tag("ACTOR")
    ctl.cancel()
    at(ctl, "They were held for months")
    ctl.tag("CLAIM")
    assert ctl.prompt.first.preselected is None and ctl.prompt.chained() is None
    ctl.choose_preselected()
    assert claim_state(ctl) == ({}, [])


@settings(max_examples=60, deadline=None)
@given(name=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60),
       width=st.integers(60, 200))
def test_the_speaker_enter_takes_is_always_on_the_line(name, width):
    """Whatever the speaker's words and the width (from 60 columns): the line fits and
    names what enter writes, the status value (or its digit) and the speaker, cut at most."""
    from tui.annotating.prompt import LinkChoice, fitted
    from tui.quickattrs import Choice

    status = Choice("s9", "status", ("asserted", "reported", "disputed", "denied"), "reported")
    link = LinkChoice("s9", "attributed_to", (name,), name, targets=("s1",))
    line = fitted(status, width, link)
    assert len(line) <= width
    assert f", by '{name[:9]}" in line or f", by '{name[:9]}…'" in line
    assert any(f"{k} {v}, by" in line for k in ("⏎", "enter:") for v in ("2", "reported", "repo…", "rep…", "re…"))


def test_m_reaches_the_next_name_or_number_and_a_digit_before_it_counts():
    """``m``: "Phnom Penh" (police is no name), then "1,440"; after a tag, ``2 m`` is a
    count (two names on), not the answer 2."""
    ctl = controller()
    ctl.move("mention", 1)
    assert ctl.text[ctl.sel.start:ctl.sel.end] == "Phnom Penh"
    ctl.move("mention", 1)
    assert ctl.text[ctl.sel.start:ctl.sel.end] == "1,440"
    at(ctl, "Maria Ferrer")
    ctl.tag("ACTOR")
    ctl.digit(2)
    ctl.move("mention", 1)
    assert ctl.text[ctl.sel.start:ctl.sel.end] == "Monday"  # Reuters, Monday
    assert ctl.session.spans[0].attrs == {}


def test_a_count_after_a_kept_value_says_the_value_stays():
    """``f 3 m`` on "about 1,440 Indonesian nationals": the qualifier the tag read (about)
    was offered to keep; 3 then a move was a count, and the line says about stays."""
    ctl = controller()
    at(ctl, "1,440 Indonesian nationals")
    ctl.tag("FIGURE")
    assert ctl.prompt.first.attr == "qualifier" and ctl.prompt.first.preselected == "about"
    ctl.digit(3)
    assert ctl.session.spans[0].attrs["qualifier"] != "about"
    ctl.move("mention", 1)
    assert ctl.session.spans[0].attrs["qualifier"] == "about" and "qualifier stays about" in ctl.message


def test_an_actor_a_reporting_verb_names_is_offered_the_claim_it_said():
    """The quote tagged first, then "Maria Ferrer" ("…,” Maria Ferrer told Reuters"): one
    line offers her type and the claim with no speaker yet; enter writes both. Reuters,
    whom she told, is offered no claim."""
    ctl = controller()
    at(ctl, "Police")
    ctl.tag("ACTOR")
    ctl.digit(4)  # group: the type this document uses, preselected next
    ctl.cancel()
    at(ctl, "They were held for months")
    ctl.tag("CLAIM")
    ctl.digit(2)  # reported; not Police: left unanswered
    ctl.cancel()
    at(ctl, "Reuters")
    ctl.tag("ACTOR")
    assert [c.attr for c in ctl.prompt.choices] == ["type"]
    ctl.cancel()
    at(ctl, "Maria Ferrer")
    ctl.tag("ACTOR")
    link = ctl.prompt.chained()
    assert link is not None and not link.outgoing and link.values == ("They were held for mont…",)
    line = ctl.prompt.text(79)
    assert all(v in line for v in ("1:person", "2:organ", "3:govern", "4:group", "5:other", "⏎ 4, said 'They were"))
    ctl.digit(1)  # person, then the claim is asked alone
    assert ctl.prompt.first is link
    ctl.choose_preselected()
    assert claim_state(ctl)[1] == [("attributed_to", "Maria Ferrer")]
    maria = next(s for s in ctl.session.spans if s.text == "Maria Ferrer")
    assert maria.attrs == {"type": "person"}


def test_according_to_names_a_speaker_not_an_addressee():
    """"According to Amnesty International, …" names the speaker; "told Reuters" the
    addressee (``speaker_score``: it read "to" as "told to" and ranked Amnesty by distance only)."""
    from tui.annotating.speakers import speaker_score

    ctl = controller()
    for words in ("Amnesty International", "Reuters"):
        at(ctl, words)
        ctl.tag("ACTOR")
    score = {s.text: speaker_score(TEXT, s) for s in ctl.session.spans}
    assert score == {"Amnesty International": 2, "Reuters": -1}


def test_a_digit_then_enter_on_the_next_choice_leaves_no_count():
    """``c 3 enter`` (status disputed, then the speaker): the 3 was an answer, so ``l``
    after it moves one token, not three (it did: the digit stayed the pending count)."""
    ctl = claim_after_speakers()
    ctl.digit(3)
    ctl.choose_preselected()
    assert claim_state(ctl) == ({"status": "disputed"}, [("attributed_to", "Maria Ferrer")])
    one_on = ctl.ws.cursor.token(ctl.sel, 1, False)
    ctl.move("token", 1)
    assert ctl.sel == one_on and ctl.count == 0


@given(ghosts=st.lists(st.tuples(st.integers(0, 180), st.integers(1, 19), labels), min_size=1, max_size=5),
       cursor=st.tuples(st.integers(0, 199), st.integers(0, 20)))
@settings(max_examples=60, deadline=None)
def test_the_status_line_says_what_y_will_do(ghosts, cursor):
    """Where the status line says "y/⏎ accept", y accepts; where the selection is only
    inside a suggestion it says "y selects it", and y selects it without accepting."""
    from tui.app.screens.annotate_status import status_text

    spans = [make_span(TEXT, f"g{i}", lab, s, min(s + n, len(TEXT))) for i, (s, n, lab) in enumerate(ghosts)]
    ctl = controller(ghosts=spans)
    start = min(cursor[0], len(TEXT) - 1)
    ctl.select(start, min(start + cursor[1], len(TEXT)))
    line = status_text(ctl, conflict=False).plain
    pending, made = ctl.suggesting.pending, len(ctl.session.spans)
    ghost = ctl.ghost_at()
    ctl.accept_next()
    if "y/⏎ accept" in line:
        assert len(ctl.session.spans) == made + 1 or ctl.suggesting.pending < pending
    elif "y selects it" in line:
        assert ghost is not None and len(ctl.session.spans) == made
        assert ctl.sel.as_tuple() == (ghost.start, ghost.end)
