"""A spokesman or spokeswoman is a role like a spokesperson (issue 23; GUIDELINES: a role without
a name is itself the actor, with its modifiers, ``Coast Guard spokesperson``): ``A Hampshire
Police spokesman said`` gives the role with the body's name as its modifier. And where the
team keeps a group's modifiers, a name the rules found inside them (``Hampshire Police``,
``Coast Guard``) is the modifier, no actor of its own. Generated sentences."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest import suggest
from tui.suggest.conventions import DEFAULTS
from tui.suggest.rules.actors import find_actors

BODIES = st.sampled_from(["Hampshire Police", "Coast Guard", "Red Cross", "Interior Ministry", "Sea-Eye"])
ROLES = st.sampled_from(["spokesman", "spokeswoman", "spokesperson"])
FRAMES = st.sampled_from(["It happened at 8:10 am. A {} said \"We were called.\"",
                          "On Monday, a {} told reporters the toll rose.", "The toll rose, a {} said."])


@settings(max_examples=100, deadline=None)
@given(BODIES, ROLES, FRAMES)
def test_a_bodys_spokesman_is_a_role_with_its_modifier(body, role, frame):
    text = frame.format(f"{body} {role}")
    roles = [m for m in find_actors(text) if text[m.start:m.end] == role]
    assert roles and roles[0].mods == text.index(body)
    kept = {text[sp.start:sp.end] for sp in suggest(text, families=["ACTOR"],
                                                    conventions=replace(DEFAULTS, actor_group_modifiers=True)).spans}
    assert f"{body} {role}" in kept and body not in kept  # the body is the role's modifier there
    apart = {text[sp.start:sp.end] for sp in suggest(text, families=["ACTOR"], conventions=DEFAULTS).spans}
    assert role in apart
