"""The one key table of both screens. Every binding has an id, so `keys:` in margin.yaml
can remap it (``App.set_keymap``); the footer, the help screen, the command palette and
``docs/keys.md`` (``python -m tui.app.bindings``) are generated from it."""

from __future__ import annotations

import dataclasses
import sys

from textual.binding import Binding
from textual.keys import _character_to_key, format_key

from tui.schema import DEFAULT_SCHEMA, Schema

DIGITS = Binding.Group("count", compact=True)
ACCEPT_N = Binding.Group("accept", compact=True)

ALWAYS = [  # first, so the narrowest footer still shows them
    Binding("question_mark", "help", "Help", id="help"),
    Binding("q", "quit_app", "Quit", id="quit"),
]

MOVE = [
    Binding("l,right", "move('token', 1)", "Next token", show=False, id="next-token"),
    Binding("h,left", "move('token', -1)", "Previous token", show=False, id="prev-token"),
    Binding("j,down", "move('line', 1)", "Next line", show=False, id="next-line"),
    Binding("k,up", "move('line', -1)", "Previous line", show=False, id="prev-line"),
    Binding("right_parenthesis", "move('sentence', 1)", "Next sentence", show=False, id="next-sentence"),
    Binding("left_parenthesis", "move('sentence', -1)", "Previous sentence", show=False, id="prev-sentence"),
    Binding("pagedown", "move('page', 1)", "Page down", show=False, id="page-down"),
    Binding("pageup", "move('page', -1)", "Page up", show=False, id="page-up"),
    Binding("g,home", "move('doc', -1)", "Start of article", show=False, id="doc-start"),
    Binding("G,end", "move('doc', 1)", "End of article", show=False, id="doc-end"),
    Binding("m", "move('mention', 1)", "Next name or number", show=False, id="next-mention"),
    Binding("M", "move('mention', -1)", "Previous name or number", show=False, id="prev-mention"),
    Binding("w", "jump", "Jump (type the label shown)", show=False, id="jump"),
    Binding("tab", "jump_span(1)", "Next span", show=False, id="next-span", priority=True),
    Binding("shift+tab", "jump_span(-1)", "Prev span", show=False, id="prev-span", priority=True),
    Binding("space", "next_unannotated", "Next untagged sentence", show=False, id="next-untagged"),
]

#: grow/shrink move the selection's edges, or the edges of the span it is on (resize)
RESIZE = [
    Binding("L,shift+right", "grow('end')", "Grow at end", show=False, id="grow-end"),
    Binding("H,shift+left", "grow('start')", "Grow at start", show=False, id="grow-start"),
    Binding("ctrl+right", "shrink('start')", "Shrink from start", show=False, id="shrink-start"),
    Binding("ctrl+left", "shrink('end')", "Shrink from end", show=False, id="shrink-end"),
]

REACH = [
    Binding("comma", "extend('clause')", "Extend to the end of the clause", show=False, id="extend-clause"),
    Binding("full_stop", "extend('sentence')", "Extend to the end of the sentence", show=False,
            id="extend-sentence"),
    Binding("quotation_mark", "extend('quote')", "Extend to the end of the quotation", show=False,
            id="extend-quote"),
    Binding("s", "whole('sentence')", "Select the whole sentence", show=False, id="select-sentence"),
    Binding("apostrophe", "whole('quote')", "Select the whole quotation", show=False, id="select-quote"),
    Binding("v", "char_mode", "Char mode", show=False, id="char-mode"),
    *(Binding(str(i), f"digit({i})", "Count / choose", show=False, id=f"digit-{i}", group=DIGITS)
      for i in range(10)),
]

EDIT = [
    Binding("x,delete", "delete_span", "Delete", id="delete-span"),
    Binding("e", "edit_attrs", "Attrs", id="edit-attrs"),
    Binding("semicolon", "edit_note", "Note", show=False, id="edit-note"),
    Binding("r", "relate", "Attribute", id="relate"),
    Binding("u,ctrl+z", "undo", "Undo", id="undo"),
    Binding("U,ctrl+y", "redo", "Redo", show=False, id="redo"),
    Binding("escape", "cancel", "Cancel", show=False, id="cancel"),
]

SEARCH = [
    Binding("slash", "search", "Search", id="search"),
    Binding("n", "next_match(1)", "Next match", show=False, id="next-match"),
    Binding("N", "next_match(-1)", "Prev match", show=False, id="prev-match"),
]

