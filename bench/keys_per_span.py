"""Keys per span: replay a gold annotation by keyboard in the real app (headless) and count
the keys, fresh (suggestions hidden) and with suggestions.

``python -m bench.keys_per_span CORPUS [DOC ...]`` takes ``CORPUS/annotations/DOC/gold.yaml``
as the target (every document with a gold when no DOC is named) and prints one JSON line:
keys a span, fresh (suggestions hidden) and suggested, overall and per label. The gold (and
every other annotator's file of DOC) is hidden from the app: the corpus is copied to a
temporary directory without them, ``margin learn`` runs on what is left (the other
documents, as a team would), and the replay is saved as annotator ``bench``, then compared
with the gold by span place. A replay that does not equal the gold fails loudly: its
differences on stderr, exit status 1.

The planner is greedy, span by span in reading order: a Dijkstra search over selections
through the app's own motions (``tui.cursor``: token, sentence, line and page moves with
counts, grow/shrink, the extension keys, ``s``/``'``; from the start only: search, jump
labels, tab, ``y``), then the label key, or on an equal suggestion ``y`` (accept, on to the
next: nothing left to fix) or ``enter`` (accept and stay); the one-key choices the prompt
asks (attributes, units, the claim's speaker; what the gold has not is left unanswered),
the form for what is still wrong (enter opens a list, picks, saves), ``r`` for the
relations still missing and ``r`` again on a relation the gold has not (a suggestion's
link). Every route is replayed with ``Pilot`` and checked on the screen's selection.
"""

from __future__ import annotations

import asyncio
import heapq
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.cursor import Selection

import yaml

ANNOTATOR = "bench"
TAG_KEYS: dict[str, str] = {}  # label -> key, from the corpus schema
END_OPS = ("L", "ctrl+left", "comma", "full_stop", "quotation_mark")
START_OPS = ("s", "apostrophe", "H", "ctrl+right")
MAX_COUNT = 40
ROW_KEYS = {"j": 1, "k": -1, "pagedown": 1, "pageup": -1}
MAX_COST = 30


# --------------------------------------------------------------------------- gold


