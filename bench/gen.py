"""Deterministic synthetic corpora for the benchmarks.

``article(seed, size)`` writes news-like text (names, organisations, numbers, quotes, a few
emoji, some CRLF paragraphs) of about ``size`` UTF-8 bytes and remembers where its actors,
figures and claims are. ``annotation(...)`` turns those into one annotator's spans (claims
nest figures, some boundaries differ per annotator, extra token spans overlap others),
valid against the default schema. ``corpus(...)`` writes a whole corpus once and caches it
under ``bench/.cache/`` (or ``$MARGIN_BENCH_CACHE``) keyed by its parameters.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from tui.model import Annotation, Document, Relation, make_span
from tui.store import atomic_write, dumps
from tui.tokens import tokenize

VERSION = 1  # bump when the generated text or spans change: invalidates the cache
CACHE = Path(os.environ.get("MARGIN_BENCH_CACHE", Path(__file__).resolve().parent / ".cache"))
UPDATED = "2026-01-01T00:00:00Z"

FIRST = ("Sok", "Maria", "Ahmed", "Chen", "Dara", "Elena", "Kofi", "Priya", "Tomás", "Nguyen",
         "Aisha", "Lukas", "Siti", "Rafael", "Mei", "Olusegun", "Hana", "Dmitri", "Zoë", "Ravi")
LAST = ("Chea", "Okafor", "Hassan", "Wei", "Lim", "Petrova", "Mensah", "Sharma", "García",
        "Thi Lan", "Rahman", "Becker", "Nurhaliza", "Souza", "Tanaka", "Adeyemi", "Novak", "Brennan")
ORGS = ("Amnesty International", "the UN Office on Drugs and Crime", "Human Rights Watch",
        "the Interior Ministry", "Reuters", "the International Justice Mission", "Interpol",
        "the Cambodian government", "the Chinese embassy", "Indonesia’s embassy in Phnom Penh",
        "the World Bank", "local police", "the Labour Ministry", "a coalition of NGOs")
ORG_TYPES = {"the Interior Ministry": "government", "the Cambodian government": "government",
             "the Chinese embassy": "government", "Indonesia’s embassy in Phnom Penh": "government",
             "the Labour Ministry": "government", "local police": "government",
             "a coalition of NGOs": "group"}
ROLES = ("a spokesperson", "the director", "a researcher", "a senior official", "an analyst",
         "the deputy minister", "a lawyer")
PLACES = ("Phnom Penh", "Sihanoukville", "Bavet", "the Golden Triangle", "Myanmar’s Shan State",
          "the Thai border", "Manila", "Kuala Lumpur", "O’Smach")
OUTLETS = ("Reuters", "the BBC", "Al Jazeera", "the Phnom Penh Post", "AFP", "The Guardian")
THINGS = (("people", "workers", "victims", "nationals", "detainees", "foreigners"),
          ("compounds", "buildings", "raids", "arrests"))
VERBS = ("freed", "rescued", "deported", "detained", "trafficked", "identified", "repatriated")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
EMOJI = ("🙏", "🇰🇭", "👍🏽", "👩‍💻", "🚨", "📈", "😢")
QUALIFIERS = (("", "exact"), ("about ", "about"), ("around ", "about"), ("at least ", "at least"),
              ("more than ", "more than"), ("up to ", "up to"), ("fewer than ", "less than"))
STATUS = ("asserted", "reported", "disputed", "denied")


class _Writer:
    """Appends text and records entities as (start, end, label, attrs) in code points."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.parts: list[str] = []
        self.pos = 0
        self.nbytes = 0
        self.ents: list[tuple[int, int, str, dict]] = []
        self.links: list[tuple[int, int]] = []  # (claim index, actor index) into ents

    def put(self, s: str) -> None:
        self.parts.append(s)
        self.pos += len(s)
        self.nbytes += len(s.encode("utf-8"))

    def ent(self, s: str, label: str, attrs: dict) -> int:
        start = self.pos
        self.put(s)
        self.ents.append((start, self.pos, label, attrs))
        return len(self.ents) - 1

    # -- pieces ------------------------------------------------------------------------
    def person(self) -> int:
        r = self.rng
        return self.ent(f"{r.choice(FIRST)} {r.choice(LAST)}", "ACTOR", {"type": "person"})

    def org(self, cap: bool = False) -> int:
        name = self.rng.choice(ORGS)
        return self.ent(name[0].upper() + name[1:] if cap else name, "ACTOR",
                        {"type": ORG_TYPES.get(name, "organisation")})

    def figure(self) -> int:
        r = self.rng
        word, qual = r.choice(QUALIFIERS)
        if r.random() < 0.2:
            value = round(r.uniform(1, 99), 1)
            unit = "USD"
            s = f"{word}${value} million"
            value = round(value * 1_000_000)
        else:
            value = r.choice((r.randint(2, 99), r.randint(100, 999), r.randint(1000, 250_000)))
            unit = r.choice(THINGS[0] if r.random() < 0.8 else THINGS[1])
            s = f"{word}{value:,} {unit}"
        return self.ent(s, "FIGURE", {"value": value, "unit": unit, "qualifier": qual})

    # -- sentences ---------------------------------------------------------------------
    def sentence(self) -> None:
        r = self.rng
        kind = r.randrange(6)
        if kind == 0:  # Name, role at Org, said [CLAIM FIGURE had been freed since June].
            actor = self.person()
            self.put(f", {r.choice(ROLES)} at ")
            self.org()
            self.put(", said ")
            start = self.pos
            self.figure()
            self.put(f" had been {r.choice(VERBS)} since {r.choice(MONTHS)}")
            self._claim(start, actor)
            self.put(".")
        elif kind == 1:  # “[CLAIM ...],” Name told Outlet.
            q1, q2 = ("“", "”") if r.random() < 0.6 else ('"', '"')
            self.put(q1)
            start = self.pos
            self.put(f"We have seen {r.choice(('clear', 'no', 'growing'))} evidence that ")
            self.figure()
            self.put(f" were {r.choice(VERBS)} in {r.choice(PLACES)}")
            end = self.pos
            self.put(f",{q2} ")
            actor = self.person()
            self.ents.append((start, end, "CLAIM", {"status": r.choice(STATUS)}))
            self.links.append((len(self.ents) - 1, actor))
            self.put(f" told {r.choice(OUTLETS)}.")
        elif kind == 2:  # According to Org, [CLAIM at least N were detained in Place].
            self.put("According to ")
            actor = self.org()
            self.put(", ")
            start = self.pos
            self.figure()
            self.put(f" were {r.choice(VERBS)} in {r.choice(PLACES)} last {r.choice(MONTHS)}")
            self._claim(start, actor)
            if r.random() < 0.15:
                self.put(" " + r.choice(EMOJI))
            self.put(".")
        elif kind == 3:  # Org estimates that [CLAIM around $N million is lost every year].
            actor = self.org(cap=True)
            self.put(" estimates that ")
            start = self.pos
            self.figure()
            self.put(f" {r.choice(('is', 'are'))} tied to the scam industry every year")
            self._claim(start, actor)
            self.put(".")
        elif kind == 4:  # context, no claim
            place = r.choice(PLACES)
            self.put(f"{place[0].upper()}{place[1:]} has long been a hub for online fraud, and ")
            self.figure()
            self.put(f" {r.choice(VERBS)} there in {r.choice(MONTHS)} ")
            self.put(f"{r.randint(2019, 2026)} were only the latest.")
        else:
            self.person()
            self.put(f", {r.choice(ROLES)}, declined to comment on Tuesday")
            self.put(f" {r.choice(EMOJI)}." if r.random() < 0.1 else ".")

    def _claim(self, start: int, actor: int) -> None:
        self.ents.append((start, self.pos, "CLAIM", {"status": self.rng.choice(STATUS)}))
        self.links.append((len(self.ents) - 1, actor))