DOCS = [
    Binding("right_square_bracket", "switch_doc(1)", "Next doc", show=False, id="next-doc"),
    Binding("left_square_bracket", "switch_doc(-1)", "Prev doc", show=False, id="prev-doc"),
    Binding("ctrl+f", "pick_doc", "Documents", show=False, id="pick-doc"),
    Binding("d", "toggle_done", "Done", id="toggle-done"),
    Binding("ctrl+s", "save", "Save", show=False, id="save"),
    Binding("ctrl+o", "switch_focus", "Panel", show=False, id="switch-focus"),
    Binding("p", "toggle_panel", "Show article or panel (small screens)", show=False, id="toggle-panel"),
]

SUGGEST = [
    Binding("S", "suggest", "Show/hide suggestions", show=False, id="suggest"),
    Binding("enter", "accept_ghost", "Accept suggestion (stay on it)", show=False, id="accept-suggestion"),
    Binding("y", "accept_next_ghost", "Accept suggestion, go to the next", show=False, id="accept-next"),
    Binding("backspace", "reject_ghost", "Reject suggestion", show=False, id="reject-suggestion"),
    Binding("A", "accept_all_ghosts", "Accept all of label", show=False, id="accept-all"),
]


def key_name(key: str) -> str:
    """The name Textual gives the key a character types (``?`` → ``question_mark``, ``,``
    → ``comma``: a binding of ``,`` itself would be two empty keys); a name is its own."""
    key = key.strip()
    return _character_to_key(key) if len(key) == 1 else key


def tag_id(label: str) -> str:
    """The binding id of a label's tag key (``tag-actor``): what ``keys:`` remaps."""
    return f"tag-{label.lower()}"


def label_bindings(schema: Schema) -> list[Binding]:
    """One tag binding per label of the schema (a/f/c by default)."""
    return [
        Binding(key_name(lab.key), f"tag('{lab.name}')", lab.name.title(), id=tag_id(lab.name),
                tooltip=f"Tag the selection as {lab.name} (again on the same span removes it)")
        for lab in schema.labels.values()
    ]


def annotate_bindings(schema: Schema) -> list[Binding]:
    return [*ALWAYS, *label_bindings(schema), *EDIT, *SEARCH, *DOCS, *MOVE, *RESIZE, *REACH, *SUGGEST]


def annotate_help(schema: Schema) -> list[tuple[str, list[Binding]]]:
    return [("Tag", label_bindings(schema)), ("Edit", EDIT), ("Search", SEARCH),
            ("Documents & files", [*DOCS, *ALWAYS]), ("Move", MOVE), ("Select & resize", [*RESIZE, *REACH]),
            ("Suggestions", SUGGEST)]


# --------------------------------------------------------------------------- review


def _pick(bindings: list[Binding], *ids: str) -> list[Binding]:
    by_id = {b.id: b for b in bindings}
    return [by_id[i] for i in ids]


DECIDE = [
    Binding("n", "go(1)", "Next open", id="next-disagreement"),
    Binding("N", "go(-1)", "Prev open", id="prev-disagreement"),
    Binding("tab", "go(1, False)", "Next item (decided ones too)", show=False, id="next-item", priority=True),
    Binding("shift+tab", "go(-1, False)", "Previous item (decided ones too)", show=False, id="prev-item",
            priority=True),
    *(Binding(str(i), f"accept({i - 1})", "Accept candidate N", id=f"accept-{i}", group=ACCEPT_N,
              tooltip="Accept candidate N (1-9): gold gets it and nothing else from here")
      for i in range(1, 10)),
    Binding("j,down", "highlight(1)", "Next candidate", show=False, id="next-candidate"),
    Binding("k,up", "highlight(-1)", "Previous candidate", show=False, id="prev-candidate"),
    Binding("enter", "accept_highlighted", "Accept the highlighted candidate", show=False, id="accept-highlighted"),
    Binding("plus", "accept_highlighted(True)", "Add the highlighted candidate (keep what gold has)",
            show=False, id="add-candidate"),
    Binding("x", "reject", "Reject", id="reject"),
    Binding("X", "reject_why", "Reject, saying why", show=False, id="reject-why"),
    Binding("e", "edit", "Edit", id="edit-candidate"),
    Binding("o", "reopen", "Reopen (undecided again)", show=False, id="reopen"),
    *_pick(EDIT, "undo", "redo"),
    Binding("pagedown", "page(1)", "Scroll the article down", show=False, id="page-down"),
    Binding("pageup", "page(-1)", "Scroll the article up", show=False, id="page-up"),
]