def load_gold(path: Path) -> tuple[list[dict], list[tuple[str, tuple, tuple]]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    spans = [{"id": s["id"], "label": s["label"], "start": s["start"], "end": s["end"], "attrs": dict(s.get("attrs") or {})}
             for s in data.get("spans") or []]
    by_id = {s["id"]: s for s in spans}
    key = lambda s: (s["label"], s["start"], s["end"])  # noqa: E731
    rels = [(r["label"], key(by_id[r["from"]]), key(by_id[r["to"]])) for r in data.get("relations") or []]
    return spans, rels


def spans_sorted(gold: Path) -> list[dict]:
    """The gold's spans in the order they are made: reading order, enclosing first."""
    return sorted(load_gold(gold)[0], key=lambda s: (s["start"], -s["end"]))


def hidden_corpus(corpus: Path, doc: str, dest: Path, gold: Path | None = None) -> Path:
    """A copy of ``corpus`` without any annotation file of ``doc`` (the target hidden)."""
    shutil.copytree(corpus, dest, ignore=lambda d, names: [n for n in names if n in (".git", ".margin-cache")])
    for f in (dest / "annotations" / doc).glob("*.yaml") if (dest / "annotations" / doc).is_dir() else []:
        f.unlink()
    return dest


# --------------------------------------------------------------------------- planning


def _keys_for(text: str) -> list[str]:
    from textual.keys import _character_to_key

    return [_character_to_key(ch) for ch in text]


def typed(values: list[str], goal) -> list[str]:
    """The keys that type the shortest prefix of ``goal`` an open list finds it by (its
    type-to-search: the first value starting with what is typed), or many keys if none."""
    if goal not in values:
        return ["?"] * 99
    for j in range(1, len(goal) + 1):
        p = goal[:j].lower()
        if next(v for v in values if v.lower().startswith(p)) == goal:
            return _keys_for(goal[:j])
    return ["?"] * 99


def _counted(n: int, key: str) -> list[str]:
    return ([*str(n)] if n > 1 else []) + [key]


class Planner:
    """Routes over selections, computed with the screen's own cursor (pure motions)."""

    def __init__(self, screen):
        self.screen = screen

    def apply(self, sel, key: str, n: int):
        from tui.cursor import Selection

        cur = self.screen.ws.cursor
        if key in ("l", "h"):
            got = cur.token(sel, n if key == "l" else -n, False)
        elif key in ("right_parenthesis", "left_parenthesis"):
            got = cur.sentence(sel, n if key == "right_parenthesis" else -n, False)
        elif key in ("L", "H"):
            got = cur.grow(sel, "end" if key == "L" else "start", False, n)
        elif key in ("ctrl+right", "ctrl+left"):
            got = cur.shrink(sel, "start" if key == "ctrl+right" else "end", False, n)
        elif key in ("comma", "full_stop", "quotation_mark"):
            f = {"comma": cur.clause_end, "full_stop": cur.sentence_end, "quotation_mark": cur.quote_end}[key]
            got = sel
            for _ in range(n):
                got = f(got)
        elif key == "s":
            got = cur.whole_sentence(sel)
        elif key == "apostrophe":
            got = cur.whole_quote(sel)
        else:
            raise ValueError(key)
        if got is None:
            return None
        c = cur.clamp(got.start, got.end)
        return Selection(c.start, c.end)

    def starts(self, target: tuple[int, int]) -> list[tuple[int, Selection, list[str], bool]]:
        """Reach candidates from the current state: (cost, selection, keys, terminal)."""
        from tui.cursor import Selection
        from tui.jump import Jump, targets

        sc = self.screen
        sel = Selection(*sc.sel)
        # a digit that just answered a choice would be taken as the count of a motion: escape first
        answered = sc.ctl.prompt.answer is not None
        base = ["escape"] if answered or sc.ctl.on_span is not None else []  # grow/shrink then change the selection
        out = [(len(base), sel, base, False)]
        for key, lo, hi in (("l", 1, 120), ("h", 1, 120), ("right_parenthesis", 1, 30), ("left_parenthesis", 1, 30),
                            ("j", 1, 30), ("k", 1, 30), ("pagedown", 1, 4), ("pageup", 1, 4)):
            for n in range(lo, hi + 1):
                got = self.rows(sel, key, n) if key in ROW_KEYS else self.apply(sel, key, n)
                if got is not None:
                    ks = self.count_escape(n) + _counted(n, key)
                    out.append((len(ks), got, ks, False))
        # jump labels on the words in view
        lo, hi = sc.ctl.view_range
        text = sc.ws.doc.text
        offs = [s for s in targets(sc.ws.tokens.starts, lo, hi) if text[s].isalnum()]
        if offs:
            for lab, off in Jump(offs).by_label.items():
                u = sc.ws.cursor.unit_at(off, False)
                ks = ["w", *lab]
                out.append((len(ks), Selection(u.start, u.end), ks, False))
        # search: the shortest prefix of the target whose first match from here is the target
        got = self.search(target[0])
        if got is not None:
            out.append(got)
        # y not on a suggestion exactly: to the one under the cursor, else the next (terminal, like tab)
        under, ghosts = sc.ghost_at(*sc.sel), sc.ctl.suggesting.ghosts
        if under is None or (under.start, under.end) != sc.sel:
            nxt = under or ghosts.after((sel.start, -sel.end)) or ghosts.first()
            if nxt is not None:
                out.append((1, Selection(nxt.start, nxt.end), ["y"], True))
        # tab / shift+tab over spans and suggestions (terminal: grow there would resize)
        spans = sorted([*sc.session.spans, *sc.view.ghosts], key=lambda sp: (sp.start, -sp.end))
        for key, delta in (("tab", 1), ("shift+tab", -1)):
            k = (sel.start, -sel.end)
            for n in range(1, 6):
                if not spans:
                    break
                if delta > 0:
                    nxt = next((sp for sp in spans if (sp.start, -sp.end) > k), spans[0])
                else:
                    nxt = next((sp for sp in reversed(spans) if (sp.start, -sp.end) < k), spans[-1])
                k = (nxt.start, -nxt.end)
                out.append((n, Selection(nxt.start, nxt.end), [key] * n, True))
        return out

    def count_escape(self, n: int) -> list[str]:
        """What a count typed now needs first (``tui.annotating.prompt``). While a choice
        is asked, one digit answers it and the motion takes it back as the count (a digit it
        has no value for counts at once); two digits need it dismissed. Right after a
        digit of 2-9 answered one, a bare motion would take that digit as its count."""
        prompt = self.screen.ctl.prompt
        if n == 1:  # a bare motion: after an answer of 2-9 it would be that many
            return ["escape"] if prompt.answer is not None and prompt.answer.digit > 1 else []
        if prompt:
            return ["escape"] if n >= 10 else []  # one digit past its values is a count at once
        return []

    def rows(self, sel, key: str, n: int):
        """A line or page move, as the view computes it (``ArticleView.row_target``)."""
        view = self.screen.view
        rows = view.layout_rows
        delta = n * ROW_KEYS[key]
        if key in ("pagedown", "pageup"):
            delta *= max(1, view.scrollable_content_region.height - 1)
        off = rows.move(sel.start, delta)
        if off is None:
            if key not in ("pagedown", "pageup"):
                return None
            off = rows.offset_at(rows.row_of(sel.start) + delta, rows.column_of(sel.start))
        u = self.screen.ws.cursor.unit_at(off, False)
        return u if (u.start, u.end) != (sel.start, sel.end) else None

    def search(self, start: int):
        from tui.display import fold_for_search
        from tui.cursor import Selection

        sc = self.screen
        hay = sc.ctl.search.folded()
        text = sc.ws.doc.text
        here = sc.sel[0]
        for j in range(start + 1, min(len(text), start + 25) + 1):
            q = text[start:j]
            if not all(ch.isalnum() or ch == " " for ch in q):
                return None
            fq = fold_for_search(q)
            if not fq or len(fq) != len(q):
                return None
            hits, i = [], hay.find(fq)
            while i != -1:
                hits.append(i)
                i = hay.find(fq, i + 1)
            first = next((h for h in hits if h >= here), hits[0] if hits else None)
            if first == start:
                ks = ["slash", *_keys_for(q), "enter"]
                return (len(ks), Selection(start, start + len(fq)), ks, False)
        return None

    def route(self, target: tuple[int, int]) -> list[str] | None:
        """The cheapest keys found that make the selection ``target``."""
        tick = 0
        heap: list[tuple] = []
        for cost, sel, ks, terminal in self.starts(target):
            heapq.heappush(heap, (cost, tick, sel, ks, terminal))
            tick += 1
        seen = set()
        while heap:
            cost, _, sel, ks, terminal = heapq.heappop(heap)
            if sel.as_tuple() == target:
                return ks
            if cost > MAX_COST or terminal or sel.as_tuple() in seen:
                continue
            seen.add(sel.as_tuple())
            if sel.start == target[0]:
                ops: tuple[str, ...] = END_OPS  # the start is right: move the end only
            elif not ks or ks[0] in ("w", "slash", "escape") or ks[-1] in ("l", "h", "right_parenthesis", "left_parenthesis",
                                                                              *ROW_KEYS):
                if abs(sel.start - target[0]) > 600:
                    continue
                ops = START_OPS  # a reach candidate: fix the start
            else:
                continue
            for key in ops:
                top = 1 if key in ("s", "apostrophe") else (3 if key in ("comma", "full_stop", "quotation_mark")
                                                            else MAX_COUNT)
                for n in range(1, top + 1):
                    got = self.apply(sel, key, n)
                    if got is None or got.as_tuple() in seen:
                        continue
                    step = _counted(n, key)
                    heapq.heappush(heap, (cost + len(step), tick, got, ks + step, False))
                    tick += 1
        return None


# --------------------------------------------------------------------------- replay


class Replay:
    def __init__(self, app, pilot, gold_spans, gold_rels, suggested: bool):
        self.app, self.pilot = app, pilot
        self.gold, self.rels = gold_spans, gold_rels
        self.suggested = suggested
        self.made: dict[tuple, str] = {}  # gold key -> span id in the session
        self.problems: list[str] = []

    @property
    def screen(self):
        return self.app.screen

    async def press(self, *keys: str) -> int:
        for k in keys:
            await self.pilot.press(k)
        await self.pilot.pause()
        return len(keys)

    async def reach(self, target: tuple[int, int]) -> int | None:
        sc = self.screen
        ks = Planner(sc).route(target)
        if ks is None:
            return None
        n = await self.press(*ks)
        if sc.sel != target:
            self.problems.append(f"route {ks} to {target} gave {sc.sel}")
            return None
        return n

    def span_at(self, key: tuple):
        label, start, end = key
        return next((s for s in self.screen.session.spans if (s.label, s.start, s.end) == key), None)

    async def make(self, g: dict) -> int:
        sc = self.screen
        key = (g["label"], g["start"], g["end"])
        target = (g["start"], g["end"])
        n = 0
        got = await self.reach(target)
        if got is None:
            return n
        n += got
        ghost = next((x for x in sc.view.ghosts if (x.start, x.end, x.label) == (g["start"], g["end"], g["label"])), None)
        if self.suggested and ghost is not None:
            done = dict(ghost.attrs) == g["attrs"] and self.carried(ghost, key) == self.wanted(key)
            n += await self.press("y" if done else "enter")  # y: nothing left to fix, on to the next suggestion
        else:
            n += await self.press(TAG_KEYS[g["label"]])
        span = self.span_at(key)
        if span is None:
            self.problems.append(f"no span after tagging {key}")
            return n
        self.made[key] = span.id
        n += await self.choose(g, key)
        span = self.span_at(key)
        if dict(span.attrs) != g["attrs"]:
            n += await self.form(key, g["attrs"])
        n += await self.relate(key)
        n += await self.unrelate(key)
        return n

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
        plan = [self.answer_for(choice, g, key) for choice in sc.ctl.prompt.choices]
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
            want = next((self.made[r[2]] for r in self.rels if r[0] == choice.attr and r[1] == key and r[2] in self.made),
                        None)
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


async def replay(corpus_dir: Path, doc: str, gold: Path, suggested: bool) -> tuple[list[int], list[str]]:
    global TAG_KEYS
    from tui.app.app import MarginApp
    from tui.corpus import Corpus

    corpus = Corpus(corpus_dir)
    TAG_KEYS = {lab.name: lab.key for lab in corpus.schema.labels.values()}
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
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    return counts, r.problems


def learn(work: Path) -> None:
    """``margin learn`` on the copy (the other documents' annotations), as a team would."""
    from tui.corpus import Corpus
    from tui.suggest.learn import retrain

    corpus = Corpus(work)
    if corpus.annotation_files():
        retrain(corpus)


def differences(got: Path, gold: Path) -> list[str]:
    """What the replay made that the gold has not, and the other way round (by place)."""
    if not got.exists():
        return ["nothing was saved"]
    def keyed(path):
        spans, rels = load_gold(path)
        return ({(s["label"], s["start"], s["end"]): s["attrs"] for s in spans}, set(rels))
    (a, ar), (b, br) = keyed(got), keyed(gold)
    out = [f"extra {k}" for k in a.keys() - b.keys()] + [f"missing {k}" for k in b.keys() - a.keys()]
    out += [f"attrs of {k}: {a[k]} not {b[k]}" for k in a.keys() & b.keys() if a[k] != b[k]]
    out += [f"extra relation {r}" for r in ar - br] + [f"missing relation {r}" for r in br - ar]
    return out


def measure_doc(corpus: Path, doc: str) -> dict:
    """Keys of every span of ``doc``'s gold, fresh and suggested, and what differs."""
    gold = corpus / "annotations" / doc / "gold.yaml"
    order = spans_sorted(gold)
    out: dict = {"labels": [g["label"] for g in order], "problems": []}
    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
    for mode in ("fresh", "suggested"):
        with tempfile.TemporaryDirectory(prefix="margin-keys-") as tmp:
            work = hidden_corpus(corpus, doc, Path(tmp) / "corpus")
            learn(work)
            counts, problems = asyncio.run(replay(work, doc, gold, mode == "suggested"))
            for p in problems:
                print(f"  … {doc} {mode}: {p}", file=sys.stderr)
            worst = sorted(zip(counts, order), key=lambda x: -x[0])[:3]
            print(f"  … {doc} {mode}: costliest " + ", ".join(f"{s['label']} {s['start']}-{s['end']}: {c}" for c, s in worst),
                  file=sys.stderr)
            out["problems"] += [f"{doc} {mode}: {d}" for d in differences(work / "annotations" / doc / f"{ANNOTATOR}.yaml",
                                                                          gold)]
        out[mode] = counts
    return out


def summary(docs: list[dict]) -> dict:
    """Means and maxima over every span, overall and per label; ``equal`` when every
    replay saved exactly its gold."""
    labels = [lab for d in docs for lab in d["labels"]]
    out: dict = {"documents": len(docs), "spans": len(labels)}
    for mode in ("fresh", "suggested"):
        counts = [c for d in docs for c in d[mode]]
        out[f"{mode}_mean"] = round(sum(counts) / len(counts), 2) if counts else 0.0
        out[f"{mode}_max"] = max(counts, default=0)
        by: dict[str, list[int]] = {}
        for lab, c in zip(labels, counts):
            by.setdefault(lab, []).append(c)
        out[f"{mode}_by_label"] = {lab: round(sum(v) / len(v), 2) for lab, v in sorted(by.items())}
    problems = [p for d in docs for p in d["problems"]]
    out["equal"] = not problems
    if problems:
        out["problems"] = len(problems)
    return out


def measure(corpus: Path, doc: str | None = None) -> dict:
    """``summary`` of ``doc`` (every document with a gold when None); differences on stderr."""
    docs = [doc] if doc else sorted(p.parent.name for p in (corpus / "annotations").glob("*/gold.yaml"))
    results = [measure_doc(corpus, d) for d in docs]
    for r in results:
        for p in r["problems"]:
            print(f"  ✗ replay differs from the gold: {p}", file=sys.stderr)
    return summary(results)


def seed_corpus(dest: Path) -> tuple[Path, str]:
    """A corpus of the seed article with the project's hand-made gold as gold.yaml."""
    from . import ROOT, SEED

    doc = SEED.stem
    (dest / "seeds").mkdir(parents=True)
    shutil.copy(SEED, dest / "seeds")
    (dest / "annotations" / doc).mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "data" / "seed_gold.yaml", dest / "annotations" / doc / "gold.yaml")
    return dest, doc


