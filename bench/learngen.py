"""Articles with gold annotations written under any boundary conventions, for the
learning-curve benchmark (bench/learn.py).

Unlike ``bench.gen`` (fixed spans, noisy annotators), every entity here is recorded with
its optional parts, so the gold for a team whose guidelines say "figures without the
counted noun, actors with their determiner, no titles, quotation marks in" is exact. Each
article also marks LOCATION spans (place names, several not in the gazetteer), a label the
rules know nothing about. Templates and vocabularies are varied so a model cannot learn
the articles by heart; the same seed always gives the same article.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from tui.suggest.conventions import Conventions

FIRST = ("Sok", "Maria", "Ahmed", "Chen", "Dara", "Elena", "Kofi", "Priya", "Tomás", "Nadia",
         "Aisha", "Lukas", "Siti", "Rafael", "Mei", "Olusegun", "Hana", "Dmitri", "Ravi", "Grace")
LAST = ("Chea", "Okafor", "Hassan", "Lim", "Petrova", "Mensah", "Sharma", "García", "Rahman",
        "Becker", "Souza", "Tanaka", "Adeyemi", "Novak", "Brennan", "Vann", "Osei", "Moreau")
TITLES = ("Minister", "Governor", "Judge", "Dr.", "Professor", "Senator", "Mayor", "Ambassador")
# (name, takes "the")
ORGS = (("Amnesty International", False), ("Human Rights Watch", False), ("Interior Ministry", True),
        ("International Justice Mission", True), ("World Bank", True), ("Labour Ministry", True),
        ("Red Cross", True), ("United Nations", True), ("Save the Children", False),
        ("Asia Foundation", True), ("Ministry of Health", True), ("Federal Police", True),
        ("Global Fraud Institute", True), ("Coastal Watch Alliance", True))
GOVS = ("Cambodian government", "Thai authorities", "Chinese embassy", "Indonesian government",
        "Malaysian authorities", "Philippine government")
GROUPS = ("officials", "analysts", "police", "critics", "investigators", "prosecutors", "activists")
OUTLETS = ("Reuters", "Al Jazeera", "AFP", "Bloomberg")
# (place, in the gazetteer?) several are not: the model must learn them from context
PLACES = ("Phnom Penh", "Bangkok", "Manila", "Kuala Lumpur", "Jakarta", "Yangon", "Hanoi",
          "Sihanoukville", "Bavet", "Poipet", "Mae Sot", "Koh Kong", "Shan State", "Myawaddy",
          "Kampong Som", "Port Arven", "Tachileik", "Laukkaing", "Pailin", "Svay Rieng")
NOUNS = ("people", "workers", "victims", "nationals", "detainees", "foreigners", "compounds",
         "buildings", "raids", "arrests", "phones", "accounts", "passports")
MODIFIERS = ("Indonesian", "Chinese", "foreign", "suspected", "young", "Vietnamese", "")
CUES = ("about", "around", "at least", "more than", "up to", "nearly", "fewer than", "roughly")
VERBS = ("freed", "rescued", "deported", "detained", "identified", "repatriated", "seized")
SAYS = ("said", "told reporters", "warned", "estimated", "claimed", "reported", "stated")
MONTHS = ("January", "March", "May", "July", "September", "November")


@dataclass
class Ent:
    label: str
    start: int  # the core
    end: int
    det: int | None = None
    title_end: int | None = None  # the core starts at start; the name after the title here
    poss_end: int | None = None
    cue: int | None = None
    sign: int | None = None
    measure_end: int | None = None
    noun_end: int | None = None
    tag: tuple[int, int] | None = None
    quote: tuple[int, int] | None = None

    def span(self, c: Conventions) -> tuple[int, int]:
        s, e = self.start, self.end
        if self.label == "ACTOR":
            if self.title_end is not None and not c.actor_title:
                s = self.title_end
            elif self.det is not None and c.actor_determiner:
                s = self.det
            if self.poss_end is not None and c.actor_possessive:
                e = self.poss_end
        elif self.label == "FIGURE":
            if self.sign is not None and c.figure_currency:
                s = self.sign
            if self.cue is not None and c.figure_qualifier:
                s = self.cue
            if self.measure_end is not None and c.figure_unit:
                e = self.measure_end
            if self.noun_end is not None and c.figure_counted_noun:
                e = self.noun_end
        elif self.label == "CLAIM":
            if self.quote is not None and c.claim_quotes:
                s, e = self.quote
            if self.tag is not None and c.claim_reporting_clause:
                s, e = min(s, self.tag[0]), max(e, self.tag[1])
        return s, e


class _Writer:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.parts: list[str] = []
        self.pos = 0
        self.ents: list[Ent] = []

    def put(self, s: str) -> int:
        start = self.pos
        self.parts.append(s)
        self.pos += len(s)
        return start

    def cap(self, s: str, initial: bool) -> str:
        return s[0].upper() + s[1:] if initial else s

    # -- entities
    def person(self, title: bool | None = None) -> Ent:
        r = self.rng
        start = self.pos
        title_end = None
        if title if title is not None else r.random() < 0.3:
            self.put(r.choice(TITLES) + " ")
            title_end = self.pos
        self.put(f"{r.choice(FIRST)} {r.choice(LAST)}")
        return self._ent("ACTOR", start, title_end=title_end)

    def org(self, initial: bool = False) -> Ent:
        name, the = self.rng.choice(ORGS)
        det = None
        if the:
            det = self.put(self.cap("the ", initial))
        start = self.put(name)
        return self._ent("ACTOR", start, det=det)

    def gov(self, initial: bool = False) -> Ent:
        det = self.put(self.cap("the ", initial))
        start = self.put(self.rng.choice(GOVS))
        return self._ent("ACTOR", start, det=det)

    def group(self, initial: bool = False) -> Ent:
        start = self.put(self.cap(self.rng.choice(GROUPS), initial))
        return self._ent("ACTOR", start)

    def place(self) -> Ent:
        start = self.put(self.rng.choice(PLACES))
        return self._ent("LOCATION", start)

    def figure(self, initial: bool = False) -> Ent:
        r = self.rng
        f = Ent("FIGURE", 0, 0)
        if r.random() < 0.5:
            f.cue = self.put(self.cap(r.choice(CUES), initial) + " ")
            initial = False
        kind = r.random()
        if kind < 0.2:
            f.sign = self.put("$")
            f.start = self.put(f"{r.randint(2, 99)}.{r.randint(1, 9)} million")
            f.end = self.pos
        elif kind < 0.3:
            f.start = self.put(f"{r.randint(2, 60)}")
            f.end = self.pos
            self.put(r.choice((" per cent", "%")))
            f.measure_end = self.pos
        else:
            n = r.choice((r.randint(2, 99), r.randint(100, 999), r.randint(1000, 90_000)))
            f.start = self.put(f"{n:,}")
            f.end = self.pos
            mod = r.choice(MODIFIERS)
            self.put(f" {mod} {r.choice(NOUNS)}" if mod else f" {r.choice(NOUNS)}")
            f.noun_end = self.pos
        self.ents.append(f)
        return f

    def _ent(self, label: str, start: int, **kw) -> Ent:
        e = Ent(label, start, self.pos, **kw)
        self.ents.append(e)
        return e

    def claim(self, start: int, end: int, tag=None, quote=None) -> None:
        self.ents.append(Ent("CLAIM", start, end, tag=tag, quote=quote))

    # -- sentences
    def sentence(self) -> None:
        """One sentence of a random kind (each kind draws from the generator in its own order)."""
        kinds = (self._said_that, self._told_outlet, self._according_to, self._government_said,
                 self._hub, self._group_detained, self._org_report, self._declined)
        kinds[self.rng.randrange(8)]()

    def _said_that(self) -> None:
        """Name, a researcher at Org, said FIGURE had been freed in PLACE."""
        r = self.rng
        tag0 = self.pos
        self.person()
        self.put(", a researcher at ")
        self.org()
        self.put(", ")
        self.put(r.choice(SAYS))
        tag1 = self.pos
        self.put(" that ")
        c0 = self.figure()
        self.put(f" had been {r.choice(VERBS)} in ")
        self.place()
        self.claim(c0.cue if c0.cue is not None else (c0.sign if c0.sign is not None else c0.start),
                   self.pos, (tag0, tag1))
        self.put(".")

    def _told_outlet(self) -> None:
        """“Claim,” Name told Outlet."""
        r = self.rng
        q0 = self.put("“")
        cs = self.put(r.choice(("We have seen ", "There is clear evidence that ", "We know that ")))
        self.figure()
        self.put(f" were {r.choice(VERBS)} near ")
        self.place()
        c1 = self.pos
        self.put(",”")
        q1 = self.pos
        self.put(" ")
        teller = self.person()
        t1 = self.put(" told") + len(" told")
        self.put(" " + r.choice(OUTLETS))
        self.claim(cs, c1, (teller.start, t1), (q0, q1))
        self.put(".")

    def _according_to(self) -> None:
        """According to Org, CLAIM."""
        r = self.rng
        t0 = self.put("According to ")
        a = self.org()
        self.put(", ")
        cs = self.pos
        self.figure()
        self.put(f" were {r.choice(VERBS)} in ")
        self.place()
        self.put(f" last {r.choice(MONTHS)}")
        self.claim(cs, self.pos, (t0, a.end))
        self.put(".")

    def _government_said(self) -> None:
        """The government said CLAIM."""
        r = self.rng
        t0 = self.pos
        self.gov(initial=True)
        self.put(f" {r.choice(('said', 'denied', 'claimed'))}")
        t1 = self.pos
        self.put(" that ")
        cs = self.pos
        self.put(f"{r.choice(('no', 'few', 'many'))} {r.choice(NOUNS)} were held in ")
        self.place()
        self.claim(cs, self.pos, (t0, t1))
        self.put(".")

    def _hub(self) -> None:
        """PLACE has long been a hub..., and FIGURE were seized there."""
        r = self.rng
        self.place()
        self.put(" has long been a hub for online fraud, and ")
        self.figure()
        self.put(f" were {r.choice(VERBS)} there in {r.choice(MONTHS)}.")

    def _group_detained(self) -> None:
        """Groups in PLACE ..."""
        r = self.rng
        self.group(initial=True)
        self.put(" in ")
        self.place()
        self.put(" detained ")
        self.figure()
        self.put(f" on {r.choice(('Monday', 'Tuesday', 'Friday'))}.")

    def _org_report(self) -> None:
        """Org’s report ..."""
        r = self.rng
        a = self.org(initial=True)
        self.put("’s")
        a.poss_end = self.pos
        self.put(f" latest report covers {r.choice(('raids', 'arrests', 'rescues'))} in ")
        self.place()
        self.put(" and ")
        self.place()
        self.put(".")

    def _declined(self) -> None:
        """Title Name, who visited PLACE in MONTH, declined to comment."""
        r = self.rng
        self.person(title=True)
        self.put(", who visited ")
        self.place()
        self.put(f" in {r.choice(MONTHS)}, declined to comment.")

def article(seed: int | str, sentences: int = 24) -> tuple[str, list[Ent]]:
    """(text, entities) of a short news-like article; the same seed gives the same one."""
    rng = random.Random(f"learn:{seed}")
    w = _Writer(rng)
    w.put(f"Scam crackdown widens across the region ({rng.randint(1, 999)})")
    done = 0
    while done < sentences:
        w.put("\n\n")
        for _ in range(rng.randint(2, 4)):
            w.sentence()
            done += 1
            w.put(" ")
        w.parts[-1] = w.parts[-1].rstrip(" ")
        w.pos -= 1
    return "".join(w.parts), w.ents


def gold(ents: list[Ent], conventions: Conventions, labels=("ACTOR", "FIGURE", "CLAIM", "LOCATION")):
    """[(start, end, label)] of ``ents`` under ``conventions``."""
    return sorted({(*e.span(conventions), e.label) for e in ents if e.label in labels})
