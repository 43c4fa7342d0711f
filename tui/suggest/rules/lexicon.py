"""The gazetteer (``gazetteer.txt``): every word list the rules and the model's features
use, read once into a ``Lexicon``; ``alternation`` turns a word list into a fast regex."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

GAZETTEER = Path(__file__).with_name("gazetteer.txt")


@dataclass(frozen=True, eq=False)
class Lexicon:
    countries: dict  # every name or alias ("US") -> the name ("United States")
    demonyms: frozenset
    places: frozenset
    organisations: dict  # name -> type
    org_words: dict  # word -> type
    government_nouns: tuple
    org_nouns: dict  # lower-case institution noun -> type ("the health ministry")
    groups: dict  # noun -> (type, "" | "modified": needs a modifier of the lexicon | "described": needs any)
    group_modifiers: frozenset
    titles: tuple  # longest first
    not_names: frozenset
    place_prepositions: frozenset
    act_nouns: tuple
    reporting_verbs: dict  # verb -> kind: "deny", "promise" or ""
    reporting_participles: frozenset
    calling_verbs: dict  # "labeled" -> "", "citing" -> "participle": a claim only as "X as Y"
    action_verbs: tuple
    vessel_prefixes: frozenset  # "MV", "HMS": the run they start names a ship
    thing_heads: frozenset  # "Directive", "Treaty": the name they end names a law, an agreement, an area
    bodies: dict  # "prosecution" -> type: a body named by its function ("the state issued")
    owned_bodies: frozenset  # bodies named so only after a possessor ("the prime minister's office")


def _sections(path: Path) -> dict[str, list[list[str]]]:
    out: dict[str, list[list[str]]] = {}
    current = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = out.setdefault(line[1:-1], [])
        elif current is not None:
            current.append([f.strip() for f in line.split("|")])
    return out


@lru_cache(maxsize=4)
def load_lexicon(path: Path = GAZETTEER) -> Lexicon:
    s = _sections(Path(path))
    countries: dict[str, str] = {}
    demonyms: set[str] = set()
    for row in s.get("countries", []):
        name = row[0]
        countries[name] = name
        if len(row) > 1:
            demonyms.update(d.strip() for d in row[1].split(",") if d.strip())
        if len(row) > 2:
            countries.update((a.strip(), name) for a in row[2].split(",") if a.strip())
    groups = {r[0]: (r[1] if len(r) > 1 else "group", r[2] if len(r) > 2 else "")
              for r in s.get("groups", [])}
    return Lexicon(
        countries=countries,
        demonyms=frozenset(demonyms),
        places=frozenset(r[0] for r in s.get("places", [])),
        organisations={r[0]: (r[1] if len(r) > 1 else "organisation") for r in s.get("organisations", [])},
        org_words={r[0]: (r[1] if len(r) > 1 else "organisation") for r in s.get("org_words", [])},
        government_nouns=tuple(r[0] for r in s.get("government_nouns", [])),
        org_nouns={r[0]: (r[1] if len(r) > 1 else "organisation") for r in s.get("org_nouns", [])},
        groups=groups,
        group_modifiers=frozenset(r[0] for r in s.get("group_modifiers", [])),
        titles=tuple(sorted((r[0] for r in s.get("titles", [])), key=len, reverse=True)),
        not_names=frozenset(r[0] for r in s.get("not_names", [])),
        place_prepositions=frozenset(r[0] for r in s.get("place_prepositions", [])),
        act_nouns=tuple(r[0] for r in s.get("act_nouns", [])),
        reporting_verbs={r[0]: (r[1] if len(r) > 1 else "") for r in s.get("reporting_verbs", [])},
        reporting_participles=frozenset(r[0] for r in s.get("reporting_participles", [])),
        calling_verbs={r[0]: (r[1] if len(r) > 1 else "") for r in s.get("calling_verbs", [])},
        action_verbs=tuple(r[0] for r in s.get("action_verbs", [])),
        vessel_prefixes=frozenset(r[0] for r in s.get("vessel_prefixes", [])),
        thing_heads=frozenset(r[0] for r in s.get("thing_heads", [])),
        bodies={r[0]: (r[1] if len(r) > 1 else "government") for r in s.get("bodies", [])},
        owned_bodies=frozenset(r[0] for r in s.get("bodies", []) if len(r) > 2 and r[2] == "owned"),
    )


def alternation(words) -> str:
    """A regex matching any of ``words``, built as a prefix trie ("sa(?:id|ys?)"): long
    word lists scan many times faster than a flat "said|says|say|..." alternation."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(node[ch]) for ch in sorted(node) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        if "" in node:
            return f"(?:{body})?" if len(branches) == 1 else f"{body}?"
        return body

    return build(trie)