def run(cfg) -> list:
    from . import ROOT, Result

    got = {}
    with tempfile.TemporaryDirectory(prefix="margin-keys-gold-") as tmp:
        corpus, doc = seed_corpus(Path(tmp) / "c")
        got["seed"] = measure(corpus, doc)
    if not cfg.quick:
        got["realtext"] = measure(ROOT / "bench" / "realtext")
    out = []
    for name, d in got.items():
        cfg.log(f"{name}: {json.dumps(d)}")
        ok = (d["equal"] and d["fresh_mean"] <= 5 and d["fresh_max"] <= 12 and d["suggested_mean"] <= 2.5
              and d["suggested_max"] <= 8)
        base = d["fresh_mean"] or 1.0
        out.append(Result(f"keys_per_span_{name}", d["suggested_mean"], "keys/span suggested", "fresh keys/span", base,
                          d["suggested_mean"] / base, "fresh ≤ 5 (max ≤ 12), suggested ≤ 2.5 (max ≤ 8), equal", ok, d))
    return out


def describe(r) -> list[str]:
    d = r.details
    return [f"{d['spans']} spans in {d['documents']} document(s): fresh mean {d['fresh_mean']} max {d['fresh_max']} "
            f"{d['fresh_by_label']}; suggested mean {d['suggested_mean']} max {d['suggested_max']} "
            f"{d['suggested_by_label']}; replay equals gold: {d['equal']}"]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        print("usage: python -m bench.keys_per_span CORPUS [DOC ...]", file=sys.stderr)
        return 2
    corpus, docs = Path(argv[0]), argv[1:]
    for doc in docs:
        if not (corpus / "annotations" / doc / "gold.yaml").is_file():
            print(f"{corpus / 'annotations' / doc / 'gold.yaml'}: no such gold file", file=sys.stderr)
            return 1
    results = [measure_doc(corpus, d) for d in docs] if docs else None
    got = summary(results) if results is not None else measure(corpus)
    if results is not None:
        for r in results:
            for p in r["problems"]:
                print(f"  ✗ replay differs from the gold: {p}", file=sys.stderr)
    print(json.dumps(got))
    if not got["equal"]:
        print(f"keys_per_span: the replay does not equal the gold ({got['problems']} difference(s), listed above)",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
