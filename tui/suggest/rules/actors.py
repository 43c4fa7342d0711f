"""Actor rules: capitalised names, organisation words, titles, government phrases, group
nouns, countries that act, a gazetteer, and propagation of names already found.

Everything lexical lives in ``gazetteer.txt`` (read by ``lexicon.py``); this module holds the rules.
"""

from __future__ import annotations

import re

from tui.suggest.agent_nouns import agent_before
from tui.suggest.rules.actor_words import (PRESENT_S, heading_present, in_heading, is_headline, is_initial, joint_with,
                                           lower_titles, name_words, preceding_word, acts_in_clause_after)
from tui.suggest.rules.actor_acronyms import spell_out
from tui.suggest.rules.actor_bodies import bodies
from tui.suggest.rules.actor_patterns import patterns
from tui.suggest.rules.actor_titles import after_title_to, title_before_to
from tui.suggest.rules.actor_phrases import phrases
from tui.suggest.rules.lexicon import Lexicon, load_lexicon
from tui.suggest.rules.mention import Mention, resolve

UP = "A-ZÀ-ÖØ-Þ"
#: company-form abbreviations: their stop is the name's ("HDT Védelmi Ipari Kft.", "Acme, Inc.")
_SUFFIXES = "Inc|Ltd|Corp|Co|Kft|Zrt|GmbH|AG|SA|LLC|PLC|Plc|Pty|Bhd"
_CAPWORD = (rf"[{UP}][\w-]*\.(?:com|org|net)(?:\.[a-z]{{2}})?(?![\w.])|(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Gov|St)\.|(?:{_SUFFIXES})\.(?![ \t\u00a0]+[{UP}])|[{UP}](?:\.[{UP}])+\.?|(?:al|el|ad|bin|ibn)-[{UP}]\w*"
            # a middle initial between two names: "Thomas T. Cullen" (not "Plan B. The")
            rf"|[{UP}]\.(?=[ \t\u00a0]+(?!(?:The|A|An|In|On|At|It|He|She|They|We|This|That|But|And)\b)[{UP}][a-z])"
            rf"|[{UP}]\w*(?:[-–][{UP}]\w*)*(?:['’](?!s\b)\w+)*(?![\w–-])")
#: letters after a person's name, no part of it: a rank of counsel, an honour ("Durham Hall QC", "X OBE")
_POSTNOMINALS = frozenset({"QC", "KC", "SC", "OBE", "CBE", "MBE", "KBE", "DBE"})
#: lower-case particles inside a person's name ("Arnel dela Vega", "Ursula von der Leyen")
_PARTICLES = ("de", "da", "del", "di", "la", "le", "van", "von", "der", "bin", "al", "dela", "van der", "von der",
              "de la")
_PREPOSITIONS = ("of", "for", "in", "on", "of the", "for the", "on the")  # between two names: split them
_CONNECTORS = _PREPOSITIONS + _PARTICLES
#: a day or month after a connector is a date, no part of the name ("the Acme Group on Monday said")
_DATE_WORDS = ("Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June"
               "|July|August|September|October|November|December")
_RUN_RE = re.compile(
    rf"(?:{_CAPWORD})(?:(?:[ \t\u00a0]+(?:(?:{'|'.join(_CONNECTORS)})[ \t\u00a0]+(?!(?:{_DATE_WORDS})\b))?"
    rf"|[ \t\u00a0]*&[ \t\u00a0]*|,[ \t\u00a0]+(?=(?:{_SUFFIXES})\.))(?:{_CAPWORD}))*"
)
_IN_PLACE_RE = re.compile(r"[ \t\u00a0]+in[ \t\u00a0]+(?!.*[ \t\u00a0]in[ \t\u00a0])")  # the last "in" of a run
_LEADING_CONNECTOR_RE = re.compile(rf"(?:{'|'.join(_CONNECTORS)})[ \t\u00a0]+")
_CONNECTOR_SPLIT_RE = re.compile(rf"[ \t\u00a0]+(?:{'|'.join(sorted(_PREPOSITIONS, key=len, reverse=True))})[ \t\u00a0]+")
_AND_GAP_RE = re.compile(r"[ \t\u00a0]+and[ \t\u00a0]+(?:the[ \t\u00a0]+)?")  # "Iraq and the Levant"
#: the last word of a complement joined over "and" is a common noun (a field, a service, a duty), never a
#: surname: "and Prevention", "and Public Protection", "and Health Care"; not "and Donald Trump", "and Mike Bost"
_COMPLEMENT_END_RE = re.compile(
    r"[A-Z][a-z]*(?:tion|sion|ment|ity|ics|ogy|ance|ence|ure|ism|ness|stry|eering|ices|ases|ysis)"
    r"|Care|Health|Safety|Security|Defen[cs]e|Justice|Trade|Energy|Sciences?|Research|Culture|Sports?|Labou?r"
    r"|Water|Affairs|Welfare|Relief|Rescue|Recovery|Emergency|Training|Housing|Planning|Finance|Transport")
