"""The one key table of the annotate screen. Every binding has an id, so `keys:` in
margin.yaml can remap it (``App.set_keymap``); the help screen and the command palette
are generated from it."""

from __future__ import annotations

from textual.binding import Binding

from ..schema import Schema

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
    Binding("L,shift+right", "grow('end')", "Grow at end", show=False, id="grow-end"),
    Binding("H,shift+left", "grow('start')", "Grow at start", show=False, id="grow-start"),
    Binding("ctrl+right", "shrink('start')", "Shrink from start", show=False, id="shrink-start"),
    Binding("ctrl+left", "shrink('end')", "Shrink from end", show=False, id="shrink-end"),
    Binding("v", "char_mode", "Char mode", show=False, id="char-mode"),
    Binding("tab", "jump_span(1)", "Next span", show=False, id="next-span", priority=True),
    Binding("shift+tab", "jump_span(-1)", "Prev span", show=False, id="prev-span", priority=True),
    Binding("space", "next_unannotated", "Next untagged sentence", show=False, id="next-untagged"),
]

EDIT = [
    Binding("x,delete", "delete_span", "Delete", id="delete-span"),
    Binding("e", "edit_attrs", "Attrs", id="edit-attrs"),
    Binding("semicolon", "edit_note", "Note", show=False, id="edit-note"),
    Binding("r", "relate", "Attribute", id="relate"),
    Binding("u,ctrl+z", "undo", "Undo", id="undo"),
    Binding("U,ctrl+y", "redo", "Redo", show=False, id="redo"),
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
    Binding("ctrl+s", "save", "Save", id="save"),
    Binding("ctrl+o", "switch_focus", "Panel", show=False, id="switch-focus"),
    Binding("question_mark", "help", "Help", id="help"),
    Binding("q", "quit_app", "Quit", id="quit"),
]

SUGGEST = [
    Binding("S", "suggest", "Show/hide suggestions", show=False, id="suggest"),
    Binding("enter", "accept_ghost", "Accept suggestion", show=False, id="accept-suggestion"),
    Binding("backspace", "reject_ghost", "Reject suggestion", show=False, id="reject-suggestion"),
    Binding("A", "accept_all_ghosts", "Accept all of label", show=False, id="accept-all"),
]


def label_bindings(schema: Schema) -> list[Binding]:
    """One tag binding per label of the schema (a/f/c by default)."""
    return [
        Binding(lab.key, f"tag('{lab.name}')", lab.name.title(), id=f"tag-{lab.name.lower()}",
                tooltip=f"Tag the selection as {lab.name} (again on the same span removes it)")
        for lab in schema.labels.values()
    ]


def annotate_bindings(schema: Schema) -> list[Binding]:
    return [*label_bindings(schema), *EDIT, *SEARCH, *DOCS, *MOVE, *SUGGEST]


GROUPS = [("Tag", None), ("Edit", EDIT), ("Search", SEARCH), ("Documents & files", DOCS),
          ("Move & select", MOVE), ("Suggestions", SUGGEST)]
