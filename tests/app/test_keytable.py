"""A corpus's margin.yaml (label keys, `keys:` remaps) cannot take a key margin uses, remap
an id that does not exist, or bind a key Textual cannot: each is one line at start, and a
table that passes is one where Textual itself finds every binding reachable."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings, strategies as st
from textual.binding import Binding, BindingsMap

from tui.app.bindings import annotate_bindings, review_bindings
from tui.app.keytable import _screens, key_table_problem
from tui.cli import main
from tui.schema import DEFAULT_SCHEMA, schema_from_dict

IDS = sorted({b.id for bs in _screens(DEFAULT_SCHEMA).values() for b in bs if b.id})
KEYS = st.sampled_from([*string.ascii_letters, *string.digits, *",.;'?/[]-=", "ctrl+z", "space", "f5"])


def _reachable(bindings: list[Binding], keymap: dict[str, str]) -> bool:
    """Textual's own table: every key of every binding is there after the remaps, and no key
    has two bindings that margin's default table does not already share."""
    try:
        bmap = BindingsMap(bindings)
    except Exception:  # Textual refuses the key (',' as a key of its own)
        return False
    wanted = {(key, b.id) for key, bs in bmap.key_to_bindings.items() for b in bs if b.id not in keymap}
    wanted |= {(key, bid) for bid, keys in keymap.items() for key in keys.split(",")
               if any(b.id == bid for b in bindings)}
    if keymap:
        bmap.apply_keymap(keymap)  # a key a remap lands on loses its binding, clash reported or not
    if {(key, b.id) for key, bs in bmap.key_to_bindings.items() for b in bs} != wanted:
        return False
    shared = {frozenset(b.id for b in bs) for bs in BindingsMap(review_bindings(DEFAULT_SCHEMA)).key_to_bindings.values()}
    shared |= {frozenset(b.id for b in bs) for bs in BindingsMap(annotate_bindings(DEFAULT_SCHEMA)).key_to_bindings.values()}
    return all(len(bs) == 1 or frozenset(b.id for b in bs) in shared for bs in bmap.key_to_bindings.values())


def test_margins_own_table_passes():
    assert key_table_problem(DEFAULT_SCHEMA, {}) is None


@settings(max_examples=150, deadline=None)
@given(label_keys=st.lists(st.sampled_from([*string.ascii_letters, *",.;'?/"]), min_size=1, max_size=4, unique=True),
       remaps=st.dictionaries(st.sampled_from(IDS), KEYS, max_size=3))
def test_a_table_passes_exactly_when_textual_reaches_every_binding(label_keys, remaps):
    schema = schema_from_dict({"labels": {f"L{i}": {"key": k} for i, k in enumerate(label_keys)}})
    keymap = {bid: key for bid, key in remaps.items()}
    from tui.app.bindings import key_name

    named = {bid: ",".join(key_name(k) for k in keys.split(",")) for bid, keys in keymap.items()}
    known = {b.id for bs in _screens(schema).values() for b in bs}  # Textual ignores an unknown id
    ok = (set(keymap) <= known and all(k for keys in named.values() for k in keys.split(","))
          and all(_reachable(bs, named) for bs in _screens(schema).values()))
    assert (key_table_problem(schema, keymap) is None) == ok, (label_keys, keymap)


def test_unknown_ids_and_empty_keys_are_named():
    assert "'undoo' is no key of margin's" in key_table_problem(DEFAULT_SCHEMA, {"undoo": "z"})
    assert "empty key" in key_table_problem(DEFAULT_SCHEMA, {"undo": "z,"})


@pytest.fixture
def no_terminal_needed(monkeypatch):
    """The commands as in a terminal, but an app that got past its checks does not run."""
    import tui.app.terminal
    from textual.app import App

    monkeypatch.setattr(tui.app.terminal, "needs_terminal", lambda what: None)
    monkeypatch.setattr(App, "run", lambda self, *a, **k: None)


def test_a_label_on_a_motion_key_stops_margin_with_one_line(corpus_dir, capsys, no_terminal_needed):
    (corpus_dir / "margin.yaml").write_text(
        "labels:\n  ACTOR: {key: a}\n  LOCATION: {}\n", encoding="utf-8")  # LOCATION's default key is l
    assert main(["annotate", "--corpus", str(corpus_dir), "--annotator", "alice"]) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "margin.yaml" in err
    assert "label LOCATION (labels.LOCATION.key)" in err and "'next-token'" in err


def test_a_remap_onto_a_used_key_stops_the_dashboard_too(corpus_dir, capsys, no_terminal_needed):
    (corpus_dir / "margin.yaml").write_text("keys: {tag-actor: A}\n", encoding="utf-8")  # A accepts all
    assert main(["dashboard", "--corpus", str(corpus_dir)]) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "'accept-all'" in err and "keys: tag-actor" in err


def test_validate_names_the_clash_before_anyone_opens_the_app(corpus_dir, capsys):
    (corpus_dir / "margin.yaml").write_text("labels:\n  ACTOR: {key: a}\n  METRIC: {key: m}\n", encoding="utf-8")
    assert main(["validate", "--corpus", str(corpus_dir)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "label METRIC (labels.METRIC.key)" in err and "'next-mention'" in err