_LOWER_WORD_RE = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*")
_NEXT_WORD_RE = re.compile(r"\S+[ \t\u00a0]*")
_WORD_AFTER_RE = re.compile(r"[ \t\u00a0]+([a-z]+)\b")
_LINE_RE = re.compile(r"[^\n]+")
_OWNER_BEFORE_RE = re.compile(rf"(?<![\w-])[{UP}]\w*(?:[ \t]+[{UP}]\w*)*['’]s[ \t]+\Z")
_PLACE_AFTER_RE = re.compile(rf"[ \t]+(?:in|to)[ \t]+{_RUN_RE.pattern}")
_TOLD_BEFORE_RE = re.compile(r"\b(?:told|[Aa]ccording to)[ \t]+(?:the[ \t]+)?\Z")
_ACCORDING_BEFORE_RE = re.compile(r"\b[Aa]ccording to[ \t]+(?:[Tt]he[ \t]+)?\Z")
_WORD_BEFORE_RE = re.compile(rf"(?<![\w-])([{UP}][\w-]*)[ \t\u00a0]+\Z")
_THE_BEFORE_RE = re.compile(r"(?<![\w-])[Tt]he[ \t\u00a0]+\Z")
_PRESENT_RE = re.compile(PRESENT_S)
#: prepositions whose object a place is, whatever verb follows ("Flights to Nevada resumed")
_PLACE_GOVERNORS = frozenset({"to", "of", "for", "from", "into", "across", "toward", "towards", "via", "through",
                              "throughout", "near", "outside", "inside", "within", "around", "between"})
_COPULA_AFTER_RE = re.compile(r"[ \t]+(?:is|are|was|were)\b")
_ADDRESS_BEFORE_RE = re.compile(r"(?<![\w-])[A-Z][\w-]*,[ \t]+\Z")  # "University of California, Los Angeles"
#: a sentence adverb, capitalised where it opens a sentence or a quotation ("Deeply saddened by the
#: loss", "Sadly, ...", "Finally the"): no one-word name (not Kelly, Emily, Italy, Donnelly)
_ADVERB_RE = re.compile(r"[A-Z][a-z]{2,}(?:al|ful|less|ous|ive|ent|ant|ate|ic|ed|ing|ib|ab|ar)ly"
                        r"|(?:Deep|Sad|Clear|Quick|Slow|Sure|Near|Most|Hard|Glad|Proud|Brief|Fair|Firm|Free|Great"
                        r"|High|Kind|Late|Loud|Main|Mere|Open|Rare|Short|Strong|Swift|Tight|Vast|Warm|Wide|Wise)ly")
# a name that only modifies "data" is no mention (GUIDELINES: "Johns Hopkins University (JHU) data indicated")
_DATA_AFTER_RE = re.compile(rf"\)?(?:[ \t]+\([{UP}][\w.&-]*\))?[ \t\u00a0]+data\b")
_ACRONYM_DEF_RE = re.compile(rf"[ \t]*\(([{UP}]{{2,8}})\)")
#: an ordinal before a body's name is the name's ("the incoming 116th United States Congress", GUIDELINES)
#: offices the title lexicon lacks (it holds the titles written before a name): "Labour MP", "Majority Leader"
_OFFICES = frozenset({"MP", "Representative", "Leader"})
_AUX_AFTER_RE = re.compile(r"[ \t\u00a0]+(?:is|are|was|were|has|have|had|will|would)\b")  # "the Prime Minister was"
_ORDINAL_BEFORE_RE = re.compile(r"(?<![\w.,-])\d+(?:st|nd|rd|th)[ \t\u00a0]+\Z")
#: where a name is a source or an agent, whatever its words (GUIDELINES: the agent after ``by`` acts, those a
#: report cites are actors): ``according to USA Today``, ``citing the Cyprus Mail``, ``reported by CNN``
_SOURCE_BEFORE_RE = re.compile(r"(?:\b(?:[Aa]ccording[ \t\u00a0]+to|citing|quoting)|(?<![\w-])by)[ \t\u00a0]+"
                               r"(?:([Tt]he)[ \t\u00a0]+)?\Z")
