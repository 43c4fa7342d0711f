"""The keys-per-span benchmark's replay (``bench.keys_per_span``): a gold's spans made one by
one with ``Pilot`` in the real app, each by the cheapest keys the planner finds, counted by
phase (reach, bounds, tag, prompts, form, relation)."""

from __future__ import annotations

from pathlib import Path

from bench.keys_gold import PHASES, load_gold, spans_sorted
from bench.keys_route import Planner, _keys_for, typed
from tui.app.key_order import after_typed_keys, press_settled

ANNOTATOR = "bench"


class Replay:
    def __init__(self, app, pilot, gold_spans, gold_rels, suggested: bool):
        self.app, self.pilot = app, pilot
        self.tag_keys = {lab.name: lab.key for lab in app.corpus.schema.labels.values()}
        self.gold, self.rels = gold_spans, gold_rels
        self.suggested = suggested
        self.made: dict[tuple, str] = {}  # gold key -> span id in the session
        self.problems: list[str] = []
        self.last_reach = 0
        self.phases: list[dict[str, int]] = []  # per span: keys by phase (PHASES)

    @property
    def screen(self):
        return self.app.screen

    async def press(self, *keys: str) -> int:
        await press_settled(self.app, keys)  # each key once the one before has run its course
        await self.pilot.pause()
        await after_typed_keys(self.app, self.pilot.pause)  # a key held behind a busy one
        return len(keys)

    async def reach(self, target: tuple[int, int]) -> int | None:
        sc = self.screen
        planner = Planner(sc)
        ks = planner.route(target)
        if ks is None:
            return None
        n = await self.press(*ks)
        if sc.sel != target:
            self.problems.append(f"route {ks} to {target} gave {sc.sel}")
            return None
        self.last_reach = planner.reached
        return n

    def span_at(self, key: tuple):
        label, start, end = key
        return next((s for s in self.screen.session.spans if (s.label, s.start, s.end) == key), None)

    async def make(self, g: dict) -> int:
        sc = self.screen
        key = (g["label"], g["start"], g["end"])
        target = (g["start"], g["end"])
        ph = dict.fromkeys(PHASES, 0)
        self.phases.append(ph)
        got = await self.reach(target)
        if got is None:
            return 0
        ph["reach"], ph["bounds"] = self.last_reach, got - self.last_reach
        ghost = next((x for x in sc.view.ghosts if (x.start, x.end, x.label) == (g["start"], g["end"], g["label"])), None)
        if self.suggested and ghost is not None:
            done = dict(ghost.attrs) == g["attrs"] and self.carried(ghost, key) == self.wanted(key)
            ph["tag"] = await self.press("y" if done else "enter")  # y: nothing left to fix, on to the next suggestion
        else:
            ph["tag"] = await self.press(self.tag_keys[g["label"]])
        span = self.span_at(key)
        if span is None:
            self.problems.append(f"no span after tagging {key}")
            return sum(ph.values())
        self.made[key] = span.id
        ph["prompts"] = await self.choose(g, key)
        span = self.span_at(key)
        if dict(span.attrs) != g["attrs"]:
            ph["form"] = await self.form(key, g["attrs"])
        ph["relation"] = await self.relate(key) + await self.unrelate(key)
        return sum(ph.values())

    def wanted(self, key: tuple) -> set[tuple]:
        """The gold's relations of ``key`` whose other end is made."""
        return {r for r in self.rels if key in (r[1], r[2]) and (r[2] if r[1] == key else r[1]) in self.made}

    def carried(self, ghost, key: tuple) -> set[tuple]:
        """The relations accepting ``ghost`` makes, between gold keys (``EditSession.add_many``)."""
        sc, out = self.screen, set()
        for label, src, dst in sc.ctl.suggesting.links_for([ghost]):
            other = sc.session.link_end(dst) if src == ghost.key else sc.session.find(src)
            if other is not None:
                k = (other.label, other.start, other.end)
                out.add((label, key, k) if src == ghost.key else (label, k, key))
        return out

    async def choose(self, g: dict, key: tuple) -> int:
        """The choices asked after the tag (or accept), in order: a digit or enter for what
        the gold has; enter keeps what is right already when a later choice needs a key;
        the rest is left unanswered (the next key moves on)."""
        sc = self.screen
        if not sc.ctl.prompt.for_span(self.made[key]):
            return 0
        plan: list = [self.answer_for(choice, g, key) for choice in sc.ctl.prompt.choices]
        if sc.ctl.prompt.chained() is not None and plan[0] in ("keep", "enter"):
            if plan[1] == "enter":  # one enter keeps the first and takes the speaker the line names
                plan = ["enter", *plan[2:]]
            else:  # enter would take that speaker: the first one's digit instead
                plan[0] = str(sc.ctl.prompt.first.values.index(g["attrs"][sc.ctl.prompt.first.attr]) + 1)
        while plan and plan[-1] in (None, "keep"):
            plan.pop()
        if None in plan:
            plan = plan[:plan.index(None)]
            while plan and plan[-1] == "keep":
                plan.pop()
        return await self.press(*["enter" if k == "keep" else str(k) for k in plan]) if plan else 0

    def answer_for(self, choice, g: dict, key: tuple) -> str | None:
        """The key that answers ``choice`` as the gold does ("keep": enter, it is right as
        it is), or None when the gold's answer is not among its values."""
        from tui.annotating.prompt import LinkChoice

        if isinstance(choice, LinkChoice):
            mine, other = (1, 2) if choice.outgoing else (2, 1)  # which end of the gold relation this span is
            want = next((self.made[r[other]] for r in self.rels
                         if r[0] == choice.attr and r[mine] == key and r[other] in self.made), None)
            i = choice.targets.index(want) if want in choice.targets else None
            return None if i is None else "enter" if i == 0 else str(i + 1)
        want = g["attrs"].get(choice.attr)
        if want is None or want not in choice.values:
            return None
        if want == choice.preselected:
            span = self.span_at(key)
            return "keep" if span is not None and span.attrs.get(choice.attr) == want else "enter"
        return str(choice.values.index(want) + 1)

    async def on(self, key: tuple) -> int:
        span = self.span_at(key)
        if span is None:
            return 0
        if self.screen.sel == (span.start, span.end):
            return 0
        return await self.reach((span.start, span.end)) or 0

    async def form(self, key: tuple, want: dict) -> int:
        """``e``, then field by field (tab to the next one; a pick in a list moves on by
        itself), then enter on a text field or Save (ctrl+s on a closed list)."""
        from textual.widgets import Select

        n = await self.on(key)
        span = self.span_at(key)
        ldef = self.screen.schema.labels[span.label]
        n += await self.press("e")
        dialog = self.app.screen
        names = list(ldef.attrs)
        focus = 0  # the field focused (len(names): Save)
        for i, name in enumerate(names):
            have, goal = span.attrs.get(name), want.get(name)
            if have == goal:
                continue
            n += await self.press(*["tab"] * (i - focus))
            widget = dialog.query_one(f"#attr-{name}")
            if isinstance(widget, Select):
                values = list(ldef.attrs[name].values)
                here = values.index(have) + 1 if have in values else 0
                there = values.index(goal) + 1 if goal in values else 0
                step = "down" if there > here else "up"
                moves = min([step] * abs(there - here), typed(values, goal), key=len)  # arrows, or its first letters
                n += await self.press("enter", *moves, "enter")  # open, move, pick: on to the next
                focus = i + 1
            else:
                clear = ["home", "ctrl+k"] if have not in (None, "") else []  # an empty field needs no clearing
                n += await self.press(*clear, *_keys_for("" if goal is None else str(goal)))
                focus = i
        on_list = focus < len(names) and isinstance(dialog.query_one(f"#attr-{names[focus]}"), Select)
        n += await self.press("ctrl+s" if on_list else "enter")
        if self.app.screen is dialog:
            self.problems.append(f"form still open for {key}")
            await self.press("escape")
        return n

    async def relate(self, key: tuple) -> int:
        """Relations of this span whose other end exists, not yet made."""
        sc, n = self.screen, 0
        for label, src, dst in self.rels:
            if key not in (src, dst):
                continue
            other = dst if key == src else src
            if other not in self.made or key not in self.made:
                continue
            sid, did = self.made[src], self.made[dst]
            if any(r.label == label and r.source == sid and r.target == did for r in sc.session.annotation.relations):
                continue
            n += await self.on(key)
            span = self.span_at(key)
            cands = self.candidates(span)
            if self.made[other] not in cands:
                self.problems.append(f"cannot relate {key} to {other}")
                continue
            k = cands.index(self.made[other])
            n += await self.press("r", *["down"] * k, "enter")
        return n

    async def unrelate(self, key: tuple) -> int:
        """Relations of this span the gold has not (an accepted suggestion's link): ``r``,
        then the linked candidate again takes it off."""
        sc, n = self.screen, 0
        by_id = {v: k for k, v in self.made.items()}
        for r in list(sc.session.relations_of(self.made[key])):
            src, dst = by_id.get(r.source), by_id.get(r.target)
            if (r.label, src, dst) in self.rels:
                continue
            n += await self.on(key)
            other = r.target if r.source == self.made[key] else r.source
            cands = self.candidates(self.span_at(key))
            if other not in cands:
                self.problems.append(f"cannot unrelate {key} from {other}")
                continue
            n += await self.press("r", *["down"] * cands.index(other), "enter")
        return n

    def candidates(self, span) -> list[str]:
        sc = self.screen
        for rdef in sc.schema.relations.values():
            if span.label in rdef.from_labels:
                others = rdef.to_labels
            elif span.label in rdef.to_labels:
                others = rdef.from_labels
            else:
                continue
            from tui.annotating.speakers import relate_candidates

            return [sp.id for sp in relate_candidates(sc.ws.doc.text, span,
                                                      [sp for sp in sc.session.spans if sp.label in others])]
        return []


async def replay(corpus_dir: Path, doc: str, gold: Path, suggested: bool) -> tuple[list[int], list[str], list[dict]]:
    from tui.app.app import MarginApp
    from tui.corpus import Corpus

    corpus = Corpus(corpus_dir)
    spans, rels = spans_sorted(gold), load_gold(gold)[1]
    app = MarginApp(corpus, ANNOTATOR, doc)
    counts: list[int] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()  # the suggestions
        await pilot.pause()
        r = Replay(app, pilot, spans, rels, suggested)
        first = 0
        if not suggested:
            first = await r.press("S")
        for g in spans:
            counts.append(await r.make(g))
        if counts:
            counts[0] += first
            r.phases[0]["reach"] += first  # S, suggestions hidden: counted with the first span
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    return counts, r.problems, r.phases
