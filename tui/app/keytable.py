"""The key table a corpus's ``margin.yaml`` makes: the label keys of its schema and the
remaps under ``keys:``, checked once when an app starts.

Textual runs the first binding of a key whose action runs, so a label key or a remap that
lands on a key margin already uses silently takes it over (a LOCATION label on ``l`` took
"select the next token"), a remap to an id that does not exist does nothing, and a key
Textual cannot bind (``,``) raised a traceback when the screen was built. Every one of those
is refused here, in one line naming ``margin.yaml`` and what to change."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from textual.binding import Binding

from tui.app.bindings import annotate_bindings, key_name, review_bindings, tag_id
from tui.app.screens.dashboard import BINDINGS as DASHBOARD
from tui.corpus import Corpus, load_settings
from tui.display import one_line
from tui.errors import DataError
from tui.schema import DEFAULT_SCHEMA, Schema


def _screens(schema: Schema) -> dict[str, list[Binding]]:
    return {"annotate": annotate_bindings(schema), "review": review_bindings(schema), "dashboard": list(DASHBOARD)}


def _table(bindings: list[Binding], keymap: dict[str, str]) -> dict[str, list[str]]:
    """Key name → the ids bound to it, after the keymap (ids in binding order)."""
    table: dict[str, list[str]] = defaultdict(list)
    for b in bindings:
        for key in (keymap.get(b.id, b.key) if b.id else b.key).split(","):
            if b.id not in table[key_name(key)]:
                table[key_name(key)].append(b.id or "")
    return table


def _shared(schema: Schema) -> set[frozenset[str]]:
    """The pairs of ids margin itself binds to one key (a mode's key beside the screen's)."""
    pairs: set[frozenset[str]] = set()
    for bindings in _screens(schema).values():
        for ids in _table(bindings, {}).values():
            pairs.update(frozenset((a, b)) for a in ids for b in ids if a != b)
    return pairs


def _where(binding_id: str, schema: Schema, keymap: dict[str, str]) -> str:
    for lab in schema.labels.values():
        if binding_id == tag_id(lab.name) and binding_id not in keymap:
            return f"label {lab.name} (labels.{lab.name}.key)"
    return f"'{binding_id}'" + (f" (keys: {binding_id})" if binding_id in keymap else "")


def _dropped(bindings: list[Binding], keymap: dict[str, str]) -> tuple[str, str, str] | None:
    """(remapped id, its old key, another id on that key): Textual's keymap frees a remapped
    binding's old key of every binding, so one left there would lose it."""
    for b in bindings:
        if b.id not in keymap:
            continue
        for key in map(key_name, b.key.split(",")):
            for other in bindings:
                if other.id not in keymap and key in map(key_name, other.key.split(",")):
                    return b.id, key, other.id or ""
    return None


def key_table_problem(schema: Schema, keymap: dict[str, str]) -> str | None:
    """What is wrong with the key table ``schema`` and ``keymap`` make, or None."""
    screens = _screens(schema)
    ids = {b.id for bindings in screens.values() for b in bindings}
    for bid, keys in keymap.items():
        if bid not in ids:
            return f"keys: {bid!r} is no key of margin's (the ids are in docs/keys.md)"
        if any(not k.strip() for k in keys.split(",")):
            return f"keys: {bid}: {keys!r} has an empty key (keys are separated by commas; ',' itself is 'comma')"
    allowed = _shared(DEFAULT_SCHEMA)
    for screen, bindings in screens.items():
        dropped = _dropped(bindings, keymap)
        if dropped:
            moved, key, other = dropped
            return (f"keys: {moved} moves it off {key!r}, and Textual then drops {_where(other, schema, keymap)} "
                    f"there too on the {screen} screen; give that one another key as well")
        for key, bound in _table(bindings, keymap).items():
            for i, first in enumerate(bound):
                for other in bound[i + 1:]:
                    if frozenset((first, other)) not in allowed:
                        return (f"key {key!r} is both {_where(first, schema, keymap)} and "
                                f"{_where(other, schema, keymap)} on the {screen} screen; give one of them another key")
    return None


def load_keymap(corpus: Corpus) -> dict[str, str]:
    """The ``keys:`` of the corpus's margin.yaml, as key names Textual binds; DataError
    naming margin.yaml when it, or the key table it makes with the schema, is wrong."""
    source = Path(corpus.root) / "margin.yaml"
    keys = load_settings(corpus.root).get("keys") or {}
    if not isinstance(keys, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in keys.items()):
        raise DataError(f"{source}: 'keys' must map binding ids to keys, e.g. tag-actor: T")
    problem = key_table_problem(corpus.schema, keys)
    if problem:
        raise DataError(f"{source}: {one_line(problem)}")
    return {bid: ",".join(key_name(k) for k in keys.split(",")) for bid, keys in keys.items()}