_PARTICIPLE_BY_RE = re.compile(r"\b[a-z]+(?:ed|en)[ \t\u00a0]+by[ \t\u00a0]+\Z")  # "occupied by", "taken by"
#: what may follow a source's name: punctuation, a capitalised word, a function word or a verb; not a
#: lower-case noun the name modifies (``caused by the COVID-19 pandemic``, ``by the Rio Grande valley``)
_SOURCE_ENDS_RE = re.compile(r"[ \t\u00a0]*(?:[.,;:)\]\"”\n]|\Z)|[ \t\u00a0]+(?:[A-Z(]|(?:or|as|in|on|at|for|to|"
                             r"with|from|of|last|this|that|which|who|whose|after|before|during|since|but|over|about|via|"
                             r"when|while|where|has|have|had|is|was|were|are|said|says|reported|reports)\b"
                             # "and" before another name, not before an adjective of a shared noun ("by U.S. and
                             # foreign law enforcement": the name modifies it)
                             r"|and[ \t\u00a0]+(?:[A-Z]|(?:the|a|an|his|her|its|their)\b))")


class _Finder:
    """Collects actor candidates for one text."""

    def __init__(self, text: str, lex: Lexicon, extra: dict | None):
        self.text = text
        self.lex = lex
        self.pat = patterns(lex)
        self.known = dict(lex.organisations)
        if extra:
            self.known.update(extra)
        self.lower_vocab = set(_LOWER_WORD_RE.findall(text))
        self.counts: dict[str, int] = {}  # words -> how often they stand in the text (``_count``)
        self.cands: list[tuple[int, int, str]] = []
        self.aliases: dict[str, tuple[int, str]] = {}  # short form -> (defined at, type)
        self.titled: dict[tuple[int, int], int] = {}  # (start, end) -> where the name starts
        self.lettered: dict[tuple[int, int], int] = {}  # (start, end) -> where the name ends before its "QC"
        self.modified: dict[tuple[int, int], int] = {}  # (start, end) of a group -> start of all its modifiers
        self.lower_titles = lower_titles(lex)
        self.by_start: dict[int, tuple[int, int, str]] = {}  # the names runs() found, by start (actor_phrases)
        self.unresolved: list[tuple[int, int]] = []  # runs no rule took (a name defined later?)
        self.surnames: dict[str, int] = {}  # a person's last name -> where the person is first named
        self.one_word: dict[str, tuple[int, str]] = {}  # a one-word name that acts -> where it first does, its type
        self.things: set[str] = set()  # the words of ships' and storms' names ("Dorian" of "Hurricane Dorian")
        self.parts: dict[str, list[str]] = {}  # a capitalised run -> the names it holds (_parts)
        self.defined: set[tuple[str, str]] = set()  # (name, type) whose short forms are recorded (_define)
        self.mentions: dict[str, tuple[bool, bool]] = {}  # a one-word name -> (a surname somewhere, mid-sentence somewhere)

    # -- names
    def runs(self) -> None:
        text, lex = self.text, self.lex
        headlines = [m.span() for m in _LINE_RE.finditer(text) if is_headline(m.group())]
        h = 0
        for start, end in self._name_runs():
            while h < len(headlines) and headlines[h][1] <= start:
                h += 1
            run = text[start:end]
            if run in lex.not_names:
                continue  # "The", "However", "In": the commonest runs of all
            if h < len(headlines) and headlines[h][0] <= start and run not in self.known:
                continue  # a Title Case headline: its capitals say nothing
            pos = start
            for part in self._parts(run):
                s = text.index(part, pos)
                self.run(s, s + len(part))
                pos = s + len(part)
        self._named_later()

    def _name_runs(self):
        """The (start, end) of each capitalised run, an organisation's run joined over "and" to
        the rest of its name ("California Department of Forestry and Fire Protection")."""
        matches = list(_RUN_RE.finditer(self.text))
        i = 0
        while i < len(matches):
            start, end = matches[i].span()
            if i + 1 < len(matches) and self._and_completes(matches[i].group(), end, matches[i + 1]):
                i += 1
                end = matches[i].end()
            yield start, end
            i += 1

    def _and_completes(self, run: str, end: int, nxt: re.Match) -> bool:
        """Does the run ``nxt``, after " and " (or " and the "), complete the organisation's name
        ``run`` ends with, a name whose organisation word takes an "of"/"for" complement
        ("Department of Emergency Services and Public Protection", "Centers for Disease Control
        and Prevention", "Bavarian State Ministry of Public Health and Health Care"): at most
        three words before a connector, none an organisation word, an acronym ("University of
        Bristol and UC Davis": two) or a title, its last word a common noun (``_COMPLEMENT_END_RE``:
        "Department of Justice and Donald Trump said" stays two) or a country ("High Court of
        England and Wales") and no surname the text uses
        alone ("the Department of Justice and John Smith ... Smith said")."""
        text = self.text
        if not _AND_GAP_RE.fullmatch(text, end, nxt.start()):
            return False
        head = max(run.rfind(" of "), run.rfind(" for "))
        tail = name_words(_CONNECTOR_SPLIT_RE.split(nxt.group())[0])
        lex = self.lex
        if head < 0 or not any(w in lex.org_words for w in name_words(run[:head])) or len(tail) > 3 \
                or any(w in lex.org_words or w in lex.titles or (len(w) > 1 and w.isupper()) for w in tail) \
                or not (_COMPLEMENT_END_RE.fullmatch(tail[-1]) or tail[-1] in lex.countries):
            return False
        return self._count(tail[-1]) <= self._count(" ".join(tail))

    def _count(self, words: str) -> int:
        """How often ``words`` stand in the text as whole words (once per text and words: a
        scan of the whole text per join would make a long text's joins quadratic)."""
        n = self.counts.get(words)
        if n is None:
            n = self.counts[words] = len(re.findall(rf"(?<![\w-]){re.escape(words)}(?![\w-])", self.text))
        return n

    def _named_later(self) -> None:
        """A run of a heading no rule took that is the surname of a person the body
        introduces later (the headline's "Trump ousts" before "Donald Trump"): a mention of
        them. In a sentence a surname before the full name stays unknown (it may be another)."""
        for start, end in self.unresolved:
            name = self.text[start:end]
            defined = self.surnames.get(name)
            if defined is not None and defined > start and in_heading(self.text, start) \
                    and preceding_word(self.text, start) not in self.lex.place_prepositions:  # "patients in England"
                self.cands.append((start, end, "person"))
            elif name in self.one_word and self.one_word[name][0] > start:  # "by the Taliban" before "The Taliban
                self.cands.append((start, end, self.one_word[name][1]))    # have claimed": its type there

    def _parts(self, run: str) -> list[str]:
        """The names a connector-joined run holds: a run naming an organisation stays whole,
        unless the organisation follows a first "of" or "for" (Joanna Cherry of the Scottish
        National Party: two); a title of a place before a name stays whole (First Minister
        of Scotland Nicola Sturgeon); the connectors part the rest. The same at every
        mention of the run: worked out once per run."""
        parts = self.parts.get(run)
        if parts is None:
            parts = self.parts[run] = self._split(run)
        return parts

    def _split(self, run: str) -> list[str]:
        if not _CONNECTOR_SPLIT_RE.search(run) or run in self.known or self._title_of_place(run):
            return [run]
        first = _CONNECTOR_SPLIT_RE.search(run)
        assert first is not None
        head, tail = run[:first.start()], run[first.end():]
        org = self.lex.org_words
        place = _IN_PLACE_RE.search(run)
        if place and any(w in org for w in name_words(run[:place.start()])) \
                and not any(w in org for w in name_words(run[place.end():])):
            return [run[:place.start()], run[place.end():]]  # "Court of Session in Scotland": a post-modifier
        if any(w in org for w in name_words(head)):
            return [run]
        if any(w in org for w in name_words(tail)):  # "X of the Party" parts, "Trafficking in Persons Report" not
            return [head, tail] if first.group().split()[0] in ("of", "for") else [run]
        return _CONNECTOR_SPLIT_RE.split(run)

    def _title_of_place(self, piece: str) -> bool:
        """Is ``piece`` a title, "of" a place and a name (Governor of Texas Greg Abbott)?"""
        head, _, rest = piece.partition(" of ")
        title = self.pat.title.search(head + " x")
        return title is not None and title.end() == len(head) + 1 and self._name_after_place(rest) is not None

    def _name_after_place(self, rest: str) -> int | None:
        """Where the name starts in "<place> <name>" (after a title's "of"): after a known
        country or place, else the last two words are the name (three with a middle
        initial); None when no name is left."""
        words = [(m.start(), m.group()) for m in re.finditer(r"\S+", rest)]
        lex = self.lex
        for k in (3, 2, 1):
            place = " ".join(w for _, w in words[:k])
            if len(words) > k and (place in lex.countries or place in lex.places or place in lex.demonyms):
                return words[k][0]
        n = 3 if len(words) >= 3 and re.fullmatch(r"[A-Z]\.", words[-2][1]) else 2
        return words[-n][0] if len(words) > n else None

    def run(self, start: int, end: int) -> None:
        text, lex = self.text, self.lex
        initial = is_initial(text, start)
        # drop leading function words ("The UN") and a sentence-initial common word ("Estimates")
        while True:
            first = text[start:end].split(None, 1)[0].rstrip(".")
            if not (first in lex.not_names or (initial and first.lower() in self.lower_vocab
                                               and not self._name_start(text[start:end]))) \
                    or self._keeps_first(first, text[start:end]):
                break
            word = _NEXT_WORD_RE.match(text, start)
            assert word is not None  # a run's words are joined by blanks only: start is on a word
            start = word.end()
            initial = False
            lead = _LEADING_CONNECTOR_RE.match(text, start, end)  # "Leaders of African Union": not "of African Union"
            start = lead.end() if lead else start
            if start >= end:
                return
        words, full = name_words(text[start:end]), end
        if len(words) > 2 and words[-1] in _POSTNOMINALS:  # "Judge Durham Hall QC": no post-modifier (GUIDELINES)
            end = start + len(text[start:text.rindex(words[-1], start, end)].rstrip())
            words = words[:-1]
        name = text[start:end]
        if all(w in lex.not_names for w in words) or words[-1] in lex.thing_heads:
            return  # "Electronic Commerce Directive", "the Directive": a law never acts
        thing = self._thing_prefix(words)
        if thing is not None:  # "MV Alan Kurdi", "the MV Professor Albrecht Penck", "Hurricane Dorian":
            self.things.update(words[thing + 1:])  # a ship or a storm, whoever it is named after, and so is its name alone
            return
        found = self.classify(name, words, start, end)
        if found and full > end:  # the mention runs on to its letters (a claim's speaker ends there), its span does not
            if (title := self.titled.pop((found[0], end), None)) is not None:
                self.titled[(found[0], full)] = title
            self.lettered[(found[0], full)] = end
            found = (found[0], full, found[2])
        if found:
            self.cands.append(found)
        else:
            self.unresolved.append((start, end))

    def _thing_prefix(self, words: list[str]) -> int | None:
        """Where the prefix of a ship's, a storm's or an operation's name stands in ``words``:
        first (``Hurricane Dorian``), or after words that qualify it when no word of the run
        names an organisation (``Tropical Storm Humberto``; not ``National Hurricane Center``)."""
        lex = self.lex
        if words[0] in lex.vessel_prefixes:
            return 0
        at = next((i for i, w in enumerate(words[:-1]) if w in lex.vessel_prefixes), None)
        return at if at is not None and not any(w in lex.org_words for w in words) else None

    def _keeps_first(self, first: str, run: str) -> bool:
        """Is a leading demonym or "New" part of the name (African Union, The New York
        Times), though alone it is not a name?"""
        rest = name_words(run)[1:]
        if first in self.lex.demonyms or first.endswith(("an", "ese", "ish")):
            return bool(rest) and any(w in self.lex.org_words for w in rest)
        return first == "New" and bool(rest) and run not in self.lex.not_names

    def _name_start(self, name: str) -> bool:
        return name in self.known or bool(self.pat.title.match(name))

    def classify(self, name: str, words: list[str], start: int, end: int):
        """(start, end, type) of the actor this capitalised run names, or None."""
        lex, text = self.lex, self.text
        if name in self.known:
            self._define(name, start, self.known[name])
            return start, end, self.known[name]
        alias = self.aliases.get(name)
        if alias and alias[0] < start:
            return start, end, alias[1]
        if len(words) > 2 and after_title_to(text, start, lex) and (at := self._name_after_place(name)):
            self._define(name[at:], start + at, "person")  # "Ambassador to Germany Richard Grenell"
            return start + at, end, "person"
        if title_before_to(text, end, words, lex):
            return None  # "United States Senator" before "from Vermont Bernie Sanders": the name's title
        keyword = next((w for w in words if w in lex.org_words), None)
        if keyword and self._titled_after_org(name):
            keyword = None  # "Royal Society University Research Fellow Martin How": a person
        if keyword:
            typ = lex.org_words[keyword]
            if words[0] == keyword:  # "King's Fund", "Cambodia’s Ministry of Interior"
                m = _OWNER_BEFORE_RE.search(text, max(0, start - 40), start)
                start = m.start() if m else start
            start = self._and_joined(start)
            ordinal = _ORDINAL_BEFORE_RE.search(text, max(0, start - 12), start)
            start = ordinal.start() if ordinal else start
            self._define(text[start:end], start, typ)
            return start, self._possessive_merge(end), typ
        if name in lex.countries:
            return (start, end, "government") if self._country_acts(start, end) else None
        title = self.pat.title.search(name)
        if title:  # "Prime Minister Hun Manet", "Cambodian Prime Minister Hun Manet", "California Attorney General X"
            at = self._title_start(name, title.start())
            # the name follows the last title of a chain (Deputy Emergency Situations Minister X)
            last = max((t.end() for t in self.pat.title.finditer(name, title.end())), default=title.end())
            if name.startswith("of ", last) and self._title_of_place(name[title.start():]):
                last += 3 + (self._name_after_place(name[last + 3:]) or 0)  # "First Minister of Scotland"
            self._define(name[last:], start + at, "person")
            self.titled[(start + at, end)] = start + last
            return start + at, end, "person"
        if name in lex.places:  # a state or city that decides as a polity: "Nevada opted", "California outlawed"
            return (start, end, "government") if self._place_acts(start, end) else None
        found = self._unknown(name, words, start, end)
        if found is None and self._source(name, words, start, end):
            self._define(name, start, "organisation")
            return start, end, "organisation"  # "according to USA Today", "released by the U.S. Navy"
        return found

    def _unknown(self, name: str, words: list[str], start: int, end: int):
        """``classify`` for a run no lexicon names: a person's name, a one-word name that acts, or None."""
        lex, text = self.lex, self.text
        if name in lex.demonyms or any(w in lex.places for w in words):
            return None
        if preceding_word(text, start) in lex.place_prepositions and not agent_before(text, start):
            return None  # "patients in England" (not "at the request of Justin Trudeau": who asked)
        if len(words) >= 2:
            if any(w in lex.countries or w in lex.demonyms or w in lex.not_names for w in words) \
                    or all(w.isupper() for w in words) \
                    or (_THE_BEFORE_RE.search(text, max(0, start - 4), start) and words[-1] not in lex.titles):
                return None  # "the Crew Dragon was launched": no person's name takes "the" (a title does)
            if self._office_alone(words, start, end):
                return None  # "appointed him Foreign Secretary", "X, a former United States Representative"
            self._define(name, start, "person")
            return start, end, "person"
        return self._one_word(name, words[0], start, end)

    def _source(self, name: str, words: list[str], start: int, end: int) -> bool:
        """Is the run a source or an agent the other rules reject (``reported by CNN as``, ``interviewed
        by the BBC``, ``according to the Baltimore Sun``, ``a report from ABC Australia``, ``launched by
        the Federal Aviation Administration and``)? Two words or more, or an acronym, or a name after a
        capitalised ``The``; no demonym, no number (``caused by COVID-19``), nothing it modifies after it."""
        text = self.text
        m = _SOURCE_BEFORE_RE.search(text, max(0, start - 20), start)
        if not (m or agent_before(text, start)) or name in self.lex.demonyms or any(c.isdigit() for c in name):
            return False
        one = len(words) == 1 and not (len(words[0]) > 1 and words[0].isupper()) and not (m and m.group(1) == "The")
        return not one and words[-1] not in self.lex.titles and words[-1] not in _OFFICES \
            and _SOURCE_ENDS_RE.match(text, end) is not None

    def _office_alone(self, words: list[str], start: int, end: int) -> bool:
        """Is the run an office with no name after it (``Foreign Secretary``, ``United States
        Representative``, ``Labour MP``): no person's name (GUIDELINES: a title is no name, an
        office only described or held is no actor), unless a verb or an auxiliary follows (``The
        Health Minister said``, ``the Prime Minister was``: the team's vote on it decides) or it is a
        heading's (``Tunisian Prime Minister signs``)?"""
        return (words[-1] in self.lex.titles or words[-1] in _OFFICES) and not in_heading(self.text, start) \
            and not self.pat.verb_phrase.match(self.text, end) and not _AUX_AFTER_RE.match(self.text, end)

    def _one_word(self, name: str, word: str, start: int, end: int):
        """(start, end, type) of an unknown one-word name, or None: a domain, an acronym
        that speaks or is told, a source after "according to", a described name, a speaker."""
        text = self.text
        if len(word) < 2:
            return None
        if re.search(r"\.(?:com|org|net)\b", word):  # a news site or an organisation's domain
            return start, end, "organisation"
        if word.isupper():  # an unknown acronym acts only where it does something or is told (the BBC)
            if self._one_word_acts(word, start, end) or _TOLD_BEFORE_RE.search(text, max(0, start - 20), start):
                self.one_word.setdefault(name, (start, "organisation"))
                self._define(name, start, "organisation")
                return start, end, "organisation"
            return None
        if word.lower() in self.lower_vocab:
            return None
        if _ACCORDING_BEFORE_RE.search(text, max(0, start - 20), start) and text[end:end + 1] in ".,;:\n":
            return start, end, "organisation"  # "according to The Verge.": a source (not "Save [the Children]")
        described = self.lex.groups.get(preceding_word(text, start).lower())
        if described is not None and described[1] == "described":  # "rescue charity Sea-Eye"
            self.aliases.setdefault(name, (start, described[0]))
            return start, end, described[0]
        if name not in self.things and self._one_word_acts(word, start, end):
            # a speaker is a person ("Smith said"); a name doing something else is mostly a company or a group
            typ = "person" if self.pat.verb_after.match(text, end) else "organisation"
            self.one_word.setdefault(name, (start, typ))
            self._define(name, start, typ)
            return start, end, typ
        return None

    def _one_word_acts(self, word: str, start: int, end: int) -> bool:
        """Does an unknown one-word name act: a reporting verb follows, or a verb phrase
        that makes a country act (``Apple declined``, ``Huawei has been lobbying``), not in
        a heading (``Hundreds arrested``: a participle), not for the last word of a longer
        name the text gives (``Ferrer spoke`` before ``Montse Ferrer``: it may be another)
        and, at a sentence's start, only for a word the text also capitalises inside a
        sentence (not ``Results showed``)?"""
        text = self.text
        if _ADVERB_RE.fullmatch(word):
            return False
        if self.pat.verb_after.match(text, end):
            return True
        if self._heading_subject(end):  # "Kurds announce deal", "after RIAA issues DMCA notice": a name the
            surname, mid_sentence = self._mentions_of(word)  # text capitalises inside a sentence too (not "Bombs kill")
            return not surname and mid_sentence
        if not (self.pat.verb_phrase.match(text, end) or joint_with(text, start)) or in_heading(text, start):
            return False
        surname, mid_sentence = self._mentions_of(word)  # a present tense in -s takes no plural subject: "Rudaw reports X"
        return not surname and (mid_sentence or not is_initial(text, start) or bool(_PRESENT_RE.match(text, end)))

    def _heading_subject(self, end: int) -> bool:
        """Is a heading's present-tense verb next after ``end`` (``Germany bans``, ``Kurds announce``)?"""
        nxt = _WORD_AFTER_RE.match(self.text, end)
        if nxt is None:
            return False
        lex = self.lex
        return heading_present(self.text, end, nxt.group(1), lex.reporting_verbs.keys() | lex.action_verbs)

    def _mentions_of(self, word: str) -> tuple[bool, bool]:
        """Does ``word`` follow a capitalised name word somewhere in the text (it is a
        surname), and does it stand inside a sentence somewhere? Once per word: a scan of
        the whole text whose answer every mention of the word shares."""
        known = self.mentions.get(word)
        if known is None:
            at = [m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", self.text)]
            known = self.mentions[word] = (any(self._surname_at(pos) for pos in at),
                                           any(not is_initial(self.text, pos) for pos in at))
        return known

    def _surname_at(self, pos: int) -> bool:
        """Does a capitalised name word (not "The", "However") come right before ``pos``?"""
        before = _WORD_BEFORE_RE.search(self.text, max(0, pos - 40), pos)
        return before is not None and before.group(1) not in self.lex.not_names

    def _titled_after_org(self, name: str) -> bool:
        """Does a title follow the run's organisation words, with a name of two or more
        words after it and no organisation word (University Research Fellow Martin How)?"""
        last = None
        for last in self.pat.title.finditer(name):
            pass
        if last is None:
            return False  # (a title at the start holds the organisation word: "House Speaker X")
        rest = name_words(name[last.end():])
        return len(rest) >= 2 and not any(w in self.lex.org_words or w in self.lex.titles for w in rest)

    def _and_joined(self, start: int) -> int:
        """Where an organisation's name starts when a capitalised run no rule took and
        "and" come right before it (Securities and Exchange Commission)."""
        if self.unresolved and self.text[self.unresolved[-1][1]:start] == " and ":
            return self.unresolved[-1][0]
        return start

    def _title_start(self, name: str, at: int) -> int:
        """Where a title starts, with the capitalised words of the run before it that make
        it ("Health Secretary", "Coast Guard Commandant"), a country or demonym left out."""
        lex = self.lex
        for w in reversed(name[:at].split()):
            if w in lex.countries or w in lex.demonyms or w in lex.places or not w[:1].isupper():
                break
            at = name.rindex(w, 0, at)
        return at

    def _possessive_merge(self, end: int) -> int:
        """Extend an organisation over "’s <Organisation>" (Harvard University’s Asia Center)."""
        text = self.text
        if text[end:end + 3] in ("’s ", "'s "):
            m = _RUN_RE.match(text, end + 3)
            if m and any(w in self.lex.org_words for w in name_words(m.group())):
                return m.end()
        return end

    def _country_acts(self, start: int, end: int) -> bool:
        """Does a country act as its government: a verb follows (``Turkey began``, a heading's
        ``Germany bans``), or it is a source (``according to Turkey``)?"""
        text = self.text
        if preceding_word(text, start) in self.lex.place_prepositions:
            return False
        if _ACCORDING_BEFORE_RE.search(text, max(0, start - 20), start) or joint_with(text, start) \
                or acts_in_clause_after(text, end, preceding_word(text, start).lower(), on_object=True):
            return True  # a source, the other side of a joint act ("met with Germany"), "With the US encouraging"
        return bool(self.pat.country_acts.match(text, end)) or self._heading_subject(end) or self._agent_by(start, end)

    def _place_acts(self, start: int, end: int) -> bool:
        """Does a place (a state, a city) act as its government: the subject of a verb phrase
        (``Nevada opted not to``, ``South Carolina, Kansas, and Arizona made the same decision``),
        not after a preposition (``in Texas``) nor in a heading?"""
        text = self.text
        before = preceding_word(text, start)
        if before in self.lex.place_prepositions or before.lower() in _PLACE_GOVERNORS or in_heading(text, start) \
                or _THE_BEFORE_RE.search(text, max(0, start - 4), start) or _COPULA_AFTER_RE.match(text, end):
            return False  # "in Texas", "Paris is mourning" (its people), a heading's place
        if _ADDRESS_BEFORE_RE.search(text, max(0, start - 40), start) and text[end:end + 1] != ",":
            return False  # "the University of California, Los Angeles disagreed": part of an address
        return bool(self.pat.country_acts.match(text, end)) or self._agent_by(start, end)

    def _agent_by(self, start: int, end: int) -> bool:
        """Is the country or state at ``start`` the agent after a participle's ``by`` (``occupied by
        Israel.``, ``joined by Australia,``, ``a lawsuit filed by Texas which``): it acts as a
        government (GUIDELINES), not where it modifies a noun after it (``by Texas standards``)?"""
        return _PARTICIPLE_BY_RE.search(self.text, max(0, start - 30), start) is not None \
            and _SOURCE_ENDS_RE.match(self.text, end) is not None

    def _define(self, name: str, start: int, typ: str) -> None:
        """Record the short forms a later mention may use (Ferrer, Chen, Amnesty, USIP). The
        forms of a name are the same at every mention, and the first one recorded stays:
        they are worked out once per name and type; only an acronym defined after an
        organisation's mention (``... Peace (USIP)``) is looked for at each."""
        if (name, typ) not in self.defined:
            self.defined.add((name, typ))
            self._short_forms(name, start, typ)
        if typ != "person":
            m = _ACRONYM_DEF_RE.match(self.text, start + len(name))
            if m:
                self.aliases.setdefault(m.group(1), (start, typ))

    def _short_forms(self, name: str, start: int, typ: str) -> None:
        lex = self.lex
        words = [w for w in name_words(name) if w not in lex.not_names]
        if typ == "person":
            if len(words) >= 2:
                self.surnames.setdefault(words[-1], start)
            for w in words:
                if len(w) > 1 and w not in lex.titles and w not in lex.countries \
                        and w not in lex.demonyms and w.lower() not in self.lower_vocab:
                    self.aliases.setdefault(w, (start, typ))
            return
        if len(words) >= 2 and words[-1] in lex.org_words and all(
                w not in lex.org_words and w not in lex.titles and w not in lex.countries
                and w not in lex.demonyms for w in words[:-1]) and " ".join(words[:-1]) not in lex.countries:
            self.aliases.setdefault(" ".join(words[:-1]), (start, typ))  # not "United States" of its "... Embassy"
        if len(words) == 1:
            self.aliases.setdefault(words[0], (start, typ))  # "NASA" again later
        caps = [w for w in words if w[:1].isupper()]
        if len(caps) >= 3:
            self.aliases.setdefault("".join(w[0] for w in caps), (start, typ))


def find_actors(text: str, extra: dict | None = None, lex: Lexicon | None = None) -> list[Mention]:
    """Actor mentions in ``text``, in order. ``extra`` maps more names to actor types."""
    f = _Finder(text, lex or load_lexicon(), extra)
    f.runs()
    phrases(f, _PLACE_AFTER_RE)
    bodies(f)
    found = resolve(text, spell_out(text, f.cands), f.titled, f.modified, f.lettered)
    return [m for m in found if not _DATA_AFTER_RE.match(text, m.end)]