DRAW = [  # a span or relation no candidate has: the annotator's keys
    Binding("l,right", "move(1)", "Select the next token (then a label key adds a span no one drew)",
            show=False, id="review-next-token"),
    Binding("h,left", "move(-1)", "Select the previous token", show=False, id="review-prev-token"),
    Binding("r", "link", "Link the current gold span (a relation no one drew)", show=False, id="review-link"),
]

EDITING = [
    *RESIZE,
    Binding("e", "edit_attrs", "Attrs", id="edit-attrs"),
    Binding("semicolon", "edit_note", "Note", id="edit-note"),
    Binding("enter", "apply_edit", "Accept edited", id="apply-edit"),
    *_pick(EDIT, "cancel"),
]

FILES = [
    Binding("d", "mark_done", "Done", id="mark-done"),
    *_pick(DOCS, "save"),
]


def review_bindings(schema: Schema) -> list[Binding]:
    # the label keys add or relabel a span here: the status line and the draft name them, and
    # at 80 columns the footer keeps the decision keys instead (the key bar never drops tag keys)
    quiet_labels = [dataclasses.replace(b, show=False) for b in label_bindings(schema)]
    return [*ALWAYS, *DECIDE, *DRAW, *quiet_labels, *EDITING, *FILES]


def review_help(schema: Schema) -> list[tuple[str, list[Binding]]]:
    return [("Decide", DECIDE),
            ("Add what nobody drew: select with h/l and H/L, then a label key", [*DRAW, *label_bindings(schema)]),
            ("Edit a candidate (after e)", [*EDITING, *label_bindings(schema)]),
            ("File", [*FILES, *ALWAYS])]


# --------------------------------------------------------------------------- showing keys


def key_names(binding: Binding, keymap: dict[str, str], display) -> str:
    """The keys of ``binding`` as the user sees them (remapped ones included)."""
    keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
    return ", ".join(display(k) for k in keys.split(","))


def help_rows(groups: list[tuple[str, list[Binding]]], keymap: dict[str, str],
              display) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """(title, [(keys, description, id)]) per group; a binding group (1-9) is one row."""
    out = []
    for title, bindings in groups:
        rows: list[tuple[str, str, str]] = []
        seen_groups = set()
        for b in bindings:
            if b.group is not None:
                if b.group in seen_groups:
                    continue
                seen_groups.add(b.group)
                members = [x for x in bindings if x.group == b.group]
                shown = f"{key_names(members[0], keymap, display)}-{key_names(members[-1], keymap, display)}"
                rows.append((shown, b.tooltip or b.description, f"{members[0].id}…{members[-1].id}"))
                continue
            rows.append((key_names(b, keymap, display), b.description, b.id or ""))
        out.append((title, rows))
    return out


def display_key(key: str) -> str:
    """A key as Textual's footer shows it (``App.get_key_display`` without an app)."""
    *modifiers, name = key.split("+")
    name = format_key(name)
    if "ctrl" in modifiers:
        modifiers.remove("ctrl")
        name = f"^{name}"
    return "+".join([*modifiers, name])


def keys_markdown(schema: Schema = DEFAULT_SCHEMA) -> str:
    """docs/keys.md: both screens' keys with the default schema and no remapping."""
    lines = ["# Keys", "",
             "Generated from `tui/app/bindings.py` (`python -m tui.app.bindings > docs/keys.md`);",
             "a test keeps the two equal. Remap any key by its id under `keys:` in `margin.yaml`,",
             "e.g. `keys: {tag-actor: T, undo: z}`; a key bound twice on one screen (a label's",
             "key included) is refused when margin starts.", ""]
    for screen, groups in (("Annotate (`margin annotate`)", annotate_help(schema)),
                           ("Review (`margin review`)", review_help(schema))):
        lines += [f"## {screen}", ""]
        for title, rows in help_rows(groups, {}, display_key):
            lines += [f"### {title}", "", "| keys | what | id |", "| --- | --- | --- |"]
            lines += [f"| `{keys}` | {what} | `{bid}` |" for keys, what, bid in rows]
            lines.append("")
    lines += ["## Dashboard (`margin dashboard`, see [team.md](team.md))", "",
              "`↑`/`↓` move in the list of documents with most disagreement, `enter` reviews the",
              "highlighted one (`dash-review`; `q` in the review comes back), `r` recomputes",
              "(`dash-reload`), `?` help, `q` quits.", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(keys_markdown())