def article(seed: int | str, size: int) -> tuple[str, list, list]:
    """(text, entities, claim→actor links) of an article of at most ``size`` UTF-8 bytes
    (within one sentence of it); the same seed always gives the same article."""
    rng = random.Random(f"article:{seed}")
    w = _Writer(rng)
    w.put(f"Thousands freed from scam compounds in {rng.choice(PLACES)} ({rng.randint(1, 9999)})")
    while w.nbytes < size:
        w.put("\r\n\r\n" if rng.random() < 0.15 else "\n\n")
        for _ in range(rng.randint(2, 5)):
            mark = (len(w.parts), w.pos, w.nbytes, len(w.ents), len(w.links))
            w.sentence()
            if w.nbytes > size:  # undo the sentence that overshot
                del w.parts[mark[0]:]
                w.pos, w.nbytes = mark[1], mark[2]
                del w.ents[mark[3]:]
                del w.links[mark[4]:]
                return "".join(w.parts).rstrip(), w.ents, w.links
            w.put(" ")
        w.parts[-1] = w.parts[-1].rstrip(" ")
        w.pos -= 1
        w.nbytes -= 1
    return "".join(w.parts), w.ents, w.links


def annotation(doc: Document, ents: list, links: list, annotator: str, nspans: int,
               seed: int | str = 0) -> Annotation:
    """One annotator's ``nspans`` spans over ``doc``: the article's entities in a document-wide
    order (so annotators mostly agree), each skipped, trimmed or relabelled now and then,
    topped up with token windows that overlap; attributed_to relations where both ends exist."""
    order = list(range(len(ents)))
    random.Random(f"order:{seed}:{doc.id}").shuffle(order)
    rng = random.Random(f"ann:{seed}:{doc.id}:{annotator}")
    text = doc.text
    spans, keys, chosen = [], set(), {}

    def add(start: int, end: int, label: str, attrs: dict) -> bool:
        if (start, end, label) in keys or end <= start:
            return False
        keys.add((start, end, label))
        spans.append(make_span(text, f"s{len(spans) + 1}", label, start, end, attrs=attrs))
        return True

    for i in order:
        if len(spans) >= nspans:
            break
        start, end, label, attrs = ents[i]
        roll = rng.random()
        if roll < 0.12:
            continue
        if roll < 0.2:  # one token shorter at one end
            toks = tokenize(text[start:end])
            if len(toks) > 1:
                if rng.random() < 0.5:
                    start += toks[1][0]
                else:
                    end = start + toks[-2][1]
        elif roll < 0.23:  # another label
            label, attrs = ("ACTOR", {"type": "other"}) if label != "ACTOR" else ("CLAIM", {"status": "asserted"})
        if add(start, end, label, dict(attrs)):
            chosen[i] = (spans[-1].id, label)
        if len(spans) < nspans and rng.random() < 0.04:  # a claim that starts inside this span and ends after it
            after = tokenize(text[end:end + 80])
            inner = tokenize(text[start:end])
            if len(inner) > 1 and len(after) > 2:
                add(start + inner[1][0], end + after[rng.randrange(1, len(after))][1], "CLAIM", {"status": "disputed"})
    if len(spans) < nspans:
        toks = tokenize(text)
        labels = {"ACTOR": {"type": "other"}, "FIGURE": {"unit": "items"}, "CLAIM": {"status": "asserted"}}
        tries = 0
        while len(spans) < nspans and toks and tries < nspans * 20:
            tries += 1
            i = rng.randrange(len(toks))
            j = min(len(toks) - 1, i + rng.randrange(4))
            label = rng.choice(tuple(labels))
            add(toks[i][0], toks[j][1], label, dict(labels[label]))
    pairs = [(chosen[c][0], chosen[a][0]) for c, a in links
             if chosen.get(c, (0, ""))[1] == "CLAIM" and chosen.get(a, (0, ""))[1] == "ACTOR"]
    relations = [Relation(f"r{n}", "attributed_to", c, a) for n, (c, a) in enumerate(pairs, 1)]
    ann = Annotation(doc.id, doc.sha256, len(text), annotator, "done" if rng.random() < 0.7 else "in_progress",
                     UPDATED, spans, relations)
    return ann


def write_doc(root: Path, doc_id: str, size: int, annotators: tuple[str, ...], nspans: int,
              seed: int | str, atomic: bool = True) -> None:
    """Write seeds/<doc_id>.txt and one annotation file per annotator."""
    text, ents, links = article(f"{seed}:{doc_id}", size)
    doc = Document(doc_id, text)
    write = atomic_write if atomic else _plain_write
    write(root / "seeds" / f"{doc_id}.txt", text.encode("utf-8"))
    for name in annotators:
        ann = annotation(doc, ents, links, name, nspans, seed)
        write(root / "annotations" / doc_id / f"{name}.yaml", dumps(ann).encode("utf-8"))


def _plain_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _write_chunk(args) -> None:
    root, ids, size, annotators, nspans, seed = args
    for doc_id in ids:
        write_doc(Path(root), doc_id, size, annotators, nspans, seed, atomic=False)


def corpus(docs: int, annotators: int, spans: int, size: int, seed: int = 0,
           jobs: int | None = None, log=None) -> Path:
    """A corpus of ``docs`` articles of ~``size`` bytes, each with ``annotators`` files of
    ``spans`` spans, built once and cached. Files are written plainly into a temporary
    directory that is renamed into place when complete (the cache is atomic as a whole)."""
    params = dict(docs=docs, annotators=annotators, spans=spans, size=size, seed=seed, v=VERSION)
    key = hashlib.sha256(json.dumps(params, sort_keys=True).encode()).hexdigest()[:12]
    root = CACHE / f"corpus-{docs}x{annotators}x{spans}-{size}b-{key}"
    if (root / ".complete").exists():
        return root
    if log:
        log(f"generating {docs} docs x {annotators} annotators x {spans} spans into {root} ...")
    tmp = root.with_name(root.name + f".tmp{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / "seeds").mkdir(parents=True)
    names = tuple(ANNOTATORS[:annotators]) if annotators <= len(ANNOTATORS) else tuple(
        f"annotator{i + 1}" for i in range(annotators))
    ids = [f"doc{i:06d}" for i in range(docs)]
    jobs = jobs or (min(os.cpu_count() or 1, 4) if docs >= 200 else 1)
    step = max(1, len(ids) // (jobs * 8))
    chunks = [(str(tmp), ids[i:i + step], size, names, spans, seed) for i in range(0, len(ids), step)]
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            list(pool.map(_write_chunk, chunks))
    else:
        for c in chunks:
            _write_chunk(c)
    (tmp / ".complete").write_text(json.dumps(params) + "\n")
    shutil.rmtree(root, ignore_errors=True)
    os.replace(tmp, root)
    return root


ANNOTATORS = ("alice", "bob", "carol", "dan", "erin")


def single(doc_id: str, size: int, spans: int, annotator: str = "bench", seed: int = 0) -> Path:
    """A cached corpus holding one article of ~``size`` bytes with one annotator's spans
    (written with ``store.atomic_write``)."""
    params = dict(doc=doc_id, size=size, spans=spans, annotator=annotator, seed=seed, v=VERSION)
    key = hashlib.sha256(json.dumps(params, sort_keys=True).encode()).hexdigest()[:12]
    root = CACHE / f"single-{doc_id}-{key}"
    if not (root / ".complete").exists():
        write_doc(root, doc_id, size, (annotator,) if spans else (), spans, seed)
        (root / ".complete").write_text(json.dumps(params) + "\n")
    return root


def seed_corpus(seed_path: Path, spans: int, annotator: str = "bench", seed: int = 0) -> Path:
    """A cached corpus holding the real seed article with ``spans`` token-window spans."""
    text = seed_path.read_bytes()
    params = dict(seed_sha=hashlib.sha256(text).hexdigest(), spans=spans, annotator=annotator, seed=seed, v=VERSION)
    key = hashlib.sha256(json.dumps(params, sort_keys=True).encode()).hexdigest()[:12]
    root = CACHE / f"seed-{key}"
    if not (root / ".complete").exists():
        doc = Document(seed_path.stem, text.decode("utf-8"))
        atomic_write(root / "seeds" / seed_path.name, text)
        if spans:
            ann = annotation(doc, [], [], annotator, spans, seed)
            atomic_write(root / "annotations" / doc.id / f"{annotator}.yaml", dumps(ann).encode("utf-8"))
        (root / ".complete").write_text(json.dumps(params) + "\n")
    return root


def team(root: Path, docs: int = 30, annotators: tuple[str, ...] = ("alice", "bob", "carol"),
         spans: int = 12, size: int = 1_500, overlap: float = 0.5, seed: int = 0) -> Path:
    """A corpus a team is halfway through: ``docs`` articles assigned with ``overlap``
    (margin assign), each annotator having finished about two thirds of theirs (one more
    in progress, the rest not started), saved 8-28 minutes apart over several mornings,
    so pace and the agreement trend have something to show. Written into ``root`` (not cached)."""
    from datetime import datetime, timedelta, timezone

    from tui.team import assign
    from tui.corpus import Corpus

    root = Path(root)
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    ids = [f"news{i:03d}" for i in range(docs)]
    texts = {}
    for doc_id in ids:
        text, ents, links = article(f"{seed}:{doc_id}", size)
        texts[doc_id] = (Document(doc_id, text), ents, links)
        atomic_write(root / "seeds" / f"{doc_id}.txt", text.encode("utf-8"))
    plan = assign.distribute(ids, annotators, overlap=overlap, seed=seed)
    assign.save(Corpus(root), plan)
    rng = random.Random(f"team:{seed}")
    start = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)
    for name in annotators:
        mine = assign.for_annotator(plan, name)
        finished = round(len(mine) * 2 / 3)
        t = start + timedelta(minutes=rng.randrange(30))
        for i, doc_id in enumerate(mine[:finished + 1]):
            doc, ents, links = texts[doc_id]
            ann = annotation(doc, ents, links, name, spans, seed)
            t += timedelta(minutes=rng.randrange(8, 29))
            if t.hour >= 12:  # the next working day
                t = (t + timedelta(days=1)).replace(hour=9, minute=rng.randrange(30))
            ann.status = "done" if i < finished else "in_progress"
            ann.updated = t.strftime("%Y-%m-%dT%H:%M:%SZ")
            atomic_write(root / "annotations" / doc_id / f"{name}.yaml", dumps(ann).encode("utf-8"))
    return root
